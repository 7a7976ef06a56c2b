// The sandbox's AWS Organizations: the organization the sandbox account manages, kept in that
// account's file (its `extensions.organizations`). The sandbox account is the management account;
// member accounts and OUs are records here. Created on first use, as an organization with all
// features and the BACKUP_POLICY type enabled on its root, so a configuration can attach backup
// policies without a set-up step (AWS needs EnablePolicyType first; the sandbox answers that call too).
import { createHash } from 'node:crypto';
import type { AccountState } from '../state.js';
import { pathFromRoot as treePath } from '../../domain/org-policy/tree-path.js';

export interface OrgRecordBase {
  /** Creation order, for stable pages. */
  serial: number;
  tags: Record<string, string>;
}

export interface OrgUnitRecord extends OrgRecordBase {
  id: string;
  name: string;
  parentId: string;
}

export interface OrgAccountRecord extends OrgRecordBase {
  id: string;
  name: string;
  email: string;
  parentId: string;
  joinedAt: number;
  joinedMethod: 'INVITED' | 'CREATED';
}

export interface OrgPolicyRecord extends OrgRecordBase {
  id: string;
  name: string;
  description: string;
  type: string;
  content: string;
  /** When its content or an attachment last changed (the effective policies' LastUpdatedTimestamp). */
  updatedAt: number;
}

export interface OrganizationState {
  id: string;
  rootId: string;
  enabledPolicyTypes: string[];
  units: Record<string, OrgUnitRecord>;
  accounts: Record<string, OrgAccountRecord>;
  policies: Record<string, OrgPolicyRecord>;
  attachments: Array<{ policyId: string; targetId: string; at: number }>;
  serial: number;
  /** When the organization last changed (structure, policies, attachments): member accounts replay policy changes from it. */
  changedAt?: number;
  rootTags: Record<string, string>;
}

const EXTENSION = 'organizations';

function hex(seed: string, purpose: string, length: number): string {
  return createHash('sha256').update(`${seed}:${purpose}`).digest('hex').slice(0, length);
}

/** The organization an account file holds, without creating one. */
export function existingOrganization(account: AccountState): OrganizationState | undefined {
  return account.extensions[EXTENSION] as OrganizationState | undefined;
}

/** The account's organization, created (and the account changed) on first use. */
export function organizationOf(account: AccountState, now: number, markChanged: () => void): OrganizationState {
  const existing = existingOrganization(account);
  if (existing) return existing;
  const seed = account.ids.seed;
  const org: OrganizationState = {
    id: `o-${hex(seed, 'org', 10)}`,
    rootId: `r-${hex(seed, 'root', 4)}`,
    enabledPolicyTypes: ['BACKUP_POLICY'],
    units: {},
    accounts: {},
    policies: {},
    attachments: [],
    serial: 0,
    rootTags: {},
  };
  org.accounts[account.accountId] = {
    id: account.accountId,
    name: 'management',
    email: `management+${account.accountId}@example.com`,
    parentId: org.rootId,
    joinedAt: now,
    joinedMethod: 'CREATED',
    serial: ++org.serial,
    tags: {},
  };
  account.extensions[EXTENSION] = org;
  markChanged();
  return org;
}

/** A new OU id: `ou-<root part>-<8 hex>`, as AWS shapes them. */
export function newUnitId(org: OrganizationState, seed: string): string {
  return `ou-${org.rootId.slice(2)}-${hex(seed, `ou:${org.serial + 1}`, 8)}`;
}

export function newPolicyId(org: OrganizationState, seed: string): string {
  return `p-${hex(seed, `policy:${org.serial + 1}`, 8)}`;
}

/** A member account id: 12 digits derived from the seed. */
export function newAccountId(org: OrganizationState, seed: string): string {
  const digits = BigInt(`0x${hex(seed, `account:${org.serial + 1}`, 15)}`).toString().padStart(12, '0').slice(-12);
  return digits.startsWith('0') ? `1${digits.slice(1)}` : digits;
}

export type TargetKind = 'ROOT' | 'ORGANIZATIONAL_UNIT' | 'ACCOUNT';

export function targetKind(org: OrganizationState, id: string): TargetKind | undefined {
  if (id === org.rootId) return 'ROOT';
  if (org.units[id]) return 'ORGANIZATIONAL_UNIT';
  if (org.accounts[id]) return 'ACCOUNT';
  return undefined;
}

/** The ids from the root down to `id` (root first, `id` last). */
export function pathFromRoot(org: OrganizationState, id: string): string[] {
  return treePath((node) => (node === org.rootId ? undefined : (org.units[node]?.parentId ?? org.accounts[node]?.parentId)), id);
}
