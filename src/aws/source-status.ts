// How AWS Backup would treat a database, EFS or FSx source right now, read through that
// service's own SDK client (DESIGN.md section 5): AVAILABLE runs, a transitional state makes the
// job wait in the queue, anything else makes it fail. EC2 is read in source-preflight.ts.
import type { Eligibility } from '../sandbox/inventory.js';
import { createEfsClient, createFsxClient, createRdsClient, type ProviderSettings } from './clients.js';
import { awsErrorName } from './errors.js';

/** Lower-case states in which AWS Backup queues the job and retries within the start window. */
const TRANSITIONAL = new Set([
  'creating',
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

export function statusEligibility(what: string, status: string): Eligibility {
  const lower = status.toLowerCase();
  if (lower === 'available') return { kind: 'ok' };
  if (TRANSITIONAL.has(lower)) return { kind: 'wait', message: `${what} is ${status}; AWS Backup waits until it is AVAILABLE.` };
  return { kind: 'fail', message: `${what} is ${status}, not AVAILABLE: AWS Backup cannot back it up.` };
}

const notFound = (e: unknown) => /NotFound|NoSuch/.test(awsErrorName(e) ?? '');

/**
 * The eligibility of the source `arn`, undefined when it does not exist, or 'unsupported' for a
 * kind of source this check does not read (VMs, DynamoDB, S3, …).
 */
export async function awsSourceEligibility(provider: ProviderSettings, arn: string): Promise<Eligibility | undefined | 'unsupported'> {
  const match = /^arn:aws[a-z-]*:([a-z0-9-]+):([a-z0-9-]*):\d{12}:(.+)$/.exec(arn);
  if (!match) return 'unsupported';
  const [, service, region, resource] = match as unknown as [string, string, string, string];
  const settings = { ...provider, region: region || provider.region };
  try {
    if (service === 'rds' && resource.startsWith('db:')) {
      const rds = await import('@aws-sdk/client-rds');
      const client = await createRdsClient(settings);
      try {
        const id = resource.slice(3);
        const out = await client.send(new rds.DescribeDBInstancesCommand({ DBInstanceIdentifier: id }));
        const status = out.DBInstances?.[0]?.DBInstanceStatus;
        return status === undefined ? undefined : statusEligibility(`RDS instance ${id}`, status);
      } finally {
        client.destroy();
      }
    }
    if (service === 'rds' && resource.startsWith('cluster:')) {
      const rds = await import('@aws-sdk/client-rds');
      const client = await createRdsClient(settings);
      try {
        const id = resource.slice(8);
        const out = await client.send(new rds.DescribeDBClustersCommand({ DBClusterIdentifier: id }));
        const status = out.DBClusters?.[0]?.Status;
        return status === undefined ? undefined : statusEligibility(`cluster ${id}`, status);
      } finally {
        client.destroy();
      }
    }
    if (service === 'elasticfilesystem' && resource.startsWith('file-system/')) {
      const efs = await import('@aws-sdk/client-efs');
      const client = await createEfsClient(settings);
      try {
        const id = resource.slice('file-system/'.length);
        const out = await client.send(new efs.DescribeFileSystemsCommand({ FileSystemId: id }));
        const state = out.FileSystems?.[0]?.LifeCycleState;
        return state === undefined ? undefined : statusEligibility(`EFS file system ${id}`, state);
      } finally {
        client.destroy();
      }
    }
    if (service === 'fsx') return await fsxEligibility(settings, resource);
  } catch (e) {
    if (notFound(e)) return undefined;
    throw e;
  }
  return 'unsupported';
}

async function fsxEligibility(settings: ProviderSettings, resource: string): Promise<Eligibility | undefined | 'unsupported'> {
  const fsx = await import('@aws-sdk/client-fsx');
  const client = await createFsxClient(settings);
  try {
    if (resource.startsWith('file-system/')) {
      const id = resource.slice('file-system/'.length);
      const out = await client.send(new fsx.DescribeFileSystemsCommand({ FileSystemIds: [id] }));
      const state = out.FileSystems?.[0]?.Lifecycle;
      return state === undefined ? undefined : statusEligibility(`FSx file system ${id}`, state);
    }
    if (resource.startsWith('volume/')) {
      const id = resource.split('/').pop()!;
      const out = await client.send(new fsx.DescribeVolumesCommand({ VolumeIds: [id] }));
      const volume = out.Volumes?.[0];
      if (!volume) return undefined;
      const type = volume.OntapConfiguration?.OntapVolumeType;
      if (type === 'DP' || type === 'LS') {
        return { kind: 'fail', message: `FSx for ONTAP volume ${id} is a ${type} volume; AWS Backup cannot back up DP or LS volumes.` };
      }
      return statusEligibility(`FSx volume ${id}`, volume.Lifecycle ?? 'AVAILABLE');
    }
    return 'unsupported';
  } finally {
    client.destroy();
  }
}
