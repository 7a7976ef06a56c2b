// The sandbox's FSx service (JSON 1.1, `X-Amz-Target: AWSSimbaAPIService_v20180301.<Operation>`):
// DescribeFileSystems and DescribeVolumes over the account's `fsx` and `fsx-ontap-volume`
// resources, for bkp's source checks and `bkp check`.
import { regionalResources, type SourceResource } from '../inventory.js';
import { pageAfterSerial } from '../pages.js';
import { jsonOperation, objectItem, optionalListMember, optionalStringList, optionalStringMember } from '../json-protocol.js';
import type { SandboxRequest, SandboxResponse } from '../protocol.js';
import type { SandboxServiceContext } from '../service-context.js';
import { jsonResponse, ServiceError } from '../service-error.js';
import { fileSystemView, storageVirtualMachineId, volumeView } from './views.js';

const TARGET_PREFIX = 'AWSSimbaAPIService_v20180301.';
/** FSx's default page size when MaxResults is absent. */
const DEFAULT_PAGE = 2147483647;


export function fsxErrorResponse(error: ServiceError): SandboxResponse {
  return json(error.status, { __type: error.code, Message: error.message }, error.code);
}

function json(status: number, body: unknown, errorType?: string): SandboxResponse {
  return jsonResponse(status, body, 'application/x-amz-json-1.1', errorType);
}

type Params = Record<string, unknown>;

function stringList(params: Params, name: string): string[] | undefined {
  const value = params[name];
  if (value === undefined || value === null) return undefined;
  if (!Array.isArray(value) || value.some((v) => typeof v !== 'string')) throw new ServiceError('BadRequest', `${name} must be a list of strings.`);
  if (value.length > 50) throw new ServiceError('BadRequest', `${name} may name at most 50 ids.`);
  return value as string[];
}

function maxResults(params: Params): number {
  const value = params['MaxResults'];
  if (value === undefined || value === null) return DEFAULT_PAGE;
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 1) throw new ServiceError('BadRequest', 'MaxResults must be a positive integer.');
  return value;
}

function page(resources: readonly SourceResource[], params: Params, operation: string) {
  const token = params['NextToken'];
  const result = pageAfterSerial(resources, typeof token === 'string' ? token : undefined, maxResults(params), operation);
  if (result === undefined) throw new ServiceError('BadRequest', 'The NextToken is not valid.');
  return result;
}

function byIds(resources: SourceResource[], ids: string[] | undefined, notFound: (id: string) => ServiceError): SourceResource[] {
  if (ids === undefined) return resources;
  const missing = ids.find((id) => !resources.some((r) => r.id === id));
  if (missing !== undefined) throw notFound(missing);
  return resources.filter((r) => ids.includes(r.id));
}

function describeFileSystems(params: Params, ctx: SandboxServiceContext): SandboxResponse {
  const all = regionalResources(ctx.account.inventory, ctx.region, 'fsx');
  const ids = stringList(params, 'FileSystemIds');
  const found = byIds(all, ids, (id) => new ServiceError('FileSystemNotFound', `File system '${id}' does not exist.`));
  const result = page(found, params, 'DescribeFileSystems');
  return json(200, { FileSystems: result.items.map((fs) => fileSystemView(fs, ctx.accountId)), NextToken: result.next });
}

function describeVolumes(params: Params, ctx: SandboxServiceContext): SandboxResponse {
  const all = regionalResources(ctx.account.inventory, ctx.region, 'fsx-ontap-volume');
  let volumes = byIds(all, stringList(params, 'VolumeIds'), (id) => new ServiceError('VolumeNotFound', `Volume '${id}' does not exist.`));
  const filters = optionalListMember(params, 'Filters', objectItem) ?? [];
  filters.forEach((filter, i) => {
    const name = optionalStringMember(filter, 'Name', `filters.${i + 1}.member.name`);
    const values = optionalStringList(filter, 'Values', `filters.${i + 1}.member.values`) ?? [];
    if (name === 'file-system-id') volumes = volumes.filter((v) => values.includes(v.fileSystemId ?? ''));
    else if (name === 'storage-virtual-machine-id') volumes = volumes.filter((v) => values.includes(storageVirtualMachineId(v)));
    else throw new ServiceError('BadRequest', `Unknown volume filter "${String(name)}": use file-system-id or storage-virtual-machine-id.`);
  });
  const result = page(volumes, params, 'DescribeVolumes');
  return json(200, { Volumes: result.items.map(volumeView), NextToken: result.next });
}

const OPERATIONS: Record<string, (params: Params, ctx: SandboxServiceContext) => SandboxResponse> = {
  DescribeFileSystems: describeFileSystems,
  DescribeVolumes: describeVolumes,
};

export function handleFsxRequest(req: SandboxRequest, ctx: SandboxServiceContext): SandboxResponse {
  try {
    const { operation, params } = jsonOperation(req, TARGET_PREFIX, OPERATIONS, 'FSx');
    return operation(params, ctx);
  } catch (error) {
    if (error instanceof ServiceError) return fsxErrorResponse(error);
    throw error;
  }
}
