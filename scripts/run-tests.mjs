// `npm test`: build the CLI (end-to-end tests run the compiled bin), then run mocha.
// Extra arguments go to mocha, e.g. `npm test -- test/config/*.test.ts`.
// CI reads the last line, "N passed, N failed[, N skipped]": the reporter prints it, and when
// mocha dies before reporting (a test file that does not load) this script prints it instead.
import { spawn, spawnSync } from 'node:child_process';

const SUMMARY = /^\d+ passed, \d+ failed(, \d+ skipped)?$/m;

const build = spawnSync('npm', ['run', '-s', 'build'], { stdio: 'inherit' });
if (build.status !== 0) {
  process.stdout.write('\nThe build failed.\n0 passed, 1 failed\n');
  process.exit(build.status ?? 1);
}

const mocha = spawn('npx', ['mocha', ...process.argv.slice(2)], { stdio: ['inherit', 'pipe', 'inherit'] });
let tail = '';
mocha.stdout.on('data', (chunk) => {
  process.stdout.write(chunk);
  tail = (tail + chunk.toString()).slice(-2000);
});
mocha.on('close', (code, signal) => {
  if (!SUMMARY.test(tail)) process.stdout.write('\nmocha stopped before reporting.\n0 passed, 1 failed\n');
  process.exit(code ?? (signal ? 1 : 0));
});
