// The sandbox's S3-like object store: buckets of text objects kept in the account file. Report
// jobs write into it (a bucket appears with its first object: the sandbox has no CreateBucket),
// and it is read through the S3 API (s3/service.ts) or `bkp sandbox reports`.
import { createHash } from 'node:crypto';
import type { AccountState, StoredObject } from './state.js';

export function putObject(account: AccountState, bucket: string, key: string, body: string, contentType: string, now: number): StoredObject {
  const store = (account.objectStore ??= {});
  const objects = (store[bucket] ??= {});
  const object: StoredObject = { body, contentType, lastModified: now, etag: createHash('md5').update(body).digest('hex') };
  objects[key] = object;
  return object;
}

export function bucketNames(account: AccountState): string[] {
  return Object.keys(account.objectStore ?? {}).sort();
}

export function bucketExists(account: AccountState, bucket: string): boolean {
  return Object.hasOwn(account.objectStore ?? {}, bucket);
}

export function getObject(account: AccountState, bucket: string, key: string): StoredObject | undefined {
  const objects = account.objectStore?.[bucket];
  return objects === undefined || !Object.hasOwn(objects, key) ? undefined : objects[key];
}

export interface ListedObject {
  bucket: string;
  key: string;
  object: StoredObject;
}

/** Every object of one bucket (or of all), in S3's order: by key, as UTF-8 bytes compare. */
export function listObjects(account: AccountState, bucket?: string, prefix = ''): ListedObject[] {
  const buckets = bucket === undefined ? bucketNames(account) : [bucket];
  const listed: ListedObject[] = [];
  for (const name of buckets) {
    for (const [key, object] of Object.entries(account.objectStore?.[name] ?? {})) {
      if (key.startsWith(prefix)) listed.push({ bucket: name, key, object });
    }
  }
  return listed.sort((a, b) => (a.bucket === b.bucket ? Buffer.compare(Buffer.from(a.key), Buffer.from(b.key)) : a.bucket < b.bucket ? -1 : 1));
}
