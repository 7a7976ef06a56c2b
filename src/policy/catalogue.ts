// The controls a `policy` block (and a `backup_framework`) may use, with the texts that reports and
// SARIF rules show. Names, Audit Manager names, parameters and defaults come from one table,
// src/domain/audit-controls.ts, which the backup_framework kind deploys from.
import { AUDIT_CONTROLS, type ControlName } from '../domain/audit-controls.js';

export { CONTROL_NAMES, COMMON_PARAMETERS, SCOPE_PARAMETERS, acceptedParameters, isControlName, type ControlName } from '../domain/audit-controls.js';

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

/** The texts of a control, with what the shared table says of it. */
const info = (i: Omit<ControlInfo, 'auditManagerName' | 'parameters' | 'resourceScoped'>): ControlInfo => {
  const shared = AUDIT_CONTROLS[i.name];
  return { ...i, auditManagerName: shared.auditManagerName, parameters: shared.parameters.map((p) => p.name), resourceScoped: shared.resourceScoped };
};

export const CONTROLS: Record<ControlName, ControlInfo> = {
  backup_plan_min_frequency_and_min_retention: info({
    name: 'backup_plan_min_frequency_and_min_retention',
    title: 'Backup plans back up often enough and keep backups long enough',
    description:
      'Every backup_plan has at least one rule that runs at least every required_frequency_value required_frequency_unit (default 1 day) and keeps its recovery points at least required_retention_days (default 35) — and, with required_copy_retention_days (a bkp extension), copies them to another Region or account (required_copy_destination) kept at least that many days. A rule runs as often as the longest gap between two firings of its schedule; continuous backup counts as hourly; a lifecycle without delete_after_days keeps recovery points forever.',
    needsRefresh: false,
  }),
  recovery_point_minimum_retention: info({
    name: 'recovery_point_minimum_retention',
    title: 'Recovery points are kept at least the required number of days',
    description:
      'Every lifecycle that creates recovery points (backup_plan rules, their copy actions, on_demand_backup blocks) keeps them at least required_retention_days (default 35); with -refresh, the recovery points in the account are checked too.',
    needsRefresh: false,
  }),
  recovery_point_encrypted: info({
    name: 'recovery_point_encrypted',
    title: 'Recovery points are encrypted with a customer managed KMS key',
    description: 'Every backup_vault and logically_air_gapped_vault sets kms_key_arn, so that its recovery points are encrypted with a key the company manages.',
    needsRefresh: false,
  }),
  resources_protected_by_backup_plan: info({
    name: 'resources_protected_by_backup_plan',
    title: 'Resources are protected by a backup plan',
    description: 'Every resource in scope is selected by a backup_selection of some backup_plan (resources, not_resources, tag and condition are matched as AWS Backup does).',
    needsRefresh: false,
  }),
  resources_protected_by_cross_region: info({
    name: 'resources_protected_by_cross_region',
    title: 'Resources are copied to another Region',
    description: 'Every resource in scope is protected by a backup plan with a rule that copies its recovery points to a vault in another Region (one of regions, when given).',
    needsRefresh: false,
  }),
  resources_protected_by_cross_account: info({
    name: 'resources_protected_by_cross_account',
    title: 'Resources are copied to another account',
    description: 'Every resource in scope is protected by a backup plan with a rule that copies its recovery points to a vault in another account (one of accounts, when given).',
    needsRefresh: false,
  }),
  resources_protected_by_backup_vault_lock: info({
    name: 'resources_protected_by_backup_vault_lock',
    title: 'Resources are backed up to a locked vault',
    description:
      'Every resource in scope is protected by a backup plan with a rule whose target vault has a lock block, with min_retention_days at least the given min_retention_days and max_retention_days at most the given max_retention_days (when given).',
    needsRefresh: false,
  }),
  last_recovery_point_created: info({
    name: 'last_recovery_point_created',
    title: 'Resources have a recent recovery point',
    description:
      'Every resource in scope has a completed recovery point created within recovery_point_age_value recovery_point_age_unit (default 1 day). Needs the account: evaluated with -refresh only.',
    needsRefresh: true,
  }),
  restore_time_for_resources_meet_target: info({
    name: 'restore_time_for_resources_meet_target',
    title: 'Resources are restored within the target time',
    description:
      'Every resource in scope whose restore jobs completed in the last 30 days was restored, the latest time, within max_restore_time minutes (from the job\'s creation to its completion). Resources without such a restore are not judged. Needs the account\'s restore jobs: evaluated with -refresh only.',
    needsRefresh: true,
  }),
};

/**
 * AWS's page on the Audit Manager controls, for SARIF's helpUri: bkp's own documentation of each
 * control (docs/check.md) has no public address that bkp could know.
 */
export const CONTROLS_HELP_URI = 'https://docs.aws.amazon.com/aws-backup/latest/devguide/controls-and-remediation.html';
