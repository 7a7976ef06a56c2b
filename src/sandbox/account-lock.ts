// The short-lived lock file around one read-modify-write of the account file, so several bkp
// processes (parallel tests, `serve` next to a CLI run) never lose each other's changes. It is a
// core/file-lock.ts lock held for milliseconds, so unlike the state's lock, one that is stale or
// too old is removed and taken, and its holder's info is not fsynced.
import { hostname } from 'node:os';
import { ErrorCode, UserError } from '../core/errors.js';
import { acquireLockFile, isStaleHolder, readLockFileSync, removeLockFileIfSync, type LockHolder } from '../core/file-lock.js';

interface AccountLockHolder extends LockHolder {
  /** Epoch milliseconds. */
  created: number;
}

/** A lock older than this is considered abandoned even if its pid looks alive (pid reuse). */
const STALE_AFTER_MS = 30_000;

function parseHolder(text: string): Partial<AccountLockHolder> | undefined {
  try {
    return JSON.parse(text) as Partial<AccountLockHolder>;
  } catch {
    return undefined;
  }
}

function isAbandoned(text: string, now: number): boolean {
  const holder = parseHolder(text);
  // An unreadable lock is being written right now (or was left half-written by a crash);
  // only the age rule can tell, and it needs a readable file, so wait.
  if (holder === undefined) return false;
  if (typeof holder.created === 'number' && now - holder.created > STALE_AFTER_MS) return true;
  return typeof holder.pid === 'number' && typeof holder.host === 'string' && isStaleHolder({ pid: holder.pid, host: holder.host });
}

/** Removes the lock at `lockPath` when it is abandoned; true when it was (removed by us or by another waiter). */
function removeIfAbandoned(lockPath: string): boolean {
  const current = readLockFileSync(lockPath);
  if (current.kind !== 'present' || !isAbandoned(current.text, Date.now())) return false;
  try {
    // Only the lock judged abandoned: one another waiter took meanwhile stays.
    removeLockFileIfSync(lockPath, (text) => text === current.text);
  } catch {
    // Unremovable: the next attempt fails on it and the timeout names it.
  }
  return true;
}

/** Acquire `lockPath`, retrying with backoff; returns the release function. */
export async function acquireAccountLock(lockPath: string, timeoutMs = 30_000): Promise<() => void> {
  const lock = await acquireLockFile<AccountLockHolder>(lockPath, {
    holder: () => ({ pid: process.pid, host: hostname(), created: Date.now() }),
    timeoutMs,
    firstDelayMs: 2,
    maxDelayMs: 100,
    syncContent: false,
    removeAbandoned: () => removeIfAbandoned(lockPath),
  });
  if (lock === undefined) {
    const current = readLockFileSync(lockPath);
    const holder = current.kind === 'present' ? parseHolder(current.text) : undefined;
    throw new UserError(ErrorCode.Sandbox, `The sandbox account is locked by another process${holder?.pid !== undefined ? ` (pid ${holder.pid})` : ''}.`, {
      hint: `If no bkp process is running, delete ${lockPath}.`,
    });
  }
  return () => {
    try {
      lock.releaseSync();
    } catch {
      // Unremovable: it will be judged abandoned once its holder is gone or it is old enough.
    }
  };
}

/** Serialises async work per key inside this process (one account file → one writer at a time). */
export class KeyedMutex {
  private readonly tails = new Map<string, Promise<unknown>>();

  async run<T>(key: string, work: () => Promise<T>): Promise<T> {
    const previous = this.tails.get(key) ?? Promise.resolve();
    const result = previous.then(work, work);
    const tail = result.then(
      () => undefined,
      () => undefined,
    );
    this.tails.set(key, tail);
    try {
      return await result;
    } finally {
      if (this.tails.get(key) === tail) this.tails.delete(key);
    }
  }
}
