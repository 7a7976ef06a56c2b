// CreateVolume, DeleteVolume, CreateTags, DeleteTags.
import { findById, regionOf, removeResource, type SourceResource } from '../inventory.js';
import type { SandboxServiceContext } from '../service-context.js';
import { regional } from './describe.js';
import { Ec2Error, checkVolumeIds, instancesNotFound, volumesNotFound } from './errors.js';
import { createVolume } from './model.js';
import type { Ec2Params } from './query.js';
import { volumeElements } from './views.js';
import { el, type XmlElement } from '../xml.js';

const MAX_VOLUME_GIB = 16_384;

export function createVolumeAction(params: Ec2Params, ctx: SandboxServiceContext): (XmlElement | undefined)[] {
  const availabilityZone = params.require('AvailabilityZone');
  if (!availabilityZone.startsWith(ctx.region)) {
    throw new Ec2Error('InvalidParameterValue', `Invalid availability zone: [${availabilityZone}]`);
  }
  const size = params.integer('Size');
  if (size === undefined) {
    // Restoring from snapshots is out of the sandbox's scope, so a size is always needed.
    throw new Ec2Error('MissingParameter', 'The request must contain the parameter size');
  }
  if (size < 1) throw new Ec2Error('InvalidParameterValue', `Volume of ${size}GiB is too small; minimum is 1GiB.`);
  if (size > MAX_VOLUME_GIB) {
    throw new Ec2Error('InvalidParameterValue', `Volume of ${size}GiB is too large; maximum is ${MAX_VOLUME_GIB}GiB.`);
  }
  const tags: Record<string, string> = {};
  for (const spec of params.structures('TagSpecification')) {
    if (spec.get('ResourceType') === 'volume') Object.assign(tags, spec.tags());
  }
  const volume = createVolume(ctx, {
    sizeGiB: size,
    availabilityZone,
    volumeType: params.get('VolumeType'),
    tags,
  });
  // CreateVolume's reply is the Volume itself, with EC2's transitional `creating` status.
  return volumeElements(volume).map((e) => (e?.name === 'status' ? el('status', 'creating') : e));
}

export function deleteVolumeAction(params: Ec2Params, ctx: SandboxServiceContext): (XmlElement | undefined)[] {
  const id = params.require('VolumeId');
  checkVolumeIds([id]);
  const volume = regional(ctx, 'ebs-volume').find((v) => v.id === id);
  if (volume === undefined) throw volumesNotFound([id]);
  if (volume.attachedTo !== undefined) {
    throw new Ec2Error('VolumeInUse', `Volume ${id} is currently attached to ${volume.attachedTo.instanceId}`);
  }
  removeResource(ctx.account, volume);
  return [el('return', true)];
}

export function createTags(params: Ec2Params, ctx: SandboxServiceContext): (XmlElement | undefined)[] {
  const resources = taggedResources(params, ctx);
  const tags = params.tags('Tag');
  for (const resource of resources) {
    Object.assign(resource.tags, tags);
    if (tags['Name'] !== undefined) resource.name = tags['Name'];
  }
  return [el('return', true)];
}

export function deleteTags(params: Ec2Params, ctx: SandboxServiceContext): (XmlElement | undefined)[] {
  const resources = taggedResources(params, ctx);
  // A tag given without a value is deleted whatever its value; with a value, only when it matches.
  const wanted = params.structures('Tag').map((t) => ({ key: t.get('Key') ?? '', value: t.get('Value') }));
  for (const resource of resources) {
    const removeAll = wanted.length === 0;
    for (const key of Object.keys(resource.tags)) {
      const match = wanted.find((w) => w.key === key && (w.value === undefined || w.value === resource.tags[key]));
      if (removeAll || match !== undefined) delete resource.tags[key];
    }
    if (resource.tags['Name'] === undefined) resource.name = resource.id;
  }
  return [el('return', true)];
}

function taggedResources(params: Ec2Params, ctx: SandboxServiceContext): SourceResource[] {
  const ids = params.list('ResourceId');
  if (ids.length === 0) throw new Ec2Error('MissingParameter', 'The request must contain the parameter ResourceId');
  return ids.map((id) => {
    const resource = findById(ctx.account.inventory, id);
    const known = resource !== undefined && regionOf(resource) === ctx.region;
    if (known && (resource.type === 'ec2-instance' || resource.type === 'ebs-volume')) return resource;
    if (id.startsWith('i-')) throw instancesNotFound([id]);
    if (id.startsWith('vol-')) {
      checkVolumeIds([id]);
      throw volumesNotFound([id]);
    }
    throw new Ec2Error('InvalidID', `The ID '${id}' is not valid`);
  });
}
