// DescribeInstances and DescribeVolumes: ids, filters and pagination as EC2 does them.
import { regionalResources, type SourceResource, type SourceType } from '../inventory.js';
import { pageAfterSerial } from '../pages.js';
import type { SandboxServiceContext } from '../service-context.js';
import {
  Ec2Error,
  checkInstanceIds,
  checkVolumeIds,
  instancesNotFound,
  volumesNotFound,
} from './errors.js';
import { checkFilters, matchesInstanceFilters, matchesVolumeFilters } from './filters.js';
import { parseFilters, type Ec2Params } from './query.js';
import { reservationItems, volumeElements } from './views.js';
import { el, type XmlElement } from '../xml.js';
import { itemSet } from './xml.js';

/** The instances or volumes of the request's region, in creation order. */
export function regional(ctx: SandboxServiceContext, type: SourceType): SourceResource[] {
  return regionalResources(ctx.account.inventory, ctx.region, type);
}

export function describeInstances(params: Ec2Params, ctx: SandboxServiceContext): (XmlElement | undefined)[] {
  const ids = params.list('InstanceId');
  const filters = parseFilters(params);
  checkInstanceIds(ids);
  checkFilters(filters, 'instance');
  const maxResults = pageSize(params, ids.length > 0, { min: 5, max: 1000, idsParameter: 'instancesSet' });
  let instances = regional(ctx, 'ec2-instance');
  if (ids.length > 0) {
    const missing = ids.filter((id) => !instances.some((i) => i.id === id));
    if (missing.length > 0) throw instancesNotFound(missing);
    instances = instances.filter((i) => ids.includes(i.id));
  }
  instances = instances.filter((i) => matchesInstanceFilters(i, filters, ctx.account));
  const page = paginate(instances, params.get('NextToken'), maxResults, 'DescribeInstances');
  return [
    itemSet('reservationSet', reservationItems(page.items, ctx.account, ctx.accountId)),
    el('nextToken', page.nextToken),
  ];
}

export function describeVolumes(params: Ec2Params, ctx: SandboxServiceContext): (XmlElement | undefined)[] {
  const ids = params.list('VolumeId');
  const filters = parseFilters(params);
  checkVolumeIds(ids);
  checkFilters(filters, 'volume');
  // "This value can be between 5 and 1000; if MaxResults is given a value larger than 1000, only
  // 1000 results are returned" (the AWS CLI always sends 1000).
  const maxResults = pageSize(params, ids.length > 0, { min: 5, max: 1000, clampAbove: true, idsParameter: 'volumeIds' });
  let volumes = regional(ctx, 'ebs-volume');
  if (ids.length > 0) {
    const missing = ids.filter((id) => !volumes.some((v) => v.id === id));
    if (missing.length > 0) throw volumesNotFound(missing);
    volumes = volumes.filter((v) => ids.includes(v.id));
  }
  volumes = volumes.filter((v) => matchesVolumeFilters(v, filters, ctx.account));
  const page = paginate(volumes, params.get('NextToken'), maxResults, 'DescribeVolumes');
  return [itemSet('volumeSet', page.items.map(volumeElements)), el('nextToken', page.nextToken)];
}

interface PageLimits {
  min: number;
  max: number;
  /** Larger values are served as `max` rather than refused (DescribeVolumes). */
  clampAbove?: boolean;
  /** EC2's name for the id list in its "cannot be used with maxResults" message. */
  idsParameter: string;
}

function pageSize(params: Ec2Params, withIds: boolean, limits: PageLimits): number | undefined {
  const maxResults = params.integer('MaxResults');
  if (maxResults === undefined) return undefined;
  if (withIds) {
    throw new Ec2Error(
      'InvalidParameterCombination',
      `The parameter ${limits.idsParameter} cannot be used with the parameter maxResults`,
    );
  }
  if (limits.clampAbove === true && maxResults > limits.max) return limits.max;
  if (maxResults < limits.min || maxResults > limits.max) {
    throw new Ec2Error(
      'InvalidParameterValue',
      `Value ( ${maxResults} ) for parameter maxResults is invalid. Expecting a value between ${limits.min} and ${limits.max}.`,
    );
  }
  return maxResults;
}

/** EC2's page of resources; an unknown token is InvalidParameterValue. */
function paginate(all: readonly SourceResource[], token: string | undefined, maxResults: number | undefined, action: string): { items: SourceResource[]; nextToken?: string } {
  const page = pageAfterSerial(all, token, maxResults, action);
  if (page === undefined) throw new Ec2Error('InvalidParameterValue', `The token '${token}' is invalid.`);
  return { items: page.items, nextToken: page.next };
}
