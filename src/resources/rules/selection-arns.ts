// Resource ARNs of a backup selection (Resources / NotResources) and its tag conditions.
import type { Value } from '../../core/values.js';
import { selectionArnProblem } from '../../domain/arn.js';
import { childPointer } from '../../core/json-pointer.js';
import { error, knownList, knownObject, knownString, warning, type Problem } from './problem.js';

export const MAXIMUM_SELECTION_ARNS = 500;
export const MAXIMUM_WILDCARD_ARNS = 30;

function isWildcard(arn: string): boolean {
  return arn.includes('*');
}

/** `attribute` is "resources" or "not_resources", `path` the list's path. */
export function checkSelectionArns(value: Value | undefined, path: string, attribute: string): Problem[] {
  const list = knownList(value);
  if (!list) return [];
  const problems: Problem[] = [];
  const arns: string[] = [];
  list.forEach((item, i) => {
    const arn = knownString(item);
    if (arn === undefined) return;
    arns.push(arn);
    const why = selectionArnProblem(arn);
    if (why) problems.push(error(childPointer(path, i), 'Invalid selection ARN', `"${arn}" in ${attribute}: ${why}.`));
  });
  if (list.length > MAXIMUM_SELECTION_ARNS) {
    problems.push(
      error(path, 'Too many ARNs', `${attribute} lists ${list.length} ARNs; AWS Backup accepts at most ${MAXIMUM_SELECTION_ARNS}. Select by tag or condition instead, or split the selection.`),
    );
  }
  const wildcards = arns.filter(isWildcard).length;
  if (wildcards > MAXIMUM_WILDCARD_ARNS) {
    problems.push(
      error(path, 'Too many wildcard ARNs', `${attribute} has ${wildcards} ARNs with wildcards; AWS Backup accepts at most ${MAXIMUM_WILDCARD_ARNS}. Combine them into broader prefixes, or select by tag or condition.`),
    );
  }
  return problems;
}

const CONDITION_OPERATORS = ['string_equals', 'string_not_equals', 'string_like', 'string_not_like'] as const;

/** Selection conditions test resource tags: their keys are written aws:ResourceTag/KEY. */
export function checkConditionKeys(conditions: Value | undefined, path: string): Problem[] {
  const problems: Problem[] = [];
  (knownList(conditions) ?? []).forEach((condition, i) => {
    const block = knownObject(condition);
    if (!block) return;
    for (const operator of CONDITION_OPERATORS) {
      for (const key of Object.keys(knownObject(block[operator]) ?? {})) {
        if (key.startsWith('aws:ResourceTag/') && key.length > 'aws:ResourceTag/'.length) continue;
        const fix = key.includes(':') ? '' : ` Did you mean "aws:ResourceTag/${key}"?`;
        problems.push(
          warning(
            childPointer(childPointer(childPointer(path, i), operator), key),
            'Unexpected condition key',
            `Selection conditions compare resource tags, written "aws:ResourceTag/TAG_KEY"; "${key}" is not one.${fix}`,
          ),
        );
      }
    }
  });
  return problems;
}
