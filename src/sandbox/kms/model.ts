// The sandbox account's KMS keys and aliases. Every region has the AWS managed keys of the
// services bkp deals with (alias/aws/backup, aws/ebs, aws/rds, aws/s3), derived from the account
// and region rather than stored, so AWS Backup's default vault key (backup/vaults.ts) and KMS agree
// on them. Keys and aliases made with CreateKey and CreateAlias are kept in the account's
// `extensions.kms`.
import { createHash } from 'node:crypto';
import type { AccountState } from '../state.js';

export const AWS_MANAGED_ALIASES = ['aws/backup', 'aws/ebs', 'aws/rds', 'aws/s3'] as const;

export interface KmsKeyRecord {
  id: string;
  region: string;
  description: string;
  keyManager: 'AWS' | 'CUSTOMER';
  enabled: boolean;
  creationDate: number;
}

export interface KmsAliasRecord {
  /** `alias/name`. */
  name: string;
  region: string;
  keyId: string;
  creationDate: number;
}

export interface KmsState {
  /** By key id. */
  keys: Record<string, KmsKeyRecord>;
  /** By `REGION/alias/name`. */
  aliases: Record<string, KmsAliasRecord>;
}

/** The id of the AWS managed key `alias/<alias>` in a region: one per account and region, as in AWS. */
export function awsManagedKeyId(accountId: string, region: string, alias: string): string {
  const hex = createHash('sha256').update(`${accountId}:${region}:${alias}`).digest('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-a${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

export function keyArn(accountId: string, region: string, id: string): string {
  return `arn:aws:kms:${region}:${accountId}:key/${id}`;
}

export function aliasArn(accountId: string, region: string, name: string): string {
  return `arn:aws:kms:${region}:${accountId}:${name}`;
}

/** The stored keys and aliases; created on first write. */
export function kmsState(account: AccountState): KmsState {
  const existing = account.extensions['kms'] as KmsState | undefined;
  if (existing) return existing;
  const created: KmsState = { keys: {}, aliases: {} };
  account.extensions['kms'] = created;
  return created;
}

function storedState(account: AccountState): KmsState {
  return (account.extensions['kms'] as KmsState | undefined) ?? { keys: {}, aliases: {} };
}

/** The managed keys of a region, then the stored ones. */
export function keysIn(account: AccountState, region: string): KmsKeyRecord[] {
  const managed = AWS_MANAGED_ALIASES.map((alias) => ({
    id: awsManagedKeyId(account.accountId, region, alias),
    region,
    description: `Default key that protects my ${alias.slice('aws/'.length).toUpperCase()} data when no other key is defined`,
    keyManager: 'AWS' as const,
    enabled: true,
    creationDate: 0,
  }));
  return [...managed, ...Object.values(storedState(account).keys).filter((k) => k.region === region)];
}

export function aliasesIn(account: AccountState, region: string): KmsAliasRecord[] {
  const managed = AWS_MANAGED_ALIASES.map((alias) => ({ name: `alias/${alias}`, region, keyId: awsManagedKeyId(account.accountId, region, alias), creationDate: 0 }));
  return [...managed, ...Object.values(storedState(account).aliases).filter((a) => a.region === region)];
}
