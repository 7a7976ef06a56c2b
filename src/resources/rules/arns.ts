// Problems with the ARNs a configuration names: IAM roles, KMS keys, SNS topics, backup vaults, and
// the resources an on-demand backup protects. The shapes themselves are AWS knowledge, in
// domain/arn.ts; this file says what is wrong and how to write it.
import type { Value } from '../../core/values.js';
import { isBackupVaultArn, isIamRoleArn, isKmsKeyArn, isResourceArn, isSnsTopicArn, parseArn } from '../../domain/arn.js';
import { error, knownString, type Problem } from './problem.js';

function shapeProblem(path: string, what: string, value: string, expected: string, example: string, extra = ''): Problem {
  const notAnArn = value.startsWith('arn:') ? '' : ' It must be an ARN, not a name.';
  return error(path, `Invalid ${what}`, `"${value}" is not a valid ${what}.${notAnArn}${extra} Expected ${expected}, for example ${example}.`);
}

export function checkIamRoleArn(value: Value | undefined, path: string): Problem[] {
  const arn = knownString(value);
  if (arn === undefined || isIamRoleArn(arn)) return [];
  const parsed = parseArn(arn);
  const extra = parsed?.service === 'iam' && parsed.resourceType === 'user' ? ' This is an IAM user; AWS Backup needs a role it can assume.' : '';
  return [
    shapeProblem(path, 'IAM role ARN', arn, 'arn:aws:iam::ACCOUNT_ID:role/NAME (a 12-digit account id, an optional path)', 'arn:aws:iam::123456789012:role/service-role/AWSBackupDefaultServiceRole', extra),
  ];
}

export function checkKmsKeyArn(value: Value | undefined, path: string): Problem[] {
  const arn = knownString(value);
  if (arn === undefined || isKmsKeyArn(arn)) return [];
  return [shapeProblem(path, 'KMS key ARN', arn, 'arn:aws:kms:REGION:ACCOUNT_ID:key/KEY_ID', 'arn:aws:kms:eu-west-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab')];
}

export function checkSnsTopicArn(value: Value | undefined, path: string): Problem[] {
  const arn = knownString(value);
  if (arn === undefined || isSnsTopicArn(arn)) return [];
  const extra = arn.endsWith('.fifo') ? ' This is a FIFO topic; AWS Backup notifies only standard topics.' : '';
  return [shapeProblem(path, 'SNS topic ARN', arn, 'arn:aws:sns:REGION:ACCOUNT_ID:TOPIC_NAME', 'arn:aws:sns:eu-west-1:123456789012:backup-events', extra)];
}

export const AIR_GAPPED_VAULT_BY_ARN = 'A logically air-gapped vault is given by its ARN (in the same account and Region).';

/** `whyAnArn` tells someone who wrote a vault name why an ARN is needed. */
export function checkBackupVaultArn(
  value: Value | undefined,
  path: string,
  whyAnArn = 'Copy destinations are given by ARN because they may be in another Region or account.',
): Problem[] {
  const arn = knownString(value);
  if (arn === undefined || isBackupVaultArn(arn)) return [];
  const extra = /^[A-Za-z0-9_-]{2,50}$/.test(arn) ? ` ${whyAnArn}` : '';
  return [shapeProblem(path, 'backup vault ARN', arn, 'arn:aws:backup:REGION:ACCOUNT_ID:backup-vault:NAME', 'arn:aws:backup:us-east-1:123456789012:backup-vault:dr', extra)];
}

/** The resource of an on-demand backup: one concrete ARN, no wildcards. */
export function checkResourceArn(value: Value | undefined, path: string): Problem[] {
  const arn = knownString(value);
  if (arn === undefined) return [];
  if (arn.includes('*')) {
    return [error(path, 'Invalid resource ARN', `"${arn}" contains a wildcard: an on-demand backup protects exactly one resource. Give its full ARN.`)];
  }
  if (isResourceArn(arn)) return [];
  return [shapeProblem(path, 'resource ARN', arn, 'the full ARN of the resource to back up', 'arn:aws:ec2:eu-west-1:123456789012:instance/i-0abc1234def567890')];
}
