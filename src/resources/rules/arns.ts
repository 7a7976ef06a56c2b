// Shapes of the ARNs a configuration names: IAM roles, KMS keys, SNS topics, backup vaults, and
// the resources an on-demand backup protects.
import type { Value } from '../../core/values.js';
import { error, knownString, type Problem } from './problem.js';

const PARTITION = 'aws[a-z-]*';
const REGION = '[a-z]{2}(?:-[a-z]+)+-\\d+';
const ACCOUNT = '\\d{12}';

const IAM_ROLE = new RegExp(`^arn:${PARTITION}:iam::${ACCOUNT}:role/(?:[\\w+=,.@-]+/)*[\\w+=,.@-]{1,64}$`);
const KMS_KEY = new RegExp(`^arn:${PARTITION}:kms:${REGION}:${ACCOUNT}:(?:key|alias)/[\\w/-]+$`);
const SNS_TOPIC = new RegExp(`^arn:${PARTITION}:sns:${REGION}:${ACCOUNT}:[\\w-]{1,256}(?:\\.fifo)?$`);
const BACKUP_VAULT = new RegExp(`^arn:(${PARTITION}):backup:(${REGION}):(${ACCOUNT}):backup-vault:([A-Za-z0-9_-]{2,50})$`);
/** Any concrete ARN: partition, service, optional region and account, a resource part. */
const ANY_ARN = new RegExp(`^arn:${PARTITION}:[a-z0-9-]+:(?:${REGION})?:(?:${ACCOUNT})?:\\S+$`);

export interface BackupVaultArn {
  partition: string;
  region: string;
  account: string;
  name: string;
}

export function parseBackupVaultArn(arn: string): BackupVaultArn | undefined {
  const m = BACKUP_VAULT.exec(arn);
  return m ? { partition: m[1]!, region: m[2]!, account: m[3]!, name: m[4]! } : undefined;
}

function shapeProblem(path: string, what: string, value: string, expected: string, example: string, extra = ''): Problem {
  const notAnArn = value.startsWith('arn:') ? '' : ' It must be an ARN, not a name.';
  return error(path, `Invalid ${what}`, `"${value}" is not a valid ${what}.${notAnArn}${extra} Expected ${expected}, for example ${example}.`);
}

export function checkIamRoleArn(value: Value | undefined, path: string): Problem[] {
  const arn = knownString(value);
  if (arn === undefined || IAM_ROLE.test(arn)) return [];
  const extra = /^arn:[^:]*:iam::[^:]*:user\//.test(arn) ? ' This is an IAM user; AWS Backup needs a role it can assume.' : '';
  return [
    shapeProblem(path, 'IAM role ARN', arn, 'arn:aws:iam::ACCOUNT_ID:role/NAME (a 12-digit account id, an optional path)', 'arn:aws:iam::123456789012:role/service-role/AWSBackupDefaultServiceRole', extra),
  ];
}

export function checkKmsKeyArn(value: Value | undefined, path: string): Problem[] {
  const arn = knownString(value);
  if (arn === undefined || KMS_KEY.test(arn)) return [];
  return [shapeProblem(path, 'KMS key ARN', arn, 'arn:aws:kms:REGION:ACCOUNT_ID:key/KEY_ID', 'arn:aws:kms:eu-west-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab')];
}

export function checkSnsTopicArn(value: Value | undefined, path: string): Problem[] {
  const arn = knownString(value);
  if (arn === undefined || SNS_TOPIC.test(arn)) return [];
  return [shapeProblem(path, 'SNS topic ARN', arn, 'arn:aws:sns:REGION:ACCOUNT_ID:TOPIC_NAME', 'arn:aws:sns:eu-west-1:123456789012:backup-events')];
}

export function checkBackupVaultArn(value: Value | undefined, path: string): Problem[] {
  const arn = knownString(value);
  if (arn === undefined || BACKUP_VAULT.test(arn)) return [];
  const extra = /^[A-Za-z0-9_-]{2,50}$/.test(arn) ? ' Copy destinations are given by ARN because they may be in another Region or account.' : '';
  return [shapeProblem(path, 'backup vault ARN', arn, 'arn:aws:backup:REGION:ACCOUNT_ID:backup-vault:NAME', 'arn:aws:backup:us-east-1:123456789012:backup-vault:dr', extra)];
}

/** The resource of an on-demand backup: one concrete ARN, no wildcards. */
export function checkResourceArn(value: Value | undefined, path: string): Problem[] {
  const arn = knownString(value);
  if (arn === undefined) return [];
  if (arn.includes('*')) {
    return [error(path, 'Invalid resource ARN', `"${arn}" contains a wildcard: an on-demand backup protects exactly one resource. Give its full ARN.`)];
  }
  if (ANY_ARN.test(arn)) return [];
  return [shapeProblem(path, 'resource ARN', arn, 'the full ARN of the resource to back up', 'arn:aws:ec2:eu-west-1:123456789012:instance/i-0abc1234def567890')];
}
