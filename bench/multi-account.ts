// Benchmark (issue 21): a no-change plan across accounts and regions. 100 accounts × 2 regions ×
// 50 resources (10,000 resources) on the sandbox, one account file per account and one provider
// block per account and region (lib/multi-account-config.ts). The first apply is the setup (at
// 0 ms, cached under bench/out/cache/ by the configuration's text; a cached account that no longer
// plans clean is applied again). Then the whole `bkp plan -detailed-exitcode` process at 20 ms
// injected per call (BKP_SANDBOX_FAULTS=latency_ms=20), parallelism 10: wall, CPU, peak RSS and
// API calls, beside the list-call floor (lib/floor.ts: the calls that cannot be avoided, and their
// time at 20 ms over 10 parallel calls). --quick: 10 accounts.
//
//   npm run bench -- --only=accounts [--quick] [--fresh-setup]
import { createHash } from 'node:crypto';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { StateDocument } from '../src/state/model.js';
import { tail } from './lib/child.js';
import { countedBkp, type CountedRun } from './lib/counted-run.js';
import { REPO_ROOT } from './lib/dist.js';
import { warmUp } from './lib/account-clients.js';
import { fromDist } from './lib/dist.js';
import { computedFloor } from './lib/floor.js';
import { floorRefresh } from './lib/refresh-baselines.js';
import { writeConfig } from './lib/generate-config.js';
import { multiAccountConfig, type MultiAccountConfig } from './lib/multi-account-config.js';
import { benchOptions, goal, progress, startReport, table } from './lib/report.js';
import { count, median, mebibytes, seconds, times } from './lib/stats.js';

const LATENCY_MS = 20;
const PARALLELISM = 10;
const WALL_GOAL_MS = 30_000;
const FLOOR_RATIO_GOAL = 1.5;
const RSS_GOAL_BYTES = 500 * 1000 * 1000;
/** Bump when the cached setup's layout changes. */
const CACHE_VERSION = 1;

const { loadConfig } = await fromDist<typeof import('../src/app/configuration.js')>('app/configuration.js');
const options = benchOptions();
const accounts = options.quick ? 10 : 100;
const planRuns = options.quick ? 1 : 2;
const fresh = options.extra.has('fresh-setup');

const ACCOUNT_FILES = (dir: string) => ['bkp.state.json', ...readdirSync(join(dir, '.bkp')).map((f) => join('.bkp', f))];

function copyAccounts(from: string, to: string): void {
  mkdirSync(join(to, '.bkp'), { recursive: true });
  for (const file of ACCOUNT_FILES(from)) cpSync(join(from, file), join(to, file));
}

/** The cache of this configuration's first apply: its accounts do not depend on the build that made them. */
function cacheDir(config: MultiAccountConfig): string {
  const hash = createHash('sha256').update(String(CACHE_VERSION));
  for (const [name, text] of config.files) hash.update(name).update(text);
  return join(REPO_ROOT, 'bench', 'out', 'cache', `accounts-${config.accounts}-${hash.digest('hex').slice(0, 16)}`);
}

interface Setup {
  dir: string;
  /** The first apply, when this run made it. */
  apply?: CountedRun;
}

async function applyAccounts(dir: string, cache: string): Promise<CountedRun> {
  progress(`accounts: first apply of ${accounts} accounts (setup, 0 ms per call)`);
  rmSync(join(dir, '.bkp'), { recursive: true, force: true });
  rmSync(join(dir, 'bkp.state.json'), { force: true });
  const run = await countedBkp(['apply', '-auto-approve', '-no-color', `-parallelism=${PARALLELISM}`], { cwd: dir, latencyMs: 0 });
  if (run.exitCode !== 0) throw new Error(`bkp apply of the generated accounts failed (exit ${run.exitCode}):\n${tail(run.stderr || run.stdout)}`);
  progress(`accounts: first apply ${seconds(run.wallMs)}, ${count(run.totalCalls)} API calls, peak RSS ${run.peakRssBytes === undefined ? 'n/a' : mebibytes(run.peakRssBytes)}`);
  rmSync(cache, { recursive: true, force: true });
  copyAccounts(dir, cache);
  writeFileSync(join(cache, 'setup.json'), `${JSON.stringify({ appliedAt: new Date().toISOString(), wallMs: run.wallMs, calls: run.totalCalls })}\n`);
  return run;
}

async function prepare(config: MultiAccountConfig): Promise<Setup> {
  const dir = mkdtempSync(join(tmpdir(), 'bkp-bench-accounts-'));
  writeConfig(dir, { files: config.files } as Parameters<typeof writeConfig>[1]);
  const cache = cacheDir(config);
  if (!fresh && existsSync(join(cache, 'setup.json'))) {
    copyAccounts(cache, dir);
    progress(`accounts: reusing the accounts applied at ${(JSON.parse(readFileSync(join(cache, 'setup.json'), 'utf8')) as { appliedAt: string }).appliedAt} (--fresh-setup to apply again)`);
    return { dir };
  }
  return { dir, apply: await applyAccounts(dir, cache) };
}

async function plans(dir: string): Promise<CountedRun[]> {
  const runs: CountedRun[] = [];
  for (let i = 0; i < planRuns; i++) {
    const run = await countedBkp(['plan', '-detailed-exitcode', '-no-color', `-parallelism=${PARALLELISM}`], { cwd: dir, latencyMs: LATENCY_MS });
    progress(`accounts: bkp plan ${i + 1}/${planRuns}: ${seconds(run.wallMs)}, exit ${run.exitCode}, ${count(run.totalCalls)} API calls, peak RSS ${run.peakRssBytes === undefined ? 'n/a' : mebibytes(run.peakRssBytes)}`);
    runs.push(run.exitCode === 0 ? { ...run, stdout: '', stderr: '' } : run);
  }
  return runs;
}

const { report, finish } = startReport('accounts', `Plans across accounts and regions: ${accounts} accounts × 2 regions × 50 resources (issue 21)`);
const config = multiAccountConfig(accounts);
let setup = await prepare(config);
try {
  let runs = await plans(setup.dir);
  if (setup.apply === undefined && runs.some((r) => r.exitCode !== 0)) {
    progress('accounts: the cached accounts did not plan clean; applying again');
    setup = { dir: setup.dir, apply: await applyAccounts(setup.dir, cacheDir(config)) };
    runs = await plans(setup.dir);
  }
  const failed = runs.find((r) => r.exitCode !== 0);
  if (failed) throw new Error(`the no-change plan exited ${failed.exitCode}:\n${tail(failed.stderr || failed.stdout)}`);

  const state = JSON.parse(readFileSync(join(setup.dir, 'bkp.state.json'), 'utf8')) as StateDocument;
  const floorCalls = computedFloor(state.resources);
  const floorMs = (floorCalls * LATENCY_MS) / PARALLELISM;
  // The floor's calls executed in-process against the same account files, latency and parallelism
  // (as the scale matrix does): what the list calls alone cost here, the sandbox's own work included.
  const loaded = await loadConfig({ dir: setup.dir, env: {} });
  if (!loaded.config) throw new Error('the generated configuration does not load');
  const inputs = { config: loaded.config, resources: state.resources, lineage: state.lineage, parallelism: PARALLELISM, latencyMs: LATENCY_MS };
  await warmUp(inputs.config);
  const executedFloor = await floorRefresh(inputs);
  progress(`accounts: floor executed in-process: ${seconds(executedFloor.wallMs)}, ${count(executedFloor.total)} calls`);
  const wallMs = median(runs.map((r) => r.wallMs));
  const cpu = runs.flatMap((r) => (r.cpuMs === undefined ? [] : [r.cpuMs]));
  const rss = runs.flatMap((r) => (r.peakRssBytes === undefined ? [] : [r.peakRssBytes]));
  const peakRss = rss.length > 0 ? Math.max(...rss) : undefined;
  const calls = runs[0]!.totalCalls;
  const scope = options.quick ? ' (quick: 10 accounts; the goals are stated for 100)' : '';

  report.goals.push(
    goal(`${count(config.resources)} resources in ${config.locations} locations: no-change plan wall (median of ${runs.length})${scope}`, seconds(wallMs), '< 30 s', wallMs < WALL_GOAL_MS),
    // As the scale matrix states its floor goal (bench/RESULTS.md "API calls / physical floor"): calls.
    goal(`no-change plan API calls ÷ list-call floor (${count(floorCalls)} calls)${scope}`, times(calls / floorCalls), `≤ ${FLOOR_RATIO_GOAL}×`, calls <= FLOOR_RATIO_GOAL * floorCalls),
    goal(`no-change plan peak RSS${scope}`, peakRss === undefined ? 'n/a' : mebibytes(peakRss), '< 500 MB', peakRss === undefined ? null : peakRss < RSS_GOAL_BYTES, peakRss === undefined ? 'GNU time not available' : undefined),
  );
  report.sections.push(
    table(
      ['measure', 'value'],
      [
        ['accounts × regions (provider blocks)', `${accounts} × 2 (${config.locations})`],
        ['resources', count(config.resources)],
        ['injected latency, parallelism', `${LATENCY_MS} ms, ${PARALLELISM}`],
        ['no-change plan wall (each run)', runs.map((r) => seconds(r.wallMs)).join(', ')],
        ['no-change plan CPU (user+sys, median)', cpu.length > 0 ? seconds(median(cpu)) : 'n/a'],
        ['no-change plan peak RSS (largest)', peakRss === undefined ? 'n/a' : mebibytes(peakRss)],
        ['API calls (requests)', `${count(calls)} (${count(runs[0]!.requests)})`],
        ['list-call floor: calls', count(floorCalls)],
        ['list-call floor: time at this latency and parallelism', seconds(floorMs)],
        ['calls ÷ floor calls', times(calls / floorCalls)],
        ['whole-process wall ÷ computed floor time', times(wallMs / floorMs)],
        ['list-call floor executed in-process (same files, latency, parallelism): wall', seconds(executedFloor.wallMs)],
        ['whole-process wall ÷ executed floor wall', times(wallMs / executedFloor.wallMs)],
        ['first apply (setup, 0 ms)', setup.apply ? `${seconds(setup.apply.wallMs)}, ${count(setup.apply.totalCalls)} calls` : 'cached'],
      ],
      ['l', 'r'],
    ),
    table(
      ['operation', 'calls'],
      Object.entries(runs[0]!.calls)
        .sort((a, b) => b[1] - a[1])
        .map(([operation, n]) => [operation, count(n)]),
      ['l', 'r'],
    ),
  );
  report.notes.push(
    'The floor is the physical one of the scale matrix (bench/lib/floor.ts): per provider location one ListBackupVaults page per vault type, one ListBackupPlans page, one ListBackupSelections per plan and one DescribeRegionSettings; it reads no tags.',
    'The wall time is the whole `bkp plan` process: Node start, loading and validating the configuration, opening the sandbox account files and the refresh. The sandbox answers in the same process, so its own work per call adds to both bkp\'s wall and the executed floor, but not to the computed floor time (calls × latency / parallelism).',
  );
} finally {
  rmSync(setup.dir, { recursive: true, force: true });
}
finish(options);
