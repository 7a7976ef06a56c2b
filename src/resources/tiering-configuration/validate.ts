// Semantic rules of tiering_configuration beyond its JSON Schema: AWS's name and vault patterns,
// the 60–36500 day bounds, S3 as the only resource type, and the selection limits.
import type { ResourceConfig } from '../../config/model.js';
import { childPointer } from '../../core/json-pointer.js';
import { error, knownList, knownNumber, knownObject, knownString, type Problem } from '../rules/problem.js';

export const TIERING_NAME = /^[a-zA-Z0-9_]{1,200}$/;
const VAULT_OR_WILDCARD = /^(\*|[a-zA-Z0-9\-_]{2,50})$/;
const S3_BUCKET_ARN = /^arn:aws[a-z-]*:s3:::[^/*]+$/;
export const MINIMUM_TIERING_DAYS = 60;
export const MAXIMUM_TIERING_DAYS = 36_500;
const MAXIMUM_SELECTIONS = 5;
const MAXIMUM_SPECIFIC_RESOURCES = 100;
/** The only resource type AWS Backup tiers today (API reference, ResourceSelection). */
const TIERING_RESOURCE_TYPES = ['S3'];

export function validateTieringConfiguration(resource: Pick<ResourceConfig, 'attributes'>): Problem[] {
  const a = resource.attributes;
  const problems: Problem[] = [];
  const name = knownString(a.name);
  if (name !== undefined && !TIERING_NAME.test(name)) {
    problems.push(
      error('/name', 'Invalid tiering configuration name', `"${name}" is not a valid tiering configuration name: use 1 to 200 letters, digits and underscores (no hyphens).`),
    );
  }
  const vault = knownString(a.backup_vault_name);
  if (vault !== undefined && !VAULT_OR_WILDCARD.test(vault)) {
    problems.push(
      error('/backup_vault_name', 'Invalid backup vault name', `"${vault}" is neither a vault name (2 to 50 letters, digits, hyphens and underscores) nor "*" (every vault).`),
    );
  }
  const selections = knownList(a.resource_selection) ?? [];
  if (selections.length > MAXIMUM_SELECTIONS) {
    problems.push(
      error(childPointer('/resource_selection', MAXIMUM_SELECTIONS), 'Too many resource selections', `AWS accepts at most ${MAXIMUM_SELECTIONS} resource_selection blocks per tiering configuration; this one has ${selections.length}.`),
    );
  }
  let specific = 0;
  selections.forEach((entry, i) => {
    const selection = knownObject(entry);
    if (selection === undefined) return;
    const path = childPointer('/resource_selection', i);
    problems.push(...checkDays(selection.tiering_down_settings_in_days, childPointer(path, 'tiering_down_settings_in_days')));
    const type = knownString(selection.resource_type);
    if (type !== undefined && !TIERING_RESOURCE_TYPES.includes(type)) {
      problems.push(
        error(childPointer(path, 'resource_type'), 'Resource type not supported for tiering', `AWS Backup tiers only ${TIERING_RESOURCE_TYPES.join(', ')} backups; "${type}" is not supported. Use resource_type = "S3".`),
      );
    }
    const resources = knownList(selection.resources) ?? [];
    resources.forEach((r, j) => {
      const arn = knownString(r);
      if (arn === undefined) return;
      const at = childPointer(childPointer(path, 'resources'), j);
      if (arn === '*') {
        if (resources.length > 1) problems.push(error(at, 'Wildcard among resources', '"*" selects every resource of the type: it must be the only item of resources.'));
        return;
      }
      specific += 1;
      if (!S3_BUCKET_ARN.test(arn)) {
        problems.push(error(at, 'Invalid resource', `"${arn}" is not an S3 bucket ARN (arn:aws:s3:::BUCKET). Use bucket ARNs, or ["*"] for every bucket.`));
      }
    });
  });
  if (specific > MAXIMUM_SPECIFIC_RESOURCES) {
    problems.push(
      error('/resource_selection', 'Too many resources', `AWS accepts at most ${MAXIMUM_SPECIFIC_RESOURCES} specific resources per tiering configuration; this one names ${specific}. Use "*" to select every bucket.`),
    );
  }
  return problems;
}

function checkDays(value: ResourceConfig['attributes'][string] | undefined, path: string): Problem[] {
  const days = knownNumber(value);
  if (days === undefined) return [];
  if (Number.isInteger(days) && days >= MINIMUM_TIERING_DAYS && days <= MAXIMUM_TIERING_DAYS) return [];
  return [
    error(
      path,
      'Invalid tiering delay',
      `tiering_down_settings_in_days is ${days}; AWS moves backup data to the low-cost tier no sooner than ${MINIMUM_TIERING_DAYS} days and accepts at most ${MAXIMUM_TIERING_DAYS} (a whole number of days).`,
    ),
  ];
}
