// AWS Backup Audit Manager's controls as bkp names them: one table that a `policy` block (checked
// offline by `bkp check`) and a `backup_framework` (deployed to Audit Manager, evaluated by AWS)
// both read, so the two can never disagree on a control's AWS name, parameters or defaults.
// bkp's names are the snake_case of Audit Manager's; so are the parameters'.

export const CONTROL_NAMES = [
  'backup_plan_min_frequency_and_min_retention',
  'recovery_point_minimum_retention',
  'recovery_point_encrypted',
  'resources_protected_by_backup_plan',
  'resources_protected_by_cross_region',
  'resources_protected_by_cross_account',
  'resources_protected_by_backup_vault_lock',
  'last_recovery_point_created',
  'restore_time_for_resources_meet_target',
] as const;
export type ControlName = (typeof CONTROL_NAMES)[number];

/**
 * restore_time_for_resources_meet_target judges the latest restore completed in this many days (as
 * long as AWS lists restore jobs); a resource with none is not judged at all, neither compliant nor not.
 */
export const RESTORE_TIME_WINDOW_DAYS = 30;

/**
 * A control's input parameter. Audit Manager carries every value as a string
 * (ControlInputParameter.ParameterValue); `type` says how bkp reads it back.
 */
export interface ControlParameter {
  /** bkp's name: `required_retention_days`. */
  name: string;
  /**
   * Audit Manager's ParameterName: `requiredRetentionDays`. Absent for a bkp extension that AWS's
   * control does not have: `bkp check` evaluates it, a backup_framework never sends it.
   */
  awsName?: string;
  /** A string-list travels as one comma-separated ParameterValue. */
  type: 'string' | 'integer' | 'string-list';
  /** Audit Manager's default, which bkp check applies too; absent: no default (the check is skipped). */
  default?: string | number;
  /** The control cannot be evaluated without it (Audit Manager has no default for it). */
  required?: boolean;
}

export interface AuditControl {
  /** Audit Manager's ControlName. */
  auditManagerName: string;
  parameters: readonly ControlParameter[];
  /** Judges resources (EC2 instances, databases…), so it takes a ControlScope. */
  resourceScoped: boolean;
}

/** Parameters every resource-scoped control accepts: Audit Manager's ControlScope. */
export const SCOPE_PARAMETERS = ['resource_types', 'resource_ids', 'tags'] as const;
/** bkp check's own: how a finding counts. Never sent to AWS. */
export const COMMON_PARAMETERS = ['severity'] as const;

const retention: ControlParameter = { name: 'required_retention_days', awsName: 'requiredRetentionDays', type: 'integer', default: 35 };

export const AUDIT_CONTROLS: Record<ControlName, AuditControl> = {
  backup_plan_min_frequency_and_min_retention: {
    auditManagerName: 'BACKUP_PLAN_MIN_FREQUENCY_AND_MIN_RETENTION_CHECK',
    parameters: [
      { name: 'required_frequency_unit', awsName: 'requiredFrequencyUnit', type: 'string', default: 'days' },
      { name: 'required_frequency_value', awsName: 'requiredFrequencyValue', type: 'integer', default: 1 },
      retention,
      // bkp's extension to copies (AWS's control judges only the rule's own retention).
      { name: 'required_copy_retention_days', type: 'integer' },
      { name: 'required_copy_destination', type: 'string', default: 'any' },
    ],
    resourceScoped: false,
  },
  recovery_point_minimum_retention: { auditManagerName: 'BACKUP_RECOVERY_POINT_MINIMUM_RETENTION_CHECK', parameters: [retention], resourceScoped: false },
  recovery_point_encrypted: { auditManagerName: 'BACKUP_RECOVERY_POINT_ENCRYPTED', parameters: [], resourceScoped: false },
  resources_protected_by_backup_plan: { auditManagerName: 'BACKUP_RESOURCES_PROTECTED_BY_BACKUP_PLAN', parameters: [], resourceScoped: true },
  resources_protected_by_cross_region: {
    auditManagerName: 'BACKUP_RESOURCES_PROTECTED_BY_CROSS_REGION',
    parameters: [{ name: 'regions', awsName: 'crossRegionList', type: 'string-list' }],
    resourceScoped: true,
  },
  resources_protected_by_cross_account: {
    auditManagerName: 'BACKUP_RESOURCES_PROTECTED_BY_CROSS_ACCOUNT',
    parameters: [{ name: 'accounts', awsName: 'crossAccountList', type: 'string-list' }],
    resourceScoped: true,
  },
  resources_protected_by_backup_vault_lock: {
    auditManagerName: 'BACKUP_RESOURCES_PROTECTED_BY_BACKUP_VAULT_LOCK',
    parameters: [
      { name: 'min_retention_days', awsName: 'minRetentionDays', type: 'integer' },
      { name: 'max_retention_days', awsName: 'maxRetentionDays', type: 'integer' },
    ],
    resourceScoped: true,
  },
  last_recovery_point_created: {
    auditManagerName: 'BACKUP_LAST_RECOVERY_POINT_CREATED',
    parameters: [
      { name: 'recovery_point_age_unit', awsName: 'recoveryPointAgeUnit', type: 'string', default: 'days' },
      { name: 'recovery_point_age_value', awsName: 'recoveryPointAgeValue', type: 'integer', default: 1 },
    ],
    resourceScoped: true,
  },
  restore_time_for_resources_meet_target: {
    auditManagerName: 'RESTORE_TIME_FOR_RESOURCES_MEET_TARGET',
    // Minutes, as AWS Config's *_MEET_RESTORE_TIME_TARGET rules read it.
    parameters: [{ name: 'max_restore_time', awsName: 'maxRestoreTime', type: 'integer', required: true }],
    resourceScoped: true,
  },
};

export function isControlName(name: string): name is ControlName {
  return (CONTROL_NAMES as readonly string[]).includes(name);
}

/** bkp's control for an Audit Manager ControlName, if bkp knows it. */
export function controlByAuditManagerName(awsName: string): ControlName | undefined {
  return CONTROL_NAMES.find((n) => AUDIT_CONTROLS[n].auditManagerName === awsName);
}

/** Every parameter a control accepts: its own, the scope for resource controls, and severity. */
export function acceptedParameters(name: ControlName): string[] {
  const control = AUDIT_CONTROLS[name];
  return [...control.parameters.map((p) => p.name), ...(control.resourceScoped ? SCOPE_PARAMETERS : []), ...COMMON_PARAMETERS];
}

/** A parameter's default as bkp check applies it (string or number), if it has one. */
export function parameterDefault(control: ControlName, parameter: string): string | number | undefined {
  return AUDIT_CONTROLS[control].parameters.find((p) => p.name === parameter)?.default;
}

/** The parameters Audit Manager knows: the ones a backup_framework sends. */
export function awsParameters(control: ControlName): readonly (ControlParameter & { awsName: string })[] {
  return AUDIT_CONTROLS[control].parameters.filter((p): p is ControlParameter & { awsName: string } => p.awsName !== undefined);
}

/** bkp's extensions of a control: evaluated by bkp check, never sent to Audit Manager. */
export function checkOnlyParameters(control: ControlName): readonly ControlParameter[] {
  return AUDIT_CONTROLS[control].parameters.filter((p) => p.awsName === undefined);
}
