// The sandbox's KMS (awsJson1_1, `TrentService.*` targets): DescribeKey and ListAliases for what
// bkp reads, CreateKey and CreateAlias so that a test or a user (`aws kms create-key`) can add
// keys to the account.
import { jsonOperation, type JsonParams as Params } from '../json-protocol.js';
import type { SandboxRequest, SandboxResponse } from '../protocol.js';
import type { SandboxServiceContext } from '../service-context.js';
import { jsonResponse, ServiceError } from '../service-error.js';
import { newUuid } from '../ids.js';
import { aliasArn, aliasesIn, keyArn, keysIn, kmsState, type KmsAliasRecord, type KmsKeyRecord } from './model.js';

const TARGET_PREFIX = 'TrentService.';
const CONTENT_TYPE = 'application/x-amz-json-1.1';

export function kmsErrorResponse(error: ServiceError): SandboxResponse {
  return jsonResponse(error.status, { __type: error.code, message: error.message }, CONTENT_TYPE, error.code);
}

function stringParam(params: Params, name: string, required: true): string;
function stringParam(params: Params, name: string, required?: false): string | undefined;
function stringParam(params: Params, name: string, required = false): string | undefined {
  const value = params[name];
  if (value === undefined || value === null) {
    if (required) throw new ServiceError('ValidationException', `1 validation error detected: Value null at '${name.charAt(0).toLowerCase()}${name.slice(1)}' failed to satisfy constraint: Member must not be null`);
    return undefined;
  }
  if (typeof value !== 'string') throw new ServiceError('ValidationException', `${name} must be a string.`);
  return value;
}

/** A key by id, key ARN, alias name or alias ARN, as DescribeKey resolves them. */
function resolveKey(keyRef: string, ctx: SandboxServiceContext): KmsKeyRecord {
  const arn = /^arn:aws[a-z-]*:kms:([a-z0-9-]+):(\d{12}):(key\/.+|alias\/.+)$/.exec(keyRef);
  const region = arn?.[1] ?? ctx.region;
  const resource = arn?.[3] ?? keyRef;
  const sameAccount = arn === null || arn[2] === ctx.accountId;
  if (resource.startsWith('alias/')) {
    const alias = sameAccount ? aliasesIn(ctx.account, region).find((a) => a.name === resource) : undefined;
    const key = alias && keysIn(ctx.account, region).find((k) => k.id === alias.keyId);
    if (!key) throw new ServiceError('NotFoundException', `Alias ${aliasArn(arn?.[2] ?? ctx.accountId, region, resource)} is not found.`);
    return key;
  }
  const id = resource.startsWith('key/') ? resource.slice('key/'.length) : resource;
  const key = sameAccount ? keysIn(ctx.account, region).find((k) => k.id === id) : undefined;
  if (!key) throw new ServiceError('NotFoundException', `Key '${keyArn(arn?.[2] ?? ctx.accountId, region, id)}' does not exist`);
  return key;
}

function keyMetadata(key: KmsKeyRecord, ctx: SandboxServiceContext): Params {
  return {
    AWSAccountId: ctx.accountId,
    KeyId: key.id,
    Arn: keyArn(ctx.accountId, key.region, key.id),
    CreationDate: key.creationDate / 1000,
    Enabled: key.enabled,
    Description: key.description,
    KeyUsage: 'ENCRYPT_DECRYPT',
    KeyState: key.enabled ? 'Enabled' : 'Disabled',
    Origin: 'AWS_KMS',
    KeyManager: key.keyManager,
    CustomerMasterKeySpec: 'SYMMETRIC_DEFAULT',
    KeySpec: 'SYMMETRIC_DEFAULT',
    EncryptionAlgorithms: ['SYMMETRIC_DEFAULT'],
    MultiRegion: false,
  };
}

function aliasEntry(alias: KmsAliasRecord, ctx: SandboxServiceContext): Params {
  const entry: Params = { AliasName: alias.name, AliasArn: aliasArn(ctx.accountId, alias.region, alias.name), TargetKeyId: alias.keyId };
  if (alias.creationDate > 0) Object.assign(entry, { CreationDate: alias.creationDate / 1000, LastUpdatedDate: alias.creationDate / 1000 });
  return entry;
}

function listAliases(params: Params, ctx: SandboxServiceContext): Params {
  const keyRef = stringParam(params, 'KeyId');
  const keyId = keyRef === undefined ? undefined : resolveKey(keyRef, ctx).id;
  const limit = params['Limit'] === undefined ? 50 : Number(params['Limit']);
  if (!Number.isInteger(limit) || limit < 1 || limit > 100) throw new ServiceError('ValidationException', 'Limit must be between 1 and 100.');
  const all = aliasesIn(ctx.account, ctx.region).filter((a) => keyId === undefined || a.keyId === keyId);
  const start = params['Marker'] === undefined ? 0 : Number(stringParam(params, 'Marker'));
  if (!Number.isInteger(start) || start < 0 || start > all.length) throw new ServiceError('InvalidMarkerException', 'The marker is not valid.');
  const page = all.slice(start, start + limit);
  const truncated = start + limit < all.length;
  return { Aliases: page.map((a) => aliasEntry(a, ctx)), Truncated: truncated, ...(truncated ? { NextMarker: String(start + limit) } : {}) };
}

function createKey(params: Params, ctx: SandboxServiceContext): Params {
  const key: KmsKeyRecord = {
    id: newUuid(ctx.account, 'kms-key'),
    region: ctx.region,
    description: stringParam(params, 'Description') ?? '',
    keyManager: 'CUSTOMER',
    enabled: true,
    creationDate: ctx.now.getTime(),
  };
  kmsState(ctx.account).keys[key.id] = key;
  ctx.markChanged();
  return { KeyMetadata: keyMetadata(key, ctx) };
}

function createAlias(params: Params, ctx: SandboxServiceContext): Params {
  const name = stringParam(params, 'AliasName', true);
  if (!/^alias\/[a-zA-Z0-9/_-]{1,250}$/.test(name)) throw new ServiceError('ValidationException', `Alias must start with the prefix "alias/" and contain only letters, digits, /, _ and -.`);
  if (name.startsWith('alias/aws/')) throw new ServiceError('NotAuthorizedException', 'Cannot create alias with prefix alias/aws/ : reserved for AWS managed keys.');
  const key = resolveKey(stringParam(params, 'TargetKeyId', true), ctx);
  if (aliasesIn(ctx.account, ctx.region).some((a) => a.name === name)) {
    throw new ServiceError('AlreadyExistsException', `An alias with the name ${aliasArn(ctx.accountId, ctx.region, name)} already exists`);
  }
  kmsState(ctx.account).aliases[`${ctx.region}/${name}`] = { name, region: ctx.region, keyId: key.id, creationDate: ctx.now.getTime() };
  ctx.markChanged();
  return {};
}

const OPERATIONS: Record<string, (params: Params, ctx: SandboxServiceContext) => Params> = {
  DescribeKey: (params, ctx) => ({ KeyMetadata: keyMetadata(resolveKey(stringParam(params, 'KeyId', true), ctx), ctx) }),
  ListAliases: listAliases,
  CreateKey: createKey,
  CreateAlias: createAlias,
};

export function handleKmsRequest(req: SandboxRequest, ctx: SandboxServiceContext): SandboxResponse {
  try {
    const { operation, params } = jsonOperation(req, TARGET_PREFIX, OPERATIONS, 'KMS');
    return jsonResponse(200, operation(params, ctx), CONTENT_TYPE);
  } catch (error) {
    if (error instanceof ServiceError) return kmsErrorResponse(error);
    throw error;
  }
}
