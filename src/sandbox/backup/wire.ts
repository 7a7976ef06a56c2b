// Reading AWS Backup requests and shaping responses: typed access to JSON body members with
// AWS-style validation errors, epoch-second timestamps, and opaque pagination tokens.
import type { SandboxServiceContext } from '../service-context.js';
import type { EngineScope } from '../engine/jobs.js';
import { emptyRegionState, regionState } from '../state.js';
import { BackupApiError, invalid, missing } from './errors.js';

export type Json = Record<string, unknown>;

/** One parsed Backup API call as the operation handlers see it. */
export interface BackupCall {
  ctx: SandboxServiceContext;
  scope: EngineScope;
  now: number;
  /** Decoded path labels ({BackupVaultName} → value). */
  params: Record<string, string>;
  query: Record<string, string | string[]>;
  body: Json;
}

export function scopeFor(ctx: SandboxServiceContext): EngineScope {
  const region = ctx.readOnly ? (ctx.account.backup[ctx.region] ?? emptyRegionState()) : regionState(ctx.account, ctx.region);
  return { account: ctx.account, regionName: ctx.region, region };
}

/** AWS Backup timestamps on the wire: epoch seconds (fractions allowed). */
export function epochSeconds(ms: number | undefined): number | undefined {
  return ms === undefined ? undefined : ms / 1000;
}

/** Drop undefined members so responses look like AWS's (absent, not null). */
export function compact<T extends Json>(value: T): T {
  for (const key of Object.keys(value)) if (value[key] === undefined) delete value[key];
  return value;
}

export function optionalString(body: Json, field: string): string | undefined {
  const value = body[field];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'string') throw invalid(`${field} must be a string.`);
  return value;
}

export function requiredString(body: Json, field: string): string {
  const value = optionalString(body, field);
  if (value === undefined || value === '') throw missing(field);
  return value;
}

export function optionalInteger(body: Json, field: string): number | undefined {
  const value = body[field];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'number' || !Number.isInteger(value)) throw invalid(`${field} must be an integer.`);
  return value;
}

export function optionalBoolean(body: Json, field: string): boolean | undefined {
  const value = body[field];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'boolean') throw invalid(`${field} must be a boolean.`);
  return value;
}

export function optionalObject(body: Json, field: string): Json | undefined {
  const value = body[field];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'object' || Array.isArray(value)) throw invalid(`${field} must be an object.`);
  return value as Json;
}

export function optionalStringList(body: Json, field: string): string[] | undefined {
  const value = body[field];
  if (value === undefined || value === null) return undefined;
  if (!Array.isArray(value) || value.some((v) => typeof v !== 'string')) throw invalid(`${field} must be a list of strings.`);
  return value as string[];
}

/** A string→string map (tags, BackupOptions). */
export function optionalStringMap(body: Json, field: string): Record<string, string> | undefined {
  const value = optionalObject(body, field);
  if (value === undefined) return undefined;
  for (const [k, v] of Object.entries(value)) if (typeof v !== 'string') throw invalid(`${field}.${k} must be a string.`);
  return value as Record<string, string>;
}

export function queryString(call: BackupCall, name: string): string | undefined {
  const value = call.query[name];
  if (Array.isArray(value)) return value[0];
  return value === '' ? undefined : value;
}

/** AWS's wording for a member that breaks a model constraint (as the service's validation layer words it). */
function constraintError(value: string, member: string, constraint: string): BackupApiError {
  return invalid(`1 validation error detected: Value '${value}' at '${member}' failed to satisfy constraint: ${constraint}`);
}

/** A query parameter checked against the model's pattern for it (`member` is the input member's name). */
export function queryMatching(call: BackupCall, name: string, member: string, pattern: RegExp): string | undefined {
  const value = queryString(call, name);
  if (value !== undefined && !pattern.test(value)) throw constraintError(value, member, `Member must satisfy regular expression pattern: ${pattern.source}`);
  return value;
}

/** A query parameter checked against the model's enum for it. */
export function queryEnum(call: BackupCall, name: string, member: string, allowed: readonly string[]): string | undefined {
  const value = queryString(call, name);
  if (value !== undefined && !allowed.includes(value)) throw constraintError(value, member, `Member must satisfy enum value set: [${allowed.join(', ')}]`);
  return value;
}

/** Patterns of the AWS Backup model used by list filters. */
export const ACCOUNT_ID_PATTERN = /^[0-9]{12}$/;
export const RESOURCE_TYPE_PATTERN = /^[a-zA-Z0-9\-_.]{1,50}$/;
export const VAULT_NAME_PATTERN = /^[a-zA-Z0-9\-_]{2,50}$/;

export function queryBoolean(call: BackupCall, name: string): boolean {
  return queryString(call, name)?.toLowerCase() === 'true';
}

/** Query timestamps arrive as ISO 8601 (the SDK's default) or epoch seconds. */
export function queryTime(call: BackupCall, name: string): number | undefined {
  const raw = queryString(call, name);
  if (raw === undefined) return undefined;
  const ms = /^\d+(\.\d+)?$/.test(raw) ? Number(raw) * 1000 : Date.parse(raw);
  if (Number.isNaN(ms)) throw invalid(`${name} is not a valid timestamp: ${raw}.`);
  return ms;
}

/**
 * A job listing's createdBefore/createdAfter/completeBefore/completeAfter filters (ListBackupJobs,
 * ListRestoreJobs), as one test of a job's creation and completion instants.
 */
export function jobDateFilter(call: BackupCall): (creation: number, completion: number | undefined) => boolean {
  const createdBefore = queryTime(call, 'createdBefore');
  const createdAfter = queryTime(call, 'createdAfter');
  const completeBefore = queryTime(call, 'completeBefore');
  const completeAfter = queryTime(call, 'completeAfter');
  return (creation, completion) =>
    (createdBefore === undefined || creation < createdBefore) &&
    (createdAfter === undefined || creation > createdAfter) &&
    (completeBefore === undefined || (completion !== undefined && completion < completeBefore)) &&
    (completeAfter === undefined || (completion !== undefined && completion > completeAfter));
}

export interface Page<T> {
  items: T[];
  nextToken?: string;
}

/** The query parameter names of a listing's page size and token, as its operation's model names them. */
export interface PageQuery {
  maxResults: string;
  nextToken: string;
}

/** Most Backup listings: ?maxResults=&nextToken=. */
const CAMEL_CASE_PAGE_QUERY: PageQuery = { maxResults: 'maxResults', nextToken: 'nextToken' };
/** The restore testing listings: ?MaxResults=&NextToken=. */
export const PASCAL_CASE_PAGE_QUERY: PageQuery = { maxResults: 'MaxResults', nextToken: 'NextToken' };

/**
 * One page of `all`. Tokens are opaque to callers (base64 of the operation and the offset),
 * and a token from another listing is refused as AWS does.
 */
export function paginate<T>(call: BackupCall, all: readonly T[], operation: string, maxLimit = 1000, query: PageQuery = CAMEL_CASE_PAGE_QUERY): Page<T> {
  const rawMax = queryString(call, query.maxResults);
  let max = maxLimit;
  if (rawMax !== undefined) {
    max = Number(rawMax);
    if (!Number.isInteger(max) || max < 1 || max > maxLimit) {
      throw invalid(`1 validation error detected: Value '${rawMax}' at '${query.maxResults}' failed to satisfy constraint: Member must have value between 1 and ${maxLimit}`);
    }
  }
  let offset = 0;
  const token = queryString(call, query.nextToken);
  if (token !== undefined) offset = decodeToken(token, operation);
  const items = all.slice(offset, offset + max);
  const end = offset + items.length;
  return end < all.length ? { items, nextToken: encodeToken(operation, end) } : { items };
}

function encodeToken(operation: string, offset: number): string {
  return Buffer.from(JSON.stringify({ o: operation, n: offset })).toString('base64');
}

function decodeToken(token: string, operation: string): number {
  try {
    const data = JSON.parse(Buffer.from(token, 'base64').toString('utf8')) as { o?: unknown; n?: unknown };
    if (data.o === operation && typeof data.n === 'number' && Number.isInteger(data.n) && data.n >= 0) return data.n;
  } catch {
    // fall through to the error
  }
  throw new BackupApiError('InvalidParameterValueException', 'The NextToken is invalid or expired.');
}
