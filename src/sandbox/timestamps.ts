// Creation timestamps. Objects created between two `advance` calls all see the same clock, so they
// would share one creation date and lists ordered by it would come out in any order. Each object
// instead gets its own millisecond: the clock, or one millisecond after the last one issued in this
// account, whichever is later. The last one issued is kept in the account file, so the order holds
// across processes; the clock itself does not move.
import type { AccountState } from './state.js';

export function issueTimestamp(account: AccountState, now: number): number {
  const last = account.clock.lastIssuedAt;
  const issued = last === undefined || last < now ? now : last + 1;
  account.clock.lastIssuedAt = issued;
  return issued;
}
