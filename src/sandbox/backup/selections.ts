// Backup selections: which resources a plan protects. Immutable in AWS (no Update): a changed
// selection is deleted and created again.
import { isIamRoleArn, selectionArnProblem } from '../../domain/arn.js';
import { newUuid } from '../ids.js';
import type { SelectionRecord } from '../state.js';
import { BackupApiError, invalid, missing, notFound } from './errors.js';
import { planOf, refusePolicyManaged } from './plans.js';
import { compact, epochSeconds, optionalObject, optionalString, optionalStringList, paginate, type BackupCall, type Json } from './wire.js';
import { issueTimestamp } from '../timestamps.js';

const SELECTION_NAME = /^[a-zA-Z0-9\-_.]{1,50}$/;
const MAX_SELECTIONS_PER_PLAN = 100;
const MAX_ARNS = 500;
const MAX_WILDCARD_ARNS = 30;
const CONDITION_OPERATORS = ['StringEquals', 'StringNotEquals', 'StringLike', 'StringNotLike'] as const;

type Selection = SelectionRecord['selection'];
type ConditionEntry = { ConditionKey: string; ConditionValue: string };

function readArnList(body: Json, field: 'Resources' | 'NotResources'): string[] | undefined {
  const arns = optionalStringList(body, field);
  if (arns === undefined) return undefined;
  const withWildcards = arns.filter((a) => a.includes('*'));
  if (arns.length > MAX_ARNS) throw invalid(`${field} can list at most ${MAX_ARNS} ARNs.`);
  if (withWildcards.length > MAX_WILDCARD_ARNS) throw invalid(`${field} can list at most ${MAX_WILDCARD_ARNS} ARNs with wildcards.`);
  for (const arn of arns) {
    const problem = selectionArnProblem(arn);
    if (problem !== undefined) throw invalid(`Invalid ARN '${arn}' in ${field}: ${problem}.`);
  }
  return arns;
}

function readConditionList(raw: unknown, where: string): ConditionEntry[] {
  if (!Array.isArray(raw)) throw invalid(`${where} must be a list.`);
  return raw.map((entry) => {
    const e = (entry ?? {}) as Json;
    const key = optionalString(e, 'ConditionKey');
    const value = optionalString(e, 'ConditionValue');
    if (key === undefined || key === '') throw missing(`ConditionKey in ${where}`);
    if (value === undefined) throw missing(`ConditionValue in ${where}`);
    return { ConditionKey: key, ConditionValue: value };
  });
}

function readSelection(raw: Json | undefined): Selection {
  if (raw === undefined) throw missing('BackupSelection');
  const name = optionalString(raw, 'SelectionName');
  if (name === undefined || name === '') throw missing('SelectionName');
  if (!SELECTION_NAME.test(name)) {
    throw invalid(`Invalid selection name '${name}': it must be 1 to 50 characters, using only letters, digits, hyphens, underscores and periods.`);
  }
  const role = optionalString(raw, 'IamRoleArn');
  if (role === undefined || role === '') throw missing('IamRoleArn');
  if (!isIamRoleArn(role)) throw invalid(`Invalid IamRoleArn '${role}': it must be an IAM role ARN, arn:aws:iam::ACCOUNT_ID:role/NAME.`);
  const selection: Selection = { SelectionName: name, IamRoleArn: role };
  const resources = readArnList(raw, 'Resources');
  if (resources !== undefined) selection.Resources = resources;
  const notResources = readArnList(raw, 'NotResources');
  if (notResources !== undefined) selection.NotResources = notResources;
  const tags = raw['ListOfTags'];
  if (tags !== undefined && tags !== null) {
    if (!Array.isArray(tags)) throw invalid('ListOfTags must be a list.');
    selection.ListOfTags = tags.map((t) => {
      const tag = (t ?? {}) as Json;
      const type = optionalString(tag, 'ConditionType');
      if (type !== 'STRINGEQUALS') throw invalid(`Invalid ConditionType '${String(type)}' in ListOfTags: the only type is STRINGEQUALS.`);
      const [entry] = readConditionList([tag], 'ListOfTags');
      return { ConditionType: type, ...entry! };
    });
  }
  const conditions = optionalObject(raw, 'Conditions');
  if (conditions !== undefined) {
    const result: NonNullable<Selection['Conditions']> = {};
    for (const [operator, list] of Object.entries(conditions)) {
      if (!(CONDITION_OPERATORS as readonly string[]).includes(operator)) {
        throw invalid(`Invalid condition operator '${operator}': use ${CONDITION_OPERATORS.join(', ')}.`);
      }
      if (list === null || list === undefined) continue;
      result[operator as (typeof CONDITION_OPERATORS)[number]] = readConditionList(list, `Conditions.${operator}`);
    }
    selection.Conditions = result;
  }
  // AWS refuses a selection that only conditions (or nothing) would narrow.
  if ((selection.Resources ?? []).length === 0 && (selection.ListOfTags ?? []).length === 0) {
    throw invalid("Invalid backup selection. Either 'ListOfTags' or 'Resources' section must be non-empty.");
  }
  return selection;
}

function selectionOf(call: BackupCall): SelectionRecord {
  const plan = planOf(call);
  const id = call.params['SelectionId'] ?? '';
  const selection = plan.selections[id];
  if (selection === undefined) throw notFound(`Backup selection ${id} of backup plan ${plan.id} does not exist.`);
  return selection;
}

export function createBackupSelection(call: BackupCall): Json {
  const plan = planOf(call);
  refusePolicyManaged(plan, 'CreateBackupSelection');
  const creatorRequestId = optionalString(call.body, 'CreatorRequestId');
  if (creatorRequestId !== undefined) {
    const existing = Object.values(plan.selections).find((s) => s.creatorRequestId === creatorRequestId);
    if (existing !== undefined) return { SelectionId: existing.id, BackupPlanId: plan.id, CreationDate: epochSeconds(existing.creationDate) };
  }
  const selection = readSelection(optionalObject(call.body, 'BackupSelection'));
  if (Object.keys(plan.selections).length >= MAX_SELECTIONS_PER_PLAN) {
    throw new BackupApiError('LimitExceededException', `A backup plan can have at most ${MAX_SELECTIONS_PER_PLAN} selections.`);
  }
  const id = newUuid(call.ctx.account, 'selection');
  const record = { id, planId: plan.id, creatorRequestId, creationDate: issueTimestamp(call.ctx.account, call.now), selection };
  plan.selections[id] = record;
  call.ctx.markChanged();
  // The issued millisecond, as Get and List report it (not the clock's, which it may follow).
  return { SelectionId: id, BackupPlanId: plan.id, CreationDate: epochSeconds(record.creationDate) };
}

export function getBackupSelection(call: BackupCall): Json {
  const record = selectionOf(call);
  return compact({
    BackupSelection: record.selection,
    SelectionId: record.id,
    BackupPlanId: record.planId,
    CreationDate: epochSeconds(record.creationDate),
    CreatorRequestId: record.creatorRequestId,
  });
}

export function deleteBackupSelection(call: BackupCall): Json {
  const record = selectionOf(call);
  refusePolicyManaged(call.scope.region.plans[record.planId]!, 'DeleteBackupSelection');
  delete call.scope.region.plans[record.planId]!.selections[record.id];
  call.ctx.markChanged();
  return {};
}

export function listBackupSelections(call: BackupCall): Json {
  const plan = planOf(call);
  const all = Object.values(plan.selections).sort((a, b) => a.creationDate - b.creationDate || a.id.localeCompare(b.id));
  const page = paginate(call, all, `ListBackupSelections:${plan.id}`);
  const items = page.items.map((s) =>
    compact({
      SelectionId: s.id,
      SelectionName: s.selection.SelectionName,
      BackupPlanId: s.planId,
      CreationDate: epochSeconds(s.creationDate),
      CreatorRequestId: s.creatorRequestId,
      IamRoleArn: s.selection.IamRoleArn,
    }),
  );
  return compact({ BackupSelectionsList: items, NextToken: page.nextToken });
}
