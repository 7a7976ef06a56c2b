// AWS Backup's view of a resource ARN: its ResourceType, and the ARN format of its recovery points.
import { BACKUP_RESOURCE_TYPE, findByArn, type SourceResource } from '../inventory.js';
import { newEc2StyleId, newUuid } from '../ids.js';
import type { AccountState } from '../state.js';

/** ResourceType of an ARN (inventory first, else from the ARN's service and resource prefix). */
export function resourceTypeOf(arn: string, inventory: readonly SourceResource[]): string {
  const known = findByArn(inventory, arn);
  if (known !== undefined) return BACKUP_RESOURCE_TYPE[known.type];
  const [, , service = '', , , resource = ''] = arn.split(':');
  switch (service) {
    case 'ec2':
      return resource.startsWith('volume/') ? 'EBS' : 'EC2';
    case 'rds':
      return resource === 'cluster' ? 'Aurora' : 'RDS';
    case 'elasticfilesystem':
      return 'EFS';
    case 'fsx':
      return 'FSx';
    case 'dynamodb':
      return 'DynamoDB';
    case 's3':
      return 'S3';
    case 'backup-gateway':
      return 'VirtualMachine';
    case 'storagegateway':
      return 'Storage Gateway';
    default:
      return service === '' ? 'Unknown' : service;
  }
}

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

/** Types AWS refuses to StopBackupJob for (their backups are snapshots the service cannot cancel). */
export const UNSTOPPABLE_TYPES = new Set(['Aurora', 'DocumentDB', 'FSx', 'Neptune', 'RDS']);
