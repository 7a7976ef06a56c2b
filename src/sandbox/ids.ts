// Deterministic identifiers. Every id the sandbox hands out comes from the account's seed and a
// counter, so a scripted scenario produces the same ids on every run (tests and docs can rely on
// them) while still looking like AWS's random ones.
import { createHash, randomBytes } from 'node:crypto';
import type { AccountState } from './state.js';

export function newSeed(): string {
  return randomBytes(8).toString('hex');
}

function nextBytes(account: AccountState, purpose: string): Buffer {
  account.ids.counter += 1;
  return createHash('sha256').update(`${account.ids.seed}:${account.ids.counter}:${purpose}`).digest();
}

function uuidFrom(bytes: Buffer): string {
  const b = Buffer.from(bytes.subarray(0, 16));
  b[6] = (b[6]! & 0x0f) | 0x40; // version 4
  b[8] = (b[8]! & 0x3f) | 0x80; // RFC 4122 variant
  const hex = b.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/** Lowercase UUID (plan ids, selection ids, rule ids, recovery point ids). */
export function newUuid(account: AccountState, purpose = 'uuid'): string {
  return uuidFrom(nextBytes(account, purpose));
}

/** Backup job ids are uppercase UUIDs, like D48D8717-0C9D-72DF-1F56-14E703BF2345. */
export function newJobId(account: AccountState): string {
  return newUuid(account, 'job').toUpperCase();
}

/** Plan VersionIds are opaque; AWS uses base64 of a UUID, so do we. */
export function newVersionId(account: AccountState): string {
  return Buffer.from(newUuid(account, 'version')).toString('base64');
}

/** EC2-style resource ids: prefix + 17 lowercase hex digits (ami-…, snap-…, i-…, vol-…). */
export function newEc2StyleId(account: AccountState, prefix: string): string {
  return `${prefix}-${nextBytes(account, prefix).toString('hex').slice(0, 17)}`;
}

/** Short hex id for internal records (data chunks). */
export function newShortId(account: AccountState, purpose: string): string {
  return nextBytes(account, purpose).toString('hex').slice(0, 12);
}
