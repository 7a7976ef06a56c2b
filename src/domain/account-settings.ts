// AWS Backup's account settings: the per-Region service opt-in and full-management preferences
// (DescribeRegionSettings / UpdateRegionSettings) and the account-wide global settings
// (DescribeGlobalSettings / UpdateGlobalSettings). What AWS accepts, and what a new account has.
import { BACKUP_RESOURCE_TYPES } from './resource-types.js';

/**
 * The resource types UpdateRegionSettings accepts in ResourceTypeOptInPreference: AWS Backup's
 * resource types plus the ones only the settings name (DSQL, Redshift Serverless). Sources: the
 * "Feature availability by resource" table of the AWS Backup guide and the DescribeRegionSettings
 * replies quoted in boto/boto3#3758 and the Terraform/Pulumi aws_backup_region_settings docs.
 */
export const OPT_IN_RESOURCE_TYPES: readonly string[] = [...BACKUP_RESOURCE_TYPES, 'DSQL', 'Redshift Serverless'].sort();

/** The types that take a full-management preference (ResourceTypeManagementPreference). */
export const MANAGEMENT_RESOURCE_TYPES: readonly string[] = ['CloudFormation', 'DSQL', 'DynamoDB', 'EFS'];

/**
 * A new account's opt-in: "when an account uses AWS Backup (creates a backup vault or backup plan)
 * in a Region, the account automatically is opted into all resource types supported by AWS Backup
 * in the Region at that time" (AWS Backup guide, "Assign resources to a backup plan"); types added
 * later need an explicit opt-in. DSQL and Redshift Serverless are the newest, so they start off.
 */
export const DEFAULT_OPT_OUT: ReadonlySet<string> = new Set(['DSQL', 'Redshift Serverless']);

export function defaultOptIn(): Record<string, boolean> {
  return Object.fromEntries(OPT_IN_RESOURCE_TYPES.map((type) => [type, !DEFAULT_OPT_OUT.has(type)]));
}

/**
 * A new account's full-management preferences: advanced DynamoDB backup is on by default for
 * accounts created since November 2021 (AWS Backup guide, "Advanced DynamoDB backup"); EFS,
 * CloudFormation and DSQL backups are always fully managed.
 */
export function defaultManagement(): Record<string, boolean> {
  return Object.fromEntries(MANAGEMENT_RESOURCE_TYPES.map((type) => [type, true]));
}

/** The GlobalSettings flags (DescribeGlobalSettings), each "true" or "false" on the wire. */
export const GLOBAL_SETTING_NAMES = ['isCrossAccountBackupEnabled', 'isMpaEnabled', 'isDelegatedAdministratorEnabled'] as const;
export type GlobalSettingName = (typeof GLOBAL_SETTING_NAMES)[number];

/** Every flag is off until the organization's management account turns it on. */
export function defaultGlobalSettings(): Record<GlobalSettingName, string> {
  return { isCrossAccountBackupEnabled: 'false', isMpaEnabled: 'false', isDelegatedAdministratorEnabled: 'false' };
}
