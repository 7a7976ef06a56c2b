// `npm test`: build the CLI (end-to-end tests run the compiled bin), then run every test with mocha:
// the unit tests in parallel workers, the end-to-end and moto tests two at a time, then the
// reliability and process tests one file after another.
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

/** One mocha run; resolves with its exit code and its summary line (undefined when it printed none). */
function runMocha(selection, extra, { quiet = false } = {}) {
  return new Promise((resolveRun) => {
    const mocha = spawn('npx', ['mocha', ...selection, ...extra, ...mochaArgs], { stdio: ['inherit', 'pipe', 'inherit'] });
    let tail = '';
    mocha.stdout.on('data', (chunk) => {
      const text = chunk.toString();
      tail = (tail + text).slice(-2000);
      // The summary line of an intermediate run is replaced by the combined one.
      process.stdout.write(quiet ? text.replace(SUMMARY, '') : text);
    });
    mocha.on('close', (code, signal) => resolveRun({ code: code ?? (signal ? 1 : 0), summary: SUMMARY.exec(tail)?.[0] }));
  });
}

const counts = (summary) => (summary ?? '').match(/\d+/g)?.map(Number) ?? [0, 0, 0];

// Unit test files share nothing but temporary directories, so they run in one worker per core: a
// file waiting on timers (the SDK's retry back-off in test/sandbox/faults.test.ts) no longer holds
// up the others. The end-to-end and moto files are the same (each its own directory, sandbox file
// and free port) and mostly wait on the processes they start, so they run two at a time: the suite
// took 9.8 minutes with them in series, close to its 10-minute budget. reliability/ and processes/
// stay serial: they kill processes at chosen instants and count what survived, which another
// file's load would disturb. `npm test` runs the parts one after the other and prints one summary line.
const parallel = ['--parallel', '--jobs', String(Math.max(2, availableParallelism()))];
const unitSelection = [ALL_TESTS, ...SLOW_FOLDERS.flatMap((folder) => ['--ignore', folder])];
const PROCESS_FOLDERS = ['test/e2e/**', 'test/moto/**'];
const SERIAL_FOLDERS = SLOW_FOLDERS.filter((folder) => !PROCESS_FOLDERS.includes(folder));

let result;
if (namesTests) {
  result = await runMocha([], []);
  if (!result.summary) process.stdout.write('\nmocha stopped before reporting.\n0 passed, 1 failed\n');
} else if (unit) {
  result = await runMocha(unitSelection, parallel);
  if (!result.summary) process.stdout.write('\nmocha stopped before reporting.\n0 passed, 1 failed\n');
} else {
  const runs = [
    await runMocha(unitSelection, parallel, { quiet: true }),
    await runMocha(PROCESS_FOLDERS.map((folder) => `${folder}/*.test.ts`), ['--parallel', '--jobs', '2'], { quiet: true }),
    await runMocha(SERIAL_FOLDERS.map((folder) => `${folder}/*.test.ts`), [], { quiet: true }),
  ];
  const totals = runs.map((run) => counts(run.summary)).reduce((sum, c) => sum.map((n, i) => n + (c[i] ?? 0)), [0, 0, 0]);
  const missing = runs.filter((run) => !run.summary).length;
  if (missing > 0) process.stdout.write('\nmocha stopped before reporting.\n');
  const [passed, failed, skipped] = totals;
  process.stdout.write(`\n${passed} passed, ${failed + missing} failed${skipped > 0 ? `, ${skipped} skipped` : ''}\n`);
  result = { code: runs.find((run) => run.code !== 0)?.code ?? (missing > 0 ? 1 : 0) };
}
process.exit(result.code);
