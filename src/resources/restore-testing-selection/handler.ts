// restore_testing_selection through AWS Backup: Create/Get/Update/DeleteRestoreTestingSelection.
// The id is PLAN_NAME/SELECTION_NAME (selection names are unique within their plan).
//
// Refresh reads each selection with GetRestoreTestingSelection and no listing:
// ListRestoreTestingSelections lacks three managed fields (protected_resource_arns,
// protected_resource_conditions, restore_metadata_overrides) and carries no update time that would
// tell an unchanged selection, so every selection needs its Get anyway. The listing (one call per
// plan) would only add calls; a Get answers ResourceNotFoundException for a selection, or a plan, that is gone.
import type { KeyValue, ProtectedResourceConditions, RestoreTestingSelectionForGet } from '@aws-sdk/client-backup';
import { backupApi } from '../../aws/backup-api.js';
import { isNotFound } from '../../aws/errors.js';
import { isObjectValue, type ObjectValue, type Value } from '../../core/values.js';
import { adoptByGet } from '../adopt-by-name.js';
import type { HandlerContext, ResourceHandler } from '../handler.js';
import { canonicalConditions } from './model.js';

const text = (v: Value | undefined): string | undefined => (typeof v === 'string' ? v : undefined);
const integer = (v: Value | undefined): number | undefined => (typeof v === 'number' ? v : undefined);

/** PLAN_NAME/SELECTION_NAME → its two names; undefined when `id` is not of that form. */
export function selectionNames(id: string): { plan: string; selection: string } | undefined {
  const parts = id.split('/');
  return parts.length === 2 && parts[0] !== '' && parts[1] !== '' ? { plan: parts[0]!, selection: parts[1]! } : undefined;
}

function pairsToAws(v: Value | undefined): KeyValue[] {
  return (Array.isArray(v) ? v.filter(isObjectValue) : []).map((p) => ({ Key: String(p.key), Value: String(p.value) }));
}

function pairsFromAws(pairs: KeyValue[] | undefined): Value[] {
  return (pairs ?? []).map((p) => ({ key: p.Key ?? '', value: p.Value ?? '' }));
}

function conditionsToAws(v: Value | undefined): ProtectedResourceConditions | undefined {
  const c = canonicalConditions(v);
  if (!isObjectValue(c)) return undefined;
  return { StringEquals: pairsToAws(c.string_equals), StringNotEquals: pairsToAws(c.string_not_equals) };
}

function attributesOf(s: RestoreTestingSelectionForGet): ObjectValue {
  const attributes: ObjectValue = {
    name: s.RestoreTestingSelectionName ?? '',
    restore_testing_plan_name: s.RestoreTestingPlanName ?? '',
    protected_resource_type: s.ProtectedResourceType ?? '',
    iam_role_arn: s.IamRoleArn ?? '',
    protected_resource_arns: [...(s.ProtectedResourceArns ?? [])],
  };
  // AWS answers empty StringEquals and StringNotEquals lists for a selection without conditions.
  const conditions = canonicalConditions({ string_equals: pairsFromAws(s.ProtectedResourceConditions?.StringEquals), string_not_equals: pairsFromAws(s.ProtectedResourceConditions?.StringNotEquals) });
  if (conditions !== undefined) attributes.protected_resource_conditions = conditions;
  // null, not absent, when AWS holds none: an update then shows them as left alone, not as "(known after apply)".
  attributes.restore_metadata_overrides = s.RestoreMetadataOverrides !== undefined ? { ...s.RestoreMetadataOverrides } : null;
  attributes.validation_window_hours = s.ValidationWindowHours ?? null;
  if (s.CreationTime !== undefined) attributes.creation_time = new Date(s.CreationTime).toISOString();
  return attributes;
}

export async function getSelection(ctx: HandlerContext, id: string): Promise<RestoreTestingSelectionForGet | null> {
  const names = selectionNames(id);
  if (names === undefined) return null;
  const { GetRestoreTestingSelectionCommand } = await backupApi();
  try {
    const out = await ctx.backup.send(new GetRestoreTestingSelectionCommand({ RestoreTestingPlanName: names.plan, RestoreTestingSelectionName: names.selection }));
    return out.RestoreTestingSelection ?? null;
  } catch (e) {
    if (isNotFound(e)) return null;
    throw e;
  }
}

/** The ids (PLAN/SELECTION) of the selections of the given plans: ListRestoreTestingSelections per plan (`bkp generate`). */
export async function selectionIdsOfPlans(ctx: HandlerContext, planNames: readonly string[]): Promise<string[]> {
  const { ListRestoreTestingSelectionsCommand } = await backupApi();
  const ids: string[] = [];
  for (const plan of planNames) {
    let token: string | undefined;
    do {
      const out = await ctx.limit(() => ctx.backup.send(new ListRestoreTestingSelectionsCommand({ RestoreTestingPlanName: plan, NextToken: token, MaxResults: 1000 })));
      for (const s of out.RestoreTestingSelections ?? []) if (s.RestoreTestingSelectionName) ids.push(`${plan}/${s.RestoreTestingSelectionName}`);
      token = out.NextToken;
    } while (token);
  }
  return ids;
}

export const restoreTestingSelectionHandler: ResourceHandler = {
  identity: (desired) => {
    const plan = text(desired.restore_testing_plan_name);
    const name = text(desired.name);
    return plan !== undefined && name !== undefined ? `${plan}/${name}` : undefined;
  },

  // The selection an interrupted create made has the intent's plan and name, and
  // GetRestoreTestingSelection tells whose request made it.
  adopt: (ctx, intents) => adoptByGet(ctx, intents, 'restore testing selection', (id) => getSelection(ctx, id), () => undefined, async (found) => attributesOf(found)),

  async read(ctx, id) {
    const found = await getSelection(ctx, id);
    return found === null ? null : attributesOf(found);
  },

  async create(ctx, _address, desired, hooks) {
    const { CreateRestoreTestingSelectionCommand } = await backupApi();
    const plan = String(desired.restore_testing_plan_name);
    const name = String(desired.name);
    const arns = Array.isArray(desired.protected_resource_arns) ? desired.protected_resource_arns.map(String) : undefined;
    const overrides = isObjectValue(desired.restore_metadata_overrides) ? (desired.restore_metadata_overrides as Record<string, string>) : undefined;
    const out = await ctx.backup.send(
      new CreateRestoreTestingSelectionCommand({
        RestoreTestingPlanName: plan,
        CreatorRequestId: hooks.token,
        RestoreTestingSelection: {
          RestoreTestingSelectionName: name,
          ProtectedResourceType: String(desired.protected_resource_type),
          IamRoleArn: String(desired.iam_role_arn),
          ProtectedResourceArns: arns,
          ProtectedResourceConditions: conditionsToAws(desired.protected_resource_conditions),
          RestoreMetadataOverrides: overrides,
          ValidationWindowHours: integer(desired.validation_window_hours),
        },
      }),
    );
    const id = `${plan}/${name}`;
    const attributes: ObjectValue = { ...desired };
    for (const key of ['restore_metadata_overrides', 'validation_window_hours']) if (typeof attributes[key] !== 'number' && !isObjectValue(attributes[key])) delete attributes[key];
    if (out.CreationTime !== undefined) attributes.creation_time = new Date(out.CreationTime).toISOString();
    hooks.created(id, attributes);
    return { id, attributes };
  },

  // Every member of RestoreTestingSelectionForUpdate is modelled; the validation window and overrides
  // the configuration leaves unset carry what AWS holds (the planner fills them in from the refresh).
  async update(ctx, id, before, after) {
    const { UpdateRestoreTestingSelectionCommand } = await backupApi();
    const names = selectionNames(id)!;
    const overrides = isObjectValue(after.restore_metadata_overrides) ? after.restore_metadata_overrides : before.restore_metadata_overrides;
    const window = integer(after.validation_window_hours) ?? integer(before.validation_window_hours);
    const arns = Array.isArray(after.protected_resource_arns) ? after.protected_resource_arns.map(String) : [];
    const hadConditions = canonicalConditions(before.protected_resource_conditions) !== undefined;
    const out = await ctx.backup.send(
      new UpdateRestoreTestingSelectionCommand({
        RestoreTestingPlanName: names.plan,
        RestoreTestingSelectionName: names.selection,
        RestoreTestingSelection: {
          IamRoleArn: text(after.iam_role_arn),
          // An empty list or empty conditions clear what the selection had.
          ProtectedResourceArns: arns.length > 0 || (Array.isArray(before.protected_resource_arns) && before.protected_resource_arns.length > 0) ? arns : undefined,
          ProtectedResourceConditions: conditionsToAws(after.protected_resource_conditions) ?? (hadConditions ? { StringEquals: [], StringNotEquals: [] } : undefined),
          RestoreMetadataOverrides: isObjectValue(overrides) ? (overrides as Record<string, string>) : undefined,
          ValidationWindowHours: window,
        },
      }),
    );
    const updated: ObjectValue = { ...after };
    updated.restore_metadata_overrides = isObjectValue(overrides) ? overrides : null;
    updated.validation_window_hours = window ?? null;
    const created = out.CreationTime !== undefined ? new Date(out.CreationTime).toISOString() : before.creation_time;
    if (created !== undefined) updated.creation_time = created;
    return updated;
  },

  async delete(ctx, id) {
    const names = selectionNames(id);
    if (names === undefined) return;
    const { DeleteRestoreTestingSelectionCommand } = await backupApi();
    try {
      await ctx.backup.send(new DeleteRestoreTestingSelectionCommand({ RestoreTestingPlanName: names.plan, RestoreTestingSelectionName: names.selection }));
    } catch (e) {
      if (!isNotFound(e)) throw e;
    }
  },
};
