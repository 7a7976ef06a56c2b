// EC2's Describe* filters: a resource matches when every filter matches (AND) and, within a filter,
// any of its values does (OR). Values may use `*` and `?` wildcards, as in EC2.
import { accountOf, type InventoryHolder, type SourceResource } from '../inventory.js';
import { Ec2Error } from './errors.js';
import { INSTANCE_STATE_CODES, attachedVolumes } from './model.js';
import type { Ec2Filter } from './query.js';

/** The values a filter name reads from a resource; several values mean "any of them". */
type FilterField = (resource: SourceResource, holder: InventoryHolder) => (string | undefined)[];

const TAG_FIELDS: Record<string, FilterField> = {
  'tag-key': (r) => Object.keys(r.tags),
  'tag-value': (r) => Object.values(r.tags),
};

const INSTANCE_FIELDS: Record<string, FilterField> = {
  ...TAG_FIELDS,
  'instance-id': (r) => [r.id],
  'instance-state-name': (r) => [r.state],
  'instance-state-code': (r) => [String(INSTANCE_STATE_CODES[r.state] ?? '')],
  'instance-type': (r) => [r.instanceType],
  'availability-zone': (r) => [r.availabilityZone],
  'image-id': (r) => [r.launch?.imageId],
  'reservation-id': (r) => [r.launch?.reservationId],
  'owner-id': (r) => [accountOf(r)],
  'root-device-type': () => ['ebs'],
  'block-device-mapping.volume-id': (r) => r.volumeIds ?? [],
  'block-device-mapping.device-name': (r, h) => attachedVolumes(h, r).map((v) => v.attachedTo?.device),
};

const VOLUME_FIELDS: Record<string, FilterField> = {
  ...TAG_FIELDS,
  'volume-id': (r) => [r.id],
  status: (r) => [r.state],
  size: (r) => [String(r.sizeGiB)],
  'volume-type': (r) => [r.volumeType],
  'availability-zone': (r) => [r.availabilityZone],
  'attachment.instance-id': (r) => [r.attachedTo?.instanceId],
  'attachment.device': (r) => [r.attachedTo?.device],
  'attachment.status': (r) => [r.attachedTo === undefined ? undefined : 'attached'],
  'attachment.delete-on-termination': (r) => [r.attachedTo === undefined ? undefined : String(r.attachedTo.deleteOnTermination)],
  encrypted: () => ['false'],
};

export const instanceFilterNames = (): string[] => Object.keys(INSTANCE_FIELDS);
export const volumeFilterNames = (): string[] => Object.keys(VOLUME_FIELDS);

export function matchesInstanceFilters(resource: SourceResource, filters: readonly Ec2Filter[], holder: InventoryHolder): boolean {
  return matches(resource, filters, holder, INSTANCE_FIELDS);
}

export function matchesVolumeFilters(resource: SourceResource, filters: readonly Ec2Filter[], holder: InventoryHolder): boolean {
  return matches(resource, filters, holder, VOLUME_FIELDS);
}

/** Refuses unknown filter names before any matching, as EC2 does. */
export function checkFilters(filters: readonly Ec2Filter[], kind: 'instance' | 'volume'): void {
  const known = kind === 'instance' ? INSTANCE_FIELDS : VOLUME_FIELDS;
  for (const filter of filters) {
    if (filter.name.startsWith('tag:')) continue;
    if (!(filter.name in known)) throw new Ec2Error('InvalidParameterValue', `The filter '${filter.name}' is invalid`);
  }
}

function matches(
  resource: SourceResource,
  filters: readonly Ec2Filter[],
  holder: InventoryHolder,
  fields: Record<string, FilterField>,
): boolean {
  return filters.every((filter) => {
    const actual = filter.name.startsWith('tag:')
      ? [resource.tags[filter.name.slice(4)]]
      : (fields[filter.name]?.(resource, holder) ?? []);
    const present = actual.filter((v): v is string => v !== undefined);
    return filter.values.some((pattern) => present.some((value) => wildcardMatch(pattern, value)));
  });
}

function wildcardMatch(pattern: string, value: string): boolean {
  if (!pattern.includes('*') && !pattern.includes('?')) return pattern === value;
  const regex = pattern.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*').replace(/\?/g, '.');
  return new RegExp(`^${regex}$`, 's').test(value);
}
