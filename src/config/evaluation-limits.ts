// Limits on what evaluating a configuration may build, so that a hostile or mistaken expression
// (nested `for` over large lists, a million for_each keys, locals that double a string forty
// times) ends in a user error at its position within seconds, instead of running for minutes,
// taking gigabytes or crashing V8. No real configuration comes near them (docs/reliability.md).
import type { SourceRange } from '../core/diagnostics.js';
import type { Reporter } from './evaluate-diagnostics.js';
import { isUnknown, type Value } from '../core/values.js';

export const EVALUATION_LIMITS = {
  /**
   * Elements of one value, nested ones included (a list of 10 maps of 5 is 61); AWS allows 500
   * resources per selection and 50 tags. Nested elements count because lists can share items:
   * forty locals of the form [local.a, local.a] hold 2^40 elements in 40 arrays.
   */
  collectionElements: 100_000,
  /**
   * Characters (UTF-16 code units) of one string: four times what file() may read, and far below
   * V8's limit (about 512 Mi), where a string that keeps doubling would crash instead.
   */
  stringLength: 16 * 1024 * 1024,
  /**
   * Units of work in one run: each iteration of a `for` expression, each function call and each
   * element a function returns. The 2,000-block benchmark configuration uses about 10,000.
   */
  steps: 2_000_000,
  /** Instances of one resource block with for_each. */
  forEachInstances: 10_000,
} as const;

/** Thrown where a limit is passed; caught where an expression's evaluation starts (evaluateGuarded). */
export class EvaluationLimitError extends Error {
  constructor(
    readonly detail: string,
    readonly range: SourceRange,
    /** The work budget was already used up and reported: the expression just fails quietly. */
    readonly alreadyReported = false,
  ) {
    super(detail);
  }
}

export const LIMIT_SUMMARY = 'Evaluation limit exceeded';

interface Budget {
  steps: number;
  reported: boolean;
}

// One budget per evaluation run: every scope of a run shares its Reporter.
const budgets = new WeakMap<Reporter, Budget>();

/** Counts `units` of work; throws once the run has done more than the limit. */
export function spendSteps(reporter: Reporter, units: number, range: SourceRange): void {
  let budget = budgets.get(reporter);
  if (budget === undefined) {
    budget = { steps: 0, reported: false };
    budgets.set(reporter, budget);
  }
  budget.steps += units;
  if (budget.steps <= EVALUATION_LIMITS.steps) return;
  const alreadyReported = budget.reported;
  budget.reported = true;
  throw new EvaluationLimitError(
    `Evaluating the configuration took more than ${EVALUATION_LIMITS.steps.toLocaleString('en-US')} steps (for-expression iterations, function calls and the elements they return); this expression was running when the limit was reached. Nested for expressions over large collections multiply: reduce the nesting or the size of the collections.`,
    range,
    alreadyReported,
  );
}

export function checkCollectionSize(size: number, range: SourceRange, what = 'This value'): void {
  if (size <= EVALUATION_LIMITS.collectionElements) return;
  throw new EvaluationLimitError(
    `${what} would have more than ${EVALUATION_LIMITS.collectionElements.toLocaleString('en-US')} elements, the most a list, set or map may hold.`,
    range,
  );
}

export function checkStringLength(length: number, range: SourceRange): void {
  if (length <= EVALUATION_LIMITS.stringLength) return;
  throw new EvaluationLimitError(`This string would be longer than ${EVALUATION_LIMITS.stringLength / (1024 * 1024)} Mi characters, the most a string may hold.`, range);
}

// Sizes of lists and maps already measured: values are never changed once built, and shared
// items are measured once, so measuring a value costs its new parts only.
const sizes = new WeakMap<object, number>();

/** The elements of a value, nested ones included, counted up to just past the limit. */
export function elementCount(value: Value): number {
  if (value === null || typeof value !== 'object' || isUnknown(value)) return 0;
  const known = sizes.get(value);
  if (known !== undefined) return known;
  let count = 0;
  const items = Array.isArray(value) ? value : Object.values(value);
  for (const item of items) {
    count += 1 + elementCount(item);
    if (count > EVALUATION_LIMITS.collectionElements) break;
  }
  sizes.set(value, count);
  return count;
}

/** Refuses a value with more elements (nested included) than the limit. */
export function checkValueSize(value: Value, range: SourceRange, what = 'This value'): void {
  if (value !== null && typeof value === 'object') checkCollectionSize(elementCount(value), range, what);
}
