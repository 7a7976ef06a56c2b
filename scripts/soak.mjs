// `npm run soak`: the reliability suites (test/reliability) at a larger size, with their figures
// added up. BKP_RELIABILITY_SCALE=N sets the size (default 10: ten times the seeds, kill points
// and fuzz inputs `npm test` runs); extra arguments go to mocha.
// Prints each suite's figures and the totals; exits non-zero when a test failed.
// `npm run soak -- --rounds=N [--resources=200 --minutes=M --seed=S --no-edit]` runs issue 22's
// create-intent rounds instead (scripts/soak-rounds.mjs): interrupted applies of a large sandbox
// configuration, an edit, and counts of duplicates, unreported orphans, torn files, non-convergence.
import { spawn, spawnSync } from 'node:child_process';
import { parseRoundOptions, runRounds } from './soak-rounds.mjs';

const PREFIX = 'bkp-reliability ';
const scale = process.env.BKP_RELIABILITY_SCALE ?? '10';
const args = process.argv.slice(2);
const roundsMode = args.some((arg) => arg.startsWith('--rounds'));
let roundOptions;
if (roundsMode) {
  try {
    roundOptions = parseRoundOptions(args);
  } catch (e) {
    process.stderr.write(`${e.message}\n`);
    process.exit(2);
  }
}

const build = spawnSync('npm', ['run', '-s', 'build'], { stdio: 'inherit' });
if (build.status !== 0) process.exit(build.status ?? 1);
if (roundsMode) process.exit((await runRounds(roundOptions)) ? 0 : 1);

const started = Date.now();
const mocha = spawn(
  'npx',
  ['mocha', '--no-config', '--node-option', 'import=tsx', '--timeout', '600000', 'test/reliability/**/*.test.ts', ...args],
  { stdio: ['inherit', 'inherit', 'pipe'], env: { ...process.env, BKP_RELIABILITY_SCALE: scale } },
);
const suites = [];
let pending = '';
mocha.stderr.on('data', (chunk) => {
  pending += chunk.toString();
  const lines = pending.split('\n');
  pending = lines.pop() ?? '';
  for (const line of lines) {
    if (line.startsWith(PREFIX)) suites.push(JSON.parse(line.slice(PREFIX.length)));
    else process.stderr.write(`${line}\n`);
  }
});
mocha.on('close', (code) => {
  const totals = {};
  for (const suite of suites) {
    for (const [key, value] of Object.entries(suite)) if (typeof value === 'number') totals[key] = (totals[key] ?? 0) + value;
  }
  const keys = Object.keys(totals);
  const row = (cells) => `| ${cells.join(' | ')} |`;
  process.stdout.write(`\nReliability figures (BKP_RELIABILITY_SCALE=${scale}, ${Math.round((Date.now() - started) / 1000)} s):\n\n`);
  process.stdout.write(`${row(['suite', ...keys])}\n${row(['---', ...keys.map(() => '---:')])}\n`);
  for (const suite of suites) process.stdout.write(`${row([suite.suite, ...keys.map((k) => String(suite[k] ?? 0))])}\n`);
  process.stdout.write(`${row(['**total**', ...keys.map((k) => `**${totals[k]}**`)])}\n`);
  const broken = (totals.duplicates ?? 0) + (totals.stateFilesLost ?? 0) + (totals.deleteRecoveryPointCalls ?? 0);
  if (broken > 0) process.stdout.write('\nDuplicates, lost state files or DeleteRecoveryPoint calls were found: see above.\n');
  process.exit(code === 0 && broken === 0 ? 0 : 1);
});
