// Lock files: a file created exclusively (O_EXCL), so that of several processes, on this host or
// on others sharing the directory, exactly one holds the lock. The file holds JSON naming its
// holder, which includes at least the holder's pid and host, so that a lock left behind by a
// process that died can be recognised as stale. What a stale lock means is the caller's policy:
// the state's lock is only named stale (a lock is never taken over automatically), the sandbox's
// lock of a few milliseconds is removed.
import { statSync, unlinkSync } from 'node:fs';
import { unlink } from 'node:fs/promises';
import { hostname } from 'node:os';
import { setTimeout as sleep } from 'node:timers/promises';
import { createFileExclusivelySync } from './atomic-write.js';
import { READ_LIMITS, readTextFileLimited, readTextFileLimitedSync } from './read-file.js';

/** The process that holds a lock. */
export interface LockHolder {
  pid: number;
  host: string;
}

export type LockFileRead =
  | { kind: 'absent' }
  | { kind: 'present'; text: string }
  | { kind: 'unreadable'; reason: string };

export interface AcquireLockFileOptions<H> {
  /** Who takes the lock, written into the file as JSON; asked again for each attempt. */
  holder: () => H;
  /** 0: fail at once when the lock is held; otherwise retry until this much time has passed. */
  timeoutMs: number;
  /**
   * The waits between attempts double from the first to the longest; each is random in the upper
   * half of its ceiling, so that processes waiting for the same lock do not retry in step.
   */
  firstDelayMs: number;
  maxDelayMs: number;
  /**
   * fsync the holder's info before the lock counts as taken (default true), so that a lock taken
   * just before a power loss still names its holder. A lock held for milliseconds can do without.
   */
  syncContent?: boolean;
  /**
   * Called after a failed attempt: may remove a lock it finds abandoned (removeLockFileIfSync)
   * and return true to try again at once.
   */
  removeAbandoned?: () => boolean;
}

/**
 * Takes the lock at `path`: resolves to the held lock, or to undefined when the timeout passed
 * with the lock held by someone else. A failure to create or write the file other than "it
 * exists" is thrown as the file system's error, and leaves no file behind.
 */
export async function acquireLockFile<H>(path: string, options: AcquireLockFileOptions<H>): Promise<HeldLockFile<H> | undefined> {
  const deadline = Date.now() + options.timeoutMs;
  let lastChanceTaken = false;
  for (let attempt = 0; ; attempt++) {
    const lock = attemptLockFile(path, options);
    if (lock !== undefined) return lock;
    if (options.removeAbandoned?.()) continue;
    const remaining = deadline - Date.now();
    if (remaining <= 0) {
      // Released between the attempt and now: one more attempt is fair, even without a timeout.
      if (!lastChanceTaken && readLockFileSync(path).kind === 'absent') {
        lastChanceTaken = true;
        continue;
      }
      return undefined;
    }
    const ceiling = Math.min(options.maxDelayMs, options.firstDelayMs * 2 ** attempt);
    const jittered = ceiling / 2 + Math.random() * (ceiling / 2);
    await sleep(Math.max(1, Math.min(jittered, remaining)));
  }
}

function attemptLockFile<H>(path: string, options: Pick<AcquireLockFileOptions<H>, 'holder' | 'syncContent'>): HeldLockFile<H> | undefined {
  const holder = options.holder();
  const text = `${JSON.stringify(holder, null, 2)}\n`;
  return createLockFile(path, text, options.syncContent ?? true) ? new HeldLockFile(path, holder, text) : undefined;
}

/**
 * Takes the lock at `path` only if it is free now (or abandoned, per `removeAbandoned`), without
 * waiting: for 'exit' handlers, where nothing asynchronous runs any more.
 */
export function tryLockFileSync<H>(path: string, options: Pick<AcquireLockFileOptions<H>, 'holder' | 'syncContent' | 'removeAbandoned'>): HeldLockFile<H> | undefined {
  return attemptLockFile(path, options) ?? (options.removeAbandoned?.() ? attemptLockFile(path, options) : undefined);
}

/** A lock this process took. Releasing it removes the file only while it still holds our text. */
export class HeldLockFile<H> {
  readonly path: string;
  readonly holder: H;
  readonly #text: string;

  constructor(path: string, holder: H, text: string) {
    this.path = path;
    this.holder = holder;
    this.#text = text;
  }

  /** False once the file is gone or holds another holder (someone removed the lock by hand). */
  async stillHeld(): Promise<boolean> {
    const current = await readLockFile(this.path);
    return current.kind === 'present' && current.text === this.#text;
  }

  release(): Promise<boolean> {
    return removeLockFileIf(this.path, (text) => text === this.#text);
  }

  /** For 'exit' handlers, where nothing asynchronous runs any more, and for locks held briefly. */
  releaseSync(): boolean {
    return removeLockFileIfSync(this.path, (text) => text === this.#text);
  }
}

/**
 * Creates the lock file holding `text`; false when a lock file exists already. Synchronous: the
 * sandbox takes a lock for every account write, and the calls through the thread pool cost more
 * than the calls themselves.
 */
export function createLockFile(path: string, text: string, syncContent: boolean): boolean {
  // Whole or absent: a holder killed while taking the lock leaves no empty lock naming no one.
  return createFileExclusivelySync(path, text, { sync: syncContent });
}

export async function readLockFile(path: string): Promise<LockFileRead> {
  try {
    return { kind: 'present', text: await readTextFileLimited(path, READ_LIMITS.small) };
  } catch (e) {
    return readFailure(e);
  }
}

export function readLockFileSync(path: string): LockFileRead {
  try {
    return { kind: 'present', text: readTextFileLimitedSync(path, READ_LIMITS.small) };
  } catch (e) {
    return readFailure(e);
  }
}

/**
 * Removes the lock file only while its text passes `test`: releasing a lock, or removing one
 * found abandoned, must not remove a lock someone else has taken since. True when it removed it.
 */
export async function removeLockFileIf(path: string, test: (text: string) => boolean): Promise<boolean> {
  const current = await readLockFile(path);
  if (current.kind !== 'present' || !test(current.text)) return false;
  return unlink(path).then(
    () => true,
    (e: unknown) => ignoreMissing(e),
  );
}

export function removeLockFileIfSync(path: string, test: (text: string) => boolean): boolean {
  const current = readLockFileSync(path);
  if (current.kind !== 'present' || !test(current.text)) return false;
  try {
    unlinkSync(path);
    return true;
  } catch (e) {
    return ignoreMissing(e);
  }
}

/**
 * How long ago the lock file at `path` was last written, in milliseconds; undefined when there is
 * none. Judges a lock whose holder info cannot be read: one just created is being written (or, with
 * createLockFile, cannot be), one older than a few seconds was left half-written by a crash.
 */
export function lockFileAgeMs(path: string, now = Date.now()): number | undefined {
  try {
    return now - statSync(path).mtimeMs;
  } catch {
    return undefined;
  }
}

/** An empty or unreadable lock file older than this was abandoned by a killed holder. */
export const UNREADABLE_LOCK_STALE_AFTER_MS = 5_000;

/** Guards held longer than this were abandoned: a take-over takes microseconds. */
const TAKEOVER_GUARD_STALE_AFTER_MS = 10_000;

export type TakeOverOutcome = 'removed' | 'changed' | 'busy';

/**
 * Removes the lock file at `path` when it still holds text that passes `test` (a lock judged
 * abandoned, or the one `force-unlock` names), as one atomic step for every process that removes
 * locks it does not hold: they all first create the guard `<path>.takeover` exclusively, so between
 * the re-read and the unlink nobody else removes the lock (and, while it exists, nobody can create
 * another). A read-judge-unlink without the guard let two waiters judge the same dead lock, one
 * remove it and take the lock, and the other then remove that fresh lock: both held it.
 * 'removed': it was, 'changed': the lock is gone or holds other text, 'busy': another process is
 * taking over right now (try again shortly). A guard left by a killed process is removed once its
 * holder is gone or it is older than ten seconds.
 */
export function takeOverLockFileSync(path: string, test: (text: string) => boolean): TakeOverOutcome {
  const guard = `${path}.takeover`;
  const guardText = `${JSON.stringify({ pid: process.pid, host: hostname(), created: Date.now(), nonce: Math.random() })}\n`;
  if (!createFileExclusivelySync(guard, guardText, { sync: false })) {
    removeAbandonedGuard(guard);
    return 'busy';
  }
  try {
    const current = readLockFileSync(path);
    if (current.kind !== 'present' || !test(current.text)) return 'changed';
    try {
      unlinkSync(path);
    } catch (e) {
      return ignoreMissing(e) ? 'removed' : 'changed';
    }
    return 'removed';
  } finally {
    removeLockFileIfSync(guard, (text) => text === guardText);
  }
}

function removeAbandonedGuard(guard: string): void {
  const current = readLockFileSync(guard);
  if (current.kind !== 'present') return;
  let holder: Partial<LockHolder> | undefined;
  try {
    holder = JSON.parse(current.text) as Partial<LockHolder>;
  } catch {
    holder = undefined;
  }
  const dead = typeof holder?.pid === 'number' && typeof holder.host === 'string' && isStaleHolder({ pid: holder.pid, host: holder.host });
  const age = lockFileAgeMs(guard);
  if (dead || (age !== undefined && age > TAKEOVER_GUARD_STALE_AFTER_MS)) {
    try {
      removeLockFileIfSync(guard, (text) => text === current.text);
    } catch {
      // Unremovable: take-overs stay impossible, and the callers' timeouts name the lock.
    }
  }
}

/**
 * True when the holder ran on this host and its process no longer exists. A holder on another
 * host (a shared directory) cannot be checked and is never called stale.
 */
export function isStaleHolder(holder: LockHolder): boolean {
  return holder.host === hostname() && holder.pid > 0 && !isProcessAlive(holder.pid);
}

export function isProcessAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    // EPERM: the process exists but belongs to someone else.
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function readFailure(e: unknown): LockFileRead {
  if ((e as NodeJS.ErrnoException).code === 'ENOENT') return { kind: 'absent' };
  return { kind: 'unreadable', reason: (e as Error).message };
}

function ignoreMissing(e: unknown): false {
  if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw e;
  return false;
}
