// An account's effective backup policy read as the backup plans AWS Backup creates from it in that
// account: one plan per policy plan and Region, in AWS Backup's API shape (CreateBackupPlan's
// BackupPlanInput, CreateBackupSelection's BackupSelection), with `$account` replaced by the member
// account. The sandbox creates exactly these; `bkp plan` and `bkp check` read them.
import type { EffectiveObject, EffectiveValue } from './inheritance.js';

export interface PolicyBackupRule {
  RuleName: string;
  TargetBackupVaultName: string;
  ScheduleExpression?: string;
  ScheduleExpressionTimezone?: string;
  StartWindowMinutes?: number;
  CompletionWindowMinutes?: number;
  EnableContinuousBackup?: boolean;
  TargetLogicallyAirGappedBackupVaultArn?: string;
  Lifecycle?: PolicyLifecycle;
  RecoveryPointTags?: Record<string, string>;
  CopyActions?: Array<{ DestinationBackupVaultArn: string; Lifecycle?: PolicyLifecycle }>;
  IndexActions?: Array<{ ResourceTypes: string[] }>;
}

export interface PolicyLifecycle {
  MoveToColdStorageAfterDays?: number;
  DeleteAfterDays?: number;
  OptInToArchiveForSupportedResources?: boolean;
}

export interface PolicyCondition {
  ConditionKey: string;
  ConditionValue: string;
}

export interface PolicyBackupSelection {
  SelectionName: string;
  IamRoleArn: string;
  Resources?: string[];
  NotResources?: string[];
  ListOfTags?: Array<{ ConditionType: 'STRINGEQUALS'; ConditionKey: string; ConditionValue: string }>;
  Conditions?: { StringEquals?: PolicyCondition[]; StringNotEquals?: PolicyCondition[]; StringLike?: PolicyCondition[]; StringNotLike?: PolicyCondition[] };
}

export interface PolicyBackupPlan {
  /** The plan's name in the policy (AWS Backup names the created plan the same). */
  BackupPlanName: string;
  region: string;
  Rules: PolicyBackupRule[];
  Selections: PolicyBackupSelection[];
  AdvancedBackupSettings?: Array<{ ResourceType: string; BackupOptions: Record<string, string> }>;
  BackupPlanTags?: Record<string, string>;
}

const isObject = (v: EffectiveValue | undefined): v is EffectiveObject => typeof v === 'object' && v !== null && !Array.isArray(v);
const text = (v: EffectiveValue | undefined): string | undefined => (typeof v === 'string' ? v : typeof v === 'number' || typeof v === 'boolean' ? String(v) : undefined);
const whole = (v: EffectiveValue | undefined): number | undefined => {
  const t = text(v);
  return t !== undefined && /^\d+$/.test(t) ? Number(t) : undefined;
};
const flag = (v: EffectiveValue | undefined): boolean | undefined => (text(v) === 'true' ? true : text(v) === 'false' ? false : undefined);
const strings = (v: EffectiveValue | undefined): string[] => (Array.isArray(v) ? v.map(text).filter((s): s is string => s !== undefined) : text(v) !== undefined ? [text(v)!] : []);
const entries = (v: EffectiveValue | undefined): Array<[string, EffectiveObject]> =>
  isObject(v) ? Object.entries(v).filter((e): e is [string, EffectiveObject] => isObject(e[1])) : [];

/** Drops undefined fields, so an absent setting is absent in the API shape too. */
function defined<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}

function lifecycle(v: EffectiveValue | undefined): PolicyLifecycle | undefined {
  if (!isObject(v)) return undefined;
  const out = defined({
    MoveToColdStorageAfterDays: whole(v.move_to_cold_storage_after_days),
    DeleteAfterDays: whole(v.delete_after_days),
    OptInToArchiveForSupportedResources: flag(v.opt_in_to_archive_for_supported_resources),
  });
  return Object.keys(out).length > 0 ? out : undefined;
}

function tagPairs(v: EffectiveValue | undefined): Record<string, string> | undefined {
  const pairs = entries(v)
    .map(([, pair]) => [text(pair.tag_key), text(pair.tag_value)] as const)
    .filter((p): p is readonly [string, string] => p[0] !== undefined && p[1] !== undefined);
  return pairs.length > 0 ? Object.fromEntries(pairs) : undefined;
}

function rule(name: string, r: EffectiveObject, account: (s: string) => string): PolicyBackupRule {
  const copies = entries(r.copy_actions).map(([key, c]) =>
    defined({ DestinationBackupVaultArn: account(text(c.target_backup_vault_arn) ?? key), Lifecycle: lifecycle(c.lifecycle) }),
  );
  const indexes = entries(r.index_actions).map(([, i]) => ({ ResourceTypes: strings(i.resource_types) }));
  const airGapped = text(r.target_logically_air_gapped_backup_vault_arn);
  return defined({
    RuleName: name,
    TargetBackupVaultName: text(r.target_backup_vault_name) ?? '',
    ScheduleExpression: text(r.schedule_expression),
    ScheduleExpressionTimezone: text(r.schedule_expression_timezone),
    StartWindowMinutes: whole(r.start_backup_window_minutes),
    CompletionWindowMinutes: whole(r.complete_backup_window_minutes),
    EnableContinuousBackup: flag(r.enable_continuous_backup),
    TargetLogicallyAirGappedBackupVaultArn: airGapped === undefined ? undefined : account(airGapped),
    Lifecycle: lifecycle(r.lifecycle),
    RecoveryPointTags: tagPairs(r.recovery_point_tags),
    CopyActions: copies.length > 0 ? copies : undefined,
    IndexActions: indexes.length > 0 ? indexes : undefined,
  });
}

const CONDITION_FIELDS = {
  string_equals: 'StringEquals',
  string_not_equals: 'StringNotEquals',
  string_like: 'StringLike',
  string_not_like: 'StringNotLike',
} as const;

function selections(v: EffectiveValue | undefined, account: (s: string) => string): PolicyBackupSelection[] {
  if (!isObject(v)) return [];
  const byTag = entries(v.tags).map(([name, s]) => ({
    SelectionName: name,
    IamRoleArn: account(text(s.iam_role_arn) ?? ''),
    ListOfTags: strings(s.tag_value).map((value) => ({ ConditionType: 'STRINGEQUALS' as const, ConditionKey: text(s.tag_key) ?? '', ConditionValue: value })),
  }));
  const byResource = entries(v.resources).map(([name, s]) => {
    const conditions: NonNullable<PolicyBackupSelection['Conditions']> = {};
    for (const [key, field] of Object.entries(CONDITION_FIELDS)) {
      const list = entries(isObject(s.conditions) ? s.conditions[key] : undefined).map(([, c]) => ({
        ConditionKey: text(c.condition_key) ?? '',
        ConditionValue: text(c.condition_value) ?? '',
      }));
      if (list.length > 0) conditions[field] = list;
    }
    const notResources = strings(s.not_resource_types).map(account);
    return defined({
      SelectionName: name,
      IamRoleArn: account(text(s.iam_role_arn) ?? ''),
      Resources: strings(s.resource_types).map(account),
      NotResources: notResources.length > 0 ? notResources : undefined,
      Conditions: Object.keys(conditions).length > 0 ? conditions : undefined,
    });
  });
  return [...byTag, ...byResource];
}

function advancedSettings(v: EffectiveValue | undefined): PolicyBackupPlan['AdvancedBackupSettings'] {
  const settings = entries(v).map(([type, options]) => ({
    ResourceType: type === 'ec2' ? 'EC2' : type,
    BackupOptions: Object.fromEntries(
      Object.entries(options)
        .map(([k, o]) => [k === 'windows_vss' ? 'WindowsVSS' : k, text(o)] as const)
        .filter((e): e is readonly [string, string] => e[1] !== undefined),
    ),
  }));
  return settings.length > 0 ? settings : undefined;
}

/** The plans AWS Backup creates in `accountId` from its effective backup policy, one per plan and Region. */
export function effectiveBackupPlans(policy: EffectiveObject, accountId: string): PolicyBackupPlan[] {
  const account = (s: string) => s.split('$account').join(accountId);
  const plans: PolicyBackupPlan[] = [];
  for (const [name, plan] of entries(policy.plans)) {
    const rules = entries(plan.rules).map(([ruleName, r]) => rule(ruleName, r, account));
    const chosen = selections(plan.selections, account);
    for (const region of strings(plan.regions)) {
      plans.push(
        defined({
          BackupPlanName: name,
          region,
          Rules: rules,
          Selections: chosen,
          AdvancedBackupSettings: advancedSettings(plan.advanced_backup_settings),
          BackupPlanTags: tagPairs(plan.backup_plan_tags),
        }),
      );
    }
  }
  return plans;
}
