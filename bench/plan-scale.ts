// Benchmark 3 (issue 4): `bkp plan` at scale. A sandbox account with 500 vaults, 500 plans (3 rules
// each) and 1,000 selections in two regions, created by `bkp apply`; then, with 20 ms of latency
// on every API call (BKP_SANDBOX_FAULTS=latency_ms=20) and parallelism 10:
//   (a) `bkp plan -detailed-exitcode` with no changes: wall, CPU, peak RSS, API calls per operation
//       (counted inside the child by a preloaded SDK wrapper, bench/lib/count-calls.mjs);
//   (b) the naive refresh and (c) the physical floor, in-process (bench/lib/refresh-baselines.ts);
//   and bkp's engine refresh() alone, to show the refresh part of the plan;
//   then the same plan after 1% of the plans were changed behind bkp's back.
//
//   npm run bench -- --only=scale [--quick] [--fresh-setup]      (or: npx tsx bench/plan-scale.ts …)
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { StateDocument } from '../src/state/model.js';
import { runChild, tail, type ChildRun } from './lib/child.js';
import { driftPlans, warmUp } from './lib/account-clients.js';
import { BKP_BIN, fromDist, REPO_ROOT } from './lib/dist.js';
import { computedFloor, MAX_PAGE_SIZE } from './lib/floor.js';
import { bkpRefresh, floorRefresh, naiveRefresh, type BaselineInputs, type CallMeasurement } from './lib/refresh-baselines.js';
import { benchOptions, goal, progress, startReport, table } from './lib/report.js';
import { discardCachedAccount, prepareScaleAccount, type ScaleSetup } from './lib/scale-setup.js';
import { count, mebibytes, median, ms, seconds, timed, times } from './lib/stats.js';

const options = benchOptions();
const UNITS = options.quick ? 50 : 500;
const PLAN_RUNS = options.quick ? 1 : 3;
const LATENCY_MS = 20;
const PARALLELISM = 10;
const DRIFT_SHARE = 0.01;
const PLAN_GOAL_MS = 10_000;
const CALLS_GOAL_RATIO = 5;
const COUNTER = pathToFileURL(join(REPO_ROOT, 'bench', 'lib', 'count-calls.mjs')).href;

interface PlanRun extends ChildRun {
  calls: Record<string, number>;
  totalCalls: number;
  sandboxRequests: number;
}

/** `bkp plan -detailed-exitcode` in a child process, with latency and the call counter preloaded. */
async function planOnce(dir: string): Promise<PlanRun> {
  const scratch = mkdtempSync(join(tmpdir(), 'bkp-bench-calls-'));
  try {
    const callsFile = join(scratch, 'calls.json');
    const env = { ...process.env, BKP_SANDBOX_FAULTS: `latency_ms=${LATENCY_MS}`, BKP_BENCH_CALLS_FILE: callsFile, NO_COLOR: '1' };
    const run = await runChild(process.execPath, ['--import', COUNTER, BKP_BIN, 'plan', '-detailed-exitcode', '-no-color', `-parallelism=${PARALLELISM}`], {
      cwd: dir,
      env,
    });
    const counted = JSON.parse(readFileSync(callsFile, 'utf8')) as { calls: Record<string, number>; sandboxRequests: number };
    const totalCalls = Object.values(counted.calls).reduce((a, b) => a + b, 0);
    return { ...run, calls: counted.calls, totalCalls, sandboxRequests: counted.sandboxRequests };
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}

async function planRuns(dir: string, runs: number, label: string): Promise<PlanRun[]> {
  const results: PlanRun[] = [];
  for (let i = 0; i < runs; i++) {
    const run = await planOnce(dir);
    progress(`scale: bkp plan (${label}) ${i + 1}/${runs}: ${seconds(run.wallMs)}, exit ${run.exitCode}, ${count(run.totalCalls)} API calls`);
    results.push(run);
  }
  return results;
}

const { report, finish } = startReport('scale', 'Plan at scale (issue 4)');
let setup: ScaleSetup = await prepareScaleAccount(UNITS, options.extra.has('fresh-setup'), progress);
try {
  let clean = await planRuns(setup.dir, PLAN_RUNS, 'no changes');
  if (setup.reused && clean.some((r) => r.exitCode !== 0)) {
    // A cached account that no longer plans clean is not trusted: apply again and measure again.
    progress('scale: the reused account did not plan clean; applying again');
    rmSync(setup.dir, { recursive: true, force: true });
    discardCachedAccount(UNITS);
    setup = await prepareScaleAccount(UNITS, true, progress);
    clean = await planRuns(setup.dir, PLAN_RUNS, 'no changes');
  }

  const { loadConfig } = await fromDist<typeof import('../src/config/load.js')>('config/load.js');
  const loaded = await timed(() => loadConfig({ dir: setup.dir, env: {} }));
  if (!loaded.value.config) throw new Error('the generated configuration does not load');
  const state = JSON.parse(readFileSync(join(setup.dir, 'bkp.state.json'), 'utf8')) as StateDocument;
  const inputs: BaselineInputs = {
    config: loaded.value.config,
    resources: state.resources,
    lineage: state.lineage,
    parallelism: PARALLELISM,
    latencyMs: LATENCY_MS,
  };
  await warmUp(inputs.config);
  const engineRefresh = await bkpRefresh(inputs);
  progress(`scale: bkp refresh() in-process ${seconds(engineRefresh.wallMs)}, ${count(engineRefresh.total)} calls`);
  const naive = await naiveRefresh(inputs);
  progress(`scale: naive refresh ${seconds(naive.wallMs)}, ${count(naive.total)} calls`);
  const floor = await floorRefresh(inputs);
  const floorCalls = computedFloor(state.resources);
  progress(`scale: floor ${seconds(floor.wallMs)}, ${count(floor.total)} calls (computed ${count(floorCalls)})`);

  const drifted = await driftPlans(inputs.config, state.resources, DRIFT_SHARE);
  const [drift] = await planRuns(setup.dir, 1, `${drifted.length} ${drifted.length === 1 ? 'plan' : 'plans'} drifted`);

  writeReport(setup, clean, drift!, drifted.length, { engineRefresh, naive, floor, floorCalls, loadMs: loaded.ms });
} finally {
  rmSync(setup.dir, { recursive: true, force: true });
}
finish(options);

interface Baselines {
  engineRefresh: CallMeasurement;
  naive: CallMeasurement;
  floor: CallMeasurement;
  floorCalls: number;
  loadMs: number;
}

function writeReport(setup: ScaleSetup, clean: PlanRun[], drift: PlanRun, driftedPlans: number, b: Baselines): void {
  const { instances } = setup.generated;
  const wall = median(clean.map((r) => r.wallMs));
  const calls = median(clean.map((r) => r.totalCalls));
  const allClean = clean.every((r) => r.exitCode === 0);
  const indicative = options.quick ? `quick run: ${count(instances.total)} resources, indicative only` : undefined;
  const notClean = allClean ? undefined : `plan reported changes or failed on an unchanged account (exit ${clean.map((r) => r.exitCode).join(', ')})`;
  report.goals.push(
    goal(
      `\`bkp plan -detailed-exitcode\`, no changes, ${count(instances.total)} resources, ${LATENCY_MS} ms/call: wall, median of ${clean.length}`,
      seconds(wall),
      '< 10 s',
      allClean && wall < PLAN_GOAL_MS,
      notClean ?? indicative,
    ),
    goal('API calls of the naive refresh per call of `bkp plan` (no changes)', times(b.naive.total / calls), '≥ 5×', b.naive.total / calls >= CALLS_GOAL_RATIO, indicative),
  );

  report.sections.push(
    `Account: ${count(instances.vaults)} vaults, ${count(instances.plans)} plans (3 rules each, copy actions, lifecycles) and ` +
      `${count(instances.selections)} selections in two sandbox regions, created by \`bkp apply\` without latency: ` +
      `${seconds(setup.applyWallMs)} wall, ${setup.applyCpuMs === undefined ? 'CPU n/a' : `${seconds(setup.applyCpuMs)} CPU`}, ` +
      `${setup.applyPeakRssBytes === undefined ? 'peak RSS n/a' : `peak RSS ${mebibytes(setup.applyPeakRssBytes)}`}` +
      (setup.reused ? ` (setup not measured in this run: the account of an earlier run of this same build, applied at ${setup.appliedAt}, was reused).` : ' (measured in this run).'),
    table(
      [`${LATENCY_MS} ms per API call, parallelism ${PARALLELISM}`, 'wall', 'CPU (user+sys)', 'peak RSS', 'API calls', 'exit'],
      [
        childRow(`\`bkp plan -detailed-exitcode\`, no changes (median of ${clean.length})`, clean),
        childRow(`\`bkp plan -detailed-exitcode\`, ${driftedPlans} ${driftedPlans === 1 ? 'plan' : 'plans'} (${DRIFT_SHARE * 100}%) changed behind bkp's back`, [drift]),
        inProcessRow("bkp's engine `refresh()` alone, in-process", b.engineRefresh),
        inProcessRow('(b) naive refresh: Describe/Get per resource + ListTags for vaults and plans, in-process', b.naive),
        inProcessRow('(c) physical floor: list calls only, executed in-process', b.floor),
        [`(c) physical floor, computed from page sizes (${MAX_PAGE_SIZE} per page)`, '', '', '', count(b.floorCalls), ''],
      ],
      ['l', 'r', 'r', 'r', 'r', 'r'],
    ),
    callsTable(clean[0]!, drift, b),
    table(
      ['ratio (same run)', 'value'],
      [
        ['naive refresh calls / `bkp plan` calls (goal ≥ 5×)', times(b.naive.total / calls)],
        ['`bkp plan` calls / physical floor calls (computed)', times(calls / b.floorCalls)],
        ["bkp's `refresh()` calls / physical floor calls (computed)", times(b.engineRefresh.total / b.floorCalls)],
        ['`bkp plan` wall / naive refresh wall', times(wall / b.naive.wallMs)],
        ["bkp's `refresh()` wall / naive refresh wall", times(b.engineRefresh.wallMs / b.naive.wallMs)],
        ["bkp's `refresh()` wall / physical floor wall", times(b.engineRefresh.wallMs / b.floor.wallMs)],
        ['`bkp plan` with 1% drift / without drift, wall', times(drift.wallMs / wall)],
      ],
      ['l', 'r'],
    ),
  );
  report.notes.push(
    'API calls of `bkp plan` are counted inside the child process by wrapping the AWS SDK client\'s `send()` (bench/lib/count-calls.mjs, preloaded with `node --import`); ' +
      'the in-process rows count the same way. The sandbox served the same number of requests (no retries) unless noted below.',
    `For context: \`loadConfig\` of this configuration in the benchmark process (one cold call) took ${ms(b.loadMs)}; ` +
      '`bkp plan` also starts Node, reads the state, evaluates the configuration again with the state\'s values, plans and renders.',
    `The 1% drift run expects exit 2 (changes); it exited ${drift.exitCode}.`,
    ...[...clean, drift]
      .filter((r) => r.sandboxRequests !== r.totalCalls)
      .map((r) => `A plan run made ${count(r.totalCalls)} SDK calls but the sandbox served ${count(r.sandboxRequests)} requests (retries).`),
    ...(allClean ? [] : [`Output of the unclean plan:\n\n\`\`\`\n${tail(clean.find((r) => r.exitCode !== 0)!.stdout || clean.find((r) => r.exitCode !== 0)!.stderr, 30)}\n\`\`\``]),
  );
}

function childRow(label: string, runs: PlanRun[]): string[] {
  const cpu = runs.map((r) => r.cpuMs).filter((n): n is number => n !== undefined);
  const rss = runs.map((r) => r.peakRssBytes).filter((n): n is number => n !== undefined);
  const walls = runs.length > 1 ? ` (${runs.map((r) => seconds(r.wallMs)).join(', ')})` : '';
  return [
    label,
    `${seconds(median(runs.map((r) => r.wallMs)))}${walls}`,
    cpu.length ? seconds(median(cpu)) : 'n/a',
    rss.length ? mebibytes(Math.max(...rss)) : 'n/a',
    count(median(runs.map((r) => r.totalCalls))),
    [...new Set(runs.map((r) => r.exitCode))].join(', '),
  ];
}

function inProcessRow(label: string, m: CallMeasurement): string[] {
  return [label, seconds(m.wallMs), '', '', count(m.total), ''];
}

function callsTable(clean: PlanRun, drift: PlanRun, b: Baselines): string {
  const columns: Array<[string, Record<string, number>]> = [
    ['`bkp plan`, no changes', clean.calls],
    ['`bkp plan`, 1% drift', drift.calls],
    ['bkp `refresh()`', b.engineRefresh.calls],
    ['naive', b.naive.calls],
    ['floor (executed)', b.floor.calls],
  ];
  const operations = [...new Set(columns.flatMap(([, calls]) => Object.keys(calls)))].sort();
  return table(
    ['API calls per operation', ...columns.map(([name]) => name)],
    [
      ...operations.map((op) => [op, ...columns.map(([, calls]) => (calls[op] ? count(calls[op]!) : '–'))]),
      ['**total**', ...columns.map(([, calls]) => `**${count(Object.values(calls).reduce((a, n) => a + n, 0))}**`)],
    ],
    ['l', 'r', 'r', 'r', 'r', 'r'],
  );
}
