// How AWS Backup would treat a database, EFS or FSx source right now, read through that service's
// own API (DESIGN.md section 5): AVAILABLE runs, a transitional state makes the job wait in the
// queue, anything else makes it fail. The same calls serve AWS and the sandbox. EC2 is read in
// source-preflight.ts.
import { isAccountId, isPartition, parseArn, resourceIdOfArn } from '../domain/arn.js';
import type { SourceClients } from './source-clients.js';
import { awsErrorName } from './errors.js';

/** What AWS Backup does with a source: run the job, fail it, or keep it waiting in the queue. */
export type SourceVerdict = { kind: 'ok' } | { kind: 'fail'; message: string } | { kind: 'wait'; message: string };

/** Lower-case states in which AWS Backup queues the job and retries within the start window. */
const TRANSITIONAL = new Set([
  'creating',
  'created',
  'pending',
  'modifying',
  'updating',
  'backing-up',
  'upgrading',
  'rebooting',
  'maintenance',
  'storage-optimization',
  'configuring-enhanced-monitoring',
  'renaming',
  'resetting-master-credentials',
]);

export function statusEligibility(what: string, status: string): SourceVerdict {
  const lower = status.toLowerCase();
  if (lower === 'available') return { kind: 'ok' };
  if (TRANSITIONAL.has(lower)) return { kind: 'wait', message: `${what} is ${status}; AWS Backup waits until it is AVAILABLE.` };
  return { kind: 'fail', message: `${what} is ${status}, not AVAILABLE: AWS Backup cannot back it up.` };
}

/** DBInstanceNotFound, DBClusterNotFoundFault, FileSystemNotFound, VolumeNotFound, NoSuch…. */
export const isSourceNotFound = (e: unknown) => /NotFound|NoSuch/.test(awsErrorName(e) ?? '');

/**
 * The verdict on the source `arn`, undefined when it does not exist, or 'unsupported' for a kind
 * of source this check does not read (EC2 is read by the caller; VMs, DynamoDB, S3, …).
 */
export async function sourceEligibility(clients: SourceClients, arn: string): Promise<SourceVerdict | undefined | 'unsupported'> {
  const parsed = parseArn(arn);
  // Every source read here belongs to an account: an ARN without one (an S3 bucket) is not read.
  if (parsed === undefined || !isPartition(parsed.partition) || !isAccountId(parsed.account) || parsed.resourceType === undefined) return 'unsupported';
  const { service, region, resourceType, resourceId } = parsed;
  try {
    if (service === 'rds' && resourceType === 'db') return await rdsInstance(clients, region, resourceId);
    if (service === 'rds' && resourceType === 'cluster') return await rdsCluster(clients, region, resourceId);
    if (service === 'elasticfilesystem' && resourceType === 'file-system') return await efsFileSystem(clients, region, resourceId);
    if (service === 'fsx' && resourceType === 'file-system') return await fsxFileSystem(clients, region, resourceId);
    // FSx volume ARNs are volume/fs-…/fsvol-…: the volume id is the last segment.
    if (service === 'fsx' && resourceType === 'volume') return await fsxVolume(clients, region, resourceIdOfArn(arn)!);
  } catch (e) {
    if (isSourceNotFound(e)) return undefined;
    throw e;
  }
  return 'unsupported';
}

async function rdsInstance(clients: SourceClients, region: string, id: string): Promise<SourceVerdict | undefined> {
  const { DescribeDBInstancesCommand } = await import('./sdk/client-rds.js');
  const out = await (await clients.rds(region)).send(new DescribeDBInstancesCommand({ DBInstanceIdentifier: id }));
  const status = out.DBInstances?.[0]?.DBInstanceStatus;
  return status === undefined ? undefined : statusEligibility(`RDS instance ${id}`, status);
}

/** Aurora and DocumentDB clusters are RDS clusters (Engine aurora-* or docdb). */
async function rdsCluster(clients: SourceClients, region: string, id: string): Promise<SourceVerdict | undefined> {
  const { DescribeDBClustersCommand } = await import('./sdk/client-rds.js');
  const out = await (await clients.rds(region)).send(new DescribeDBClustersCommand({ DBClusterIdentifier: id }));
  const cluster = out.DBClusters?.[0];
  if (cluster?.Status === undefined) return undefined;
  const kind = cluster.Engine === 'docdb' ? 'DocumentDB cluster' : cluster.Engine?.startsWith('aurora') ? 'Aurora cluster' : 'cluster';
  return statusEligibility(`${kind} ${id}`, cluster.Status);
}

async function efsFileSystem(clients: SourceClients, region: string, id: string): Promise<SourceVerdict | undefined> {
  const { DescribeFileSystemsCommand } = await import('./sdk/client-efs.js');
  const out = await (await clients.efs(region)).send(new DescribeFileSystemsCommand({ FileSystemId: id }));
  const state = out.FileSystems?.[0]?.LifeCycleState;
  return state === undefined ? undefined : statusEligibility(`EFS file system ${id}`, state);
}

/** A file system's Lifecycle, undefined when FSx has no such file system. */
async function fsxLifecycle(clients: SourceClients, region: string, id: string): Promise<string | undefined> {
  const { DescribeFileSystemsCommand } = await import('./sdk/client-fsx.js');
  try {
    const out = await (await clients.fsx(region)).send(new DescribeFileSystemsCommand({ FileSystemIds: [id] }));
    return out.FileSystems?.[0]?.Lifecycle;
  } catch (e) {
    if (isSourceNotFound(e)) return undefined;
    throw e;
  }
}

async function fsxFileSystem(clients: SourceClients, region: string, id: string): Promise<SourceVerdict | undefined> {
  const lifecycle = await fsxLifecycle(clients, region, id);
  return lifecycle === undefined ? undefined : statusEligibility(`FSx file system ${id}`, lifecycle);
}

/**
 * FSx for ONTAP volumes: DP and LS volumes cannot be backed up; a volume being modified stays
 * AVAILABLE with an administrative action in progress, and waits; so does a volume whose file
 * system is not AVAILABLE. (Full volumes and full file systems fail too, but fullness is not in
 * any FSx Describe reply: only CloudWatch's StorageUsed metric shows it.)
 */
async function fsxVolume(clients: SourceClients, region: string, id: string): Promise<SourceVerdict | undefined> {
  const { DescribeVolumesCommand } = await import('./sdk/client-fsx.js');
  const out = await (await clients.fsx(region)).send(new DescribeVolumesCommand({ VolumeIds: [id] }));
  const volume = out.Volumes?.[0];
  if (!volume) return undefined;
  const type = volume.OntapConfiguration?.OntapVolumeType;
  if (type === 'DP' || type === 'LS') {
    return { kind: 'fail', message: `FSx for ONTAP volume ${id} is a ${type} volume; AWS Backup cannot back up DP or LS volumes.` };
  }
  const busy = volume.AdministrativeActions?.find((a) => a.Status === 'IN_PROGRESS' || a.Status === 'PENDING');
  if (busy) {
    return { kind: 'wait', message: `FSx volume ${id} is being changed (${busy.AdministrativeActionType} ${busy.Status}); AWS Backup waits until it is done.` };
  }
  const own = statusEligibility(`FSx volume ${id}`, volume.Lifecycle ?? 'AVAILABLE');
  if (own.kind !== 'ok' || volume.FileSystemId === undefined) return own;
  const fileSystem = await fsxLifecycle(clients, region, volume.FileSystemId);
  return fileSystem === undefined ? own : statusEligibility(`FSx volume ${id} (file system ${volume.FileSystemId})`, fileSystem);
}
