// EC2 instances and EBS volumes as entries of the sandbox inventory: launching (with a root
// volume, as EC2 does), state changes, termination, volumes. Used by the EC2 query service and by
// `bkp sandbox resource`, so both views change the same data.
//
// State changes settle at once: the reply to Run/Start/Stop/TerminateInstances reports EC2's
// transitional state (pending, stopping, shutting-down) while the inventory already holds the
// settled one (running, stopped, terminated). The sandbox clock does not model boot times, and
// every later call sees a consistent, settled state.
import { createHash } from 'node:crypto';
import { addResource, findById, removeResource, type InventoryHolder, type SourceResource } from '../inventory.js';

export const INSTANCE_STATE_CODES: Record<string, number> = {
  pending: 0,
  running: 16,
  'shutting-down': 32,
  terminated: 48,
  stopping: 64,
  stopped: 80,
};

export const ROOT_DEVICE = '/dev/xvda';
const DEFAULT_IMAGE = 'ami-0c02fb55956c7d316';

/** What the EC2 operations need: the account, its region and clock. */
export interface Ec2Env {
  account: InventoryHolder;
  region: string;
  accountId: string;
  now: Date;
}

export interface LaunchOptions {
  imageId?: string;
  instanceType?: string;
  availabilityZone?: string;
  /** Instance tags (a Name tag names the instance). */
  tags?: Record<string, string>;
  /** Tags for the root volume (TagSpecification ResourceType=volume). */
  volumeTags?: Record<string, string>;
  rootVolumeSizeGiB?: number;
  state?: string;
  reservationId?: string;
  launchIndex?: number;
  clientToken?: string;
  /** A fixed instance id (a provider "sandbox" source block names it). */
  id?: string;
}

export interface StateChange {
  instanceId: string;
  previous: string;
  /** The state EC2 reports in the reply (may be transitional). */
  reported: string;
}

/** Launches one instance with a root EBS volume attached, both added to the inventory. */
export function launchInstance(env: Ec2Env, name: string | undefined, opts: LaunchOptions = {}): SourceResource {
  const base = { region: env.region, accountId: env.accountId, now: env.now.toISOString() };
  const availabilityZone = opts.availabilityZone ?? `${env.region}a`;
  const tags = { ...(opts.tags ?? {}) };
  if (name !== undefined && tags['Name'] === undefined) tags['Name'] = name;
  const instance = addResource(env.account, 'ec2-instance', name ?? tags['Name'] ?? 'instance', {
    ...base,
    state: opts.state ?? 'running',
    tags,
    instanceType: opts.instanceType,
    availabilityZone,
    sizeGiB: opts.rootVolumeSizeGiB,
    id: opts.id,
  });
  if (name === undefined && tags['Name'] === undefined) instance.name = instance.id;
  instance.launch = {
    reservationId: opts.reservationId ?? newReservationId(instance),
    imageId: opts.imageId ?? DEFAULT_IMAGE,
    launchIndex: opts.launchIndex ?? 0,
    clientToken: opts.clientToken,
  };
  if (instance.state !== 'terminated') {
    const root = createVolume(env, {
      sizeGiB: instance.sizeGiB,
      availabilityZone,
      tags: opts.volumeTags,
    });
    attachVolume(root, instance, ROOT_DEVICE, true, env.now);
  }
  return instance;
}

/** Derived from the first instance of the reservation, so it is as reproducible as the instance id. */
export function newReservationId(instance: SourceResource): string {
  return `r-${createHash('sha256').update(`reservation:${instance.id}`).digest('hex').slice(0, 17)}`;
}

export interface CreateVolumeOptions {
  sizeGiB?: number;
  availabilityZone?: string;
  volumeType?: string;
  tags?: Record<string, string>;
  name?: string;
}

/** A new, unattached (`available`) EBS volume. */
export function createVolume(env: Ec2Env, opts: CreateVolumeOptions = {}): SourceResource {
  const volume = addResource(env.account, 'ebs-volume', opts.name ?? opts.tags?.['Name'] ?? 'volume', {
    region: env.region,
    accountId: env.accountId,
    now: env.now.toISOString(),
    state: 'available',
    tags: opts.tags,
    sizeGiB: opts.sizeGiB,
    availabilityZone: opts.availabilityZone ?? `${env.region}a`,
  });
  if (opts.name === undefined && opts.tags?.['Name'] === undefined) volume.name = volume.id;
  volume.volumeType = opts.volumeType ?? 'gp3';
  return volume;
}

export function attachVolume(
  volume: SourceResource,
  instance: SourceResource,
  device: string,
  deleteOnTermination: boolean,
  now: Date,
): void {
  volume.attachedTo = { instanceId: instance.id, device, deleteOnTermination, attachedAt: now.toISOString() };
  volume.state = 'in-use';
  instance.volumeIds = [...(instance.volumeIds ?? []), volume.id];
  // What a backup of the instance copies is its volumes: the first one replaces the default size.
  instance.sizeGiB = instance.volumeIds.length === 1 ? volume.sizeGiB : instance.sizeGiB + volume.sizeGiB;
}

export function detachVolume(holder: InventoryHolder, volume: SourceResource): void {
  const instance = volume.attachedTo === undefined ? undefined : findById(holder.inventory, volume.attachedTo.instanceId);
  if (instance?.volumeIds !== undefined) instance.volumeIds = instance.volumeIds.filter((id) => id !== volume.id);
  delete volume.attachedTo;
  volume.state = 'available';
}

/** The volumes attached to an instance, in attachment order. */
export function attachedVolumes(holder: InventoryHolder, instance: SourceResource): SourceResource[] {
  return (instance.volumeIds ?? [])
    .map((id) => findById(holder.inventory, id))
    .filter((v): v is SourceResource => v !== undefined);
}

export function stopInstance(instance: SourceResource, now: Date): StateChange {
  const previous = instance.state;
  if (previous === 'stopped' || previous === 'stopping') {
    instance.state = 'stopped';
    return { instanceId: instance.id, previous, reported: 'stopped' };
  }
  instance.state = 'stopped';
  instance.stateReason = `User initiated (${gmt(now)})`;
  return { instanceId: instance.id, previous, reported: 'stopping' };
}

export function startInstance(instance: SourceResource): StateChange {
  const previous = instance.state;
  instance.state = 'running';
  delete instance.stateReason;
  return { instanceId: instance.id, previous, reported: previous === 'running' ? 'running' : 'pending' };
}

/** Terminates an instance: volumes marked delete-on-termination go away, the others are detached. */
export function terminateInstance(holder: InventoryHolder, instance: SourceResource, now: Date): StateChange {
  const previous = instance.state;
  for (const volume of attachedVolumes(holder, instance)) {
    const deleteIt = volume.attachedTo?.deleteOnTermination === true;
    detachVolume(holder, volume);
    if (deleteIt) removeResource(holder, volume);
  }
  instance.volumeIds = [];
  instance.state = 'terminated';
  if (previous !== 'terminated') instance.stateReason = `User initiated (${gmt(now)})`;
  return { instanceId: instance.id, previous, reported: previous === 'terminated' ? 'terminated' : 'shutting-down' };
}

/** Removes an instance from the inventory the way `bkp sandbox resource rm` means it: with its own root volume. */
export function removeInstance(holder: InventoryHolder, instance: SourceResource): void {
  for (const volume of attachedVolumes(holder, instance)) {
    const deleteIt = volume.attachedTo?.deleteOnTermination === true;
    detachVolume(holder, volume);
    if (deleteIt) removeResource(holder, volume);
  }
  removeResource(holder, instance);
}

/** EC2's StateTransitionReason time format: 2024-01-31 12:00:00 GMT. */
function gmt(now: Date): string {
  return `${now.toISOString().slice(0, 19).replace('T', ' ')} GMT`;
}
