// What the S3 backend needs from S3: conditional reads and writes of small objects in one bucket.
// state/ imports no SDK (DESIGN section 1); src/aws/s3-client.ts implements this interface with
// @aws-sdk/client-s3, and the CLI passes it in, loading the SDK only when backend "s3" is used.
// Tests may pass any implementation.
//
// Implementations throw UserErrors for what the user must fix (missing bucket, access denied,
// unreachable endpoint) and report the outcomes the backend handles itself as values.

export interface StoredObject {
  body: string;
  /** The ETag S3 returned, quotes included: what a later conditional request must name. */
  etag: string;
}

/** A write that happens only while the object is still the one read, or only when it is absent. */
export type WriteCondition = { ifMatch: string } | { ifNoneMatch: '*' };

/** `written: false`: the condition did not hold (412 PreconditionFailed, or 409 for a racing write). */
export type WriteOutcome = { written: true; etag: string } | { written: false };

export type VersioningStatus = 'Enabled' | 'Suspended' | 'NeverEnabled' | 'Unknown';

export interface S3ObjectStore {
  readonly bucket: string;
  /** The object `key` of this bucket, or undefined when there is none. */
  get(key: string): Promise<StoredObject | undefined>;
  /** Writes with server-side encryption, only when `condition` holds. */
  put(key: string, body: string, condition: WriteCondition): Promise<WriteOutcome>;
  /** Deletes `key` (only while its ETag is `ifMatch`, when given); false when that did not hold. */
  delete(key: string, ifMatch?: string): Promise<boolean>;
  /** The bucket's versioning status; 'Unknown' when it may not be read (no s3:GetBucketVersioning). */
  versioning(): Promise<VersioningStatus>;
  /** Closes the connections. */
  destroy(): void;
}

/** `s3://bucket/key`: how messages name an object. */
export function s3Url(bucket: string, key: string): string {
  return `s3://${bucket}/${key}`;
}

/** The lock object of a state object: `<key>.lock`, next to it. */
export function lockKeyFor(stateKey: string): string {
  return `${stateKey}.lock`;
}
