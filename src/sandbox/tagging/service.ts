// The Resource Groups Tagging API (awsJson1_1), as far as bkp uses it: GetResources over the
// sandbox's AWS Backup vaults, plans and recovery points — one paginated call that returns the tags
// of every tagged resource, which lets refresh skip a ListTags per vault and per plan — and over the
// tagged source resources of the region's inventory, which `bkp check -refresh` reads from AWS.
import { parseArn } from '../../domain/arn.js';
import type { SandboxRequest, SandboxResponse } from '../protocol.js';
import { regionOf } from '../inventory.js';
import type { SandboxServiceContext } from '../service-context.js';
import { jsonBody, objectItem, optionalListMember, optionalStringList, optionalStringMember } from '../json-protocol.js';
import { ServiceError } from '../service-error.js';

const TARGET_PREFIX = 'ResourceGroupsTaggingAPI_20170126.';
const DEFAULT_PAGE = 50;
const MAX_PAGE = 100;

interface TagFilter {
  Key?: string;
  Values?: string[];
}

function respond(status: number, body: unknown, errorType?: string): SandboxResponse {
  const headers: Record<string, string> = { 'content-type': 'application/x-amz-json-1.1' };
  if (errorType) headers['x-amzn-errortype'] = errorType;
  return { status, headers, body: new TextEncoder().encode(JSON.stringify(body)) };
}

function invalid(message: string): SandboxResponse {
  return respond(400, { __type: 'InvalidParameterException', Message: message }, 'InvalidParameterException');
}

/**
 * A resource's type as ResourceTypeFilters name it, `service:resource-type` from its ARN:
 * `backup:backup-vault`, `ec2:instance`, `rds:db`, `fsx:volume`; `s3` for a bucket.
 */
function resourceType(text: string): string | undefined {
  const arn = parseArn(text);
  if (arn === undefined) return undefined;
  return arn.service === 's3' ? 's3' : `${arn.service}:${arn.resourceType ?? arn.resource}`;
}

function typeMatches(filter: string, type: string | undefined): boolean {
  return type !== undefined && (filter === type || type.startsWith(`${filter}:`));
}

function taggedResources(ctx: SandboxServiceContext): Array<[string, Record<string, string>]> {
  const sources = ctx.account.inventory
    .filter((r) => regionOf(r) === ctx.region && Object.keys(r.tags).length > 0)
    .map((r): [string, Record<string, string>] => [r.arn, r.tags]);
  const region = ctx.account.backup[ctx.region];
  const live = new Set<string>(
    region
      ? [
          ...Object.values(region.vaults).map((v) => v.arn),
          ...Object.values(region.plans)
            .filter((p) => p.deletionDate === undefined)
            .map((p) => p.arn),
          ...Object.keys(region.recoveryPoints),
        ]
      : [],
  );
  const backup = Object.entries(region?.tags ?? {}).filter(([arn, tags]) => live.has(arn) && Object.keys(tags).length > 0);
  return [...backup, ...sources].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
}

function getResources(params: Record<string, unknown>, ctx: SandboxServiceContext): SandboxResponse {
  const perPage = params.ResourcesPerPage === undefined ? DEFAULT_PAGE : Number(params.ResourcesPerPage);
  if (!Number.isInteger(perPage) || perPage < 1 || perPage > MAX_PAGE) {
    return invalid(`ResourcesPerPage must be between 1 and ${MAX_PAGE}.`);
  }
  const typeFilters = optionalStringList(params, 'ResourceTypeFilters') ?? [];
  const tagFilters = (optionalListMember(params, 'TagFilters', objectItem) ?? []).map(
    (f, i): TagFilter => ({ Key: optionalStringMember(f, 'Key', `tagFilters.${i + 1}.member.key`), Values: optionalStringList(f, 'Values', `tagFilters.${i + 1}.member.values`) }),
  );
  const matches = taggedResources(ctx).filter(([arn, tags]) => {
    const type = resourceType(arn);
    if (typeFilters.length > 0 && !typeFilters.some((f) => typeMatches(f, type))) return false;
    return tagFilters.every((f) => f.Key !== undefined && f.Key in tags && (!f.Values?.length || f.Values.includes(tags[f.Key]!)));
  });
  const token = typeof params.PaginationToken === 'string' && params.PaginationToken !== '' ? params.PaginationToken : undefined;
  let start = 0;
  if (token !== undefined) {
    const decoded = Number.parseInt(Buffer.from(token, 'base64url').toString('utf8'), 10);
    if (!Number.isInteger(decoded) || decoded < 0) return invalid('The PaginationToken is not valid.');
    start = decoded;
  }
  const page = matches.slice(start, start + perPage);
  const next = start + perPage < matches.length ? Buffer.from(String(start + perPage), 'utf8').toString('base64url') : '';
  return respond(200, {
    PaginationToken: next,
    ResourceTagMappingList: page.map(([arn, tags]) => ({
      ResourceARN: arn,
      Tags: Object.entries(tags).map(([Key, Value]) => ({ Key, Value })),
    })),
  });
}

export function handleTaggingRequest(req: SandboxRequest, ctx: SandboxServiceContext): SandboxResponse {
  const target = req.headers['x-amz-target'] ?? '';
  if (!target.startsWith(TARGET_PREFIX)) return respond(400, { __type: 'UnknownOperationException' }, 'UnknownOperationException');
  const operation = target.slice(TARGET_PREFIX.length);
  if (operation !== 'GetResources') {
    return respond(400, { __type: 'UnknownOperationException', Message: `The sandbox does not emulate ${operation}.` }, 'UnknownOperationException');
  }
  try {
    return getResources(jsonBody(req.body), ctx);
  } catch (error) {
    if (error instanceof ServiceError) return respond(error.status, { __type: error.code, Message: error.message }, error.code);
    throw error;
  }
}
