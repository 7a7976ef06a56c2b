// The S3 side of backend "s3": an @aws-sdk/client-s3 client for one bucket, with the conditional
// object calls the state backend needs and S3 errors turned into user errors that say which call
// on which object failed, with which credentials, and how to fix it.
//
// It lives in aws/ (the SDK client factory and error mapping live here) and matches the
// S3ObjectStore interface of src/state/s3-store.ts structurally, so state/ stays free of the SDK.
// Import it lazily: loading client-s3 costs every command that does not use S3.
import type { PutObjectCommandInput, S3ClientConfig } from '@aws-sdk/client-s3';
import { DeleteObjectCommand, GetBucketVersioningCommand, GetObjectCommand, PutObjectCommand, S3Client } from './sdk/client-s3.js';
import { ErrorCode, UserError } from '../core/errors.js';
import type { AwsErrorShape } from './errors.js';
import { callLogFromEnv, withCallLog } from './call-log.js';

export interface S3StoreSettings {
  bucket: string;
  /** Default: the SDK's configuration (AWS_REGION, the profile's region). */
  region?: string;
  /** An S3-compatible endpoint; path-style addressing is used with it. */
  endpoint?: string;
  /** A profile of the shared AWS configuration files; default: the SDK's credential chain. */
  profile?: string;
  /** SSE-KMS with this key; otherwise SSE-S3 (AES256). */
  kmsKeyId?: string;
  /** SDK attempts per call, first try included (SDK default 3). */
  maxAttempts?: number;
}

type S3Action = 'GetObject' | 'PutObject' | 'DeleteObject' | 'GetBucketVersioning';

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';

export class S3BucketStore {
  readonly bucket: string;
  readonly #settings: S3StoreSettings;
  readonly #client: S3Client;

  constructor(settings: S3StoreSettings) {
    this.bucket = settings.bucket;
    this.#settings = settings;
    const config: S3ClientConfig = { retryMode: 'adaptive' };
    if (settings.region !== undefined) config.region = settings.region;
    if (settings.profile !== undefined) config.profile = settings.profile;
    if (settings.maxAttempts !== undefined) config.maxAttempts = settings.maxAttempts;
    if (settings.endpoint !== undefined) {
      config.endpoint = settings.endpoint;
      // S3-compatible endpoints (MinIO, moto, LocalStack) rarely serve bucket subdomains.
      config.forcePathStyle = true;
    }
    this.#client = withCallLog(new S3Client(config), callLogFromEnv());
  }

  async get(key: string): Promise<{ body: string; etag: string } | undefined> {
    try {
      const response = await this.#client.send(new GetObjectCommand({ Bucket: this.bucket, Key: key }));
      const body = (await response.Body?.transformToString('utf8')) ?? '';
      return { body, etag: response.ETag ?? '' };
    } catch (e) {
      if (errorName(e) === 'NoSuchKey') return undefined;
      throw await this.#userError(e, 'GetObject', key);
    }
  }

  async put(key: string, body: string, condition: { ifMatch: string } | { ifNoneMatch: '*' }): Promise<{ written: true; etag: string } | { written: false }> {
    const input: PutObjectCommandInput = {
      Bucket: this.bucket,
      Key: key,
      Body: body,
      ContentType: 'application/json',
      ...('ifMatch' in condition ? { IfMatch: condition.ifMatch } : { IfNoneMatch: condition.ifNoneMatch }),
      ...(this.#settings.kmsKeyId !== undefined
        ? { ServerSideEncryption: 'aws:kms', SSEKMSKeyId: this.#settings.kmsKeyId }
        : { ServerSideEncryption: 'AES256' }),
    };
    try {
      const response = await this.#client.send(new PutObjectCommand(input));
      return { written: true, etag: response.ETag ?? '' };
    } catch (e) {
      // IfMatch on an object deleted since it was read: S3 answers 404 NoSuchKey.
      if (isConditionFailure(e) || ('ifMatch' in condition && errorName(e) === 'NoSuchKey')) return { written: false };
      throw await this.#userError(e, 'PutObject', key);
    }
  }

  async delete(key: string, ifMatch?: string): Promise<boolean> {
    try {
      await this.#client.send(new DeleteObjectCommand({ Bucket: this.bucket, Key: key, ...(ifMatch !== undefined ? { IfMatch: ifMatch } : {}) }));
      return true;
    } catch (e) {
      if (isConditionFailure(e)) return false;
      if (errorName(e) === 'NoSuchKey') return true;
      throw await this.#userError(e, 'DeleteObject', key);
    }
  }

  async versioning(): Promise<'Enabled' | 'Suspended' | 'NeverEnabled' | 'Unknown'> {
    try {
      const response = await this.#client.send(new GetBucketVersioningCommand({ Bucket: this.bucket }));
      return response.Status ?? 'NeverEnabled';
    } catch (e) {
      // Reading the versioning setting is a courtesy check: a policy without the permission only
      // loses the warning. A missing bucket or an unreachable endpoint is still an error.
      if (isAccessDenied(e)) return 'Unknown';
      throw await this.#userError(e, 'GetBucketVersioning', undefined);
    }
  }

  destroy(): void {
    this.#client.destroy();
  }

  async #region(): Promise<string> {
    try {
      return this.#settings.region ?? (await this.#client.config.region());
    } catch {
      return 'not set';
    }
  }

  async #userError(error: unknown, action: S3Action, key: string | undefined): Promise<UserError> {
    const name = errorName(error);
    const target = key === undefined ? `bucket ${this.bucket}` : `s3://${this.bucket}/${key}`;
    const region = await this.#region();
    const message = (error as AwsErrorShape | undefined)?.message ?? String(error);
    if (name === 'NoSuchBucket') {
      return new UserError(ErrorCode.AwsNotFound, `The S3 bucket "${this.bucket}" of backend "s3" does not exist (region ${region}).`, {
        cause: error,
        hint:
          `Create it, with versioning on, before the first bkp run:\n` +
          `  aws s3api create-bucket --bucket ${this.bucket} --region ${region}` +
          (region === 'us-east-1' ? '' : ` --create-bucket-configuration LocationConstraint=${region}`) +
          `\n  aws s3api put-bucket-versioning --bucket ${this.bucket} --versioning-configuration Status=Enabled\n` +
          'or fix "bucket" (and "region") in the backend "s3" block.',
      });
    }
    const refusedCredentials = CREDENTIAL_ERRORS[name ?? ''];
    if (refusedCredentials !== undefined) {
      return new UserError(ErrorCode.AwsAccessDenied, `S3 did not accept the credentials (${this.#credentialsText()}): ${refusedCredentials}`, {
        cause: error,
        hint: 'Check the access key and secret (or the profile) these credentials come from; for temporary credentials, get new ones (aws sso login, or assume the role again). No permission is missing: AWS did not know who was asking.',
      });
    }
    if (isAccessDenied(error)) {
      return new UserError(ErrorCode.AwsAccessDenied, `Access denied: S3 refused s3:${action} on ${target} for ${this.#credentialsText()}.`, {
        cause: error,
        hint:
          `Grant s3:${action} on ${key === undefined ? `arn:aws:s3:::${this.bucket}` : `arn:aws:s3:::${this.bucket}/${key}`} to these credentials ` +
          '(bkp needs s3:GetObject, s3:PutObject and s3:DeleteObject on the state and lock objects, and s3:GetBucketVersioning on the bucket; ' +
          'kms:Encrypt, kms:Decrypt and kms:GenerateDataKey with kms_key_id), or use a profile that has them.',
      });
    }
    if (name === 'PermanentRedirect' || name === 'AuthorizationHeaderMalformed' || name === 'IllegalLocationConstraintException') {
      return new UserError(ErrorCode.AwsCall, `The S3 bucket "${this.bucket}" is not in region ${region}: ${name}.`, {
        cause: error,
        hint: 'Set "region" in the backend "s3" block to the bucket\'s region.',
      });
    }
    if (name === 'CredentialsProviderError' || /Could not load credentials/i.test(message)) {
      const profile = this.#settings.profile ?? process.env.AWS_PROFILE;
      return new UserError(ErrorCode.AwsCall, `No AWS credentials for the S3 state backend (${this.#credentialsText()}): ${message}`, {
        cause: error,
        hint:
          profile === undefined
            ? 'Set "profile" in the backend "s3" block, or the usual AWS_PROFILE / AWS_ACCESS_KEY_ID environment variables.'
            : `Check that profile "${profile}" exists in the shared AWS files (aws configure list-profiles) and has credentials, or name another one.`,
      });
    }
    if (/Region is missing/i.test(message)) {
      return new UserError(ErrorCode.AwsCall, 'The S3 state backend has no region.', {
        cause: error,
        hint: 'Set "region" in the backend "s3" block (or AWS_REGION).',
      });
    }
    if (isNetworkFailure(error)) {
      const where = this.#settings.endpoint ?? `S3 in ${region}`;
      return new UserError(ErrorCode.AwsCall, `Cannot reach ${where} for s3:${action} on ${target}: ${networkText(error)}.`, {
        cause: error,
        hint: this.#settings.endpoint !== undefined
          ? 'Check the "endpoint" of the backend "s3" block and that the service is running.'
          : 'Check the network connection (and any proxy), then run again.',
      });
    }
    return new UserError(ErrorCode.AwsCall, `S3 refused s3:${action} on ${target}: ${name ?? 'Error'}: ${message}`, {
      cause: error,
      hint: 'See the S3 message above; docs/state-s3.md lists what the S3 backend needs.',
    });
  }

  /** Which credentials were used, for "access denied" messages: never the secret, not even the key. */
  #credentialsText(): string {
    if (this.#settings.profile !== undefined) return `profile "${this.#settings.profile}" (backend "s3" block)`;
    if (process.env.AWS_PROFILE) return `profile "${process.env.AWS_PROFILE}" (AWS_PROFILE)`;
    if (process.env.AWS_ACCESS_KEY_ID) return 'the access key in AWS_ACCESS_KEY_ID';
    return 'the default AWS credential chain';
  }
}

/** The store of backend "s3", typed loosely here so aws/ need not import state/. */
export function createS3BucketStore(settings: S3StoreSettings): S3BucketStore {
  return new S3BucketStore(settings);
}

function errorName(error: unknown): string | undefined {
  return (error as AwsErrorShape | undefined)?.name;
}

function statusOf(error: unknown): number | undefined {
  return (error as AwsErrorShape | undefined)?.$metadata?.httpStatusCode;
}

/** 412 PreconditionFailed; 409 ConditionalRequestConflict when another conditional write races. */
function isConditionFailure(error: unknown): boolean {
  const name = errorName(error);
  return name === 'PreconditionFailed' || name === 'ConditionalRequestConflict' || statusOf(error) === 412 || statusOf(error) === 409;
}

/**
 * S3's answers when it cannot tell who is asking: a permission cannot fix those, the credentials
 * can. Keyed by error code, with what each means.
 */
const CREDENTIAL_ERRORS: Record<string, string> = {
  InvalidAccessKeyId: 'the access key ID does not exist in AWS.',
  SignatureDoesNotMatch: 'the request was signed with a secret access key that does not match the access key ID.',
  ExpiredToken: 'the session token has expired.',
  TokenRefreshRequired: 'the session token has expired.',
  InvalidToken: 'the session token is malformed or not valid.',
};

export function isAccessDenied(error: unknown): boolean {
  const name = errorName(error);
  return name === 'AccessDenied' || name === 'AllAccessDisabled' || name === 'Forbidden' || statusOf(error) === 403;
}

const NETWORK_CODES = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'ECONNRESET', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENETUNREACH']);

function isNetworkFailure(error: unknown): boolean {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  const name = errorName(error);
  return (code !== undefined && NETWORK_CODES.has(code)) || name === 'TimeoutError' || name === 'RequestTimeout';
}

function networkText(error: unknown): string {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  const reasons: Record<string, string> = {
    ECONNREFUSED: 'connection refused',
    ENOTFOUND: 'host not found',
    EAI_AGAIN: 'host name lookup failed',
    ECONNRESET: 'connection reset',
    ETIMEDOUT: 'timed out',
    EHOSTUNREACH: 'host unreachable',
    ENETUNREACH: 'network unreachable',
  };
  return (code !== undefined ? reasons[code] : undefined) ?? (error as Error).message;
}
