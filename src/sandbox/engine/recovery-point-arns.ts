// The ARN format of a recovery point, per resource type: EC2 and EBS backups are images and
// snapshots, RDS and Aurora ones DB snapshots, the others AWS Backup's own recovery points.
import { newEc2StyleId, newUuid } from '../ids.js';
import type { AccountState } from '../state.js';

/** AWS-like recovery point ARN for a backup of this resource type. */
export function newRecoveryPointArn(account: AccountState, region: string, resourceType: string, jobId: string): string {
  const accountId = account.accountId;
  switch (resourceType) {
    case 'EC2':
      return `arn:aws:ec2:${region}::image/${newEc2StyleId(account, 'ami')}`;
    case 'EBS':
      return `arn:aws:ec2:${region}::snapshot/${newEc2StyleId(account, 'snap')}`;
    case 'RDS':
      return `arn:aws:rds:${region}:${accountId}:snapshot:awsbackup:job-${jobId.toLowerCase()}`;
    case 'Aurora':
    case 'DocumentDB':
      return `arn:aws:rds:${region}:${accountId}:cluster-snapshot:awsbackup:job-${jobId.toLowerCase()}`;
    default:
      return `arn:aws:backup:${region}:${accountId}:recovery-point:${newUuid(account, 'recovery-point').toUpperCase()}`;
  }
}

