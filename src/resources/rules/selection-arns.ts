// Resource ARNs of a backup selection (Resources / NotResources) and its tag conditions.
import type { Value } from '../../core/values.js';
import { childPath, error, knownList, knownObject, knownString, warning, type Problem } from './problem.js';

export const MAXIMUM_SELECTION_ARNS = 500;
export const MAXIMUM_WILDCARD_ARNS = 30;

/**
 * Why an entry is not a valid selection ARN, or undefined when it is. AWS matches a trailing `*`
 * as a prefix; the Region and account fields may also be `*` as a whole (the AWS console itself
 * writes arn:aws:ec2:*:*:volume/*). A `*` anywhere else is refused.
 */
export function selectionArnProblem(arn: string): string | undefined {
  if (arn === '*') return undefined;
  const fields = arn.split(':');
  if (fields.length < 6 || fields[0] !== 'arn') {
    return 'it is not an ARN (arn:PARTITION:SERVICE:REGION:ACCOUNT:RESOURCE) and not "*"';
  }
  const [, partition, service, region, account] = fields as [string, string, string, string, string];
  const resource = fields.slice(5).join(':');
  if (!/^aws[a-z-]*$/.test(partition)) return `its partition "${partition}" is not an AWS partition such as "aws"`;
  if (!/^[a-z0-9-]+$/.test(service)) return `its service "${service}" is not a service name such as "ec2" (no wildcard allowed there)`;
  if (region !== '*' && !/^([a-z]{2}(-[a-z]+)+-\d+)?$/.test(region)) return `its Region "${region}" is neither a Region nor "*"`;
  if (account !== '*' && !/^(\d{12})?$/.test(account)) return `its account "${account}" is neither a 12-digit account id nor "*"`;
  if (resource === '') return 'its resource part is empty';
  const star = resource.indexOf('*');
  if (star >= 0 && star !== resource.length - 1) {
    return 'a "*" may only end an ARN (AWS matches it as a prefix), or stand for the whole Region or account';
  }
  return undefined;
}

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
    if (why) problems.push(error(childPath(path, i), 'Invalid selection ARN', `"${arn}" in ${attribute}: ${why}.`));
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
            childPath(childPath(childPath(path, i), operator), key),
            'Unexpected condition key',
            `Selection conditions compare resource tags, written "aws:ResourceTag/TAG_KEY"; "${key}" is not one.${fix}`,
          ),
        );
      }
    }
  });
  return problems;
}
