// A read-only S3 front for the sandbox's object store (where report jobs deliver): ListBuckets,
// HeadBucket, ListObjectsV2 (and v1 ListObjects), GetObject and HeadObject, path-style
// (http://127.0.0.1:PORT/BUCKET/KEY, which the AWS CLI and SDKs use for an IP endpoint), with S3's
// XML replies and errors. Enough for `aws s3 ls s3://BUCKET/PREFIX --recursive` and
// `aws s3 cp s3://BUCKET/KEY -`. Writes are refused: only report jobs write into the store.
import { bucketExists, bucketNames, getObject, listObjects, type ListedObject } from '../object-store.js';
import type { SandboxRequest, SandboxResponse } from '../protocol.js';
import { requestId } from '../backup/errors.js';
import type { SandboxServiceContext } from '../service-context.js';
import { ServiceError } from '../service-error.js';
import { el, renderXml, type XmlElement } from '../xml.js';
import type { StoredObject } from '../state.js';

const NS = 'http://s3.amazonaws.com/doc/2006-03-01/';
const encoder = new TextEncoder();
const MAX_KEYS = 1000;

function xmlReply(root: string, children: readonly (XmlElement | undefined)[]): SandboxResponse {
  const xml = `<?xml version="1.0" encoding="UTF-8"?>\n<${root} xmlns="${NS}">${renderXml(children)}</${root}>`;
  return { status: 200, headers: { 'content-type': 'application/xml', 'x-amz-request-id': requestId() }, body: encoder.encode(xml) };
}

export function s3ErrorResponse(error: ServiceError, method = 'GET', extra: Record<string, string> = {}): SandboxResponse {
  const headers = { 'content-type': 'application/xml', 'x-amz-request-id': requestId() };
  // A HEAD reply has no body: clients read the error from the status alone.
  if (method === 'HEAD') return { status: error.status, headers, body: new Uint8Array() };
  const fields = Object.entries(extra).map(([k, v]) => el(k, v));
  const xml = `<?xml version="1.0" encoding="UTF-8"?>\n<Error>${renderXml([el('Code', error.code), el('Message', error.message), ...fields, el('RequestId', headers['x-amz-request-id'])])}</Error>`;
  return { status: error.status, headers, body: encoder.encode(xml) };
}

/** An S3 error with the extra elements S3 puts in its <Error> (BucketName, Key). */
class S3Error extends ServiceError {
  constructor(code: string, message: string, status: number, readonly fields: Record<string, string> = {}) {
    super(code, message, status);
  }
}

const noSuchBucket = (bucket: string) => new S3Error('NoSuchBucket', 'The specified bucket does not exist', 404, { BucketName: bucket });

function query(req: SandboxRequest, name: string): string | undefined {
  const value = req.query[name];
  return Array.isArray(value) ? value[0] : value;
}

function httpDate(ms: number): string {
  return new Date(ms).toUTCString();
}

function isoSeconds(ms: number): string {
  return new Date(ms).toISOString();
}

function objectHeaders(object: StoredObject): Record<string, string> {
  return {
    'content-type': object.contentType,
    etag: `"${object.etag}"`,
    'last-modified': httpDate(object.lastModified),
    'accept-ranges': 'bytes',
    'x-amz-request-id': requestId(),
  };
}

function listBuckets(ctx: SandboxServiceContext): SandboxResponse {
  const created = (name: string) => Math.min(...Object.values(ctx.account.objectStore?.[name] ?? {}).map((o) => o.lastModified));
  return xmlReply('ListAllMyBucketsResult', [
    el('Owner', [el('ID', ctx.accountId), el('DisplayName', 'sandbox')]),
    el('Buckets', bucketNames(ctx.account).map((name) => el('Bucket', [el('Name', name), el('CreationDate', isoSeconds(created(name)))]))),
  ]);
}

interface ListPage {
  contents: ListedObject[];
  prefixes: string[];
  truncated: boolean;
  /** The last key or common prefix of the page: where the next page starts after. */
  last?: string;
}

/** Keys after `startAfter`, rolled up at `delimiter` into common prefixes, at most `max` entries. */
function listPage(all: ListedObject[], prefix: string, delimiter: string | undefined, startAfter: string | undefined, max: number): ListPage {
  const page: ListPage = { contents: [], prefixes: [], truncated: false };
  for (const item of all) {
    if (startAfter !== undefined && item.key <= startAfter) continue;
    let common: string | undefined;
    if (delimiter !== undefined && delimiter !== '') {
      const at = item.key.indexOf(delimiter, prefix.length);
      if (at >= 0) common = item.key.slice(0, at + delimiter.length);
    }
    if (common !== undefined && page.prefixes.includes(common)) continue;
    if (page.contents.length + page.prefixes.length >= max) {
      page.truncated = true;
      break;
    }
    if (common !== undefined) {
      page.prefixes.push(common);
      page.last = common;
      // Skip the rest of this prefix: the next page starts after everything under it.
      startAfter = `${common}\u{10FFFF}`;
    } else {
      page.contents.push(item);
      page.last = item.key;
    }
  }
  return page;
}

function listObjectsReply(req: SandboxRequest, ctx: SandboxServiceContext, bucket: string): SandboxResponse {
  if (!bucketExists(ctx.account, bucket)) throw noSuchBucket(bucket);
  const v2 = query(req, 'list-type') === '2';
  const prefix = query(req, 'prefix') ?? '';
  const delimiter = query(req, 'delimiter');
  const urlEncoded = query(req, 'encoding-type') === 'url';
  const rawMax = query(req, 'max-keys');
  const max = rawMax === undefined ? MAX_KEYS : Number(rawMax);
  if (!Number.isInteger(max) || max < 0) throw new ServiceError('InvalidArgument', 'Provided max-keys not an integer or within integer range', 400);
  const token = query(req, 'continuation-token');
  let startAfter = v2 ? query(req, 'start-after') : query(req, 'marker');
  if (v2 && token !== undefined) {
    const decoded = Buffer.from(token, 'base64').toString('utf8');
    if (!decoded.startsWith('k:')) throw new ServiceError('InvalidArgument', 'The continuation token provided is incorrect', 400);
    startAfter = decoded.slice(2);
  }
  const page = listPage(listObjects(ctx.account, bucket, prefix), prefix, delimiter, startAfter, Math.min(max, MAX_KEYS));
  const enc = (text: string) => (urlEncoded ? encodeURIComponent(text).replace(/%2F/g, '/') : text);
  const contents = page.contents.map(({ key, object }) =>
    el('Contents', [
      el('Key', enc(key)),
      el('LastModified', isoSeconds(object.lastModified)),
      el('ETag', `"${object.etag}"`),
      el('Size', Buffer.byteLength(object.body)),
      el('StorageClass', 'STANDARD'),
    ]),
  );
  const prefixes = page.prefixes.map((p) => el('CommonPrefixes', [el('Prefix', enc(p))]));
  const next = page.truncated && page.last !== undefined ? page.last : undefined;
  const common = [el('Name', bucket), el('Prefix', enc(prefix)), el('Delimiter', delimiter === undefined ? undefined : enc(delimiter)), el('MaxKeys', max), el('EncodingType', urlEncoded ? 'url' : undefined), el('IsTruncated', page.truncated)];
  if (v2) {
    return xmlReply('ListBucketResult', [
      ...common,
      el('KeyCount', contents.length + prefixes.length),
      el('ContinuationToken', token),
      el('NextContinuationToken', next === undefined ? undefined : Buffer.from(`k:${next}`).toString('base64')),
      el('StartAfter', query(req, 'start-after')),
      ...contents,
      ...prefixes,
    ]);
  }
  return xmlReply('ListBucketResult', [...common, el('Marker', query(req, 'marker') ?? ''), el('NextMarker', delimiter === undefined ? undefined : next), ...contents, ...prefixes]);
}

function objectReply(req: SandboxRequest, ctx: SandboxServiceContext, bucket: string, key: string): SandboxResponse {
  if (!bucketExists(ctx.account, bucket)) throw noSuchBucket(bucket);
  const object = getObject(ctx.account, bucket, key);
  if (object === undefined) throw new S3Error('NoSuchKey', 'The specified key does not exist.', 404, { Key: key });
  const body = encoder.encode(object.body);
  if (req.method === 'HEAD') return { status: 200, headers: { ...objectHeaders(object), 'content-length': String(body.byteLength) }, body: new Uint8Array() };
  return { status: 200, headers: objectHeaders(object), body };
}

function decodeSegment(raw: string): string {
  try {
    return decodeURIComponent(raw);
  } catch {
    throw new ServiceError('InvalidURI', "Couldn't parse the specified URI.", 400);
  }
}

function route(req: SandboxRequest, ctx: SandboxServiceContext): SandboxResponse {
  const path = req.path.split('?')[0]!;
  const slash = path.indexOf('/', 1);
  const bucket = decodeSegment(slash < 0 ? path.slice(1) : path.slice(1, slash));
  const key = slash < 0 ? '' : decodeSegment(path.slice(slash + 1));
  const reading = req.method === 'GET' || req.method === 'HEAD';
  if (!reading) throw new ServiceError('AccessDenied', 'The sandbox object store is read-only: only report jobs write into it.', 403);
  if (bucket === '') return listBuckets(ctx);
  if (key === '') {
    if (req.method === 'HEAD') {
      if (!bucketExists(ctx.account, bucket)) throw noSuchBucket(bucket);
      return { status: 200, headers: { 'x-amz-request-id': requestId(), 'x-amz-bucket-region': ctx.region }, body: new Uint8Array() };
    }
    if (query(req, 'location') !== undefined) {
      if (!bucketExists(ctx.account, bucket)) throw noSuchBucket(bucket);
      return xmlReply('LocationConstraint', []);
    }
    return listObjectsReply(req, ctx, bucket);
  }
  return objectReply(req, ctx, bucket, key);
}

export function handleS3Request(req: SandboxRequest, ctx: SandboxServiceContext): SandboxResponse {
  try {
    return route(req, ctx);
  } catch (e) {
    if (!(e instanceof ServiceError)) throw e;
    return s3ErrorResponse(e, req.method, e instanceof S3Error ? e.fields : {});
  }
}
