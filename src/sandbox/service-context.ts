// What a sandbox service handler (Backup rest-json, EC2 query) is given for one request.
// Handlers mutate `account` in place and call `markChanged()` when they did, so the dispatcher
// knows to persist the account; read-only requests then cost no file write.
// Requests the dispatcher classifies as read-only (Backup GETs, EC2 Describe*/Get*/List*) run on
// the cached account without the lock and are never saved: they must not change anything.
import type { AccountState } from './state.js';
import type { AssumedCaller } from './sts/credentials.js';

export interface SandboxServiceContext {
  /** The whole account; mutable. */
  readonly account: AccountState;
  /** The account's current (virtual) time. */
  readonly now: Date;
  /** Region of the request (from its SigV4 scope), or the account's default region. */
  readonly region: string;
  readonly accountId: string;
  /**
   * Set when the request is signed with credentials from AssumeRole. For STS and Organizations,
   * which answer for the organization from the management account's file, it may name a member
   * account; every other service runs in the caller's own account (accountId).
   */
  readonly caller?: AssumedCaller;
  /**
   * The request runs on the cached account without the lock and is never saved (dispatch.ts):
   * nothing may be added to the account, not even an empty region.
   */
  readonly readOnly: boolean;
  /** Record that the account changed and must be saved after this request. */
  markChanged(): void;
  /** Whether markChanged() was called. */
  readonly changed: boolean;
}

export function createServiceContext(account: AccountState, region: string, now: Date, caller?: AssumedCaller, options: { readOnly?: boolean } = {}): SandboxServiceContext {
  let changed = false;
  return {
    account,
    now,
    region,
    readOnly: options.readOnly ?? false,
    accountId: account.accountId,
    ...(caller !== undefined ? { caller } : {}),
    markChanged: () => {
      changed = true;
    },
    get changed() {
      return changed;
    },
  };
}
