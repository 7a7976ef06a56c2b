// The sandbox account's source resources: the things AWS Backup backs up (EC2 instances and
// volumes, RDS, Aurora, DocumentDB, EFS, FSx incl. ONTAP volumes, VMs), with AWS-shaped ids and
// ARNs, and the rules AWS Backup applies to them before a job may run (DESIGN.md section 5).
//
// The account embeds an `InventoryHolder` (`inventory` plus an id counter); the EC2 service, the
// `bkp sandbox resource` commands and the job engine all read and change that one list, so the
// EC2 view and the CLI view are the same data.
import { createHash } from 'node:crypto';
import { ErrorCode, UserError } from '../core/errors.js';
import { didYouMean } from '../core/suggest.js';
import { parseArn } from '../domain/arn.js';
import { resourceTypeOfArn, type BackupResourceType } from '../domain/resource-types.js';

export const SOURCE_TYPES = [
  'ec2-instance',
  'ebs-volume',
  'rds-instance',
  'aurora-cluster',
  'docdb-cluster',
  'efs',
  'fsx',
  'fsx-ontap-volume',
  'vm',
] as const;
export type SourceType = (typeof SOURCE_TYPES)[number];

export type OntapVolumeType = 'RW' | 'DP' | 'LS';

/** One part of a composite resource; a job over it ends PARTIAL when some parts fail. */
export interface ResourceMember {
  name: string;
  failed: boolean;
}

export interface SourceResource {
  /** AWS-shaped: i-…, vol-…, fs-…, fsvol-…, vm-…; the DB identifier for RDS/Aurora/DocumentDB. */
  id: string;
  type: SourceType;
  /** The Name tag for EC2, the identifier for databases, a label for the others. */
  name: string;
  arn: string;
  /** Canonical spelling per type: EC2 lower-case (`running`), the others upper-case (`AVAILABLE`). */
  state: string;
  tags: Record<string, string>;
  sizeGiB: number;
  /** ISO timestamp (sandbox clock) of creation. */
  createdAt: string;
  /** The account id counter value that produced the id. */
  serial: number;
  /** ec2-instance: e.g. t3.micro. */
  instanceType?: string;
  /** ec2-instance: attached EBS volume ids (the root volume first). */
  volumeIds?: string[];
  /** ebs-volume: the instance it is attached to, and the device name. */
  attachedTo?: { instanceId: string; device: string; deleteOnTermination: boolean; attachedAt?: string };
  /** ec2-instance / ebs-volume. */
  availabilityZone?: string;
  /** ec2-instance: the launch details DescribeInstances reports. */
  launch?: { reservationId: string; imageId: string; launchIndex: number; clientToken?: string };
  /** ec2-instance: why it last changed state (EC2's StateTransitionReason). */
  stateReason?: string;
  /** ebs-volume: gp3, gp2, io2, … */
  volumeType?: string;
  /** fsx-ontap-volume: the file system (fs-…) that holds it. */
  fileSystemId?: string;
  /** fsx-ontap-volume only. */
  ontapVolumeType?: OntapVolumeType;
  /** fsx-ontap-volume: the volume is full; fsx: the file system is full. */
  full?: boolean;
  /** Composite resources: the parts a backup covers. */
  members?: ResourceMember[];
}

/** What the account must carry for the inventory (the sandbox `AccountState` has these fields). */
export interface InventoryHolder {
  inventory: SourceResource[];
  /** The account's deterministic id generator: ids derive from seed and counter, so they never repeat. */
  ids: { seed: string; counter: number };
}

export type Eligibility = { kind: 'ok' } | { kind: 'fail'; message: string } | { kind: 'wait'; message: string };

const EC2_STATES = ['pending', 'running', 'stopping', 'stopped', 'shutting-down', 'terminated'] as const;
const EBS_STATES = ['creating', 'available', 'in-use', 'deleting', 'deleted', 'error'] as const;
const MANAGED_STATES = ['AVAILABLE', 'CREATING', 'UPDATING', 'DELETING', 'FAILED'] as const;
/** Databases can also be stopped (RDS, Aurora and DocumentDB all have StopDB… calls). */
const DATABASE_STATES = [...MANAGED_STATES, 'STOPPED'] as const;
const FSX_STATES = ['AVAILABLE', 'CREATING', 'UPDATING', 'DELETING', 'FAILED', 'MISCONFIGURED'] as const;
const HYPERVISOR_STATES = ['ONLINE', 'OFFLINE', 'ERROR', 'PENDING'] as const;

/** The states each type accepts, the default first. */
export const STATES_BY_TYPE: Record<SourceType, readonly string[]> = {
  'ec2-instance': ['running', ...EC2_STATES.filter((s) => s !== 'running')],
  'ebs-volume': ['available', ...EBS_STATES.filter((s) => s !== 'available')],
  'rds-instance': DATABASE_STATES,
  'aurora-cluster': DATABASE_STATES,
  'docdb-cluster': DATABASE_STATES,
  efs: MANAGED_STATES,
  fsx: FSX_STATES,
  'fsx-ontap-volume': FSX_STATES,
  vm: HYPERVISOR_STATES,
};

/** AWS Backup's ResourceType for each source type (as in DescribeBackupJob and selections). */
export const BACKUP_RESOURCE_TYPE: Record<SourceType, BackupResourceType> = {
  'ec2-instance': 'EC2',
  'ebs-volume': 'EBS',
  'rds-instance': 'RDS',
  'aurora-cluster': 'Aurora',
  'docdb-cluster': 'DocumentDB',
  efs: 'EFS',
  fsx: 'FSx',
  'fsx-ontap-volume': 'FSx',
  vm: 'VirtualMachine',
};

const DEFAULT_SIZE_GIB: Record<SourceType, number> = {
  'ec2-instance': 8,
  'ebs-volume': 8,
  'rds-instance': 20,
  'aurora-cluster': 10,
  'docdb-cluster': 10,
  efs: 5,
  fsx: 1024,
  'fsx-ontap-volume': 100,
  vm: 40,
};

export function isSourceType(value: string): value is SourceType {
  return (SOURCE_TYPES as readonly string[]).includes(value);
}

/** The type named by the user, or a UserError listing the types (with a suggestion). */
export function parseSourceType(value: string): SourceType {
  if (isSourceType(value)) return value;
  throw new UserError(ErrorCode.Sandbox, `Unknown source resource type "${value}".${didYouMean(value, SOURCE_TYPES)}`, {
    hint: `The sandbox knows these types: ${SOURCE_TYPES.join(', ')}.`,
  });
}

/** The canonical spelling of a state for a type (case-insensitive), or a UserError listing the valid ones. */
export function parseState(type: SourceType, value: string): string {
  const states = STATES_BY_TYPE[type];
  const found = states.find((s) => s.toLowerCase() === value.toLowerCase());
  if (found !== undefined) return found;
  throw new UserError(ErrorCode.Sandbox, `"${value}" is not a ${type} state.${didYouMean(value, states)}`, {
    hint: `${type} states: ${states.join(', ')}.`,
  });
}

export interface NewResourceOptions {
  region: string;
  accountId: string;
  /** Unique per account (see `nextSerial`); the id is derived from it, so runs are reproducible. */
  serial: number;
  /** The account's id seed; makes ids differ between accounts. */
  seed?: string;
  /** ISO timestamp from the sandbox clock. */
  now: string;
  state?: string;
  tags?: Record<string, string>;
  sizeGiB?: number;
  instanceType?: string;
  availabilityZone?: string;
  ontapVolumeType?: OntapVolumeType;
  full?: boolean;
  /** fsx-ontap-volume: the parent file system id; one is made up when absent. */
  fileSystemId?: string;
  members?: ResourceMember[];
  /** A fixed AWS-shaped id (`i-0123456789abcdef0`), for configurations that name their sources. */
  id?: string;
}

const DB_IDENTIFIER = /^[A-Za-z](?!.*--)[A-Za-z0-9-]{0,62}$/;

/** Builds a resource with an AWS-shaped id and ARN. Does not add it to any inventory. */
export function newResource(type: SourceType, name: string, opts: NewResourceOptions): SourceResource {
  if (name === '') throw new UserError(ErrorCode.Sandbox, 'A source resource needs a non-empty name.');
  const isDatabase = type === 'rds-instance' || type === 'aurora-cluster' || type === 'docdb-cluster';
  if (isDatabase && (!DB_IDENTIFIER.test(name) || name.endsWith('-'))) {
    throw new UserError(ErrorCode.Sandbox, `"${name}" is not a valid ${type} identifier.`, {
      hint: 'Database identifiers have 1 to 63 letters, digits or hyphens, start with a letter, and have no two consecutive hyphens and no trailing hyphen.',
    });
  }
  // An id given by the user (a provider "sandbox" source block) wins over the generated one.
  const hex = (prefix: string) => (opts.id?.startsWith(`${prefix}-`) ? opts.id : `${prefix}-${serialHex(opts.seed, type, opts.serial)}`);
  const { region: r, accountId: a } = opts;
  const resource: SourceResource = {
    id: '',
    type,
    name,
    arn: '',
    state: parseState(type, opts.state ?? STATES_BY_TYPE[type][0]!),
    tags: { ...(opts.tags ?? {}) },
    sizeGiB: opts.sizeGiB ?? DEFAULT_SIZE_GIB[type],
    createdAt: opts.now,
    serial: opts.serial,
  };
  switch (type) {
    case 'ec2-instance':
      resource.id = hex('i');
      resource.arn = `arn:aws:ec2:${r}:${a}:instance/${resource.id}`;
      resource.instanceType = opts.instanceType ?? 't3.micro';
      resource.availabilityZone = opts.availabilityZone ?? `${r}a`;
      resource.volumeIds = [];
      break;
    case 'ebs-volume':
      resource.id = hex('vol');
      resource.arn = `arn:aws:ec2:${r}:${a}:volume/${resource.id}`;
      resource.availabilityZone = opts.availabilityZone ?? `${r}a`;
      break;
    case 'rds-instance':
      resource.id = name;
      resource.arn = `arn:aws:rds:${r}:${a}:db:${name}`;
      break;
    case 'aurora-cluster':
    case 'docdb-cluster':
      resource.id = name;
      resource.arn = `arn:aws:rds:${r}:${a}:cluster:${name}`;
      break;
    case 'efs':
      resource.id = hex('fs');
      resource.arn = `arn:aws:elasticfilesystem:${r}:${a}:file-system/${resource.id}`;
      break;
    case 'fsx':
      resource.id = hex('fs');
      resource.arn = `arn:aws:fsx:${r}:${a}:file-system/${resource.id}`;
      resource.full = opts.full ?? false;
      break;
    case 'fsx-ontap-volume':
      resource.id = hex('fsvol');
      resource.fileSystemId = opts.fileSystemId ?? `fs-${serialHex(opts.seed, 'fsx', opts.serial)}`;
      resource.arn = `arn:aws:fsx:${r}:${a}:volume/${resource.fileSystemId}/${resource.id}`;
      resource.ontapVolumeType = opts.ontapVolumeType ?? 'RW';
      resource.full = opts.full ?? false;
      break;
    case 'vm':
      resource.id = hex('vm');
      resource.arn = `arn:aws:backup-gateway:${r}:${a}:vm/${resource.id}`;
      break;
  }
  if (opts.members !== undefined) resource.members = opts.members.map((m) => ({ ...m }));
  return resource;
}

/** Reserves the next value of the account's id counter. */
export function nextSerial(holder: InventoryHolder): number {
  holder.ids.counter += 1;
  return holder.ids.counter;
}

/** `newResource` with the account's next serial, appended to the account's inventory. */
export function addResource(
  holder: InventoryHolder,
  type: SourceType,
  name: string,
  opts: Omit<NewResourceOptions, 'serial' | 'seed'>,
): SourceResource {
  const resource = newResource(type, name, { ...opts, serial: nextSerial(holder), seed: holder.ids.seed });
  if (holder.inventory.some((r) => r.arn === resource.arn)) {
    throw new UserError(ErrorCode.Sandbox, `A ${type} named "${name}" already exists (${resource.arn}).`, {
      hint: 'Pick another name, or remove the existing one with `bkp sandbox resource rm`.',
    });
  }
  holder.inventory.push(resource);
  return resource;
}

export function findByArn(inventory: readonly SourceResource[], arn: string): SourceResource | undefined {
  return inventory.find((r) => r.arn === arn);
}

/**
 * AWS Backup's ResourceType for a job on `arn`. A resource of the inventory says what it is (a
 * DocumentDB cluster has Aurora's ARN shape); any other ARN is typed by its shape, and when AWS
 * Backup has no type for it (its job fails: the resource is not found) its service stands in.
 */
export function backupResourceTypeOf(arn: string, inventory: readonly SourceResource[]): string {
  const known = findByArn(inventory, arn);
  if (known !== undefined) return BACKUP_RESOURCE_TYPE[known.type];
  return resourceTypeOfArn(arn) ?? (parseArn(arn)?.service || 'Unknown');
}

/** The region a resource lives in (from its ARN). */
export function regionOf(resource: SourceResource): string {
  return parseArn(resource.arn)?.region ?? '';
}

/** The account that owns a resource (from its ARN). */
export function accountOf(resource: SourceResource): string {
  return parseArn(resource.arn)?.account ?? '';
}

/** Removes a resource from the inventory (no-op when absent). */
export function removeResource(holder: InventoryHolder, resource: SourceResource): void {
  // By ARN, not identity: handlers see the inventory through the account's change-tracking proxy.
  const index = holder.inventory.findIndex((r) => r.arn === resource.arn);
  if (index >= 0) holder.inventory.splice(index, 1);
}

/** The resources of some types in one region, in creation order (what a regional Describe call lists). */
export function regionalResources(inventory: readonly SourceResource[], region: string, ...types: SourceType[]): SourceResource[] {
  return inventory.filter((r) => types.includes(r.type) && regionOf(r) === region).sort((a, b) => a.serial - b.serial);
}

export function findById(inventory: readonly SourceResource[], id: string): SourceResource | undefined {
  return inventory.find((r) => r.id === id);
}

/** How AWS Backup treats the source right now: run the job, fail it, or keep it waiting in the queue. */
export function backupEligibility(resource: SourceResource, inventory: readonly SourceResource[]): Eligibility {
  const label = `${resource.type} ${resource.id}`;
  switch (resource.type) {
    case 'ec2-instance':
      if (resource.state === 'running' || resource.state === 'stopped') return { kind: 'ok' };
      // pending and stopping settle within minutes; AWS retries a retryable start within the start window.
      if (resource.state === 'pending' || resource.state === 'stopping') {
        return { kind: 'wait', message: `Instance ${resource.id} is ${resource.state}; the job waits until it is running or stopped.` };
      }
      return { kind: 'fail', message: `Unable to back up ${resource.id}: the instance is ${resource.state}.` };
    case 'ebs-volume':
      if (resource.state === 'available' || resource.state === 'in-use') return { kind: 'ok' };
      if (resource.state === 'creating') return { kind: 'wait', message: `Volume ${resource.id} is still being created.` };
      return { kind: 'fail', message: `Unable to back up ${resource.id}: the volume is ${resource.state}.` };
    case 'rds-instance':
    case 'aurora-cluster':
    case 'docdb-cluster':
    case 'efs':
    case 'fsx':
      return managedServiceEligibility(resource, label);
    case 'fsx-ontap-volume':
      return ontapVolumeEligibility(resource, inventory, label);
    case 'vm':
      if (resource.state === 'ONLINE') return { kind: 'ok' };
      return {
        kind: 'fail',
        message: `Unable to back up virtual machine ${resource.id}: its hypervisor is ${resource.state}, not ONLINE.`,
      };
  }
}

/** Eligibility by ARN; a resource missing from the inventory fails as a deleted one does in AWS. */
export function eligibilityOfArn(arn: string, inventory: readonly SourceResource[]): Eligibility {
  const resource = findByArn(inventory, arn);
  if (resource === undefined) return { kind: 'fail', message: `Resource ${arn} was not found.` };
  return backupEligibility(resource, inventory);
}

// Databases, EFS and FSx must be AVAILABLE. CREATING and UPDATING are transitional, and AWS
// Backup retries retryable start failures within the start window (FSx UPDATING is documented
// to queue the job), so they wait; DELETING, FAILED and MISCONFIGURED never recover by themselves.
function managedServiceEligibility(resource: SourceResource, label: string): Eligibility {
  if (resource.state === 'AVAILABLE') return { kind: 'ok' };
  if (resource.state === 'CREATING' || resource.state === 'UPDATING') {
    return { kind: 'wait', message: `${label} is ${resource.state}; the job waits in the queue until it is AVAILABLE.` };
  }
  return { kind: 'fail', message: `Unable to back up ${label}: it is ${resource.state}, not AVAILABLE.` };
}

function ontapVolumeEligibility(resource: SourceResource, inventory: readonly SourceResource[], label: string): Eligibility {
  if (resource.ontapVolumeType !== undefined && resource.ontapVolumeType !== 'RW') {
    return {
      kind: 'fail',
      message: `Unable to back up ${label}: FSx for ONTAP ${resource.ontapVolumeType} volumes are not supported by AWS Backup.`,
    };
  }
  if (resource.full === true) return { kind: 'fail', message: `Unable to back up ${label}: the volume is full.` };
  const fileSystem = inventory.find((r) => r.type === 'fsx' && r.id === resource.fileSystemId);
  if (fileSystem?.full === true) {
    return { kind: 'fail', message: `Unable to back up ${label}: its file system ${fileSystem.id} is full.` };
  }
  if (fileSystem !== undefined && fileSystem.state !== 'AVAILABLE') {
    return managedServiceEligibility(fileSystem, `${label} (file system ${fileSystem.id})`);
  }
  return managedServiceEligibility(resource, label);
}

/** For composite resources: how a backup that reached the members ends. */
export function compositeOutcome(resource: SourceResource): 'complete' | 'partial' | 'failed' {
  const members = resource.members ?? [];
  const failed = members.filter((m) => m.failed).length;
  if (failed === 0) return 'complete';
  return failed === members.length ? 'failed' : 'partial';
}

/** 17 hex digits, the length of current EC2, EFS and FSx ids. */
function serialHex(seed: string | undefined, type: string, serial: number): string {
  return createHash('sha256').update(`${seed ?? 'bkp-sandbox'}:${type}:${serial}`).digest('hex').slice(0, 17);
}
