// Semantic rules of backup_selection beyond its JSON Schema.
import type { ResourceConfig } from '../../config/model.js';
import { checkIamRoleArn } from '../rules/arns.js';
import { checkName } from '../rules/names.js';
import { error, knownList, type Problem } from '../rules/problem.js';
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
  // AWS refuses a selection whose Resources and ListOfTags are both empty, conditions or not.
  // Only when both are known to be empty: an unknown list may well hold some.
  const empty = (v: typeof a.resources) => v === undefined || v === null || knownList(v)?.length === 0;
  if (empty(a.resources) && empty(a.tag)) {
    const byConditions = (knownList(a.condition)?.length ?? 0) > 0;
    problems.push(
      error(
        byConditions ? '/condition' : '',
        byConditions ? 'Selection by conditions needs resources' : 'Selection selects nothing',
        'AWS Backup refuses a selection with neither resources nor a tag block ("Invalid backup selection. Either ' +
          "'ListOfTags' or 'Resources' section must be non-empty.\"). " +
          (byConditions
            ? 'Conditions only narrow what resources or tags select: add resources = ["*"] to select every supported resource that meets the conditions.'
            : 'Add resources = [...] or a tag block; resources = ["*"] selects every supported resource in the account and Region.'),
      ),
    );
  }
  return problems;
}
