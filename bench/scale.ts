// Benchmark 3 (issues 4, 7, 16 and 18): the scale matrix. Generated configurations of 10, 100,
// 1,000, 2,000 and 5,000 resources (vaults, plans with 3 rules, selections, and in proportion the
// other kinds: air-gapped vaults, tiering configurations, legal holds, region and global settings;
// spread over as many sandbox regions as the 300-vault quota needs), each measured on the sandbox with 0 and 20 ms injected into every
// API call (BKP_SANDBOX_FAULTS=latency_ms=N), parallelism 10:
//   - cold start: a spawned `bkp validate` of the configuration;
//   - first apply: `bkp apply -auto-approve` on an empty account (median of 2 from 2,000 resources;
//     cached per size, latency and build, see lib/scale-setup.ts);
//   - `bkp plan -detailed-exitcode` with no changes (median of 3; 2 at 5,000) and after 1% of the
//     plans were changed behind bkp's back;
//   - in-process baselines at the same latency and parallelism: bkp's engine refresh() alone, the
//     naive refresh (a Get/Describe + ListTags per resource) and the physical floor (list calls,
//     one Describe per settings object).
// Wall, CPU (user+sys), peak RSS and API calls per operation (counted inside the child by a
// preloaded SDK wrapper, lib/count-calls.mjs). lib/scale-report.ts turns the results into goals
// and tables.
//
//   npm run bench -- --only=scale [--quick] [--fresh-setup]
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { StateDocument } from '../src/state/model.js';
import { driftPlans, warmUp } from './lib/account-clients.js';
import { runChild, tail, type ChildRun } from './lib/child.js';
import { countedBkp, type CountedRun } from './lib/counted-run.js';
import { BKP_BIN, fromDist } from './lib/dist.js';
import { computedFloor } from './lib/floor.js';
import { generateConfig, unitsForResources, writeConfig } from './lib/generate-config.js';
import { bkpRefresh, floorRefresh, naiveRefresh, type BaselineInputs } from './lib/refresh-baselines.js';
import { benchOptions, progress, startReport } from './lib/report.js';
import { applyRunsFor, matrixShape, PARALLELISM, DRIFT_SHARE, planRunsFor, validateRunsFor } from './lib/scale-matrix.js';
import { scaleReport, type CellResult, type SizeResult } from './lib/scale-report.js';
import { discardCachedAccount, discardLegacyCache, prepareScaleAccount, type ScaleCell, type ScaleSetup } from './lib/scale-setup.js';
import { count, seconds } from './lib/stats.js';

const options = benchOptions();
const fresh = options.extra.has('fresh-setup');
const shape = matrixShape(options.quick);
const { loadConfig } = await fromDist<typeof import('../src/app/configuration.js')>('app/configuration.js');

async function planRuns(dir: string, latencyMs: number, runs: number, label: string): Promise<CountedRun[]> {
  const results: CountedRun[] = [];
  for (let i = 0; i < runs; i++) {
    const run = await countedBkp(['plan', '-detailed-exitcode', '-no-color', `-parallelism=${PARALLELISM}`], { cwd: dir, latencyMs });
    progress(`scale: bkp plan (${label}) ${i + 1}/${runs}: ${seconds(run.wallMs)}, exit ${run.exitCode}, ${count(run.totalCalls)} API calls`);
    // Only a failing run's output is shown in the report; the rest would only hold memory.
    results.push(run.exitCode === 0 || run.exitCode === 2 ? { ...run, stdout: tail(run.stdout, 30), stderr: tail(run.stderr, 30) } : run);
  }
  return results;
}

/** Cold start at this size: `bkp validate` spawned in the generated configuration's folder. */
async function measureValidate(size: number): Promise<SizeResult> {
  const units = unitsForResources(size);
  const generated = generateConfig({ units, accountObjects: true });
  const dir = mkdtempSync(join(tmpdir(), 'bkp-bench-validate-'));
  try {
    writeConfig(dir, generated);
    const runs: ChildRun[] = [];
    for (let i = 0; i < validateRunsFor(size, options.quick); i++) {
      const run = await runChild(process.execPath, [BKP_BIN, 'validate', '-no-color'], { cwd: dir });
      if (run.exitCode !== 0) throw new Error(`bkp validate of the generated ${size}-resource configuration exited ${run.exitCode}:\n${tail(run.stderr || run.stdout)}`);
      runs.push({ ...run, stdout: '', stderr: '' });
    }
    progress(`scale: ${count(generated.instances.total)} resources: cold bkp validate ${runs.map((r) => seconds(r.wallMs)).join(', ')}`);
    const { files, ...summary } = generated;
    return { size, units, files: files.size, ...summary, validate: runs };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** One cell of the matrix: first apply, plans without and with drift, the baselines. */
async function measureCell(size: number, latencyMs: number): Promise<CellResult> {
  const cell: ScaleCell = { units: unitsForResources(size), latencyMs, parallelism: PARALLELISM, applyRuns: applyRunsFor(size, options.quick) };
  const runs = planRunsFor(size, options.quick);
  let setup: ScaleSetup = await prepareScaleAccount(cell, fresh, progress);
  try {
    const label = `${count(setup.generated.instances.total)} resources, ${latencyMs} ms`;
    progress(`scale: ${label}: first apply ${seconds(setup.apply.wallMs)}${setup.reused ? ' (cached)' : ''}, ${count(setup.apply.totalCalls)} API calls`);
    let clean = await planRuns(setup.dir, latencyMs, runs, `${label}, no changes`);
    if (setup.reused && clean.some((r) => r.exitCode !== 0)) {
      // A cached account that no longer plans clean is not trusted: apply again and measure again.
      progress(`scale: ${label}: the reused account did not plan clean; applying again`);
      rmSync(setup.dir, { recursive: true, force: true });
      discardCachedAccount(cell);
      setup = await prepareScaleAccount(cell, true, progress);
      clean = await planRuns(setup.dir, latencyMs, runs, `${label}, no changes`);
    }

    const loaded = await loadConfig({ dir: setup.dir, env: {} });
    if (!loaded.config) throw new Error('the generated configuration does not load');
    const state = JSON.parse(readFileSync(join(setup.dir, 'bkp.state.json'), 'utf8')) as StateDocument;
    const inputs: BaselineInputs = { config: loaded.config, resources: state.resources, lineage: state.lineage, parallelism: PARALLELISM, latencyMs };
    await warmUp(inputs.config);
    const engineRefresh = await bkpRefresh(inputs);
    const naive = await naiveRefresh(inputs);
    const floor = await floorRefresh(inputs);
    const floorCalls = computedFloor(state.resources);
    progress(
      `scale: ${label}: refresh() ${seconds(engineRefresh.wallMs)} / ${count(engineRefresh.total)} calls, ` +
        `naive ${seconds(naive.wallMs)} / ${count(naive.total)}, floor ${seconds(floor.wallMs)} / ${count(floor.total)} (computed ${count(floorCalls)})`,
    );

    const drifted = await driftPlans(inputs.config, state.resources, DRIFT_SHARE);
    const [drift] = await planRuns(setup.dir, latencyMs, 1, `${label}, ${drifted.length} ${drifted.length === 1 ? 'plan' : 'plans'} drifted`);
    return {
      size,
      latencyMs,
      resources: setup.generated.instances.total,
      apply: setup.apply,
      applyReused: setup.reused,
      clean,
      drift: drift!,
      driftedPlans: drifted.length,
      engineRefresh,
      naive,
      floor,
      floorCalls,
    };
  } finally {
    rmSync(setup.dir, { recursive: true, force: true });
  }
}

const { report, finish } = startReport('scale', 'Scale matrix: cold start, first apply, plan (issues 4, 7, 16 and 18)');
discardLegacyCache();
const sizes: SizeResult[] = [];
const cells: CellResult[] = [];
for (const size of shape.sizes) {
  sizes.push(await measureValidate(size));
  for (const latencyMs of shape.latencies) cells.push(await measureCell(size, latencyMs));
}
const built = scaleReport({ sizes, cells, shape, quick: options.quick });
report.goals.push(...built.goals);
report.sections.push(...built.sections);
report.notes.push(...built.notes);
finish(options);
