// Where objects live. The state records each object's region (and sandbox account); when its
// provider now points elsewhere, the object is still there and must be read and deleted there.
import type { ResourceLocation } from '../state/model.js';

export function sameLocation(a: ResourceLocation, b: ResourceLocation): boolean {
  return a.region === b.region && (a.account_id === undefined || b.account_id === undefined || a.account_id === b.account_id);
}

export function locationKey(location: ResourceLocation | undefined): string {
  return location === undefined ? '' : `${location.region}/${location.account_id ?? ''}`;
}

/** "the provider's region changed from eu-west-1 to eu-central-1" (or its account). */
export function movedReason(from: ResourceLocation, to: ResourceLocation): string {
  if (from.region !== to.region) return `must be replaced: the provider's region changed from ${from.region} to ${to.region}`;
  return `must be replaced: the provider's account changed from ${from.account_id ?? '?'} to ${to.account_id ?? '?'}`;
}
