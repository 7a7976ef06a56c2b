// Backup vaults: create, describe, list, delete, plus their access policy and notifications.
import { isKmsKeyArn, isSnsTopicArn } from '../../domain/arn.js';
import { activeHoldsOn, describeHolds } from '../engine/legal-holds.js';
import { awsManagedKeyId, keyArn } from '../kms/model.js';
import type { LegalHoldRecord, VaultRecord } from '../state.js';
import { BackupApiError, accessDenied, invalid, invalidRequest, missing, notFound } from './errors.js';
import { setTags, validateTags } from './tags.js';
import { compact, epochSeconds, optionalString, optionalStringList, optionalStringMap, paginate, queryBoolean, queryEnum, requiredString, type BackupCall, type Json } from './wire.js';
import { issueTimestamp } from '../timestamps.js';
import { refuseIfVaultPolicyDenies } from './access-policy.js';

export const VAULT_NAME = /^[a-zA-Z0-9\-_]{2,50}$/;
const MAX_VAULTS_PER_REGION = 300;

export const NOTIFICATION_EVENTS = new Set([
  'BACKUP_JOB_STARTED', 'BACKUP_JOB_COMPLETED', 'BACKUP_JOB_SUCCESSFUL', 'BACKUP_JOB_FAILED', 'BACKUP_JOB_EXPIRED',
  'RESTORE_JOB_STARTED', 'RESTORE_JOB_COMPLETED', 'RESTORE_JOB_SUCCESSFUL', 'RESTORE_JOB_FAILED',
  'COPY_JOB_STARTED', 'COPY_JOB_SUCCESSFUL', 'COPY_JOB_FAILED', 'RECOVERY_POINT_MODIFIED',
  'BACKUP_PLAN_CREATED', 'BACKUP_PLAN_MODIFIED', 'S3_BACKUP_OBJECT_FAILED', 'S3_RESTORE_OBJECT_FAILED',
  'CONTINUOUS_BACKUP_INTERRUPTED', 'RECOVERY_POINT_INDEX_COMPLETED', 'RECOVERY_POINT_INDEX_DELETED',
  'RECOVERY_POINT_INDEXING_FAILED', 'EKS_RESTORE_OBJECT_FAILED', 'EKS_RESTORE_OBJECT_SKIPPED', 'EKS_BACKUP_OBJECT_FAILED',
]);

/** The region's AWS-managed `aws/backup` key: one per account and region, as in AWS. */
function defaultKeyArn(call: BackupCall): string {
  return keyArn(call.ctx.accountId, call.ctx.region, awsManagedKeyId(call.ctx.accountId, call.ctx.region, 'aws/backup'));
}

export function vaultName(call: BackupCall): string {
  const name = call.params['BackupVaultName'] ?? '';
  if (!VAULT_NAME.test(name)) {
    throw invalid(`Invalid backup vault name '${name}': it must be 2 to 50 characters, using only letters, digits, hyphens (-) and underscores (_).`);
  }
  return name;
}

/** The vault named in the path; AWS answers AccessDeniedException for a vault that does not exist. */
export function existingVault(call: BackupCall, missing: 'access-denied' | 'not-found' = 'access-denied'): VaultRecord {
  const name = call.params['BackupVaultName'] ?? '';
  const vault = call.scope.region.vaults[name];
  if (vault !== undefined) return vault;
  if (missing === 'access-denied') throw accessDenied();
  throw notFound(`Backup vault ${name} does not exist.`);
}

export function recoveryPointCount(call: BackupCall, vault: VaultRecord): number {
  let count = 0;
  for (const point of Object.values(call.scope.region.recoveryPoints)) if (point.vaultName === vault.name) count += 1;
  return count;
}

/** The active legal holds on the vault's recovery points, and how many points they hold. */
function heldRecoveryPoints(call: BackupCall, vault: VaultRecord): { points: number; holds: LegalHoldRecord[] } {
  const holds = new Map<string, LegalHoldRecord>();
  let points = 0;
  for (const point of Object.values(call.scope.region.recoveryPoints)) {
    if (point.vaultName !== vault.name) continue;
    const on = activeHoldsOn(call.scope.region, point.arn);
    if (on.length > 0) points += 1;
    for (const hold of on) holds.set(hold.id, hold);
  }
  return { points, holds: [...holds.values()] };
}

/** Lock fields as Describe/List report them. */
function lockFields(vault: VaultRecord): Json {
  const lock = vault.lock;
  return {
    Locked: lock !== undefined,
    MinRetentionDays: lock?.minRetentionDays,
    MaxRetentionDays: lock?.maxRetentionDays,
    LockDate: epochSeconds(lock?.lockDate),
  };
}

function describe(call: BackupCall, vault: VaultRecord): Json {
  const airGapped = vault.vaultType === 'LOGICALLY_AIR_GAPPED_BACKUP_VAULT';
  return compact({
    BackupVaultName: vault.name,
    BackupVaultArn: vault.arn,
    VaultType: vault.vaultType ?? 'BACKUP_VAULT',
    // The sandbox makes a vault in one step: it is never seen CREATING.
    VaultState: 'AVAILABLE',
    // An air-gapped vault encrypted with the AWS-owned key reports the key's type, not its ARN.
    EncryptionKeyArn: airGapped && vault.encryptionKeyType === 'AWS_OWNED_KMS_KEY' ? undefined : vault.encryptionKeyArn,
    EncryptionKeyType: airGapped ? vault.encryptionKeyType : undefined,
    CreationDate: epochSeconds(vault.creationDate),
    CreatorRequestId: vault.creatorRequestId,
    NumberOfRecoveryPoints: recoveryPointCount(call, vault),
    ...lockFields(vault),
  });
}

/**
 * The vault a create names, when a create with the same CreatorRequestId already made it (AWS
 * answers that create again); any other vault of that name, of any type, is AlreadyExistsException.
 * Also refuses a create beyond the Region's vault limit.
 */
export function existingForCreate(call: BackupCall, name: string, creatorRequestId: string | undefined): VaultRecord | undefined {
  const region = call.scope.region;
  const existing = region.vaults[name];
  if (existing !== undefined) {
    if (creatorRequestId !== undefined && existing.creatorRequestId === creatorRequestId) return existing;
    throw new BackupApiError('AlreadyExistsException', 'Backup vault with the same name already exists', compact({
      CreatorRequestId: existing.creatorRequestId,
      Arn: existing.arn,
    }));
  }
  if (Object.keys(region.vaults).length >= MAX_VAULTS_PER_REGION) {
    throw new BackupApiError('LimitExceededException', `Maximum number of backup vaults (${MAX_VAULTS_PER_REGION}) per region reached.`);
  }
  return undefined;
}

/** A key given to a create: the ARN of a KMS key, or nothing (the default key). */
export function encryptionKeyArn(call: BackupCall): string | undefined {
  const keyArn = optionalString(call.body, 'EncryptionKeyArn');
  if (keyArn !== undefined && !isKmsKeyArn(keyArn)) {
    throw invalid(`Invalid EncryptionKeyArn '${keyArn}': it must be the ARN of a KMS key.`);
  }
  return keyArn;
}

export function vaultArn(call: BackupCall, name: string): string {
  return `arn:aws:backup:${call.ctx.region}:${call.ctx.accountId}:backup-vault:${name}`;
}

export function createBackupVault(call: BackupCall): Json {
  const name = vaultName(call);
  const creatorRequestId = optionalString(call.body, 'CreatorRequestId');
  const tags = optionalStringMap(call.body, 'BackupVaultTags');
  const keyArn = encryptionKeyArn(call);
  if (tags !== undefined) validateTags(tags);
  const existing = existingForCreate(call, name, creatorRequestId);
  if (existing !== undefined) {
    return { BackupVaultName: existing.name, BackupVaultArn: existing.arn, CreationDate: epochSeconds(existing.creationDate) };
  }
  const vault: VaultRecord = {
    name,
    arn: vaultArn(call, name),
    encryptionKeyArn: keyArn ?? defaultKeyArn(call),
    creatorRequestId,
    creationDate: issueTimestamp(call.ctx.account, call.now),
  };
  call.scope.region.vaults[name] = vault;
  if (tags !== undefined) setTags(call, vault.arn, tags);
  call.ctx.markChanged();
  return { BackupVaultName: vault.name, BackupVaultArn: vault.arn, CreationDate: epochSeconds(vault.creationDate) };
}

export function describeBackupVault(call: BackupCall): Json {
  return describe(call, existingVault(call));
}

const VAULT_TYPES = ['BACKUP_VAULT', 'LOGICALLY_AIR_GAPPED_BACKUP_VAULT', 'RESTORE_ACCESS_BACKUP_VAULT'] as const;

export function listBackupVaults(call: BackupCall): Json {
  const type = queryEnum(call, 'vaultType', 'byVaultType', VAULT_TYPES);
  // ByShared lists the vaults other accounts shared with this one (AWS RAM): the sandbox has none.
  const sharedOnly = queryBoolean(call, 'shared');
  const all = Object.values(call.scope.region.vaults)
    .filter((v) => !sharedOnly && (type === undefined || (v.vaultType ?? 'BACKUP_VAULT') === type))
    .sort((a, b) => a.creationDate - b.creationDate || a.name.localeCompare(b.name));
  const page = paginate(call, all, 'ListBackupVaults');
  return compact({ BackupVaultList: page.items.map((v) => describe(call, v)), NextToken: page.nextToken });
}

export function deleteBackupVault(call: BackupCall): Json {
  // ⚠ AWS's answer for deleting a vault that does not exist is not documented; ResourceNotFound is the API model's.
  const vault = existingVault(call, 'not-found');
  refuseIfVaultPolicyDenies(call, vault, 'backup:DeleteBackupVault', vault.arn);
  const held = heldRecoveryPoints(call, vault);
  if (held.holds.length > 0) {
    throw invalidRequest(`Backup vault ${vault.name} cannot be deleted: ${held.points} of its recovery points are under legal hold ${describeHolds(held.holds)}.`);
  }
  if (recoveryPointCount(call, vault) > 0) throw invalidRequest('Backup vault cannot be deleted because it contains recovery points.');
  const region = call.scope.region;
  delete region.vaults[vault.name];
  delete region.tags[vault.arn];
  call.ctx.markChanged();
  return {};
}

export function putBackupVaultAccessPolicy(call: BackupCall): Json {
  const vault = existingVault(call, 'not-found');
  // ⚠ The API model leaves Policy optional and AWS does not document a Put without one. Refusing
  // it keeps a policy (a deny-delete one, say) from vanishing by a call that names none;
  // DeleteBackupVaultAccessPolicy is the documented way to remove it.
  const policy = optionalString(call.body, 'Policy');
  if (policy === undefined) throw missing('Policy');
  let parsed: unknown;
  try {
    parsed = JSON.parse(policy);
  } catch {
    throw invalid('Policy is not a valid JSON document.');
  }
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) throw invalid('Policy must be a JSON object.');
  vault.accessPolicy = policy;
  call.ctx.markChanged();
  return {};
}

export function getBackupVaultAccessPolicy(call: BackupCall): Json {
  const vault = existingVault(call, 'not-found');
  if (vault.accessPolicy === undefined) throw notFound(`Backup vault ${vault.name} has no access policy.`);
  return { BackupVaultName: vault.name, BackupVaultArn: vault.arn, Policy: vault.accessPolicy };
}

export function deleteBackupVaultAccessPolicy(call: BackupCall): Json {
  const vault = existingVault(call, 'not-found');
  if (vault.accessPolicy !== undefined) {
    delete vault.accessPolicy;
    call.ctx.markChanged();
  }
  return {};
}

export function putBackupVaultNotifications(call: BackupCall): Json {
  const vault = existingVault(call, 'not-found');
  const topic = requiredString(call.body, 'SNSTopicArn');
  const events = optionalStringList(call.body, 'BackupVaultEvents');
  if (events === undefined) throw new BackupApiError('MissingParameterValueException', 'Missing required parameter BackupVaultEvents.');
  if (!isSnsTopicArn(topic)) throw invalid(`Invalid SNSTopicArn '${topic}'.`);
  const unknown = events.filter((e) => !NOTIFICATION_EVENTS.has(e));
  if (unknown.length > 0) throw invalid(`Invalid BackupVaultEvents: ${unknown.join(', ')}.`);
  vault.notifications = { snsTopicArn: topic, events: [...new Set(events)] };
  call.ctx.markChanged();
  return {};
}

export function getBackupVaultNotifications(call: BackupCall): Json {
  const vault = existingVault(call, 'not-found');
  if (vault.notifications === undefined) throw notFound(`Backup vault ${vault.name} has no notification configuration.`);
  return {
    BackupVaultName: vault.name,
    BackupVaultArn: vault.arn,
    SNSTopicArn: vault.notifications.snsTopicArn,
    BackupVaultEvents: vault.notifications.events,
  };
}

export function deleteBackupVaultNotifications(call: BackupCall): Json {
  const vault = existingVault(call, 'not-found');
  if (vault.notifications !== undefined) {
    delete vault.notifications;
    call.ctx.markChanged();
  }
  return {};
}
