// Restore jobs, driven by the virtual clock:
//   PENDING ─(start)→ RUNNING ─→ COMPLETED: a new resource in the inventory (CreatedResourceArn)
//      └→ FAILED   recovery point gone or its data no longer stored, malformed IAM role, or the
//                  target name taken (RDS refuses a second DB instance with the same identifier)
// A restore writes the recovery point's full image (every chunk, not the incremental part), at the
// backup transfer rate. The restored resource is new (new id and ARN): a restore never changes the
// resource that was backed up, except an EFS restore with newFileSystem=false, which writes into it.
import { isIamRoleArn } from '../../domain/arn.js';
import { newJobId } from '../ids.js';
import { addResource, findByArn, findById, type SourceResource, type SourceType } from '../inventory.js';
import type { RecoveryPointRecord, RestoreJobRecord, RestoreSource } from '../state.js';
import { issueTimestamp } from '../timestamps.js';
import { GIB, restoreCheck } from './data.js';
import { restoreSourceOf } from './restore-source.js';
import { BYTES_PER_MS, OVERHEAD_MS, START_DELAY_MS, type EngineScope } from './jobs.js';

const MINUTE_MS = 60_000;

/** What a restore of one resource type needs and makes. */
interface RestoreSpec {
  /** GetRecoveryPointRestoreMetadata: the source's configuration at backup time, as AWS's keys. */
  metadata(source: RestoreSource, resourceArn: string): Record<string, string>;
  /** Keys StartRestoreJob must receive (compared without case: AWS treats metadata keys so), by recovery point. */
  required: readonly string[] | ((point: RecoveryPointRecord) => readonly string[]);
}

const DB_IDENTIFIER = /^[A-Za-z](?!.*--)[A-Za-z0-9-]{0,62}$/;

// Keys per type follow AWS Backup's restore documentation (StartRestoreJob for EFS; the restore
// pages and "Restore testing inferred metadata" for the others). ⚠ Which keys AWS refuses to do
// without is documented for EFS only; for the others the key that names or places the new
// resource is required, and FSx's SubnetIds because AWS Backup cannot infer it.
const SPECS: Record<string, RestoreSpec> = {
  EC2: {
    metadata: (s) => ({
      InstanceType: s.instanceType ?? 't3.micro',
      Placement: JSON.stringify({ AvailabilityZone: s.availabilityZone ?? '', Tenancy: 'default' }),
      RequireIMDSv2: 'false',
      DisableApiTermination: 'false',
      InstanceInitiatedShutdownBehavior: 'stop',
    }),
    required: ['InstanceType'],
  },
  EBS: {
    metadata: (s, arn) => ({
      volumeId: arn.split('/').pop() ?? '',
      volumeSize: String(s.sizeGiB),
      volumeType: s.volumeType ?? 'gp3',
      availabilityZone: s.availabilityZone ?? '',
      encrypted: 'false',
    }),
    required: ['availabilityZone'],
  },
  RDS: {
    metadata: (s) => ({ DBInstanceIdentifier: s.name, DBInstanceClass: 'db.t3.micro', AllocatedStorage: String(s.sizeGiB), MultiAZ: 'false' }),
    required: ['DBInstanceIdentifier'],
  },
  Aurora: {
    metadata: (s) => ({ DBClusterIdentifier: s.name, Engine: 'aurora-mysql' }),
    required: ['DBClusterIdentifier'],
  },
  DocumentDB: {
    metadata: (s) => ({ DBClusterIdentifier: s.name, Engine: 'docdb' }),
    required: ['DBClusterIdentifier'],
  },
  EFS: {
    metadata: (s, arn) => ({
      'file-system-id': arn.split('/').pop() ?? '',
      Encrypted: 'false',
      PerformanceMode: 'generalPurpose',
      CreationToken: `awsbackup-restore-${s.name}`,
      // ⚠ AWS's default here is not documented; a new file system never overwrites data.
      newFileSystem: 'true',
    }),
    required: ['file-system-id', 'Encrypted', 'PerformanceMode', 'CreationToken', 'newFileSystem'],
  },
  FSx: {
    metadata: (s, arn): Record<string, string> =>
      s.sourceType === 'fsx-ontap-volume'
        ? { VolumeId: arn.split('/').pop() ?? '', FileSystemId: s.fileSystemId ?? '', OntapVolumeType: s.ontapVolumeType ?? 'RW' }
        : { FileSystemId: arn.split('/').pop() ?? '', StorageCapacity: String(s.sizeGiB), StorageType: 'SSD' },
    // An ONTAP volume is restored into its file system; a file system needs a subnet to live in.
    required: (point) => (point.resourceArn.includes(':volume/') ? ['FileSystemId'] : ['SubnetIds']),
  },
};

/** The resource types the sandbox restores (VMs need a hypervisor to restore to, which it does not model). */
export function isRestorableType(resourceType: string): boolean {
  return SPECS[resourceType] !== undefined;
}

/** The point's source: as recorded at backup time, else as the inventory has it now, else the type's defaults. */
function sourceOfPoint(scope: EngineScope, point: RecoveryPointRecord): RestoreSource {
  if (point.source !== undefined) return point.source;
  const live = findByArn(scope.account.inventory, point.resourceArn);
  if (live !== undefined) return restoreSourceOf(live);
  const name = point.resourceName ?? point.resourceArn.split(/[/:]/).pop() ?? 'restored';
  return { sourceType: defaultSourceType(point.resourceType, point.resourceArn), name, sizeGiB: Math.max(1, Math.ceil(point.backupSizeInBytes / GIB)), tags: {} };
}

function defaultSourceType(resourceType: string, arn: string): SourceType {
  const byType: Record<string, SourceType> = { EC2: 'ec2-instance', EBS: 'ebs-volume', RDS: 'rds-instance', Aurora: 'aurora-cluster', DocumentDB: 'docdb-cluster', EFS: 'efs' };
  if (resourceType === 'FSx') return arn.includes(':volume/') ? 'fsx-ontap-volume' : 'fsx';
  return byType[resourceType] ?? 'vm';
}

/** GetRecoveryPointRestoreMetadata's RestoreMetadata. */
export function restoreMetadataOf(scope: EngineScope, point: RecoveryPointRecord): Record<string, string> {
  const spec = SPECS[point.resourceType];
  return spec === undefined ? {} : spec.metadata(sourceOfPoint(scope, point), point.resourceArn);
}

/** A metadata value by key, ignoring case as AWS does. */
export function metadataValue(metadata: Record<string, string>, key: string): string | undefined {
  const lower = key.toLowerCase();
  for (const [k, v] of Object.entries(metadata)) if (k.toLowerCase() === lower) return v;
  return undefined;
}

/** Why StartRestoreJob refuses this metadata for the type, if it does: the missing keys, or a bad value. */
export function metadataProblem(point: RecoveryPointRecord, metadata: Record<string, string>, regionName: string): { missing?: string; invalid?: string } | undefined {
  const resourceType = point.resourceType;
  const spec = SPECS[resourceType];
  if (spec === undefined) return undefined;
  const required = typeof spec.required === 'function' ? spec.required(point) : spec.required;
  const absent = required.filter((key) => (metadataValue(metadata, key) ?? '') === '');
  if (absent.length > 0) return { missing: absent.join(', ') };
  const get = (key: string) => metadataValue(metadata, key);
  const identifier = get(resourceType === 'RDS' ? 'DBInstanceIdentifier' : 'DBClusterIdentifier');
  if ((resourceType === 'RDS' || resourceType === 'Aurora' || resourceType === 'DocumentDB') && identifier !== undefined) {
    if (!DB_IDENTIFIER.test(identifier) || identifier.endsWith('-')) {
      return { invalid: `"${identifier}" is not a valid DB identifier: 1 to 63 letters, digits or hyphens, starting with a letter, without two consecutive hyphens or a trailing hyphen.` };
    }
  }
  const zone = resourceType === 'EBS' ? get('availabilityZone') : undefined;
  if (zone !== undefined && !zone.startsWith(regionName)) return { invalid: `availabilityZone ${zone} is not in Region ${regionName}.` };
  if (resourceType === 'EFS') {
    for (const key of ['Encrypted', 'newFileSystem']) {
      const value = get(key)!.toLowerCase();
      if (value !== 'true' && value !== 'false') return { invalid: `${key} must be true or false, not "${get(key)}".` };
    }
    if (get('KmsKeyId') !== undefined && get('Encrypted')!.toLowerCase() !== 'true') return { invalid: 'If KmsKeyId is specified, Encrypted must be set to true.' };
  }
  const size = resourceType === 'EBS' ? get('volumeSize') : undefined;
  if (size !== undefined && !/^[1-9][0-9]*$/.test(size)) return { invalid: `volumeSize must be a whole number of GiB, not "${size}".` };
  return undefined;
}

export interface NewRestoreJobInput {
  point: RecoveryPointRecord;
  iamRoleArn: string;
  metadata: Record<string, string>;
  copySourceTags: boolean;
  idempotencyToken?: string;
}

/** A restore job in PENDING; it starts a few minutes later. */
export function createRestoreJob(scope: EngineScope, input: NewRestoreJobInput, now: number): RestoreJobRecord {
  const { point } = input;
  const check = restoreCheck(scope.account, point.arn);
  const job: RestoreJobRecord = {
    id: newJobId(scope.account),
    recoveryPointArn: point.arn,
    sourceResourceArn: point.resourceArn,
    vaultArn: point.vaultArn,
    resourceType: point.resourceType,
    iamRoleArn: input.iamRoleArn,
    metadata: { ...input.metadata },
    copySourceTags: input.copySourceTags,
    status: 'PENDING',
    creationDate: issueTimestamp(scope.account, now),
    nextActionAt: now + START_DELAY_MS,
    backupSizeInBytes: check.restoreSizeInBytes ?? point.backupSizeInBytes,
    recoveryPointCreationDate: point.creationDate,
    ...(input.idempotencyToken !== undefined ? { idempotencyToken: input.idempotencyToken } : {}),
  };
  const jobs = (scope.region.restoreJobs ??= {});
  jobs[job.id] = job;
  return job;
}

function fail(job: RestoreJobRecord, now: number, message: string): void {
  job.status = 'FAILED';
  job.statusMessage = message;
  job.completionDate = now;
  job.nextActionAt = undefined;
}

function start(scope: EngineScope, job: RestoreJobRecord, now: number): void {
  if (!isIamRoleArn(job.iamRoleArn)) {
    fail(job, now, `IAM Role ${job.iamRoleArn} is not a valid role ARN, so AWS Backup cannot assume it to restore ${job.recoveryPointArn}.`);
    return;
  }
  const check = restoreCheck(scope.account, job.recoveryPointArn);
  if (!check.restorable) {
    fail(job, now, check.reason ?? `Recovery point ${job.recoveryPointArn} cannot be restored.`);
    return;
  }
  job.status = 'RUNNING';
  job.startedAt = now;
  job.backupSizeInBytes = check.restoreSizeInBytes ?? job.backupSizeInBytes;
  job.expectedCompletionDate = now + OVERHEAD_MS + Math.ceil(job.backupSizeInBytes / BYTES_PER_MS);
  job.nextActionAt = job.expectedCompletionDate;
}

/** The inventory resource the restore writes: a new one, or (EFS, newFileSystem=false) the file system named. */
function restoreTarget(scope: EngineScope, job: RestoreJobRecord, source: RestoreSource): SourceResource | string {
  const { account, regionName } = scope;
  const get = (key: string) => metadataValue(job.metadata, key);
  if (job.resourceType === 'EFS' && get('newFileSystem')?.toLowerCase() === 'false') {
    const existing = findById(account.inventory, get('file-system-id') ?? '');
    return existing?.type === 'efs' ? existing : `File system ${get('file-system-id')} does not exist, so nothing can be restored into it.`;
  }
  const type = source.sourceType as SourceType;
  const isDatabase = type === 'rds-instance' || type === 'aurora-cluster' || type === 'docdb-cluster';
  const name = isDatabase ? (get(type === 'rds-instance' ? 'DBInstanceIdentifier' : 'DBClusterIdentifier') ?? source.name) : `${source.name}-restored`;
  if (isDatabase && account.inventory.some((r) => r.type === type && r.name.toLowerCase() === name.toLowerCase())) {
    // RDS's own refusal, which the job reports (DBInstanceAlreadyExists / DBClusterAlreadyExistsFault).
    return `${type === 'rds-instance' ? 'DBInstanceAlreadyExists: DB instance' : 'DBClusterAlreadyExistsFault: DB cluster'} ${name} already exists. Restore with a new identifier in the metadata.`;
  }
  // ⚠ AWS Backup tags restored resources with their source; the key is the one restore testing uses.
  const tags = { ...(job.copySourceTags ? source.tags : {}), 'aws:backup:source-resource': job.sourceResourceArn };
  const zone = type === 'ec2-instance' ? placementZone(get('Placement')) : type === 'ebs-volume' ? get('availabilityZone') : undefined;
  const size = type === 'ebs-volume' ? Number(get('volumeSize') ?? source.sizeGiB) : source.sizeGiB;
  const created = addResource(account, type, name, {
    region: regionName,
    accountId: account.accountId,
    now: new Date(account.clock.now).toISOString(),
    tags,
    sizeGiB: size,
    ...(type === 'ec2-instance' ? { instanceType: get('InstanceType') ?? source.instanceType } : {}),
    ...(zone !== undefined && zone !== '' ? { availabilityZone: zone } : {}),
    ...(type === 'fsx-ontap-volume' ? { fileSystemId: source.fileSystemId, ontapVolumeType: 'RW' as const } : {}),
  });
  if (type === 'ebs-volume') created.volumeType = get('volumeType') ?? source.volumeType ?? 'gp3';
  return created;
}

function placementZone(placement: string | undefined): string | undefined {
  if (placement === undefined) return undefined;
  try {
    const zone = (JSON.parse(placement) as { AvailabilityZone?: unknown }).AvailabilityZone;
    return typeof zone === 'string' ? zone : undefined;
  } catch {
    return undefined;
  }
}

function complete(scope: EngineScope, job: RestoreJobRecord, now: number): void {
  const point = scope.region.recoveryPoints[job.recoveryPointArn];
  if (point === undefined) {
    fail(job, now, `Recovery point ${job.recoveryPointArn} was deleted while the restore was running.`);
    return;
  }
  const target = restoreTarget(scope, job, sourceOfPoint(scope, point));
  if (typeof target === 'string') {
    fail(job, now, target);
    return;
  }
  job.status = 'COMPLETED';
  job.statusMessage = undefined;
  job.completionDate = now;
  job.nextActionAt = undefined;
  job.createdResourceArn = target.arn;
}

/** Perform the transition due for `job` at `now` (its nextActionAt). */
export function processRestoreJob(scope: EngineScope, job: RestoreJobRecord, now: number): void {
  if (job.status === 'PENDING') start(scope, job, now);
  else if (job.status === 'RUNNING') complete(scope, job, now);
  else job.nextActionAt = undefined;
}

export function isRestoreJobDone(job: RestoreJobRecord): boolean {
  return job.status === 'COMPLETED' || job.status === 'FAILED' || job.status === 'ABORTED';
}

/** PercentDone and the minutes a running restore still needs. */
export function restoreProgress(job: RestoreJobRecord, now: number): { percentDone: string; expectedMinutes?: number } {
  if (job.status === 'COMPLETED') return { percentDone: '100.0' };
  if (job.status !== 'RUNNING' || job.startedAt === undefined || job.expectedCompletionDate === undefined) return { percentDone: '0.0' };
  const span = Math.max(1, job.expectedCompletionDate - job.startedAt);
  const fraction = Math.min(1, Math.max(0, (now - job.startedAt) / span));
  return {
    percentDone: (Math.min(99.9, Math.floor(fraction * 1000) / 10)).toFixed(1),
    expectedMinutes: Math.ceil((job.expectedCompletionDate - job.startedAt) / MINUTE_MS),
  };
}
