// The sandbox's EFS service (rest-json): DescribeFileSystems (`GET /2015-02-01/file-systems`) over
// the account's `efs` resources, for bkp's source checks and `bkp check`. Errors carry their name in
// `x-amzn-ErrorType` and a body {"ErrorCode","Message"}, as EFS sends them.
import { regionalResources, type SourceResource } from '../inventory.js';
import { pageAfterSerial } from '../pages.js';
import type { SandboxRequest, SandboxResponse } from '../protocol.js';
import type { SandboxServiceContext } from '../service-context.js';
import { jsonResponse, ServiceError } from '../service-error.js';

const FILE_SYSTEMS_PATH = '/2015-02-01/file-systems';

/** EFS's lifecycle names; the sandbox's FAILED is EFS's `error`. */
const LIFE_CYCLE_STATE: Record<string, string> = {
  AVAILABLE: 'available',
  CREATING: 'creating',
  UPDATING: 'updating',
  DELETING: 'deleting',
  FAILED: 'error',
};


export function efsErrorResponse(error: ServiceError): SandboxResponse {
  return json(error.status, { ErrorCode: error.code, Message: error.message }, error.code);
}

function json(status: number, body: unknown, errorType?: string): SandboxResponse {
  return jsonResponse(status, body, 'application/json', errorType);
}

function single(query: SandboxRequest['query'], name: string): string | undefined {
  const value = query[name];
  return Array.isArray(value) ? value[0] : value;
}

function fileSystemView(fs: SourceResource, ownerId: string): Record<string, unknown> {
  return {
    OwnerId: ownerId,
    CreationToken: fs.name,
    FileSystemId: fs.id,
    FileSystemArn: fs.arn,
    CreationTime: Date.parse(fs.createdAt) / 1000,
    LifeCycleState: LIFE_CYCLE_STATE[fs.state] ?? fs.state.toLowerCase(),
    // EFS shows the Name tag here; a sandbox file system's name is its label.
    Name: fs.tags['Name'] ?? fs.name,
    NumberOfMountTargets: 0,
    SizeInBytes: { Value: fs.sizeGiB * 2 ** 30, ValueInStandard: fs.sizeGiB * 2 ** 30, ValueInIA: 0, ValueInArchive: 0 },
    PerformanceMode: 'generalPurpose',
    Encrypted: true,
    ThroughputMode: 'elastic',
    Tags: Object.entries(fs.tags).map(([Key, Value]) => ({ Key, Value })),
    FileSystemProtection: { ReplicationOverwriteProtection: 'ENABLED' },
  };
}

/** "The response is paginated at 100 per page": a larger MaxItems is served as 100. */
const EFS_PAGE = 100;

function describeFileSystems(req: SandboxRequest, ctx: SandboxServiceContext): SandboxResponse {
  const id = single(req.query, 'FileSystemId');
  const creationToken = single(req.query, 'CreationToken');
  const marker = single(req.query, 'Marker');
  const maxRaw = single(req.query, 'MaxItems');
  const requested = maxRaw === undefined ? EFS_PAGE : Number(maxRaw);
  if (!Number.isInteger(requested) || requested < 1) throw new ServiceError('BadRequest', `MaxItems must be a positive integer, not "${maxRaw}".`);
  const max = Math.min(requested, EFS_PAGE);
  if (id !== undefined && creationToken !== undefined) {
    throw new ServiceError('BadRequest', 'You can specify either a CreationToken or a FileSystemId, but not both.');
  }
  let fileSystems = regionalResources(ctx.account.inventory, ctx.region, 'efs');
  if (id !== undefined) {
    fileSystems = fileSystems.filter((fs) => fs.id === id || fs.arn === id);
    if (fileSystems.length === 0) throw new ServiceError('FileSystemNotFound', `File system '${id}' does not exist.`, 404);
  }
  if (creationToken !== undefined) fileSystems = fileSystems.filter((fs) => fs.name === creationToken);
  const page = pageAfterSerial(fileSystems, marker, max, 'DescribeFileSystems');
  if (page === undefined) throw new ServiceError('BadRequest', 'The Marker is not valid.');
  const body: Record<string, unknown> = { FileSystems: page.items.map((fs) => fileSystemView(fs, ctx.accountId)) };
  if (marker !== undefined) body['Marker'] = marker;
  if (page.next !== undefined) body['NextMarker'] = page.next;
  return json(200, body);
}

export function handleEfsRequest(req: SandboxRequest, ctx: SandboxServiceContext): SandboxResponse {
  try {
    const path = req.path.replace(/\/+$/, '');
    if (req.method === 'GET' && path === FILE_SYSTEMS_PATH) return describeFileSystems(req, ctx);
    throw new ServiceError('UnknownOperationException', `The sandbox does not emulate ${req.method} ${req.path} of EFS (only DescribeFileSystems).`, 404);
  } catch (error) {
    if (error instanceof ServiceError) return efsErrorResponse(error);
    throw error;
  }
}
