// backup_plan through AWS Backup: rules, advanced settings and tags.
import type { BackupPlanInput, BackupPlansListMember, BackupRule, BackupRuleInput, CopyAction, Lifecycle } from '@aws-sdk/client-backup';
import { isObjectValue, type ObjectValue, type Value } from '../../core/values.js';
import { isNotFound } from '../../aws/errors.js';
import { valuesEqual } from '../canonical.js';
import type { AdoptOutcome, HandlerContext, Listing, PriorObject, ResourceHandler } from '../handler.js';
import { attachBulkTags, readTags, syncTags } from '../tags.js';
import { backupApi } from '../../aws/backup-api.js';
import { MODELLED_ADVANCED_SETTING, unmodelledOf, withUnmodelled } from './unmodelled.js';

function lifecycleToAws(v: Value | undefined): Lifecycle | undefined {
  if (!isObjectValue(v)) return undefined;
  const out: Lifecycle = {};
  if (typeof v.cold_storage_after_days === 'number' && v.cold_storage_after_days > 0) out.MoveToColdStorageAfterDays = v.cold_storage_after_days;
  if (typeof v.delete_after_days === 'number' && v.delete_after_days > 0) out.DeleteAfterDays = v.delete_after_days;
  if (v.opt_in_to_archive_for_supported_resources === true) out.OptInToArchiveForSupportedResources = true;
  return Object.keys(out).length > 0 ? out : undefined;
}

function lifecycleFromAws(l: Lifecycle | undefined): ObjectValue | undefined {
  if (!l) return undefined;
  const out: ObjectValue = {};
  if (l.MoveToColdStorageAfterDays) out.cold_storage_after_days = l.MoveToColdStorageAfterDays;
  if (l.DeleteAfterDays) out.delete_after_days = l.DeleteAfterDays;
  if (l.OptInToArchiveForSupportedResources) out.opt_in_to_archive_for_supported_resources = true;
  return Object.keys(out).length > 0 ? out : undefined;
}

function ruleToAws(rule: ObjectValue): BackupRuleInput {
  const copies = Array.isArray(rule.copy) ? rule.copy.filter(isObjectValue) : [];
  const tags = isObjectValue(rule.recovery_point_tags) ? (rule.recovery_point_tags as Record<string, string>) : {};
  return {
    RuleName: String(rule.name),
    TargetBackupVaultName: String(rule.target_vault),
    ScheduleExpression: typeof rule.schedule === 'string' ? rule.schedule : undefined,
    ScheduleExpressionTimezone: typeof rule.timezone === 'string' ? rule.timezone : undefined,
    StartWindowMinutes: typeof rule.start_window_minutes === 'number' ? rule.start_window_minutes : undefined,
    CompletionWindowMinutes: typeof rule.completion_window_minutes === 'number' ? rule.completion_window_minutes : undefined,
    EnableContinuousBackup: rule.continuous_backup === true ? true : undefined,
    Lifecycle: lifecycleToAws(rule.lifecycle),
    RecoveryPointTags: Object.keys(tags).length > 0 ? tags : undefined,
    CopyActions:
      copies.length > 0
        ? copies.map((c) => ({ DestinationBackupVaultArn: String(c.destination_vault_arn), Lifecycle: lifecycleToAws(c.lifecycle) }))
        : undefined,
  };
}

function ruleFromAws(rule: BackupRule): ObjectValue {
  const out: ObjectValue = {
    name: rule.RuleName ?? '',
    target_vault: rule.TargetBackupVaultName ?? '',
    timezone: rule.ScheduleExpressionTimezone ?? 'Etc/UTC',
    start_window_minutes: rule.StartWindowMinutes ?? 480,
    completion_window_minutes: rule.CompletionWindowMinutes ?? 10080,
    continuous_backup: rule.EnableContinuousBackup === true,
    recovery_point_tags: { ...(rule.RecoveryPointTags ?? {}) },
    copy: (rule.CopyActions ?? []).map((c: CopyAction) => {
      const copy: ObjectValue = { destination_vault_arn: c.DestinationBackupVaultArn ?? '' };
      const lifecycle = lifecycleFromAws(c.Lifecycle);
      if (lifecycle) copy.lifecycle = lifecycle;
      return copy;
    }),
  };
  if (rule.ScheduleExpression) out.schedule = rule.ScheduleExpression;
  const lifecycle = lifecycleFromAws(rule.Lifecycle);
  if (lifecycle) out.lifecycle = lifecycle;
  return out;
}

/** The plan request for `desired`, with the settings bkp does not model put back as last read. */
function planToAws(desired: ObjectValue, unmodelled?: Value): BackupPlanInput {
  const rules = Array.isArray(desired.rule) ? desired.rule.filter(isObjectValue) : [];
  return withUnmodelled(
    {
      BackupPlanName: String(desired.name),
      Rules: rules.map(ruleToAws),
      AdvancedBackupSettings:
        desired.windows_vss === true ? [{ ResourceType: MODELLED_ADVANCED_SETTING, BackupOptions: { WindowsVSS: 'enabled' } }] : undefined,
    },
    unmodelled,
  );
}

function rulesAndSettingsChanged(before: ObjectValue, after: ObjectValue): boolean {
  return !valuesEqual(before.rule, after.rule) || (before.windows_vss === true) !== (after.windows_vss === true);
}

/** A plan as ListBackupPlans returned it, with its tags when they were read in bulk. */
interface ListedPlan {
  plan: BackupPlansListMember;
  tags?: ObjectValue;
}

async function listPlans(ctx: HandlerContext, prior: readonly PriorObject[]): Promise<Listing<ListedPlan>> {
  const { ListBackupPlansCommand } = await backupApi();
  const listing: Listing<ListedPlan> = new Map();
  let token: string | undefined;
  do {
    const out = await ctx.limit(() => ctx.backup.send(new ListBackupPlansCommand({ NextToken: token, MaxResults: 1000 })));
    for (const p of out.BackupPlansList ?? []) if (p.BackupPlanId && !p.DeletionDate) listing.set(p.BackupPlanId, { plan: p });
    token = out.NextToken;
  } while (token);
  await attachBulkTags(ctx, 'backup:backup-plan', listing, (p) => p.plan.BackupPlanArn, prior);
  return listing;
}

export const backupPlanHandler: ResourceHandler<ListedPlan> = {
  list: listPlans,

  identity: (desired) => (typeof desired.name === 'string' ? desired.name : undefined),

  // ListBackupPlans carries each plan's CreatorRequestId: the plan an intent's create made is the
  // one with its token, whatever its name or rules have become since.
  async adopt(ctx, intents) {
    const listing = await listPlans(ctx, []);
    const outcomes = new Map<string, AdoptOutcome>();
    for (const intent of intents) {
      const made = [...listing.values()].filter((p) => p.plan.CreatorRequestId === intent.token);
      if (made.length === 0) {
        outcomes.set(intent.address, { outcome: 'missing' });
      } else if (made.length > 1) {
        const arns = made.map((p) => p.plan.BackupPlanArn ?? p.plan.BackupPlanId ?? '');
        outcomes.set(intent.address, { outcome: 'conflict', arns, detail: `${made.length} backup plans carry the CreatorRequestId ${intent.token}` });
      } else {
        const id = made[0]!.plan.BackupPlanId!;
        const attributes = await ctx.limit(() => this.read(ctx, id, {}, listing));
        outcomes.set(intent.address, attributes ? { outcome: 'found', id, attributes } : { outcome: 'missing' });
      }
    }
    return outcomes;
  },

  async read(ctx, id, prior, listing) {
    const { GetBackupPlanCommand } = await backupApi();
    const listed = listing?.get(id);
    if (listing && !listed) return null;
    const arn = String(listed?.plan.BackupPlanArn ?? prior.arn ?? '');
    // A listed plan whose VersionId is the one in state has the rules state holds: no GetBackupPlan.
    if (listed && listed.plan.VersionId === prior.version_id && prior.rule !== undefined) {
      const tags = listed.tags ?? (await readTags(ctx, arn));
      const unchanged: ObjectValue = { ...prior, name: String(listed.plan.BackupPlanName ?? prior.name), tags };
      return unchanged;
    }
    let out;
    try {
      out = await ctx.backup.send(new GetBackupPlanCommand({ BackupPlanId: id }));
    } catch (e) {
      if (isNotFound(e)) return null;
      throw e;
    }
    if (out.DeletionDate || !out.BackupPlan) return null;
    const plan = out.BackupPlan;
    const vss = (plan.AdvancedBackupSettings ?? []).some(
      (s) => s.ResourceType === MODELLED_ADVANCED_SETTING && s.BackupOptions?.WindowsVSS === 'enabled',
    );
    const read: ObjectValue = {
      name: plan.BackupPlanName ?? '',
      rule: (plan.Rules ?? []).map(ruleFromAws),
      windows_vss: vss,
      tags: listed?.tags ?? (await readTags(ctx, out.BackupPlanArn ?? arn)),
      id,
      arn: out.BackupPlanArn ?? arn,
      version_id: out.VersionId ?? '',
    };
    const unmodelled = unmodelledOf(plan);
    if (unmodelled) read.unmodelled = unmodelled;
    return read;
  },

  async create(ctx, address, desired, hooks) {
    const { CreateBackupPlanCommand } = await backupApi();
    const tags = isObjectValue(desired.tags) ? (desired.tags as Record<string, string>) : {};
    const out = await ctx.backup.send(
      new CreateBackupPlanCommand({
        BackupPlan: planToAws(desired),
        BackupPlanTags: Object.keys(tags).length > 0 ? tags : undefined,
        CreatorRequestId: hooks.token,
      }),
    );
    const id = out.BackupPlanId ?? '';
    const attributes: ObjectValue = { ...desired, tags, id, arn: out.BackupPlanArn ?? '', version_id: out.VersionId ?? '' };
    await hooks.created(id, attributes);
    return { id, attributes };
  },

  async update(ctx, id, before, after) {
    const { UpdateBackupPlanCommand } = await backupApi();
    let versionId = before.version_id;
    let unmodelled: Value | undefined = before.unmodelled;
    if (rulesAndSettingsChanged(before, after)) {
      // UpdateBackupPlan replaces the whole plan: what bkp does not model is taken from the plan as
      // it is now, not as refresh saw it, so a change made since (or a saved plan applied later) survives.
      const { GetBackupPlanCommand } = await backupApi();
      const current = await ctx.backup.send(new GetBackupPlanCommand({ BackupPlanId: id }));
      unmodelled = current.BackupPlan ? unmodelledOf(current.BackupPlan) : unmodelled;
      const out = await ctx.backup.send(new UpdateBackupPlanCommand({ BackupPlanId: id, BackupPlan: planToAws(after, unmodelled) }));
      versionId = out.VersionId ?? versionId;
    }
    await syncTags(ctx, String(before.arn), before.tags, after.tags);
    const updated: ObjectValue = { ...after, id, arn: before.arn ?? '', version_id: versionId ?? '' };
    if (unmodelled !== undefined) updated.unmodelled = unmodelled;
    return updated;
  },

  async delete(ctx, id) {
    const { DeleteBackupPlanCommand } = await backupApi();
    try {
      await ctx.backup.send(new DeleteBackupPlanCommand({ BackupPlanId: id }));
    } catch (e) {
      if (!isNotFound(e)) throw e;
    }
  },
};
