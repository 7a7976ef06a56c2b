// The short-lived lock file around one read-modify-write of the account file, so several bkp
// processes (parallel tests, `serve` next to a CLI run) never lose each other's changes. It is a
// core/file-lock.ts lock held for milliseconds, so unlike the state's lock, one that is stale or
// too old is removed and taken, and its holder's info is not fsynced.
import { createHash } from 'node:crypto';
import { hostname } from 'node:os';
import { removeTempFilesOfDeadWritersSync } from '../core/atomic-write.js';
import { ErrorCode, UserError } from '../core/errors.js';
import { acquireLockFile, type HeldLockFile, isProcessAlive, isStaleHolder, lockFileAgeMs, readLockFileSync, takeOverLockFileSync, tryLockFileSync, UNREADABLE_LOCK_STALE_AFTER_MS, type LockHolder } from '../core/file-lock.js';

interface AccountLockHolder extends LockHolder {
  /** Epoch milliseconds. */
  created: number;
  /** Makes every lock's text unique: a take-over removes exactly the lock it judged, no later one. */
  nonce: string;
}

function randomNonce(): string {
  return Math.floor(Math.random() * 2 ** 48).toString(16);
}

/** A lock older than this is considered abandoned even if its pid looks alive (pid reuse). */
const STALE_AFTER_MS = 30_000;

function parseHolder(text: string): Partial<AccountLockHolder> | undefined {
  try {
    const parsed = JSON.parse(text) as unknown;
    return parsed !== null && typeof parsed === 'object' && !Array.isArray(parsed) ? (parsed as Partial<AccountLockHolder>) : undefined;
  } catch {
    return undefined;
  }
}

function isAbandoned(lockPath: string, text: string, now: number): boolean {
  const holder = parseHolder(text);
  if (holder === undefined) {
    // Locks are created whole (core/file-lock.ts), so an unreadable one was damaged or left by an
    // older bkp killed while writing it: its age alone tells.
    const age = lockFileAgeMs(lockPath, now);
    return age !== undefined && age > UNREADABLE_LOCK_STALE_AFTER_MS;
  }
  if (typeof holder.created === 'number' && now - holder.created > STALE_AFTER_MS) return true;
  return typeof holder.pid === 'number' && typeof holder.host === 'string' && isStaleHolder({ pid: holder.pid, host: holder.host });
}

/**
 * Removes the lock at `lockPath` when it is abandoned, through the take-over guard, so that of
 * several waiters judging the same dead lock only one removes it and none removes the lock another
 * took since. True: try again at once.
 */
function removeIfAbandoned(lockPath: string): boolean {
  const current = readLockFileSync(lockPath);
  if (current.kind !== 'present' || !isAbandoned(lockPath, current.text, Date.now())) return false;
  try {
    return takeOverLockFileSync(lockPath, (text) => text === current.text) !== 'busy';
  } catch {
    // Unremovable: the next attempt fails on it and the timeout names it.
    return false;
  }
}

function lockOptions(lockPath: string) {
  return {
    holder: (): AccountLockHolder => ({ pid: process.pid, host: hostname(), created: Date.now(), nonce: randomNonce() }),
    syncContent: false,
    removeAbandoned: () => removeIfAbandoned(lockPath),
  };
}

function releaseOf(lock: HeldLockFile<AccountLockHolder>): () => void {
  return () => {
    try {
      lock.releaseSync();
    } catch {
      // Unremovable: it will be judged abandoned once its holder is gone or it is old enough.
    }
  };
}

/** Acquire `lockPath`, retrying with backoff; returns the release function. */
export async function acquireAccountLock(lockPath: string, timeoutMs = 30_000): Promise<() => void> {
  const lock = await acquireLockFile<AccountLockHolder>(lockPath, { ...lockOptions(lockPath), timeoutMs, firstDelayMs: 2, maxDelayMs: 100 });
  if (lock === undefined) {
    const current = readLockFileSync(lockPath);
    const holder = current.kind === 'present' ? parseHolder(current.text) : undefined;
    const id = current.kind === 'present' ? accountLockId(current.text) : undefined;
    throw new UserError(ErrorCode.Sandbox, `The sandbox account is locked by another process${typeof holder?.pid === 'number' ? ` (pid ${holder.pid})` : ''}.`, {
      hint: id === undefined ? `If no bkp process is running, delete ${lockPath}.` : `If no bkp process is running, remove the lock with: bkp force-unlock ${id}`,
    });
  }
  return releaseOf(lock);
}

/** `lockPath` if it is free now, without waiting (for 'exit' handlers); undefined when it is held. */
export function tryAccountLockSync(lockPath: string): (() => void) | undefined {
  const lock = tryLockFileSync<AccountLockHolder>(lockPath, lockOptions(lockPath));
  return lock === undefined ? undefined : releaseOf(lock);
}

/** Sandbox lock IDs start so, to tell them from state lock IDs (UUIDs) in `bkp force-unlock`. */
export const ACCOUNT_LOCK_ID_PREFIX = 'sandbox-';

/**
 * The ID `bkp force-unlock` takes for the account lock holding `text`: its nonce, or for a lock
 * that cannot be read (empty, damaged) a digest of its bytes, so that exactly that lock is removed.
 */
export function accountLockId(text: string): string {
  const holder = parseHolder(text);
  if (typeof holder?.nonce === 'string' && /^[0-9a-f]{1,16}$/.test(holder.nonce)) return `${ACCOUNT_LOCK_ID_PREFIX}${holder.nonce}`;
  return `${ACCOUNT_LOCK_ID_PREFIX}damaged-${createHash('sha256').update(text).digest('hex').slice(0, 12)}`;
}

/**
 * `bkp force-unlock sandbox-…`: removes the account lock at `lockPath` when `id` names it. False
 * when there is no lock there or it has another ID.
 */
export function forceUnlockAccount(lockPath: string, id: string): boolean {
  const current = readLockFileSync(lockPath);
  if (current.kind !== 'present' || accountLockId(current.text) !== id) return false;
  return takeOverLockFileSync(lockPath, (text) => accountLockId(text) === id) === 'removed';
}

/** Account files whose dead writers' temp files this process has removed already. */
const swept = new Set<string>();

/**
 * Removes the temp files that runs killed mid-write left beside the account
 * (`.sandbox.json.<pid>.<random>.tmp`), once per process and account. Call it holding the lock.
 */
export function removeDeadWritersTempFilesOnce(accountPath: string): void {
  if (swept.has(accountPath)) return;
  swept.add(accountPath);
  removeTempFilesOfDeadWritersSync(accountPath, isProcessAlive);
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
