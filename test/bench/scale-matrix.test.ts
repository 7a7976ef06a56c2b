import { expect } from 'chai';
import { applyRunsFor, driftCount, goalSize, growthExponent, matrixShape, planRunsFor, ratio, unitsForSize } from '../../bench/lib/scale-matrix.js';

describe('bench: scale matrix arithmetic', () => {
  it('turns the stated sizes into units of four resources', () => {
    expect([10, 100, 1000, 5000].map(unitsForSize)).to.deep.equal([3, 25, 250, 1250]);
    expect(unitsForSize(1)).to.equal(1);
  });

  it('covers every size at 0 and 20 ms, and a quick run three sizes at one latency', () => {
    expect(matrixShape(false)).to.deep.equal({ sizes: [10, 100, 1000, 2000, 5000], latencies: [0, 20] });
    expect(matrixShape(true)).to.deep.equal({ sizes: [10, 100, 1000], latencies: [20] });
  });

  it('measures the first apply twice from 2,000 resources, where its growth is judged, and once below or when quick', () => {
    expect([10, 1000, 2000, 5000].map((size) => applyRunsFor(size, false))).to.deep.equal([1, 1, 2, 2]);
    expect(applyRunsFor(5000, true)).to.equal(1);
  });

  it('repeats the plan three times up to 1,000 resources and fewer at 5,000', () => {
    expect([10, 1000, 5000].map((size) => planRunsFor(size, false))).to.deep.equal([3, 3, 2]);
    expect(planRunsFor(5000, true)).to.equal(1);
  });

  it('computes the growth exponent: 1 for linear, 2 for quadratic cost', () => {
    expect(growthExponent({ size: 1000, cost: 2 }, { size: 5000, cost: 10 })).to.be.closeTo(1, 1e-12);
    expect(growthExponent({ size: 1000, cost: 1 }, { size: 5000, cost: 25 })).to.be.closeTo(2, 1e-12);
    // ln(6 / 2) / ln(5) ≈ 0.683: sub-linear, as when start-up dominates.
    expect(growthExponent({ size: 1000, cost: 2 }, { size: 5000, cost: 6 })).to.be.closeTo(0.6826, 1e-4);
  });

  it('gives no exponent without two distinct sizes and positive costs', () => {
    expect(growthExponent({ size: 1000, cost: 1 }, { size: 1000, cost: 2 })).to.be.NaN;
    expect(growthExponent({ size: 1000, cost: 0 }, { size: 5000, cost: 2 })).to.be.NaN;
    expect(growthExponent({ size: 5000, cost: 1 }, { size: 1000, cost: 2 })).to.be.NaN;
  });

  it('divides only by positive numbers', () => {
    expect(ratio(1500, 300)).to.equal(5);
    expect(ratio(1, 0)).to.be.NaN;
    expect(ratio(Number.NaN, 2)).to.be.NaN;
  });

  it('drifts 1% of the plans, at least one', () => {
    expect([0, 3, 250, 1250].map((plans) => driftCount(plans))).to.deep.equal([0, 1, 3, 13]);
  });

  it('judges a goal at its size when measured, else at the largest size, marked inexact', () => {
    expect(goalSize([10, 100, 1000, 5000], 5000)).to.deep.equal({ size: 5000, exact: true });
    expect(goalSize([10, 1000, 100], 5000)).to.deep.equal({ size: 1000, exact: false });
    expect(goalSize([], 5000)).to.equal(undefined);
  });
});
