// AWS Backup restore testing: the rules AWS documents for restore testing plans and selections
// (API reference: RestoreTestingPlanForCreate, RestoreTestingRecoveryPointSelection,
// RestoreTestingSelectionForCreate). Shared by the configuration's validation and the sandbox, so
// both refuse the same things.

/** Plan and selection names: "only alphanumeric characters and underscores. Maximum length is 50." */
export const RESTORE_TESTING_NAME = /^[A-Za-z0-9_]{1,50}$/;

export const RESTORE_TESTING_ALGORITHMS = ['LATEST_WITHIN_WINDOW', 'RANDOM_WITHIN_WINDOW'] as const;
export const RESTORE_TESTING_RECOVERY_POINT_TYPES = ['CONTINUOUS', 'SNAPSHOT'] as const;

/** StartWindowHours: "Defaults to 24 hours … a maximum value of 168 hours (one week)". */
export const DEFAULT_START_WINDOW_HOURS = 24;
export const MINIMUM_START_WINDOW_HOURS = 1;
export const MAXIMUM_START_WINDOW_HOURS = 168;

/** SelectionWindowDays: "an integer (in days) from 1 to 365. If not included, the value defaults to 30." */
export const DEFAULT_SELECTION_WINDOW_DAYS = 30;
export const MINIMUM_SELECTION_WINDOW_DAYS = 1;
export const MAXIMUM_SELECTION_WINDOW_DAYS = 365;

/** ValidationWindowHours: "an integer between 0 and 168 (the hourly equivalent of seven days)". */
export const MINIMUM_VALIDATION_WINDOW_HOURS = 0;
export const MAXIMUM_VALIDATION_WINDOW_HOURS = 168;

/** "You can include up to 30 specific protected resource ARNs in ProtectedResourceArns." */
export const MAXIMUM_PROTECTED_RESOURCE_ARNS = 30;

/** ProtectedResourceType: the resource types restore testing supports. */
export const RESTORE_TESTING_RESOURCE_TYPES = ['Aurora', 'DocumentDB', 'DynamoDB', 'EBS', 'EC2', 'EFS', 'FSx', 'Neptune', 'RDS', 'S3'] as const;

/**
 * IncludeVaults / ExcludeVaults entries: "*" or a backup vault ARN, whose fields may be wildcards
 * ("arn:aws:backup:*:*:backup-vault:asdf-*").
 */
const VAULT_SELECTOR = /^arn:aws[a-z-]*:backup:[a-z0-9*-]*:(\d{12}|\*):backup-vault:[A-Za-z0-9_*-]+$/;

export function isVaultSelector(value: string): boolean {
  return value === '*' || VAULT_SELECTOR.test(value);
}

/** The default cron of a plan without one ("Backup will use the default expression cron(0 5 ? * * *)"). */
export const DEFAULT_RESTORE_TESTING_SCHEDULE = 'cron(0 5 ? * * *)';
