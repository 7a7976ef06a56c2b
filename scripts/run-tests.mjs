// `npm test`: build the CLI (end-to-end tests run the compiled bin), then run every test with mocha.
// `npm run test:unit` (this script with --unit): no build, and only the folders whose tests need
// neither the built CLI nor moto — the minute-long loop of development.
// Other arguments go to mocha; test files among them replace the default selection, e.g.
// `npm test -- test/config/hcl-parser.test.ts` or `npm run test:unit -- --grep lexer`.
// CI reads the last line, "N passed, N failed[, N skipped]": the reporter prints it, and when
// mocha dies before reporting (a test file that does not load) this script prints it instead.
import { spawn, spawnSync } from 'node:child_process';
import { availableParallelism } from 'node:os';

const SUMMARY = /^\d+ passed, \d+ failed(, \d+ skipped)?$/m;
const ALL_TESTS = 'test/**/*.test.ts';
/**
 * Folders left out of the unit run: e2e/ runs the built CLI (bin/bkp.js, `bkp sandbox serve`),
 * reliability/ kills and restarts it hundreds of times, moto/ starts moto (python3 -m moto.server),
 * processes/ runs and kills many Node processes against one file.
 */
const SLOW_FOLDERS = ['test/e2e/**', 'test/reliability/**', 'test/moto/**', 'test/processes/**'];

const args = process.argv.slice(2);
const unit = args.includes('--unit');
const mochaArgs = args.filter((arg) => arg !== '--unit');
const namesTests = mochaArgs.some((arg) => arg.startsWith('test/') || arg.endsWith('.test.ts'));

if (!unit) {
  const build = spawnSync('npm', ['run', '-s', 'build'], { stdio: 'inherit' });
  if (build.status !== 0) {
    process.stdout.write('\nThe build failed.\n0 passed, 1 failed\n');
    process.exit(build.status ?? 1);
  }
}

const selection = namesTests ? [] : [ALL_TESTS, ...(unit ? SLOW_FOLDERS.flatMap((folder) => ['--ignore', folder]) : [])];
// Unit test files share nothing but temporary directories, so they run in one worker per core: a
// file waiting on timers (the SDK's retry back-off in test/sandbox/faults.test.ts) no longer holds
// up the others. The full run stays serial: its end-to-end suites run processes of their own.
const workers = unit ? ['--parallel', '--jobs', String(Math.max(2, availableParallelism()))] : [];
const mocha = spawn('npx', ['mocha', ...selection, ...workers, ...mochaArgs], { stdio: ['inherit', 'pipe', 'inherit'] });
let tail = '';
mocha.stdout.on('data', (chunk) => {
  process.stdout.write(chunk);
  tail = (tail + chunk.toString()).slice(-2000);
});
mocha.on('close', (code, signal) => {
  if (!SUMMARY.test(tail)) process.stdout.write('\nmocha stopped before reporting.\n0 passed, 1 failed\n');
  process.exit(code ?? (signal ? 1 : 0));
});
