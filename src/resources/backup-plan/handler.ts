// backup_plan through AWS Backup: rules, advanced settings and tags.
import type {
  AdvancedBackupSetting,
  BackupPlan,
  BackupPlanInput,
  BackupPlansListMember,
  BackupRule,
  BackupRuleInput,
  CopyAction,
  IndexAction,
  ScanAction,
  ScanSetting,
} from '@aws-sdk/client-backup';
import { isObjectValue, type ObjectValue, type Value } from '../../core/values.js';
import { isNotFound } from '../../aws/errors.js';
import { valuesEqual } from '../canonical.js';
import { lifecycleToAws, lifecycleFromAws } from '../lifecycle.js';
import type { AdoptOutcome, HandlerContext, Listing, PriorObject, ResourceHandler } from '../handler.js';
import { attachBulkTags, readTags, syncTags } from '../tags.js';
import { backupApi } from '../../aws/backup-api.js';
import { enablesWindowsVss } from './advanced-settings.js';
import { withUnmanagedFields } from './managed-fields.js';
import { unmodelledOf, withUnmodelled } from './unmodelled.js';

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
    TargetLogicallyAirGappedBackupVaultArn:
      typeof rule.target_logically_air_gapped_vault_arn === 'string' ? rule.target_logically_air_gapped_vault_arn : undefined,
    IndexActions: nonEmpty(blocks(rule.index_action).map((a): IndexAction => ({ ResourceTypes: strings(a.resource_types) }))),
    ScanActions: nonEmpty(
      blocks(rule.scan_action).map((a): ScanAction => ({ MalwareScanner: a.malware_scanner as ScanAction['MalwareScanner'], ScanMode: a.scan_mode as ScanAction['ScanMode'] })),
    ),
  };
}

function blocks(v: Value | undefined): ObjectValue[] {
  return Array.isArray(v) ? v.filter(isObjectValue) : [];
}

function strings(v: Value | undefined): string[] {
  return Array.isArray(v) ? v.map(String) : [];
}

function nonEmpty<T>(list: T[]): T[] | undefined {
  return list.length > 0 ? list : undefined;
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
  if (rule.TargetLogicallyAirGappedBackupVaultArn) out.target_logically_air_gapped_vault_arn = rule.TargetLogicallyAirGappedBackupVaultArn;
  if (rule.IndexActions?.length) out.index_action = rule.IndexActions.map((a) => ({ resource_types: [...(a.ResourceTypes ?? [])] }));
  if (rule.ScanActions?.length) out.scan_action = rule.ScanActions.map((a) => compactObject({ malware_scanner: a.MalwareScanner, scan_mode: a.ScanMode }));
  return out;
}

function compactObject(o: Record<string, Value | undefined>): ObjectValue {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as ObjectValue;
}

/** AdvancedBackupSettings from `windows_vss` and the `advanced_backup_setting` blocks (EC2's entries merged into one). */
function advancedSettingsToAws(desired: ObjectValue): AdvancedBackupSetting[] | undefined {
  const byType = new Map<string, Record<string, string>>();
  for (const s of blocks(desired.advanced_backup_setting)) {
    const options = byType.get(String(s.resource_type)) ?? {};
    for (const [key, value] of Object.entries(isObjectValue(s.options) ? s.options : {})) options[key] = String(value);
    byType.set(String(s.resource_type), options);
  }
  if (desired.windows_vss === true) byType.set('EC2', { ...byType.get('EC2'), WindowsVSS: 'enabled' });
  return nonEmpty([...byType].map(([ResourceType, BackupOptions]) => ({ ResourceType, BackupOptions })));
}

/** `advanced_backup_setting` blocks as read (EC2's WindowsVSS becomes `windows_vss` in the canonical form). */
function advancedSettingsFromAws(settings: AdvancedBackupSetting[] | undefined): ObjectValue[] {
  return (settings ?? []).map((s) => ({ resource_type: s.ResourceType ?? '', options: { ...(s.BackupOptions ?? {}) } }));
}

function scanSettingsToAws(v: Value | undefined): ScanSetting[] | undefined {
  return nonEmpty(
    blocks(v).map((s): ScanSetting => ({
      MalwareScanner: s.malware_scanner as ScanSetting['MalwareScanner'],
      ResourceTypes: strings(s.resource_types),
      ScannerRoleArn: typeof s.scanner_role_arn === 'string' ? s.scanner_role_arn : undefined,
    })),
  );
}

function scanSettingsFromAws(settings: ScanSetting[] | undefined): ObjectValue[] {
  return (settings ?? []).map((s) =>
    compactObject({ malware_scanner: s.MalwareScanner, resource_types: s.ResourceTypes ? [...s.ResourceTypes] : undefined, scanner_role_arn: s.ScannerRoleArn }),
  );
}

/** The plan request for `desired`, with the settings bkp does not model put back as last read. */
function planToAws(desired: ObjectValue, unmodelled?: Value): BackupPlanInput {
  const rules = Array.isArray(desired.rule) ? desired.rule.filter(isObjectValue) : [];
  return withUnmodelled(
    {
      BackupPlanName: String(desired.name),
      Rules: rules.map(ruleToAws),
      AdvancedBackupSettings: advancedSettingsToAws(desired),
      ScanSettings: scanSettingsToAws(desired.scan_setting),
    },
    unmodelled,
  );
}

/** The configurable attributes of a plan as AWS holds it (tags aside). */
function planAttributes(plan: BackupPlan): ObjectValue {
  const advanced = advancedSettingsFromAws(plan.AdvancedBackupSettings);
  const out: ObjectValue = { name: plan.BackupPlanName ?? '', rule: (plan.Rules ?? []).map(ruleFromAws), windows_vss: enablesWindowsVss(advanced) };
  if (advanced.length > 0) out.advanced_backup_setting = advanced;
  const scanSettings = scanSettingsFromAws(plan.ScanSettings);
  if (scanSettings.length > 0) out.scan_setting = scanSettings;
  return out;
}

/** The attributes UpdateBackupPlan writes (the rest, tags, go through Tag/UntagResource). */
const PLAN_DOCUMENT_ATTRIBUTES = ['rule', 'windows_vss', 'advanced_backup_setting', 'scan_setting'] as const;

function rulesAndSettingsChanged(before: ObjectValue, after: ObjectValue): boolean {
  return PLAN_DOCUMENT_ATTRIBUTES.some((key) =>
    key === 'windows_vss' ? (before.windows_vss === true) !== (after.windows_vss === true) : !valuesEqual(before[key] ?? [], after[key] ?? []),
  );
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
    const read: ObjectValue = {
      ...planAttributes(plan),
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
    hooks.created(id, attributes);
    return { id, attributes };
  },

  async update(ctx, id, before, after) {
    const { UpdateBackupPlanCommand } = await backupApi();
    let versionId = before.version_id;
    let unmodelled: Value | undefined = before.unmodelled;
    if (rulesAndSettingsChanged(before, after)) {
      // UpdateBackupPlan replaces the whole plan: what bkp does not model or manage is taken from the
      // plan as it is now, not as refresh saw it, so a change made since (or a saved plan applied later) survives.
      const { GetBackupPlanCommand } = await backupApi();
      const current = await ctx.backup.send(new GetBackupPlanCommand({ BackupPlanId: id }));
      unmodelled = current.BackupPlan ? unmodelledOf(current.BackupPlan) : unmodelled;
      const request = current.BackupPlan ? withUnmanagedFields(before, after, planAttributes(current.BackupPlan)) : after;
      const out = await ctx.backup.send(new UpdateBackupPlanCommand({ BackupPlanId: id, BackupPlan: planToAws(request, unmodelled) }));
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
