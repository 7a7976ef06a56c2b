// `npm test`: build the CLI (end-to-end tests run the compiled bin), then run mocha.
// Extra arguments go to mocha, e.g. `npm test -- test/config/*.test.ts`.
import { spawnSync } from 'node:child_process';

const run = (cmd, args) => spawnSync(cmd, args, { stdio: 'inherit', shell: false });
const build = run('npm', ['run', '-s', 'build']);
if (build.status !== 0) {
  process.stdout.write('\n0 passed, 1 failed\n');
  process.exit(build.status ?? 1);
}
const mocha = run('npx', ['mocha', ...process.argv.slice(2)]);
process.exit(mocha.status ?? 1);
