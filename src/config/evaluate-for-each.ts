// for_each on a resource block: a map (each.key = map key, each.value = map value) or a set or
// list of strings (each.key = each.value = the string). Instances are ordered by key.
import type { Expr } from './ast.js';
import { evaluateGuarded, type Scope } from './evaluate-expression.js';
import { EVALUATION_LIMITS } from './evaluation-limits.js';
import { describeValue, sortedKeys } from './evaluate-values.js';
import { convertValue, STRING_TYPE } from './type-constraint.js';
import { containsUnknown, isObjectValue, isUnknown, type Value } from '../core/values.js';

const AFTER_APPLY =
  'The for_each value depends on values known only after apply (such as an ARN or an id), so bkp cannot tell which instances to create. Use values written in the configuration or given as variables.';

/** What an expansion meta-argument says when its value is sensitive, or known only after apply. */
export interface ExpansionMessages {
  summary: string;
  sensitive: string;
  afterApply: string;
}

/**
 * The value of a meta-argument that decides how many things exist (a resource's for_each or count,
 * a dynamic block's for_each), with `invalid` to report a problem at it. Undefined when the value
 * is sensitive or known only after apply (reported), or unknown because of a problem already
 * reported or a variable without a value under `bkp validate` (quietly: nothing is expanded).
 */
export function expansionValue(expr: Expr, scope: Scope, messages: ExpansionMessages): { value: Value; invalid: (detail: string) => undefined } | undefined {
  const inner: Scope = { ...scope, taint: { sensitive: false } };
  const value = evaluateGuarded(expr, inner);
  const invalid = (detail: string): undefined => {
    scope.reporter.error(messages.summary, detail, expr.range, scope.context);
    return undefined;
  };
  if (inner.taint.sensitive) return invalid(messages.sensitive);
  if (isUnknown(value)) return inner.taint.failed ? undefined : invalid(messages.afterApply);
  return { value, invalid };
}

export interface ForEachInstance {
  key: string;
  value: Value;
}

/** The instances, or undefined when the value is unusable (reported); `messages` adapt the defaults to another block than a resource's. */
export function expandForEach(expr: Expr, scope: Scope, messages: Partial<ExpansionMessages> = {}): ForEachInstance[] | undefined {
  const evaluated = expansionValue(expr, scope, {
    summary: 'Invalid for_each argument',
    sensitive: 'The for_each value depends on a sensitive variable. Its keys become part of resource addresses, which are always shown, so a sensitive value cannot be used here.',
    afterApply: AFTER_APPLY,
    ...messages,
  });
  if (!evaluated) return undefined;
  const { value, invalid } = evaluated;
  if (value === null) return invalid('The for_each value is null. A map, or a set or list of strings, is required.');
  const count = isObjectValue(value) ? Object.keys(value).length : Array.isArray(value) ? value.length : 0;
  if (count > EVALUATION_LIMITS.forEachInstances) {
    return invalid(
      `The for_each value has ${count.toLocaleString('en-US')} elements; a resource block may have at most ${EVALUATION_LIMITS.forEachInstances.toLocaleString('en-US')} instances. Split the resources over several blocks, or check the expression.`,
    );
  }
  if (isObjectValue(value)) return sortedKeys(value).map((key) => ({ key, value: value[key]! }));
  if (!Array.isArray(value)) {
    return invalid(`for_each needs a map, or a set or list of strings, but this is ${describeValue(value)}.`);
  }
  if (value.some(containsUnknown)) return invalid(messages.afterApply ?? AFTER_APPLY);
  const seen = new Set<string>();
  const instances: ForEachInstance[] = [];
  for (const item of value) {
    const key = item === null ? undefined : convertValue(item, STRING_TYPE);
    if (!key?.ok || typeof key.value !== 'string') {
      return invalid(`Every element of a for_each list must be a string, but one is ${describeValue(item)}. Use a map to give each instance a structured value.`);
    }
    if (seen.has(key.value)) {
      return invalid(`The key "${key.value}" appears twice. for_each keys must be unique; wrap the list in toset(…) to drop duplicates.`);
    }
    seen.add(key.value);
    instances.push({ key: key.value, value: key.value });
  }
  return instances.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
}
