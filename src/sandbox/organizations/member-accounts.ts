// Member accounts of the sandbox's organization. Each lives in its own account file beside the
// management account's (`.bkp/sandbox.json` → `.bkp/sandbox.accounts/111111111111.json`),
// created on the first request signed with credentials AssumeRole gave for it.
//
// The organization has one clock, the management account's: a member account has none of its own
// to advance. Before serving a request, the member's clock is moved to the management account's
// "now", processing the member's events on the way (its policy plans' ticks, its jobs), so
// `bkp sandbox advance` on the management file moves every account. A change of the organization
// since the member was last served is applied at the instant it happened (the organization's
// changedAt), so the ticks after it follow the new policy; only the last of several changes made
// between two requests of the member is replayed.
import { basename, dirname, join } from 'node:path';
import type { AccountDefaults } from '../account.js';
import { advanceClockTo } from '../clock.js';
import type { AccountState } from '../state.js';
import { policyPlansDue, reconcilePolicyPlans } from './policy-plans.js';
import type { OrganizationState } from './state.js';

/** The file of a member account: `<management file without .json>.accounts/<account id>.json`. */
export function memberAccountPath(managementPath: string, accountId: string): string {
  const base = basename(managementPath).replace(/\.json$/, '');
  return join(dirname(managementPath), `${base}.accounts`, `${accountId}.json`);
}

/** How a member account starts: at the management account's time, with ids of its own. */
export function memberAccountDefaults(management: AccountState, accountId: string, now: number, region: string | undefined): AccountDefaults {
  return { accountId, region: region ?? management.defaultRegion, startTime: new Date(now), seed: `${management.ids.seed}:${accountId}` };
}

/** Whether the member must be brought up to the organization's clock and policies before it serves a request. */
export function memberBehind(member: AccountState, org: OrganizationState | undefined, now: number): boolean {
  return member.clock.now < now || policyPlansDue(member, org);
}

/** Moves the member to the organization's `now` and its current policies. Returns whether the member changed. */
export function followOrganization(member: AccountState, org: OrganizationState | undefined, now: number): boolean {
  if (!memberBehind(member, org, now)) return false;
  const changedAt = org?.changedAt;
  if (policyPlansDue(member, org) && changedAt !== undefined && changedAt > member.clock.now && changedAt < now) advanceClockTo(member, changedAt);
  reconcilePolicyPlans(member, org, member.clock.now);
  advanceClockTo(member, now);
  return true;
}
