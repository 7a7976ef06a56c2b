// What a restore needs to know of a backed-up resource, recorded on its recovery point when the
// backup completes: GetRecoveryPointRestoreMetadata describes the resource as it was then, and a
// restore still works after the source is gone.
import type { SourceResource } from '../inventory.js';
import type { RestoreSource } from '../state.js';

/** A source as a restore sees it; recorded on each recovery point when its backup completes. */
export function restoreSourceOf(resource: SourceResource): RestoreSource {
  const source: RestoreSource = { sourceType: resource.type, name: resource.name, sizeGiB: resource.sizeGiB, tags: { ...resource.tags } };
  if (resource.instanceType !== undefined) source.instanceType = resource.instanceType;
  if (resource.availabilityZone !== undefined) source.availabilityZone = resource.availabilityZone;
  if (resource.volumeType !== undefined) source.volumeType = resource.volumeType;
  if (resource.fileSystemId !== undefined) source.fileSystemId = resource.fileSystemId;
  if (resource.ontapVolumeType !== undefined) source.ontapVolumeType = resource.ontapVolumeType;
  return source;
}
