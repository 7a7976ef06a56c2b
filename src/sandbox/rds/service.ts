// The sandbox's RDS service (AWS query protocol, XML replies): DescribeDBInstances and
// DescribeDBClusters over the account's inventory, for bkp's source checks and `bkp check`.
// RDS instances are `rds-instance` resources; Aurora and DocumentDB clusters are both RDS
// clusters (`aurora-cluster`, `docdb-cluster`), as in AWS, where DocumentDB shares RDS's API.
import { regionalResources, type SourceResource, type SourceType } from '../inventory.js';
import { pageAfterSerial } from '../pages.js';
import type { SandboxRequest, SandboxResponse } from '../protocol.js';
import { queryAction, queryErrorResponse, queryParameters, queryResponse } from '../query-protocol.js';
import type { SandboxServiceContext } from '../service-context.js';
import { ServiceError } from '../service-error.js';
import { el, renderXml, type XmlElement } from '../xml.js';
import { dbClusterElements, dbInstanceElements, ENGINE } from './views.js';

const NAMESPACE = 'http://rds.amazonaws.com/doc/2014-10-31/';


/** RDS's error document: `<ErrorResponse><Error><Type/><Code/><Message/></Error><RequestId/>`. */
export function rdsErrorResponse(error: ServiceError): SandboxResponse {
  return queryErrorResponse(NAMESPACE, error);
}

interface Filter {
  name: string;
  values: string[];
}

/** `Filters.Filter.N.Name` and `Filters.Filter.N.Values.Value.M`. */
function filters(params: Map<string, string>): Filter[] {
  const found = new Map<number, Filter>();
  for (const [key, value] of params) {
    const match = /^Filters\.Filter\.(\d+)\.(Name|Values\.Value\.\d+)$/.exec(key);
    if (!match) continue;
    const index = Number(match[1]);
    const filter = found.get(index) ?? { name: '', values: [] };
    if (match[2] === 'Name') filter.name = value;
    else filter.values.push(value);
    found.set(index, filter);
  }
  return [...found.entries()].sort(([a], [b]) => a - b).map(([, f]) => f);
}

function maxRecords(params: Map<string, string>): number | undefined {
  const raw = params.get('MaxRecords');
  if (raw === undefined) return undefined;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 20 || value > 100) {
    throw new ServiceError('InvalidParameterValue', `Invalid value ${raw} for MaxRecords. Must be between 20 and 100`);
  }
  return value;
}

/** An identifier or ARN names the resource, case-insensitively (RDS keeps identifiers in lower case). */
function names(resource: SourceResource, identifier: string): boolean {
  return resource.arn === identifier || resource.id.toLowerCase() === identifier.toLowerCase();
}

interface Listing {
  types: SourceType[];
  idParameter: string;
  idFilter: string;
  notFound: (id: string) => ServiceError;
  listName: string;
  memberName: string;
  view: (resource: SourceResource) => (XmlElement | undefined)[];
}

const LISTINGS: Record<string, Listing> = {
  DescribeDBInstances: {
    types: ['rds-instance'],
    idParameter: 'DBInstanceIdentifier',
    idFilter: 'db-instance-id',
    notFound: (id) => new ServiceError('DBInstanceNotFound', `DBInstance ${id} not found.`, 404),
    listName: 'DBInstances',
    memberName: 'DBInstance',
    view: dbInstanceElements,
  },
  DescribeDBClusters: {
    types: ['aurora-cluster', 'docdb-cluster'],
    idParameter: 'DBClusterIdentifier',
    idFilter: 'db-cluster-id',
    notFound: (id) => new ServiceError('DBClusterNotFoundFault', `DBCluster ${id} not found.`, 404),
    listName: 'DBClusters',
    memberName: 'DBCluster',
    view: dbClusterElements,
  },
};

function matchesFilter(resource: SourceResource, filter: Filter, listing: Listing): boolean {
  if (filter.name === listing.idFilter) return filter.values.some((v) => names(resource, v));
  if (filter.name === 'engine') return filter.values.includes(ENGINE[resource.type]!.engine);
  throw new ServiceError('InvalidParameterValue', `Unrecognized filter name: ${filter.name}`);
}

function describe(action: string, listing: Listing, params: Map<string, string>, ctx: SandboxServiceContext): XmlElement[] {
  const max = maxRecords(params);
  const id = params.get(listing.idParameter);
  let resources = regionalResources(ctx.account.inventory, ctx.region, ...listing.types);
  if (id !== undefined && id !== '') {
    resources = resources.filter((r) => names(r, id));
    if (resources.length === 0) throw listing.notFound(id);
  }
  for (const filter of filters(params)) resources = resources.filter((r) => matchesFilter(r, filter, listing));
  const page = pageAfterSerial(resources, params.get('Marker'), max ?? 100, action);
  if (page === undefined) throw new ServiceError('InvalidParameterValue', 'The marker is not valid.');
  return [
    el(
      listing.listName,
      page.items.map((r) => el(listing.memberName, listing.view(r))),
    ),
    el('Marker', page.next),
  ];
}

export function handleRdsRequest(req: SandboxRequest, ctx: SandboxServiceContext): SandboxResponse {
  try {
    const params = queryParameters(req);
    const { action, handler: listing } = queryAction(params, LISTINGS);
    return queryResponse(action, NAMESPACE, renderXml(describe(action, listing, params, ctx)));
  } catch (error) {
    if (error instanceof ServiceError) return rdsErrorResponse(error);
    throw error;
  }
}
