// AWS Backup's resource types — the ResourceType of jobs and recovery points, the names selections,
// Audit Manager's ComplianceResourceTypes and bkp's policy controls use — and the type of a
// resource ARN.
import { parseArn } from './arn.js';

export const BACKUP_RESOURCE_TYPES = [
  'Aurora',
  'CloudFormation',
  'DocumentDB',
  'DynamoDB',
  'EBS',
  'EC2',
  'EFS',
  'FSx',
  'Neptune',
  'RDS',
  'Redshift',
  'S3',
  'SAP HANA on Amazon EC2',
  'Storage Gateway',
  'Timestream',
  'VirtualMachine',
] as const;

export type BackupResourceType = (typeof BACKUP_RESOURCE_TYPES)[number];

/**
 * The type of a resource ARN: per service, and where a service holds several kinds, per the
 * resource part's type (`instance/…` vs `volume/…`). Services whose every resource AWS Backup
 * protects map as a whole.
 */
const BY_SERVICE = new Map<string, BackupResourceType | ReadonlyMap<string, BackupResourceType>>([
  ['ec2', new Map([['instance', 'EC2'], ['volume', 'EBS']])],
  // DocumentDB and Neptune clusters have Aurora's ARN shape (arn:aws:rds:…:cluster:NAME): only the
  // cluster's Engine tells them apart, so callers that know it say so themselves.
  ['rds', new Map([['db', 'RDS'], ['cluster', 'Aurora']])],
  ['elasticfilesystem', 'EFS'],
  ['fsx', 'FSx'],
  ['backup-gateway', new Map([['vm', 'VirtualMachine']])],
  ['dynamodb', 'DynamoDB'],
  ['s3', 'S3'],
  ['redshift', 'Redshift'],
  ['storagegateway', 'Storage Gateway'],
  ['cloudformation', 'CloudFormation'],
  ['timestream', 'Timestream'],
]);

/** EC2 for an instance ARN, EBS for a volume, RDS for a DB instance…; undefined for an ARN AWS Backup does not back up (or that is no ARN). */
export function resourceTypeOfArn(text: string): BackupResourceType | undefined {
  const arn = parseArn(text);
  if (arn === undefined) return undefined;
  const byService = BY_SERVICE.get(arn.service);
  if (typeof byService === 'string' || byService === undefined) return byService;
  return arn.resourceType === undefined ? undefined : byService.get(arn.resourceType);
}

/** Types whose backups StopBackupJob refuses to stop (they are snapshots the service cannot cancel). */
export const UNSTOPPABLE_RESOURCE_TYPES: ReadonlySet<string> = new Set<BackupResourceType>(['Aurora', 'DocumentDB', 'FSx', 'Neptune', 'RDS']);
