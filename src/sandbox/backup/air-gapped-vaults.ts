// Logically air-gapped backup vaults: created with a retention range that is locked in compliance
// mode from the start. Everything else (describe, list, delete, tags, jobs, recovery points) is the
// vaults' own: an air-gapped vault is a vault record of another type whose lock is immutable, so
// the lock's rules (job retention within the range, no early deletion, no lock change) apply as is.
import { createHash } from 'node:crypto';
import type { VaultRecord } from '../state.js';
import { issueTimestamp } from '../timestamps.js';
import { invalid, missing } from './errors.js';
import { setTags, validateTags } from './tags.js';
import { encryptionKeyArn, existingForCreate, vaultArn, vaultName } from './vaults.js';
import { epochSeconds, optionalInteger, optionalString, optionalStringMap, type BackupCall, type Json } from './wire.js';

/** "The minimum value accepted is 7 days" (CreateLogicallyAirGappedBackupVault, MinRetentionDays). */
const MIN_RETENTION_DAYS = 7;
/** AWS Backup's longest retention (100 years), as for lifecycles and vault locks. */
const MAX_RETENTION_DAYS = 36_500;
/** Where AWS-owned keys live: an account of AWS, not the caller's. */
const AWS_OWNED_KEY_ACCOUNT = '000000000000';

/** The AWS-owned key that encrypts air-gapped vaults without a key of their own (one per Region here). */
function awsOwnedKeyArn(call: BackupCall): string {
  const hex = createHash('sha256').update(`${call.ctx.region}:aws-owned:backup-air-gapped`).digest('hex');
  const id = `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-a${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
  return `arn:aws:kms:${call.ctx.region}:${AWS_OWNED_KEY_ACCOUNT}:key/${id}`;
}

function retentionDays(call: BackupCall, field: 'MinRetentionDays' | 'MaxRetentionDays'): number {
  const days = optionalInteger(call.body, field);
  if (days === undefined) throw missing(field);
  return days;
}

function checkRetentionRange(min: number, max: number): void {
  if (min < MIN_RETENTION_DAYS || min > MAX_RETENTION_DAYS) {
    throw invalid(`MinRetentionDays must be between ${MIN_RETENTION_DAYS} and ${MAX_RETENTION_DAYS}; got ${min}.`);
  }
  if (max < MIN_RETENTION_DAYS || max > MAX_RETENTION_DAYS) {
    throw invalid(`MaxRetentionDays must be between ${MIN_RETENTION_DAYS} and ${MAX_RETENTION_DAYS}; got ${max}.`);
  }
  if (min > max) throw invalid(`MinRetentionDays (${min}) must not be greater than MaxRetentionDays (${max}).`);
}

function created(vault: VaultRecord): Json {
  return {
    BackupVaultName: vault.name,
    BackupVaultArn: vault.arn,
    CreationDate: epochSeconds(vault.creationDate),
    // The sandbox makes the vault in one step, so it is available at once.
    VaultState: 'AVAILABLE',
  };
}

export function createLogicallyAirGappedBackupVault(call: BackupCall): Json {
  const name = vaultName(call);
  const min = retentionDays(call, 'MinRetentionDays');
  const max = retentionDays(call, 'MaxRetentionDays');
  checkRetentionRange(min, max);
  const creatorRequestId = optionalString(call.body, 'CreatorRequestId');
  const tags = optionalStringMap(call.body, 'BackupVaultTags');
  const keyArn = encryptionKeyArn(call);
  if (tags !== undefined) validateTags(tags);
  const existing = existingForCreate(call, name, creatorRequestId);
  if (existing !== undefined) return created(existing);
  const creationDate = issueTimestamp(call.ctx.account, call.now);
  const vault: VaultRecord = {
    name,
    arn: vaultArn(call, name),
    vaultType: 'LOGICALLY_AIR_GAPPED_BACKUP_VAULT',
    encryptionKeyArn: keyArn ?? awsOwnedKeyArn(call),
    encryptionKeyType: keyArn === undefined ? 'AWS_OWNED_KMS_KEY' : 'CUSTOMER_MANAGED_KMS_KEY',
    creatorRequestId,
    creationDate,
    // Locked in compliance mode from its creation: the range can never be changed nor removed.
    lock: { minRetentionDays: min, maxRetentionDays: max, lockDate: creationDate },
  };
  call.scope.region.vaults[name] = vault;
  if (tags !== undefined) setTags(call, vault.arn, tags);
  call.ctx.markChanged();
  return created(vault);
}
