// AWS Backup Vault Lock. With ChangeableForDays (compliance mode) the lock can be changed or
// removed until its lock date, then never; without it (governance mode) it stays removable.
import type { VaultRecord } from '../state.js';
import { invalid, invalidRequest } from './errors.js';
import { existingVault } from './vaults.js';
import { optionalInteger, type BackupCall, type Json } from './wire.js';

const DAY_MS = 86_400_000;
const MAX_DAYS = 36_500;
const MIN_CHANGEABLE_DAYS = 3;

/** Whether the lock's grace time is over: from then on AWS refuses any change. */
export function lockIsImmutable(vault: VaultRecord, now: number): boolean {
  return vault.lock?.lockDate !== undefined && vault.lock.lockDate <= now;
}

function refuseImmutable(vault: VaultRecord, now: number): void {
  if (lockIsImmutable(vault, now)) {
    // ⚠ AWS's exact wording is not documented; the exception type is.
    throw invalidRequest(
      `Backup vault ${vault.name} is locked in compliance mode since ${new Date(vault.lock!.lockDate!).toISOString()}: its vault lock configuration can no longer be changed or deleted.`,
    );
  }
}

export function putBackupVaultLockConfiguration(call: BackupCall): Json {
  const vault = existingVault(call, 'not-found');
  const min = optionalInteger(call.body, 'MinRetentionDays');
  const max = optionalInteger(call.body, 'MaxRetentionDays');
  const changeable = optionalInteger(call.body, 'ChangeableForDays');
  if (min !== undefined && (min < 1 || min > MAX_DAYS)) throw invalid(`MinRetentionDays must be between 1 and ${MAX_DAYS}; got ${min}.`);
  if (max !== undefined && (max < 1 || max > MAX_DAYS)) throw invalid(`MaxRetentionDays must be between 1 and ${MAX_DAYS}; got ${max}.`);
  if (min !== undefined && max !== undefined && min > max) {
    throw invalid(`MinRetentionDays (${min}) must not be greater than MaxRetentionDays (${max}).`);
  }
  if (changeable !== undefined && (changeable < MIN_CHANGEABLE_DAYS || changeable > MAX_DAYS)) {
    throw invalid(`ChangeableForDays must be at least ${MIN_CHANGEABLE_DAYS} days (and at most ${MAX_DAYS}); got ${changeable}.`);
  }
  refuseImmutable(vault, call.now);
  vault.lock = {
    minRetentionDays: min,
    maxRetentionDays: max,
    lockDate: changeable === undefined ? undefined : call.now + changeable * DAY_MS,
  };
  call.ctx.markChanged();
  return {};
}

export function deleteBackupVaultLockConfiguration(call: BackupCall): Json {
  const vault = existingVault(call, 'not-found');
  refuseImmutable(vault, call.now);
  if (vault.lock !== undefined) {
    delete vault.lock;
    call.ctx.markChanged();
  }
  return {};
}

/** Why a recovery point may not be deleted yet under the vault's lock, if so. */
export function lockForbidsDeletion(vault: VaultRecord, pointCreated: number, now: number): string | undefined {
  const lock = vault.lock;
  if (lock === undefined) return undefined;
  const min = lock.minRetentionDays ?? 0;
  const kept = now - pointCreated;
  if (kept >= min * DAY_MS) return undefined;
  const until = new Date(pointCreated + min * DAY_MS).toISOString();
  return `Recovery point cannot be deleted: the vault lock of backup vault ${vault.name} requires keeping it at least ${min} days (until ${until}).`;
}

