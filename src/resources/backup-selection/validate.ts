// Semantic rules of backup_selection beyond its JSON Schema.
import type { ResourceConfig } from '../../config/model.js';
import { checkIamRoleArn } from '../rules/arns.js';
import { checkName } from '../rules/names.js';
import { knownList, warning, type Problem } from '../rules/problem.js';
import { checkConditionKeys, checkSelectionArns } from '../rules/selection-arns.js';

export function validateBackupSelection(resource: Pick<ResourceConfig, 'attributes'>): Problem[] {
  const a = resource.attributes;
  const problems = [
    ...checkName('selection', a.name, '/name'),
    ...checkIamRoleArn(a.iam_role_arn, '/iam_role_arn'),
    ...checkSelectionArns(a.resources, '/resources', 'resources'),
    ...checkSelectionArns(a.not_resources, '/not_resources', 'not_resources'),
    ...checkConditionKeys(a.condition, '/condition'),
  ];
  const criteria = [a.resources, a.tag, a.condition];
  // Only when every criterion is known to be empty: an unknown list may well hold some.
  if (criteria.every((c) => c === undefined || c === null || knownList(c)?.length === 0)) {
    problems.push(
      warning(
        '',
        'Selection selects every resource',
        'This selection has no resources, tag or condition, so AWS Backup applies the plan to every supported resource in the account and Region. Add resources = [...], a tag block or a condition block to narrow it, or resources = ["*"] to say so explicitly.',
      ),
    );
  }
  return problems;
}
