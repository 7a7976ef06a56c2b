// count on a resource block or a module call: a whole number N ≥ 0 makes N instances, `kind.name[0]`
// to `kind.name[N-1]`, each with count.index. count = 0 makes none, a way to switch a resource off.
// Also the instances a block's for_each or count makes, for both.
import type { Attribute, Expr } from './ast.js';
import { evaluateExpr, type Scope } from './evaluate-expression.js';
import { expandForEach, expansionValue } from './evaluate-for-each.js';
import type { InstanceKey } from '../core/addresses.js';
import type { TraversalStep } from './references.js';
import { EVALUATION_LIMITS } from './evaluation-limits.js';
import { describeValue } from './evaluate-values.js';
import { convertValue, NUMBER_TYPE } from './type-constraint.js';
import { isUnknown, UNKNOWN, type ObjectValue, type Value } from '../core/values.js';

/** The instance indexes 0 … N-1, or undefined when the value is unusable (reported). */
export function expandCount(expr: Expr, scope: Scope): number[] | undefined {
  const evaluated = expansionValue(expr, scope, {
    summary: 'Invalid count argument',
    sensitive: 'The count value depends on a sensitive value. The number of instances shows in every plan and address, so a sensitive value cannot be used here.',
    afterApply:
      'The count value depends on values known only after apply (such as an ARN or an id), so bkp cannot tell how many instances to create. Use values written in the configuration or given as variables.',
  });
  if (!evaluated) return undefined;
  const { value, invalid } = evaluated;
  if (value === null) return invalid('The count value is null. A whole number is required: 0 for no instance.');
  // Terraform's conversion: "2" (an untyped -var) is the number 2.
  const converted = convertValue(value, NUMBER_TYPE);
  if (!converted.ok || typeof converted.value !== 'number') return invalid(`count needs a whole number, but this is ${describeValue(value)}.`);
  const n = converted.value;
  if (!Number.isInteger(n)) return invalid(`count needs a whole number, but this is ${n}. Write a whole number, or compute one.`);
  if (n < 0) return invalid(`count cannot be negative, but this is ${n}. Use 0 for no instance.`);
  if (n > EVALUATION_LIMITS.forEachInstances) {
    return invalid(
      `count is ${n.toLocaleString('en-US')}; a resource block may have at most ${EVALUATION_LIMITS.forEachInstances.toLocaleString('en-US')} instances. Split the resources over several blocks, or check the expression.`,
    );
  }
  return Array.from({ length: n }, (_, i) => i);
}

/** One instance of a block: its key (none without for_each or count) and what its body may read. */
export interface BlockInstance {
  key?: InstanceKey;
  scope: Pick<Scope, 'each' | 'count'>;
}

/** The instances of a resource block or module call, or undefined when for_each or count is unusable (reported). */
export function blockInstances(block: { forEach?: Attribute; count?: Attribute }, scope: Scope): BlockInstance[] | undefined {
  if (block.forEach) return expandForEach(block.forEach.expr, scope)?.map((each) => ({ key: each.key, scope: { each } }));
  if (block.count) return expandCount(block.count.expr, scope)?.map((index) => ({ key: index, scope: { count: { index } } }));
  return [{ scope: {} }];
}

/**
 * A reference to a resource with count: `kind.name[i]` is one instance; `kind.name` alone is the
 * list of all of them (as Terraform's). Returns the instance the steps select, or the value the
 * reference stands for when it ends there or cannot be resolved (reported when the index is wrong).
 */
export function countInstance<I>(
  instances: ReadonlyMap<string, I>,
  address: string,
  steps: readonly TraversalStep[],
  scope: Scope,
  asObject: (instance: I) => ObjectValue,
  isSensitive: (instance: I) => boolean,
): { instance: I } | { value: Value; consumed: number } {
  const failed = (): { value: Value; consumed: number } => {
    scope.taint.failed = true;
    return { value: UNKNOWN, consumed: steps.length };
  };
  const keyStep = steps[1];
  if (keyStep?.kind !== 'index') {
    if (keyStep !== undefined) return failed();
    const all = [...instances.values()];
    if (all.some(isSensitive)) scope.taint.sensitive = true;
    return { value: all.map(asObject), consumed: 1 };
  }
  const keyValue = evaluateExpr(keyStep.key, scope);
  if (isUnknown(keyValue)) return failed();
  const index = keyValue === null ? undefined : convertValue(keyValue, NUMBER_TYPE);
  const n = index?.ok ? (index.value as number) : undefined;
  const instance = n !== undefined && Number.isInteger(n) ? instances.get(String(n)) : undefined;
  if (!instance) {
    scope.reporter.error('Invalid index', missingIndex(address, n !== undefined ? String(n) : describeValue(keyValue), instances.size), keyStep.range, scope.context);
    return failed();
  }
  return { instance };
}

/** Why `address[shown]` names no instance of a resource with `size` instances. */
export function missingIndex(address: string, shown: string, size: number): string {
  return `${address} has no instance with the index ${shown}. ${size === 0 ? 'Its count is 0.' : `Its count is ${size}: the indexes are 0 to ${size - 1}.`}`;
}
