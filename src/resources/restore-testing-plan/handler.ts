// restore_testing_plan through AWS Backup: Create/Get/List/Update/DeleteRestoreTestingPlan and tags.
//
// Refresh is list-first: ListRestoreTestingPlans carries every managed field but the recovery point
// selection, and each plan's LastUpdateTime. A listed plan whose CreationTime and LastUpdateTime
// are those state holds has not been updated since bkp last read it, so its selection is the one
// in state and GetRestoreTestingPlan is skipped; any other plan is read with Get.
import type { RestoreTestingPlanForGet, RestoreTestingPlanForList, RestoreTestingRecoveryPointSelection } from '@aws-sdk/client-backup';
import { backupApi } from '../../aws/backup-api.js';
import { isNotFound } from '../../aws/errors.js';
import { isObjectValue, type ObjectValue, type Value } from '../../core/values.js';
import { valuesEqual } from '../canonical.js';
import { adoptByGet } from '../adopt-by-name.js';
import type { HandlerContext, Listing, ResourceHandler } from '../handler.js';
import { readTags, syncTags } from '../tags.js';
import { restoreTestingPlanModel } from './model.js';

type PlanFacts = Omit<RestoreTestingPlanForGet, 'RecoveryPointSelection'> & { RecoveryPointSelection?: RestoreTestingRecoveryPointSelection };

export function isoOrUndefined(date: Date | undefined): string | undefined {
  return date === undefined ? undefined : new Date(date).toISOString();
}

const strings = (v: Value | undefined): string[] | undefined => (Array.isArray(v) ? v.map(String) : undefined);
const integer = (v: Value | undefined): number | undefined => (typeof v === 'number' ? v : undefined);
const text = (v: Value | undefined): string | undefined => (typeof v === 'string' ? v : undefined);

function selectionToAws(v: Value | undefined): RestoreTestingRecoveryPointSelection {
  const s = isObjectValue(v) ? v : {};
  return {
    Algorithm: text(s.algorithm) as RestoreTestingRecoveryPointSelection['Algorithm'],
    IncludeVaults: strings(s.include_vaults),
    ExcludeVaults: strings(s.exclude_vaults),
    RecoveryPointTypes: strings(s.recovery_point_types) as RestoreTestingRecoveryPointSelection['RecoveryPointTypes'],
    SelectionWindowDays: integer(s.selection_window_days),
  };
}

function selectionFromAws(s: RestoreTestingRecoveryPointSelection | undefined): ObjectValue {
  const out: ObjectValue = {
    algorithm: s?.Algorithm ?? null,
    include_vaults: [...(s?.IncludeVaults ?? [])],
    exclude_vaults: [...(s?.ExcludeVaults ?? [])],
    recovery_point_types: [...(s?.RecoveryPointTypes ?? [])],
  };
  if (s?.SelectionWindowDays !== undefined) out.selection_window_days = s.SelectionWindowDays;
  return out;
}

function attributesOf(plan: PlanFacts, selection: Value, tags: ObjectValue): ObjectValue {
  const attributes: ObjectValue = {
    name: plan.RestoreTestingPlanName ?? '',
    schedule: plan.ScheduleExpression ?? '',
    recovery_point_selection: selection,
    tags,
    arn: plan.RestoreTestingPlanArn ?? '',
  };
  // null, not absent, when AWS names no zone: the plan then shows an update as leaving it, not as "(known after apply)".
  attributes.timezone = plan.ScheduleExpressionTimezone ?? null;
  if (plan.StartWindowHours !== undefined) attributes.start_window_hours = plan.StartWindowHours;
  const created = isoOrUndefined(plan.CreationTime);
  const updated = isoOrUndefined(plan.LastUpdateTime);
  if (created !== undefined) attributes.creation_time = created;
  if (updated !== undefined) attributes.last_update_time = updated;
  return attributes;
}

export async function listPlans(ctx: HandlerContext): Promise<Listing<RestoreTestingPlanForList>> {
  const { ListRestoreTestingPlansCommand } = await backupApi();
  const listing: Listing<RestoreTestingPlanForList> = new Map();
  let token: string | undefined;
  do {
    const out = await ctx.limit(() => ctx.backup.send(new ListRestoreTestingPlansCommand({ NextToken: token, MaxResults: 1000 })));
    for (const p of out.RestoreTestingPlans ?? []) if (p.RestoreTestingPlanName) listing.set(p.RestoreTestingPlanName, p);
    token = out.NextToken;
  } while (token);
  return listing;
}

async function getPlan(ctx: HandlerContext, name: string): Promise<RestoreTestingPlanForGet | null> {
  const { GetRestoreTestingPlanCommand } = await backupApi();
  try {
    const out = await ctx.backup.send(new GetRestoreTestingPlanCommand({ RestoreTestingPlanName: name }));
    return out.RestoreTestingPlan ?? null;
  } catch (e) {
    if (isNotFound(e)) return null;
    throw e;
  }
}

/** The plan fields both CreateRestoreTestingPlan and UpdateRestoreTestingPlan take. */
function planFields(desired: ObjectValue, before: ObjectValue = {}) {
  return {
    ScheduleExpression: text(desired.schedule),
    // Unset in the configuration: what AWS holds is sent back, never reset.
    ScheduleExpressionTimezone: text(desired.timezone) ?? text(before.timezone),
    StartWindowHours: integer(desired.start_window_hours) ?? integer(before.start_window_hours),
    RecoveryPointSelection: selectionToAws(desired.recovery_point_selection),
  };
}

export const restoreTestingPlanHandler: ResourceHandler<RestoreTestingPlanForList> = {
  list: (ctx) => listPlans(ctx),

  identity: (desired) => text(desired.name),

  // Names are unique per Region: the plan an interrupted create made has the intent's name, and
  // GetRestoreTestingPlan tells whose request made it (the listing does not carry the token).
  adopt: (ctx, intents) =>
    adoptByGet(
      ctx,
      intents,
      'restore testing plan',
      (name) => getPlan(ctx, name),
      (found) => found.RestoreTestingPlanArn,
      async (found) => attributesOf(found, selectionFromAws(found.RecoveryPointSelection), await ctx.limit(() => readTags(ctx, found.RestoreTestingPlanArn ?? ''))),
    ),

  async read(ctx, id, prior, listing) {
    const listed = listing?.get(id);
    if (listing && !listed) return null;
    const unchanged =
      listed !== undefined &&
      isObjectValue(prior.recovery_point_selection) &&
      prior.creation_time !== undefined &&
      isoOrUndefined(listed.CreationTime) === prior.creation_time &&
      isoOrUndefined(listed.LastUpdateTime) === prior.last_update_time;
    let plan: PlanFacts | null;
    let selection: Value;
    if (unchanged) {
      plan = listed;
      selection = prior.recovery_point_selection!;
    } else {
      plan = await getPlan(ctx, id);
      selection = selectionFromAws(plan?.RecoveryPointSelection);
    }
    if (plan === null) return null;
    return attributesOf(plan, selection, await readTags(ctx, plan.RestoreTestingPlanArn ?? String(prior.arn ?? '')));
  },

  async create(ctx, _address, desired, hooks) {
    const { CreateRestoreTestingPlanCommand } = await backupApi();
    const name = String(desired.name);
    const tags = isObjectValue(desired.tags) ? (desired.tags as Record<string, string>) : {};
    const out = await ctx.backup.send(
      new CreateRestoreTestingPlanCommand({
        RestoreTestingPlan: { RestoreTestingPlanName: name, ...planFields(desired), ScheduleExpression: String(desired.schedule) },
        Tags: Object.keys(tags).length > 0 ? tags : undefined,
        CreatorRequestId: hooks.token,
      }),
    );
    const attributes: ObjectValue = { ...desired, tags, arn: out.RestoreTestingPlanArn ?? '' };
    // Left unset, the time zone is AWS's choice: the next refresh records it.
    if (typeof attributes.timezone !== 'string') delete attributes.timezone;
    const created = isoOrUndefined(out.CreationTime);
    if (created !== undefined) attributes.creation_time = created;
    hooks.created(name, attributes);
    return { id: name, attributes };
  },

  async update(ctx, id, before, after) {
    const { UpdateRestoreTestingPlanCommand } = await backupApi();
    const updated: ObjectValue = { ...after, arn: before.arn ?? '' };
    for (const key of ['creation_time', 'last_update_time', 'timezone', 'start_window_hours']) {
      if (updated[key] === undefined && before[key] !== undefined) updated[key] = before[key]!;
    }
    const [was, will] = [restoreTestingPlanModel.canonical(before), restoreTestingPlanModel.canonical(updated)];
    if (['schedule', 'timezone', 'start_window_hours', 'recovery_point_selection'].some((f) => !valuesEqual(was[f], will[f]))) {
      // The whole plan is sent: every member of RestoreTestingPlanForUpdate is modelled, and the
      // ones the configuration leaves unset carry what AWS holds (planFields).
      const out = await ctx.backup.send(new UpdateRestoreTestingPlanCommand({ RestoreTestingPlanName: id, RestoreTestingPlan: planFields(after, before) }));
      // Should AWS list another LastUpdateTime than this reply's, the next refresh reads the plan once more.
      const at = isoOrUndefined(out.UpdateTime);
      if (at !== undefined) updated.last_update_time = at;
      else delete updated.last_update_time;
    }
    await syncTags(ctx, String(before.arn), before.tags, after.tags);
    return updated;
  },

  async delete(ctx, id) {
    const { DeleteRestoreTestingPlanCommand } = await backupApi();
    try {
      await ctx.backup.send(new DeleteRestoreTestingPlanCommand({ RestoreTestingPlanName: id }));
    } catch (e) {
      if (!isNotFound(e)) throw e;
    }
  },
};
