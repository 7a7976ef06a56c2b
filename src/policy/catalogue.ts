// The controls a `policy` block may use: bkp's names (snake_case of AWS Backup Audit Manager's
// control names), the parameters each accepts, and the texts that reports and SARIF rules show.
// Parameters mirror Audit Manager's ControlInputParameters, in snake_case, with its defaults.

export const CONTROL_NAMES = [
  'backup_plan_min_frequency_and_min_retention',
  'recovery_point_minimum_retention',
  'recovery_point_encrypted',
  'resources_protected_by_backup_plan',
  'resources_protected_by_cross_region',
  'resources_protected_by_cross_account',
  'resources_protected_by_backup_vault_lock',
  'last_recovery_point_created',
] as const;
export type ControlName = (typeof CONTROL_NAMES)[number];

/** Parameters every resource-scoped control accepts: which inventory resources it judges. */
export const SCOPE_PARAMETERS = ['resource_types', 'resource_ids', 'tags'] as const;
/** Accepted by every control. */
export const COMMON_PARAMETERS = ['severity'] as const;

export interface ControlInfo {
  name: ControlName;
  /** The AWS Backup Audit Manager control identifier (ControlName). */
  auditManagerName: string;
  /** One line, for rule lists. */
  title: string;
  /** What the control requires and how bkp evaluates it. */
  description: string;
  /** Control-specific parameters (besides severity and, for resource controls, the scope). */
  parameters: readonly string[];
  /** Judges inventory resources (EC2 instances, databases…) rather than configuration blocks. */
  resourceScoped: boolean;
  /** Needs the account's recovery points: evaluated only with -refresh. */
  needsRefresh: boolean;
}

const info = (i: ControlInfo): ControlInfo => i;

export const CONTROLS: Record<ControlName, ControlInfo> = {
  backup_plan_min_frequency_and_min_retention: info({
    name: 'backup_plan_min_frequency_and_min_retention',
    auditManagerName: 'BACKUP_PLAN_MIN_FREQUENCY_AND_MIN_RETENTION_CHECK',
    title: 'Backup plans back up often enough and keep backups long enough',
    description:
      'Every backup_plan has at least one rule that runs at least every required_frequency_value required_frequency_unit (default 1 day) and keeps its recovery points at least required_retention_days (default 35). A rule runs as often as the longest gap between two firings of its schedule; continuous backup counts as hourly; a lifecycle without delete_after_days keeps recovery points forever.',
    parameters: ['required_frequency_unit', 'required_frequency_value', 'required_retention_days'],
    resourceScoped: false,
    needsRefresh: false,
  }),
  recovery_point_minimum_retention: info({
    name: 'recovery_point_minimum_retention',
    auditManagerName: 'BACKUP_RECOVERY_POINT_MINIMUM_RETENTION_CHECK',
    title: 'Recovery points are kept at least the required number of days',
    description:
      'Every lifecycle that creates recovery points (backup_plan rules, their copy actions, on_demand_backup blocks) keeps them at least required_retention_days (default 35); with -refresh, the recovery points in the account are checked too.',
    parameters: ['required_retention_days'],
    resourceScoped: false,
    needsRefresh: false,
  }),
  recovery_point_encrypted: info({
    name: 'recovery_point_encrypted',
    auditManagerName: 'BACKUP_RECOVERY_POINT_ENCRYPTED',
    title: 'Recovery points are encrypted with a customer managed KMS key',
    description: 'Every backup_vault and logically_air_gapped_vault sets kms_key_arn, so that its recovery points are encrypted with a key the company manages.',
    parameters: [],
    resourceScoped: false,
    needsRefresh: false,
  }),
  resources_protected_by_backup_plan: info({
    name: 'resources_protected_by_backup_plan',
    auditManagerName: 'BACKUP_RESOURCES_PROTECTED_BY_BACKUP_PLAN',
    title: 'Resources are protected by a backup plan',
    description: 'Every resource in scope is selected by a backup_selection of some backup_plan (resources, not_resources, tag and condition are matched as AWS Backup does).',
    parameters: [],
    resourceScoped: true,
    needsRefresh: false,
  }),
  resources_protected_by_cross_region: info({
    name: 'resources_protected_by_cross_region',
    auditManagerName: 'BACKUP_RESOURCES_PROTECTED_BY_CROSS_REGION',
    title: 'Resources are copied to another Region',
    description: 'Every resource in scope is protected by a backup plan with a rule that copies its recovery points to a vault in another Region (one of regions, when given).',
    parameters: ['regions'],
    resourceScoped: true,
    needsRefresh: false,
  }),
  resources_protected_by_cross_account: info({
    name: 'resources_protected_by_cross_account',
    auditManagerName: 'BACKUP_RESOURCES_PROTECTED_BY_CROSS_ACCOUNT',
    title: 'Resources are copied to another account',
    description: 'Every resource in scope is protected by a backup plan with a rule that copies its recovery points to a vault in another account (one of accounts, when given).',
    parameters: ['accounts'],
    resourceScoped: true,
    needsRefresh: false,
  }),
  resources_protected_by_backup_vault_lock: info({
    name: 'resources_protected_by_backup_vault_lock',
    auditManagerName: 'BACKUP_RESOURCES_PROTECTED_BY_BACKUP_VAULT_LOCK',
    title: 'Resources are backed up to a locked vault',
    description:
      'Every resource in scope is protected by a backup plan with a rule whose target vault has a lock block, with min_retention_days at least the given min_retention_days and max_retention_days at most the given max_retention_days (when given).',
    parameters: ['min_retention_days', 'max_retention_days'],
    resourceScoped: true,
    needsRefresh: false,
  }),
  last_recovery_point_created: info({
    name: 'last_recovery_point_created',
    auditManagerName: 'BACKUP_LAST_RECOVERY_POINT_CREATED',
    title: 'Resources have a recent recovery point',
    description:
      'Every resource in scope has a completed recovery point created within recovery_point_age_value recovery_point_age_unit (default 1 day). Needs the account: evaluated with -refresh only.',
    parameters: ['recovery_point_age_unit', 'recovery_point_age_value'],
    resourceScoped: true,
    needsRefresh: true,
  }),
};

/**
 * AWS's page on the Audit Manager controls, for SARIF's helpUri: bkp's own documentation of each
 * control (docs/check.md) has no public address that bkp could know.
 */
export const CONTROLS_HELP_URI = 'https://docs.aws.amazon.com/aws-backup/latest/devguide/controls-and-remediation.html';

export function isControlName(name: string): name is ControlName {
  return (CONTROL_NAMES as readonly string[]).includes(name);
}

/** Every parameter a control accepts, including severity and (for resource controls) the scope. */
export function acceptedParameters(name: ControlName): string[] {
  const control = CONTROLS[name];
  return [...control.parameters, ...(control.resourceScoped ? SCOPE_PARAMETERS : []), ...COMMON_PARAMETERS];
}
