// The scale matrix's shape and arithmetic, kept pure so it is unit-tested: which sizes and
// latencies a run covers, how many plan runs each size gets, the growth exponent and the ratios
// to the baselines.

/** Sizes as the issues state them, in resources (2,000: issue 16 judges the first apply from there to 5,000). */
export const FULL_SIZES = [10, 100, 1000, 2000, 5000] as const;
export const QUICK_SIZES = [10, 100, 1000] as const;
/** Milliseconds injected into every API call. */
export const FULL_LATENCIES = [0, 20] as const;
/** A quick run measures one latency: the one the goals are stated at. */
export const QUICK_LATENCIES = [20] as const;
export const PARALLELISM = 10;
/** Share of the plans changed behind bkp's back for the drift scenario (at least one plan). */
export const DRIFT_SHARE = 0.01;
/** Sizes from here on get fewer repeated runs: one plan takes seconds and the account minutes. */
export const LARGE_SIZE = 5000;

export interface MatrixShape {
  sizes: number[];
  latencies: number[];
}

export function matrixShape(quick: boolean): MatrixShape {
  return quick ? { sizes: [...QUICK_SIZES], latencies: [...QUICK_LATENCIES] } : { sizes: [...FULL_SIZES], latencies: [...FULL_LATENCIES] };
}

/** A unit is one vault, one plan and two selections: 4 resources. 10 → 3 units (12 resources). */
export function unitsForSize(size: number): number {
  return Math.max(1, Math.round(size / 4));
}

/** How often the no-change plan runs (the median is reported): 3 up to 1,000 resources, then 2 (1 when quick). */
export function planRunsFor(size: number, quick: boolean): number {
  if (size < LARGE_SIZE) return 3;
  return quick ? 1 : 2;
}

/**
 * First applies per size and latency: one up to 1,000 resources, two from 2,000 (the sizes the
 * first apply's growth is judged on; a single apply swung by half between runs on a shared machine).
 */
export function applyRunsFor(size: number, quick: boolean): number {
  return !quick && size >= 2000 ? 2 : 1;
}

/** Spawns of the cold `bkp validate` per size, for the same reason. */
export function validateRunsFor(size: number, quick: boolean): number {
  return planRunsFor(size, quick);
}

/**
 * The exponent k of cost ∝ size^k between two measurements: ln(cost₂/cost₁) / ln(size₂/size₁).
 * 1.0 is linear growth, 2.0 quadratic. NaN when it cannot be computed.
 */
export function growthExponent(small: { size: number; cost: number }, large: { size: number; cost: number }): number {
  if (!(small.size > 0 && large.size > small.size && small.cost > 0 && large.cost > 0)) return Number.NaN;
  return Math.log(large.cost / small.cost) / Math.log(large.size / small.size);
}

/** a / b, NaN when b is not a positive number. */
export function ratio(a: number, b: number): number {
  return b > 0 && Number.isFinite(a) ? a / b : Number.NaN;
}

/** The number of plans to drift: DRIFT_SHARE of them, at least one. */
export function driftCount(plans: number, share = DRIFT_SHARE): number {
  return plans === 0 ? 0 : Math.max(1, Math.round(plans * share));
}

/** The measurement a goal is judged on: the requested size when the run has it, else the largest measured. */
export function goalSize(measured: readonly number[], wanted: number): { size: number; exact: boolean } | undefined {
  if (measured.length === 0) return undefined;
  if (measured.includes(wanted)) return { size: wanted, exact: true };
  return { size: Math.max(...measured), exact: false };
}
