// The exclusive lock file next to the state (`.bkp.state.json.lock`), held for a whole run.
// Created exclusively (core/file-lock.ts), so exactly one process can hold it; its JSON says who
// holds it, in the shape of Terraform's lock info. A lock is never taken over automatically, not
// even a stale one: the holder may be on another host sharing the directory, and guessing wrong
// loses updates.
import { createHash, randomUUID } from 'node:crypto';
import { hostname, userInfo } from 'node:os';
import { setTimeout as sleep } from 'node:timers/promises';
import { ErrorCode, UserError } from '../core/errors.js';
import { acquireLockFile, isStaleHolder, lockFileAgeMs, readLockFile, takeOverLockFileSync, UNREADABLE_LOCK_STALE_AFTER_MS, type HeldLockFile } from '../core/file-lock.js';
import { displayPath } from './paths.js';
import { commandHandlesSignal, INTERRUPT_SIGNALS, markAsCleanup } from '../core/interrupt-signals.js';

export interface LockInfo {
  ID: string;
  Operation: string;
  /** user@host */
  Who: string;
  Pid: number;
  /** ISO 8601 */
  Created: string;
  /** The bkp version of the holder. */
  Version: string;
}

export interface AcquireLockOptions {
  /** The command taking the lock: "plan", "apply", "state mv"… */
  operation: string;
  /** 0: fail at once when the lock is held; otherwise wait up to this long. */
  timeoutMs: number;
  version: string;
  /** The state the lock protects, for messages. */
  statePath: string;
}

const FIRST_RETRY_DELAY_MS = 50;
const MAX_RETRY_DELAY_MS = 1000;
/** A holder writes its info right after creating the file; a reader may see it empty meanwhile. */
const HALF_WRITTEN_RETRIES = 5;
const HALF_WRITTEN_DELAY_MS = 20;

/** Locks this process holds, released by the 'exit' handler if nothing released them earlier. */
const heldLocks = new Set<StateLock>();
let exitCleanupInstalled = false;

export class StateLock {
  readonly path: string;
  readonly info: LockInfo;
  readonly #file: HeldLockFile<LockInfo>;

  constructor(file: HeldLockFile<LockInfo>) {
    this.path = file.path;
    this.info = file.holder;
    this.#file = file;
  }

  get held(): boolean {
    return heldLocks.has(this);
  }

  /** Throws when the lock file is no longer ours (someone ran force-unlock), so we stop writing. */
  async assertStillHeld(): Promise<void> {
    if (await this.#file.stillHeld()) return;
    const current = await readLockInfo(this.path);
    const now = current.kind === 'held' ? ` It is now held by ${holderText(current.info)}.` : '';
    throw new UserError(ErrorCode.StateLocked, `bkp lost its lock on the state (lock ID ${this.info.ID}): someone removed it with force-unlock.${now}`, {
      hint: 'Nothing more was written. Make sure only one bkp works on this state, then run the command again.',
    });
  }

  /** Idempotent. Removes the file only while it is still ours. */
  async release(): Promise<void> {
    if (!heldLocks.delete(this)) return;
    await this.#file.release();
  }

  /** For the 'exit' handler, where nothing asynchronous runs any more. */
  releaseSync(): void {
    if (!heldLocks.delete(this)) return;
    try {
      this.#file.releaseSync();
    } catch {
      // Unremovable: the lock stays, and names its holder for force-unlock.
    }
  }
}

/**
 * Takes the lock or throws a StateLocked UserError naming the holder. With a timeout, retries
 * with exponential backoff and jitter (so waiting processes do not retry in step).
 */
export async function acquireLock(lockPath: string, options: AcquireLockOptions): Promise<StateLock> {
  // Before the file exists: a signal from then on finds the handler that removes it.
  installExitCleanup();
  let file: HeldLockFile<LockInfo> | undefined;
  try {
    file = await acquireLockFile(lockPath, {
      holder: () => newLockInfo(options.operation, options.version),
      timeoutMs: options.timeoutMs,
      firstDelayMs: FIRST_RETRY_DELAY_MS,
      maxDelayMs: MAX_RETRY_DELAY_MS,
    });
  } catch (e) {
    throw new UserError(ErrorCode.StateLocked, `Cannot create the state lock ${displayPath(lockPath)}: ${(e as Error).message}.`, {
      cause: e,
      hint: 'bkp needs to create files in the state directory; check that it exists and is writable.',
    });
  }
  if (file === undefined) throw lockedError(lockPath, await readHolderSettled(lockPath), options);
  const lock = new StateLock(file);
  heldLocks.add(lock);
  return lock;
}

/** The info a new lock records: a fresh ID, who takes it (user@host, pid), for what and when. */
export function newLockInfo(operation: string, version: string): LockInfo {
  return { ID: randomUUID(), Operation: operation, Who: whoAmI(), Pid: process.pid, Created: new Date().toISOString(), Version: version };
}

/** `bkp force-unlock ID`: removes the lock only when `id` is the ID of the lock held now. */
export async function forceUnlock(lockPath: string, id: string, statePath: string): Promise<LockInfo> {
  const current = await readLockInfo(lockPath);
  const state = displayPath(statePath);
  if (current.kind === 'absent') {
    throw new UserError(ErrorCode.StateLocked, `The state ${state} is not locked: there is no ${displayPath(lockPath)}.`, {
      hint: 'There is nothing to unlock.',
    });
  }
  if (current.kind === 'unreadable') {
    const file = await readLockFile(lockPath);
    const damagedId = file.kind === 'present' ? damagedLockId(file.text) : undefined;
    if (damagedId === id) {
      if (takeOverLockFileSync(lockPath, (text) => damagedLockId(text) === id) === 'removed') {
        return { ID: id, Operation: 'unknown', Who: 'unknown', Pid: -1, Created: 'unknown', Version: 'unknown' };
      }
    }
    throw new UserError(ErrorCode.StateLocked, `The lock file ${displayPath(lockPath)} cannot be read (${current.reason}), so it has no lock ID.`, {
      hint: damagedId === undefined ? `If you are sure no bkp is working on ${state}, delete ${displayPath(lockPath)} by hand.` : `If you are sure no bkp is working on ${state}, remove it with: bkp force-unlock ${damagedId}`,
    });
  }
  if (current.info.ID !== id) {
    throw new UserError(ErrorCode.StateLocked, `The lock ID "${id}" does not match the lock on ${state}: it is held by ${holderText(current.info)}.`, {
      hint: `Check that this is the lock you mean to remove, then run \`bkp force-unlock ${current.info.ID}\`.`,
    });
  }
  // Through the take-over guard (core/file-lock.ts): two force-unlocks racing cannot remove a
  // lock that a third process took after the first one removed this one.
  takeOverLockFileSync(lockPath, (text) => {
    const now = parseLockInfo(text);
    return now.kind === 'held' && now.info.ID === id;
  });
  return current.info;
}

/**
 * The ID `force-unlock` takes for a lock file without readable lock info (empty: its holder was
 * killed while taking it; or damaged): a digest of its bytes, so that exactly that file is removed.
 */
export function damagedLockId(text: string): string {
  return `damaged-${createHash('sha256').update(text).digest('hex').slice(0, 12)}`;
}

export type LockFileState =
  | { kind: 'absent' }
  | { kind: 'held'; info: LockInfo }
  | { kind: 'unreadable'; reason: string };

export async function readLockInfo(lockPath: string): Promise<LockFileState> {
  const file = await readLockFile(lockPath);
  return file.kind === 'present' ? parseLockInfo(file.text) : file;
}

/** The lock info in a lock's text (a file or an S3 lock object); 'unreadable' when it holds none. */
export function parseLockInfo(text: string): LockFileState {
  try {
    const parsed = JSON.parse(text) as Partial<LockInfo>;
    if (typeof parsed.ID !== 'string') return { kind: 'unreadable', reason: 'it has no lock ID' };
    return {
      kind: 'held',
      info: {
        ID: parsed.ID,
        Operation: String(parsed.Operation ?? 'unknown'),
        Who: String(parsed.Who ?? 'unknown'),
        Pid: typeof parsed.Pid === 'number' ? parsed.Pid : -1,
        Created: String(parsed.Created ?? 'unknown'),
        Version: String(parsed.Version ?? 'unknown'),
      },
    };
  } catch {
    return { kind: 'unreadable', reason: text === '' ? 'it is empty' : 'it is not valid JSON' };
  }
}

/**
 * True when the holder ran on this host and its process no longer exists (core/file-lock.ts). A
 * holder on another host (a shared directory) cannot be checked and is never called stale.
 */
export function isStale(info: LockInfo): boolean {
  return isStaleHolder({ pid: info.Pid, host: info.Who.slice(info.Who.lastIndexOf('@') + 1) });
}

/**
 * Registers (once) the 'exit' handler that removes locks this process still holds, and the same for
 * an interrupt signal (SIGINT, SIGTERM, SIGHUP), whose default ending runs no 'exit' handler. A
 * command with its own handler (apply: finish the calls in flight, then close the session)
 * releases its lock as it unwinds; otherwise the locks are released and the signal re-raised, so
 * the process ends as the signal's default would.
 */
export function installExitCleanup(): void {
  if (exitCleanupInstalled) return;
  exitCleanupInstalled = true;
  process.on('exit', releaseHeldLocksSync);
  markAsCleanup(releaseOnSignal);
  for (const signal of INTERRUPT_SIGNALS) process.on(signal, releaseOnSignal);
}

function releaseOnSignal(signal: NodeJS.Signals): void {
  if (commandHandlesSignal(signal)) return;
  releaseHeldLocksSync();
  for (const s of INTERRUPT_SIGNALS) process.off(s, releaseOnSignal);
  process.kill(process.pid, signal);
}

/** Releases every lock this process holds; safe to call from signal and exit handlers. */
export function releaseHeldLocksSync(): void {
  for (const lock of [...heldLocks]) lock.releaseSync();
}

/**
 * The holder, giving a holder that just created the file a moment to write its info. An
 * unreadable lock older than a few seconds gets the ID force-unlock takes for it.
 */
async function readHolderSettled(lockPath: string): Promise<LockFileState & { damagedId?: string }> {
  let state = await readLockInfo(lockPath);
  for (let i = 0; i < HALF_WRITTEN_RETRIES && state.kind === 'unreadable'; i++) {
    await sleep(HALF_WRITTEN_DELAY_MS);
    state = await readLockInfo(lockPath);
  }
  if (state.kind !== 'unreadable') return state;
  const age = lockFileAgeMs(lockPath);
  const file = await readLockFile(lockPath);
  if (age === undefined || age <= UNREADABLE_LOCK_STALE_AFTER_MS || file.kind !== 'present') return state;
  return { ...state, damagedId: damagedLockId(file.text) };
}

function lockedError(lockPath: string, holder: LockFileState & { damagedId?: string }, options: AcquireLockOptions): UserError {
  const state = displayPath(options.statePath);
  const waited = options.timeoutMs > 0 ? `Timed out after ${formatDuration(options.timeoutMs)} waiting for the state lock. ` : '';
  if (holder.kind !== 'held') {
    const why = holder.kind === 'unreadable' ? `; its lock file ${displayPath(lockPath)} cannot be read (${holder.reason})` : '';
    if (holder.kind === 'unreadable' && holder.damagedId !== undefined) {
      // Lock files are created whole: an unreadable one that is not brand new was left by a bkp
      // killed while taking it (or by an older bkp), and will never be released.
      return new UserError(ErrorCode.StateLocked, `${waited}The state ${state} is locked${why}. It is older than ${UNREADABLE_LOCK_STALE_AFTER_MS / 1000}s: the process that took it was killed, and the lock is stale.`, {
        hint: `If no other bkp is working on this state, remove the lock with: bkp force-unlock ${holder.damagedId}`,
      });
    }
    return new UserError(ErrorCode.StateLocked, `${waited}The state ${state} is locked by another process${why}.`, {
      hint: `Run the command again${options.timeoutMs === 0 ? ' with -lock-timeout=30s' : ''}. If no bkp is working on this state, delete ${displayPath(lockPath)} by hand.`,
    });
  }
  const info = holder.info;
  const stale = isStale(info);
  const staleText = stale ? ` The process that held it is gone (pid ${info.Pid} is not running on this host): the lock is stale.` : '';
  const hint = stale
    ? `If no other bkp is working on this state, remove the lock with: bkp force-unlock ${info.ID}`
    : `Wait for it to finish${options.timeoutMs === 0 ? ', or wait for it with -lock-timeout=30s' : ''}. ` +
      `If you are sure no bkp is working on this state, remove the lock with: bkp force-unlock ${info.ID}`;
  return new UserError(ErrorCode.StateLocked, `${waited}The state ${state} is locked by ${holderText(info)}.${staleText}`, { hint });
}

export function holderText(info: LockInfo): string {
  return `${info.Who} (pid ${info.Pid}, operation "${info.Operation}", since ${info.Created}, bkp ${info.Version}, lock ID ${info.ID})`;
}

export function formatDuration(ms: number): string {
  return ms % 1000 === 0 ? `${ms / 1000}s` : `${ms}ms`;
}

function whoAmI(): string {
  let user: string;
  try {
    user = userInfo().username;
  } catch {
    // A container user without a passwd entry.
    user = process.env.USER ?? process.env.USERNAME ?? `uid${process.getuid?.() ?? ''}`;
  }
  return `${user}@${hostname()}`;
}
