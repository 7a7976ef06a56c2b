import { expect } from 'chai';
import type { CountedRun } from '../../bench/lib/counted-run.js';
import type { CallMeasurement } from '../../bench/lib/refresh-baselines.js';
import { requestNote, scaleReport, type CellResult, type ScaleResults, type SizeResult } from '../../bench/lib/scale-report.js';
import { instanceCounts } from '../../bench/lib/generate-config.js';
import { unitsForSize } from '../../bench/lib/scale-matrix.js';

const MB = 1e6;

function run(wallMs: number, cpuMs: number, rssMb: number, calls: number, exitCode = 0): CountedRun {
  return { exitCode, wallMs, cpuMs, peakRssBytes: rssMb * MB, stdout: '', stderr: '', calls: { ListBackupSelections: calls }, totalCalls: calls, requests: calls };
}

const measured = (wallMs: number, total: number): CallMeasurement => ({ wallMs, total, calls: { GetBackupPlan: total } });

/** A cell whose no-change plan uses `cpuMs` of CPU and `rssMb` of memory; calls scale with the size. */
function cell(size: number, latencyMs: number, cpuMs: number, rssMb = 150): CellResult {
  const resources = 4 * unitsForSize(size);
  const plans = resources / 4;
  return {
    size,
    latencyMs,
    resources,
    apply: { runs: 1, wallsMs: [10_000], wallMs: 10_000, cpuMs: cpuMs * 3, peakRssBytes: 400 * MB, calls: {}, totalCalls: resources * 1.5, requests: resources * 1.5, appliedAt: '2026-01-01T00:00:00Z' },
    applyReused: size === 5000,
    clean: [run(9000, cpuMs, rssMb, plans + 10), run(11_000, cpuMs, rssMb - 10, plans + 10)],
    drift: run(12_000, cpuMs, rssMb + 20, plans + 13, 2),
    driftedPlans: Math.max(1, Math.round(plans / 100)),
    engineRefresh: measured(2000, plans + 10),
    naive: measured(20_000, resources * 1.5),
    floor: measured(1500, plans + 10),
    floorCalls: plans + 10,
  };
}

function sizeResult(size: number): SizeResult {
  const units = unitsForSize(size);
  return {
    size,
    units,
    files: 2,
    blocks: 4 * units,
    instances: instanceCounts(units, false),
    regions: [{ provider: 'sandbox', region: 'eu-west-1', units }],
    validate: [run(500, 600, 90, 0)],
  };
}

function results(cells: CellResult[], quick = false): ScaleResults {
  const sizes = [...new Set(cells.map((c) => c.size))];
  const latencies = [...new Set(cells.map((c) => c.latencyMs))];
  return { sizes: sizes.map(sizeResult), cells, shape: { sizes, latencies }, quick };
}

describe('bench: scale matrix report', () => {
  it('judges the 5,000-resource plan at 20 ms and the CPU exponent from 1,000 to 5,000 at 0 ms', () => {
    // CPU 2 s → 10 s over 1,000 → 5,000 resources: exactly linear at 0 ms; the 20 ms cells would give 2.0.
    const report = scaleReport(results([cell(1000, 0, 2000), cell(5000, 0, 10_000), cell(1000, 20, 1000), cell(5000, 20, 25_000, 280)]));
    const byGoal = (text: string) => report.goals.find((g) => g.goal.includes(text))!;

    const wall = byGoal('no changes, 5,000 resources, 20 ms/call');
    expect([wall.figure, wall.met, wall.note]).to.deep.equal(['10.00 s', true, undefined]);
    // 1,250 + 10 calls against a floor of 1,260 and a naive 7,500.
    expect([byGoal('physical floor').figure, byGoal('physical floor').met]).to.deep.equal(['1.00×', true]);
    expect([byGoal('naive refresh').figure, byGoal('naive refresh').met]).to.deep.equal(['5.95×', true]);
    // The drift run at 20 ms used the most memory: 300 MB is not under 300 MB.
    expect([byGoal('peak RSS of `bkp plan`').figure, byGoal('peak RSS of `bkp plan`').met]).to.deep.equal(['300 MB', false]);
    // The first apply is judged on its own: 400 MB is not under 250 MB.
    const applyRss = byGoal('peak RSS of the first apply');
    expect([applyRss.figure, applyRss.met]).to.deep.equal(['400 MB', false]);
    expect(applyRss.note).to.contain('cached');
    const exponent = byGoal('growth exponent');
    expect(exponent.goal).to.contain('1,000 → 5,000 resources at 0 ms/call');
    expect([exponent.figure, exponent.met, exponent.note]).to.deep.equal(['1.00', true, undefined]);
  });

  it("judges the first apply's CPU growth from 2,000 to 5,000 resources at 0 ms, with the wall-time exponents beside it", () => {
    const withApply = (c: CellResult, cpuMs: number, wallMs: number): CellResult => ({ ...c, apply: { ...c.apply, cpuMs, wallMs } });
    // 2,000 → 5,000 is a factor 2.5: CPU × 2.5 is linear, wall × 2.5^1.2 is not.
    const report = scaleReport(
      results([
        withApply(cell(2000, 0, 1000), 4000, 5000),
        withApply(cell(5000, 0, 2000), 10_000, 5000 * 2.5 ** 1.2),
        withApply(cell(2000, 20, 1000), 5000, 10_000),
        withApply(cell(5000, 20, 2000), 12_500, 25_000),
      ]),
    );
    const exponent = report.goals.find((g) => g.goal.includes('growth exponent of the first apply'))!;
    expect(exponent.goal).to.contain('2,000 → 5,000 resources at 0 ms/call');
    expect([exponent.figure, exponent.met]).to.deep.equal(['1.00', true]);
    expect(exponent.note).to.equal('wall-time exponent: 0 ms 1.20, 20 ms 1.00');
  });

  it('notes runs whose calls took more requests than calls (retries), and a counter that counted none', () => {
    expect(requestNote({ totalCalls: 12, requests: 12 })).to.equal(undefined);
    expect(requestNote({ totalCalls: 0, requests: 0 })).to.equal(undefined);
    expect(requestNote({ totalCalls: 1000, requests: 1003 })).to.equal('1,000 SDK calls took 1,003 requests (3 retried).');
    expect(requestNote({ totalCalls: 13, requests: 0 })).to.contain('the request counter failed');
    const broken = cell(1000, 20, 2000);
    broken.clean[0] = { ...broken.clean[0]!, requests: 0 };
    expect(scaleReport(results([broken])).notes.join('\n')).to.contain('1,000 resources, 20 ms, no-change plan run 1: 260 SDK calls but no request counted');
  });

  it('fails the plan goal when the unchanged account does not plan clean, and shows why', () => {
    const broken = cell(5000, 20, 10_000);
    broken.clean[1] = { ...run(5000, 1000, 150, 1260, 2), stdout: 'Plan: 0 to add, 1 to change' };
    const report = scaleReport(results([broken]));
    const wall = report.goals.find((g) => g.goal.includes('wall'))!;
    expect(wall.met).to.equal(false);
    expect(wall.note).to.contain('exit 0, 2');
    expect(report.notes.join('\n')).to.contain('Plan: 0 to add, 1 to change');
  });

  it('judges a quick run on its largest size and marks the verdicts indicative', () => {
    const report = scaleReport(results([cell(10, 20, 1000), cell(100, 20, 1100), cell(1000, 20, 2000)], true));
    const wall = report.goals.find((g) => g.goal.includes('wall'))!;
    expect(wall.goal).to.contain('1,000 resources');
    expect(wall.note).to.contain('indicative');
    const exponent = report.goals.find((g) => g.goal.includes('growth exponent'))!;
    expect(exponent.goal).to.contain('100 → 1,000 resources at 20 ms/call');
    expect(exponent.note).to.equal('indicative only');
  });

  it('says which first applies came from the cache and when they were measured', () => {
    const text = scaleReport(results([cell(1000, 20, 2000), cell(5000, 20, 10_000)])).sections.join('\n');
    expect(text).to.contain('5,000 resources at 20 ms, measured 2026-01-01T00:00:00Z');
    expect(text).to.contain('| 1,000 → 5,000 |');
  });
});
