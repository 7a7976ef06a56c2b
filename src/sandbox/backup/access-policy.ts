// A vault's access policy (PutBackupVaultAccessPolicy), enforced as far as the sandbox can do it
// honestly: its Deny statements, for the operations on the vault and its recovery points.
//
// What is evaluated, and why no more:
// - Only Deny. The sandbox has one caller, the account itself, whose identity policies allow
//   everything; an Allow in a resource policy adds nothing for a caller of the same account.
// - Principal must be "*" (or {"AWS": "*"}, or a list holding "*"). The sandbox does not model
//   who else could call (other users, roles, accounts), so a statement that names principals is
//   not known to concern its caller and is not applied.
// - A statement with a Condition is skipped: the sandbox does not have the request context
//   (aws:PrincipalArn, aws:SourceIp, MFA, tags…) that conditions test, and guessing would refuse
//   or allow at random. NotPrincipal / NotAction / NotResource are skipped for the same reason.
// - Action: a string or list, `service:Operation` compared without regard to case, with `*` and
//   `?` wildcards (backup:Delete*, backup:*, *). Resource: a string or list of ARNs with the same
//   wildcards, compared with regard to case, as IAM does.
import type { VaultRecord } from '../state.js';
import { callerArn } from '../sts/credentials.js';
import { BackupApiError } from './errors.js';
import type { BackupCall } from './wire.js';

type Statement = Record<string, unknown>;

function list(value: unknown): unknown[] {
  return Array.isArray(value) ? value : value === undefined ? [] : [value];
}

function wildcard(pattern: string, flags: string): RegExp {
  const source = pattern.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*').replace(/\?/g, '.');
  return new RegExp(`^${source}$`, flags);
}

function anyMatches(patterns: unknown, value: string, flags: string): boolean {
  return list(patterns).some((p) => typeof p === 'string' && wildcard(p, flags).test(value));
}

function everyone(principal: unknown): boolean {
  if (principal === '*') return true;
  if (typeof principal !== 'object' || principal === null || Array.isArray(principal)) return false;
  return list((principal as Record<string, unknown>)['AWS']).includes('*');
}

function statements(policy: string): Statement[] {
  let parsed: unknown;
  try {
    parsed = JSON.parse(policy);
  } catch {
    // PutBackupVaultAccessPolicy only stores JSON objects; an account file edited by hand may not.
    return [];
  }
  const all = typeof parsed === 'object' && parsed !== null ? list((parsed as Record<string, unknown>)['Statement']) : [];
  return all.filter((s): s is Statement => typeof s === 'object' && s !== null && !Array.isArray(s));
}

function denies(statement: Statement, action: string, resourceArn: string): boolean {
  if (statement['Effect'] !== 'Deny') return false;
  for (const unevaluated of ['Condition', 'NotPrincipal', 'NotAction', 'NotResource']) if (statement[unevaluated] !== undefined) return false;
  return everyone(statement['Principal']) && anyMatches(statement['Action'], action, 'i') && anyMatches(statement['Resource'], resourceArn, '');
}

/**
 * Refuses the call with AccessDeniedException (403) when the access policy of `vault` denies
 * `action` (e.g. `backup:DeleteRecoveryPoint`) on `resourceArn` (the vault's or a recovery point's).
 */
export function refuseIfVaultPolicyDenies(call: BackupCall, vault: VaultRecord, action: string, resourceArn: string): void {
  if (vault.accessPolicy === undefined) return;
  if (!statements(vault.accessPolicy).some((s) => denies(s, action, resourceArn))) return;
  // AWS's wording for an explicit deny in a resource-based policy.
  throw new BackupApiError(
    'AccessDeniedException',
    `User: ${callerArn(call.ctx.accountId, call.ctx.caller)} is not authorized to perform: ${action} on resource: ${resourceArn} with an explicit deny in a resource-based policy`,
  );
}
