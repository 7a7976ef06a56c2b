// A short-lived exclusive lock file around one read-modify-write of the account file, so several
// bkp processes (parallel tests, `serve` next to a CLI run) never lose each other's changes.
// The lock is held for milliseconds; a lock whose owner process is gone is stale and removed.
import { closeSync, openSync, readFileSync, unlinkSync, writeSync } from 'node:fs';
import { hostname } from 'node:os';
import { setTimeout as sleep } from 'node:timers/promises';
import { ErrorCode, UserError } from '../core/errors.js';

interface LockOwner {
  pid: number;
  host: string;
  created: number;
}

/** A lock older than this is considered abandoned even if its pid looks alive (pid reuse). */
const STALE_AFTER_MS = 30_000;

function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    // EPERM: the process exists but belongs to someone else.
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function readOwner(lockPath: string): LockOwner | undefined {
  try {
    return JSON.parse(readFileSync(lockPath, 'utf8')) as LockOwner;
  } catch {
    return undefined;
  }
}

function isStale(lockPath: string, now: number): boolean {
  const owner = readOwner(lockPath);
  // An unreadable lock is being written right now (or was left half-written by a crash);
  // only the age rule can tell, and it needs a readable file, so wait.
  if (owner === undefined) return false;
  if (now - owner.created > STALE_AFTER_MS) return true;
  return owner.host === hostname() && !processAlive(owner.pid);
}

function tryCreate(lockPath: string): boolean {
  let fd: number;
  try {
    fd = openSync(lockPath, 'wx', 0o600);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw e;
  }
  try {
    const owner: LockOwner = { pid: process.pid, host: hostname(), created: Date.now() };
    writeSync(fd, JSON.stringify(owner));
  } finally {
    closeSync(fd);
  }
  return true;
}

/** Acquire `lockPath`, retrying with backoff; returns the release function. */
export async function acquireFileLock(lockPath: string, timeoutMs = 30_000): Promise<() => void> {
  const deadline = Date.now() + timeoutMs;
  let delay = 1;
  for (;;) {
    if (tryCreate(lockPath)) {
      return () => {
        try {
          unlinkSync(lockPath);
        } catch {
          // Already removed (e.g. judged stale by another process after a very long pause).
        }
      };
    }
    if (isStale(lockPath, Date.now())) {
      try {
        unlinkSync(lockPath);
      } catch {
        // Another waiter removed it first.
      }
      continue;
    }
    if (Date.now() > deadline) {
      const owner = readOwner(lockPath);
      throw new UserError(ErrorCode.Sandbox, `The sandbox account is locked by another process${owner ? ` (pid ${owner.pid})` : ''}.`, {
        hint: `If no bkp process is running, delete ${lockPath}.`,
      });
    }
    await sleep(delay + Math.random() * delay);
    delay = Math.min(delay * 2, 50);
  }
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
