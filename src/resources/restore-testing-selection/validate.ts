// Semantic rules of restore_testing_selection beyond its JSON Schema: AWS's name pattern, the
// supported resource types, the IAM role, and how resources are chosen: ["*"] (optionally narrowed
// by tag conditions), or up to 30 specific ARNs without conditions.
import type { ResourceConfig } from '../../config/model.js';
import { suggest } from '../../core/suggest.js';
import { isResourceArn } from '../../domain/arn.js';
import {
  MAXIMUM_PROTECTED_RESOURCE_ARNS,
  MAXIMUM_VALIDATION_WINDOW_HOURS,
  MINIMUM_VALIDATION_WINDOW_HOURS,
  RESTORE_TESTING_RESOURCE_TYPES,
} from '../../domain/restore-testing.js';
import { checkIamRoleArn } from '../rules/arns.js';
import { childPointer } from '../../core/json-pointer.js';
import { error, knownList, knownObject, knownString, warning, type Problem } from '../rules/problem.js';
import { checkRange, checkRestoreTestingName } from '../rules/restore-testing.js';
import { canonicalConditions } from './model.js';

const TAG_CONDITION_KEY = 'aws:ResourceTag/';

export function validateRestoreTestingSelection(resource: Pick<ResourceConfig, 'attributes'>): Problem[] {
  const a = resource.attributes;
  const problems: Problem[] = [
    ...checkRestoreTestingName(a.name, '/name', 'restore testing selection'),
    ...checkRestoreTestingName(a.restore_testing_plan_name, '/restore_testing_plan_name', 'restore testing plan'),
    ...checkIamRoleArn(a.iam_role_arn, '/iam_role_arn'),
    ...checkRange(a.validation_window_hours, '/validation_window_hours', MINIMUM_VALIDATION_WINDOW_HOURS, MAXIMUM_VALIDATION_WINDOW_HOURS, 'hours', 'how long restored data is kept for validation'),
  ];
  const type = knownString(a.protected_resource_type);
  if (type !== undefined && !(RESTORE_TESTING_RESOURCE_TYPES as readonly string[]).includes(type)) {
    const closest = RESTORE_TESTING_RESOURCE_TYPES.find((t) => t.toLowerCase() === type.toLowerCase()) ?? suggest(type, RESTORE_TESTING_RESOURCE_TYPES);
    problems.push(
      error(
        '/protected_resource_type',
        'Unsupported resource type',
        `Restore testing does not support "${type}".${closest ? ` Did you mean "${closest}"?` : ''} Supported types: ${RESTORE_TESTING_RESOURCE_TYPES.join(', ')}.`,
      ),
    );
  }
  problems.push(...checkResources(a));
  problems.push(...checkOverrides(a.restore_metadata_overrides));
  return problems;
}

function checkResources(a: ResourceConfig['attributes']): Problem[] {
  const problems: Problem[] = [];
  const arns = knownList(a.protected_resource_arns);
  const conditions = knownObject(a.protected_resource_conditions);
  const hasConditions = conditions !== undefined && canonicalConditions(conditions) !== undefined;
  if (a.protected_resource_arns === undefined && a.protected_resource_conditions === undefined) {
    problems.push(
      error(
        '',
        'No protected resources',
        'A restore_testing_selection chooses its resources with protected_resource_arns (["*"] or up to 30 ARNs) or protected_resource_conditions (tag conditions): set one of them.',
      ),
    );
  }
  const specific = (arns ?? []).map(knownString).filter((arn) => arn !== undefined && arn !== '*');
  (arns ?? []).forEach((item, i) => {
    const arn = knownString(item);
    if (arn === undefined) return;
    const path = childPointer('/protected_resource_arns', i);
    if (arn === '*') {
      if (arns!.length > 1) problems.push(error(path, 'Wildcard among ARNs', '"*" selects every resource of the type: it must be the only item of protected_resource_arns.'));
    } else if (arn.includes('*') || !isResourceArn(arn)) {
      problems.push(error(path, 'Invalid protected resource ARN', `"${arn}" is not the ARN of one resource. List full resource ARNs, or use ["*"] (with protected_resource_conditions to narrow it down by tags).`));
    }
  });
  if (specific.length > MAXIMUM_PROTECTED_RESOURCE_ARNS) {
    problems.push(
      error(
        '/protected_resource_arns',
        'Too many protected resource ARNs',
        `AWS accepts at most ${MAXIMUM_PROTECTED_RESOURCE_ARNS} specific ARNs in a restore testing selection; this one lists ${specific.length}. Use ["*"] with protected_resource_conditions instead.`,
      ),
    );
  }
  if (specific.length > 0 && hasConditions) {
    problems.push(
      error(
        '/protected_resource_conditions',
        'Conditions with specific ARNs',
        'AWS refuses a selection that lists specific ARNs and tag conditions: conditions narrow down protected_resource_arns = ["*"] only. Remove the conditions, or select ["*"].',
      ),
    );
  }
  for (const operator of ['string_equals', 'string_not_equals']) {
    (knownList(conditions?.[operator]) ?? []).forEach((pair, i) => {
      const key = knownString(knownObject(pair)?.key);
      if (key === undefined || key.startsWith(TAG_CONDITION_KEY)) return;
      problems.push(
        warning(
          childPointer(childPointer(`/protected_resource_conditions/${operator}`, i), 'key'),
          'Condition key is not a tag',
          `Restore testing conditions test resource tags, written "${TAG_CONDITION_KEY}KEY"; "${key}" is not. Did you mean "${TAG_CONDITION_KEY}${key}"?`,
        ),
      );
    });
  }
  return problems;
}

/** Override keys are case-insensitive for AWS: two keys differing only in case are the same key. */
function checkOverrides(value: ResourceConfig['attributes'][string] | undefined): Problem[] {
  const overrides = knownObject(value);
  if (overrides === undefined) return [];
  const seen = new Map<string, string>();
  const problems: Problem[] = [];
  for (const key of Object.keys(overrides)) {
    const earlier = seen.get(key.toLowerCase());
    if (earlier !== undefined) {
      problems.push(error(childPointer('/restore_metadata_overrides', key), 'Repeated metadata key', `"${key}" and "${earlier}" are the same key for AWS (override keys are not case-sensitive): keep one.`));
    }
    seen.set(key.toLowerCase(), key);
  }
  return problems;
}
