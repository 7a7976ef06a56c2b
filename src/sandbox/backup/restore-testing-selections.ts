// Restore testing selections: the resources of one type a restore testing plan tests. Create,
// get, list (per plan), update and delete, with AWS's validation, errors and pagination.
import { isIamRoleArn, isResourceArn } from '../../domain/arn.js';
import {
  MAXIMUM_PROTECTED_RESOURCE_ARNS,
  MAXIMUM_VALIDATION_WINDOW_HOURS,
  MINIMUM_VALIDATION_WINDOW_HOURS,
  RESTORE_TESTING_RESOURCE_TYPES,
} from '../../domain/restore-testing.js';
import type { RestoreTestingPlanRecord, RestoreTestingSelectionRecord } from '../state.js';
import { issueTimestamp } from '../timestamps.js';
import { BackupApiError, invalid, missing, notFound } from './errors.js';
import { checkName, checkRange, planOf } from './restore-testing.js';
import { compact, epochSeconds, optionalInteger, optionalObject, optionalString, optionalStringList, optionalStringMap, paginate, PASCAL_CASE_PAGE_QUERY, type BackupCall, type Json } from './wire.js';

type Conditions = RestoreTestingSelectionRecord['protectedResourceConditions'];

function readPairs(raw: Json, field: string): { Key: string; Value: string }[] {
  const list = raw[field];
  if (list === undefined || list === null) return [];
  if (!Array.isArray(list)) throw invalid(`ProtectedResourceConditions.${field} must be a list.`);
  return list.map((entry, i) => {
    const pair = (entry ?? {}) as Json;
    const key = optionalString(pair, 'Key');
    const value = optionalString(pair, 'Value');
    if (key === undefined) throw missing(`ProtectedResourceConditions.${field}[${i}].Key`);
    if (value === undefined) throw missing(`ProtectedResourceConditions.${field}[${i}].Value`);
    return { Key: key, Value: value };
  });
}

function readConditions(body: Json): Conditions | undefined {
  const raw = optionalObject(body, 'ProtectedResourceConditions');
  return raw === undefined ? undefined : { StringEquals: readPairs(raw, 'StringEquals'), StringNotEquals: readPairs(raw, 'StringNotEquals') };
}

function readArns(body: Json): string[] | undefined {
  const arns = optionalStringList(body, 'ProtectedResourceArns');
  for (const arn of arns ?? []) {
    if (arn === '*') {
      if (arns!.length > 1) throw invalid('ProtectedResourceArns must be either ["*"] or specific ARNs, not both.');
    } else if (!isResourceArn(arn)) {
      throw invalid(`Invalid ARN '${arn}' in ProtectedResourceArns.`);
    }
  }
  if (arns !== undefined && arns.length > MAXIMUM_PROTECTED_RESOURCE_ARNS) {
    throw invalid(`ProtectedResourceArns can list at most ${MAXIMUM_PROTECTED_RESOURCE_ARNS} specific ARNs, got ${arns.length}.`);
  }
  return arns;
}

function readIamRole(body: Json): string | undefined {
  const role = optionalString(body, 'IamRoleArn');
  if (role !== undefined && !isIamRoleArn(role)) throw invalid(`Invalid IamRoleArn '${role}'.`);
  return role;
}

function readValidationWindow(body: Json): number | undefined {
  return checkRange(optionalInteger(body, 'ValidationWindowHours'), 'ValidationWindowHours', MINIMUM_VALIDATION_WINDOW_HOURS, MAXIMUM_VALIDATION_WINDOW_HOURS);
}

/** Resources are ["*"] (narrowed by conditions), specific ARNs without conditions, or conditions alone. */
function checkResourceChoice(arns: readonly string[], conditions: Conditions): void {
  const hasConditions = conditions.StringEquals.length + conditions.StringNotEquals.length > 0;
  if (arns.length === 0 && !hasConditions) throw missing('ProtectedResourceArns or ProtectedResourceConditions');
  if (hasConditions && arns.some((arn) => arn !== '*')) {
    throw invalid('Cannot select by both ProtectedResourceConditions and specific ProtectedResourceArns: use ["*"] with conditions.');
  }
}

function selectionOf(call: BackupCall): RestoreTestingSelectionRecord {
  const plan = planOf(call);
  const name = call.params['RestoreTestingSelectionName'] ?? '';
  const selection = plan.selections[name];
  if (selection === undefined) throw notFound(`Restore testing selection ${name} was not found in restore testing plan ${plan.name}.`);
  return selection;
}

function selectionCreatedView(plan: RestoreTestingPlanRecord, selection: RestoreTestingSelectionRecord): Json {
  return {
    CreationTime: epochSeconds(selection.creationTime),
    RestoreTestingPlanArn: plan.arn,
    RestoreTestingPlanName: plan.name,
    RestoreTestingSelectionName: selection.name,
  };
}

export function createRestoreTestingSelection(call: BackupCall): Json {
  const plan = planOf(call);
  const input = optionalObject(call.body, 'RestoreTestingSelection');
  if (input === undefined) throw missing('RestoreTestingSelection');
  const token = optionalString(call.body, 'CreatorRequestId');
  const name = optionalString(input, 'RestoreTestingSelectionName');
  if (name === undefined) throw missing('RestoreTestingSelectionName');
  checkName(name, 'restoreTestingSelection.restoreTestingSelectionName');
  const existing = plan.selections[name];
  if (existing !== undefined && token !== undefined && existing.creatorRequestId === token) return selectionCreatedView(plan, existing);
  if (existing !== undefined) throw new BackupApiError('AlreadyExistsException', `Restore testing selection ${name} already exists in restore testing plan ${plan.name}.`);
  const type = optionalString(input, 'ProtectedResourceType');
  if (type === undefined) throw missing('ProtectedResourceType');
  if (!(RESTORE_TESTING_RESOURCE_TYPES as readonly string[]).includes(type)) {
    throw invalid(`Unsupported ProtectedResourceType '${type}': use one of ${RESTORE_TESTING_RESOURCE_TYPES.join(', ')}.`);
  }
  const role = readIamRole(input);
  if (role === undefined) throw missing('IamRoleArn');
  const arns = readArns(input) ?? [];
  const conditions = readConditions(input) ?? { StringEquals: [], StringNotEquals: [] };
  checkResourceChoice(arns, conditions);
  const overrides = optionalStringMap(input, 'RestoreMetadataOverrides');
  const window = readValidationWindow(input);
  const selection: RestoreTestingSelectionRecord = {
    name,
    planName: plan.name,
    protectedResourceType: type,
    iamRoleArn: role,
    protectedResourceArns: arns,
    protectedResourceConditions: conditions,
    creationTime: issueTimestamp(call.ctx.account, call.now),
  };
  if (overrides !== undefined) selection.restoreMetadataOverrides = overrides;
  if (window !== undefined) selection.validationWindowHours = window;
  if (token !== undefined) selection.creatorRequestId = token;
  plan.selections[name] = selection;
  call.ctx.markChanged();
  return selectionCreatedView(plan, selection);
}

export function getRestoreTestingSelection(call: BackupCall): Json {
  const s = selectionOf(call);
  return {
    RestoreTestingSelection: compact({
      CreationTime: epochSeconds(s.creationTime),
      CreatorRequestId: s.creatorRequestId,
      IamRoleArn: s.iamRoleArn,
      ProtectedResourceArns: s.protectedResourceArns.length > 0 ? s.protectedResourceArns : undefined,
      // As AWS: empty StringEquals and StringNotEquals lists for a selection without conditions.
      ProtectedResourceConditions: s.protectedResourceConditions,
      ProtectedResourceType: s.protectedResourceType,
      RestoreMetadataOverrides: s.restoreMetadataOverrides,
      RestoreTestingPlanName: s.planName,
      RestoreTestingSelectionName: s.name,
      ValidationWindowHours: s.validationWindowHours,
    }),
  };
}

export function listRestoreTestingSelections(call: BackupCall): Json {
  const plan = planOf(call);
  const all = Object.values(plan.selections).sort((a, b) => a.name.localeCompare(b.name));
  const page = paginate(call, all, `ListRestoreTestingSelections/${plan.name}`, 1000, PASCAL_CASE_PAGE_QUERY);
  return compact({
    RestoreTestingSelections: page.items.map((s) =>
      compact({
        CreationTime: epochSeconds(s.creationTime),
        IamRoleArn: s.iamRoleArn,
        ProtectedResourceType: s.protectedResourceType,
        RestoreTestingPlanName: s.planName,
        RestoreTestingSelectionName: s.name,
        ValidationWindowHours: s.validationWindowHours,
      }),
    ),
    NextToken: page.nextToken,
  });
}

/** Members given replace what the selection holds (an empty list clears); members left out keep it. */
export function updateRestoreTestingSelection(call: BackupCall): Json {
  const plan = planOf(call);
  const selection = selectionOf(call);
  const input = optionalObject(call.body, 'RestoreTestingSelection');
  if (input === undefined) throw missing('RestoreTestingSelection');
  const role = readIamRole(input);
  const arns = readArns(input) ?? selection.protectedResourceArns;
  const conditions = readConditions(input) ?? selection.protectedResourceConditions;
  checkResourceChoice(arns, conditions);
  const overrides = optionalStringMap(input, 'RestoreMetadataOverrides');
  const window = readValidationWindow(input);
  if (role !== undefined) selection.iamRoleArn = role;
  selection.protectedResourceArns = arns;
  selection.protectedResourceConditions = conditions;
  if (overrides !== undefined) selection.restoreMetadataOverrides = overrides;
  if (window !== undefined) selection.validationWindowHours = window;
  call.ctx.markChanged();
  return { ...selectionCreatedView(plan, selection), UpdateTime: epochSeconds(issueTimestamp(call.ctx.account, call.now)) };
}

export function deleteRestoreTestingSelection(call: BackupCall): Json {
  const selection = selectionOf(call);
  delete planOf(call).selections[selection.name];
  call.ctx.markChanged();
  return {};
}
