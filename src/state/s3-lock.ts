// The lock of an S3 state: an object `<key>.lock` created with IfNoneMatch "*", so S3 lets exactly
// one writer create it. It holds the same JSON as the local lock file (ID, Operation, Who, Pid,
// Created, Version), and the same rules apply: never taken over automatically, removed by its
// holder on every way out (normal end, error, SIGINT/SIGTERM), or by `bkp force-unlock ID`.
import { setTimeout as sleep } from 'node:timers/promises';
import { ErrorCode, UserError } from '../core/errors.js';
import type { SessionLock } from './low-session.js';
import { damagedLockId, formatDuration, holderText, isStale, newLockInfo, parseLockInfo, type LockFileState, type LockInfo } from './lock-file.js';
import { s3Url, type S3ObjectStore } from './s3-store.js';
import { commandHandlesSignal, INTERRUPT_SIGNALS, markAsCleanup } from '../core/interrupt-signals.js';

export interface AcquireS3LockOptions {
  /** The command taking the lock: "plan", "apply", "state mv"… */
  operation: string;
  /** 0: fail at once when the lock is held; otherwise wait up to this long. */
  timeoutMs: number;
  version: string;
}

const FIRST_RETRY_DELAY_MS = 100;
const MAX_RETRY_DELAY_MS = 2000;
/** How long a signal waits for the lock object to be deleted before the process ends anyway. */
const RELEASE_ON_SIGNAL_TIMEOUT_MS = 5000;

/** S3 locks this process holds: a signal with nobody else to handle it releases them first. */
const heldLocks = new Set<S3StateLock>();
/**
 * Lock objects being created: S3 may have stored one before its reply arrives, so a signal in that
 * window waits for the reply, then releases the lock like a held one.
 */
const pendingCreates = new Set<Promise<unknown>>();
const EXIT_SIGNALS = INTERRUPT_SIGNALS;

export class S3StateLock implements SessionLock {
  readonly info: LockInfo;
  readonly #store: S3ObjectStore;
  readonly #key: string;

  constructor(store: S3ObjectStore, key: string, info: LockInfo) {
    this.#store = store;
    this.#key = key;
    this.info = info;
  }

  get url(): string {
    return s3Url(this.#store.bucket, this.#key);
  }

  get held(): boolean {
    return heldLocks.has(this);
  }

  /** Throws when the lock object is no longer ours (someone ran force-unlock), so we stop writing. */
  async assertStillHeld(): Promise<void> {
    const current = await readS3Lock(this.#store, this.#key);
    if (current.state.kind !== 'held' || current.state.info.ID !== this.info.ID) {
      const now = current.state.kind === 'held' ? ` It is now held by ${holderText(current.state.info)}.` : '';
      throw new UserError(ErrorCode.StateLocked, `bkp lost its lock on the state (lock ID ${this.info.ID}): someone removed ${this.url} with force-unlock.${now}`, {
        hint: 'Nothing more was written. Make sure only one bkp works on this state, then run the command again.',
      });
    }
  }

  /** Idempotent. Deletes the lock object only while it is still ours (IfMatch the ETag read). */
  async release(): Promise<void> {
    if (!heldLocks.delete(this)) return;
    updateSignalHandlers();
    const current = await readS3Lock(this.#store, this.#key);
    if (current.state.kind === 'held' && current.state.info.ID === this.info.ID) {
      await this.#store.delete(this.#key, current.etag);
    }
  }
}

/**
 * Takes the lock or throws a StateLocked UserError naming the holder. With a timeout, retries
 * with exponential backoff and jitter, so waiting processes do not retry in step.
 */
export async function acquireS3Lock(store: S3ObjectStore, key: string, stateUrl: string, options: AcquireS3LockOptions): Promise<S3StateLock> {
  const deadline = Date.now() + options.timeoutMs;
  let lastChanceTaken = false;
  for (let attempt = 0; ; attempt++) {
    const info = newLockInfo(options.operation, options.version);
    const create = store.put(key, `${JSON.stringify(info, null, 2)}\n`, { ifNoneMatch: '*' });
    pendingCreates.add(create);
    updateSignalHandlers();
    let outcome: Awaited<typeof create>;
    try {
      outcome = await create;
    } finally {
      pendingCreates.delete(create);
    }
    if (outcome.written) {
      const lock = new S3StateLock(store, key, info);
      heldLocks.add(lock);
      updateSignalHandlers();
      return lock;
    }
    updateSignalHandlers();
    const remaining = deadline - Date.now();
    if (remaining <= 0) {
      const { state: holder, body } = await readS3Lock(store, key);
      // Released between our attempt and the read: one more attempt is fair, even without a timeout.
      if (holder.kind === 'absent' && !lastChanceTaken) {
        lastChanceTaken = true;
        continue;
      }
      throw lockedError(s3Url(store.bucket, key), stateUrl, holder, options.timeoutMs, body);
    }
    const ceiling = Math.min(MAX_RETRY_DELAY_MS, FIRST_RETRY_DELAY_MS * 2 ** attempt);
    const jittered = ceiling / 2 + Math.random() * (ceiling / 2);
    await sleep(Math.max(1, Math.min(jittered, remaining)));
  }
}

/** `bkp force-unlock ID`: deletes the lock object only when `id` is the ID of the lock held now. */
export async function forceUnlockS3(store: S3ObjectStore, key: string, stateUrl: string, id: string): Promise<LockInfo> {
  const lockUrl = s3Url(store.bucket, key);
  const { state: current, etag, body } = await readS3Lock(store, key);
  if (current.kind === 'absent') {
    throw new UserError(ErrorCode.StateLocked, `The state ${stateUrl} is not locked: there is no ${lockUrl}.`, { hint: 'There is nothing to unlock.' });
  }
  if (current.kind === 'unreadable') {
    // As for a lock file: the ID of a damaged or empty lock object is a digest of its bytes, so
    // exactly the object the user was shown is removed (and only while it is unchanged: IfMatch).
    const damagedId = damagedLockId(body ?? '');
    if (id === damagedId && (await store.delete(key, etag))) {
      return { ID: id, Operation: 'unknown', Who: 'unknown', Pid: -1, Created: 'unknown', Version: 'unknown' };
    }
    throw new UserError(ErrorCode.StateLocked, `The lock object ${lockUrl} cannot be read (${current.reason}), so it has no lock ID.`, {
      hint: `If you are sure no bkp is working on ${stateUrl}, remove it with: bkp force-unlock ${damagedId}`,
    });
  }
  if (current.info.ID !== id) {
    throw new UserError(ErrorCode.StateLocked, `The lock ID "${id}" does not match the lock on ${stateUrl}: it is held by ${holderText(current.info)}.`, {
      hint: `Check that this is the lock you mean to remove, then run \`bkp force-unlock ${current.info.ID}\`.`,
    });
  }
  if (!(await store.delete(key, etag))) {
    throw new UserError(ErrorCode.StateLocked, `The lock on ${stateUrl} changed while bkp was removing it; nothing was removed.`, {
      hint: 'Run `bkp plan` to see who holds it now.',
    });
  }
  return current.info;
}

/** The lock object's holder and the ETag it was read at. */
async function readS3Lock(store: S3ObjectStore, key: string): Promise<{ state: LockFileState; etag?: string; body?: string }> {
  const object = await store.get(key);
  if (object === undefined) return { state: { kind: 'absent' } };
  return { state: parseLockInfo(object.body), etag: object.etag, body: object.body };
}

function lockedError(lockUrl: string, stateUrl: string, holder: LockFileState, timeoutMs: number, body: string | undefined): UserError {
  const waited = timeoutMs > 0 ? `Timed out after ${formatDuration(timeoutMs)} waiting for the state lock. ` : '';
  const suggestTimeout = timeoutMs === 0;
  if (holder.kind === 'unreadable') {
    // bkp writes a lock object whole, so one that cannot be read was not written by a bkp at
    // work: waiting (-lock-timeout) would not end it.
    return new UserError(ErrorCode.StateLocked, `${waited}The state ${stateUrl} is locked, but its lock object ${lockUrl} cannot be read (${holder.reason}).`, {
      hint: `If no bkp is working on this state, remove the lock with: bkp force-unlock ${damagedLockId(body ?? '')}`,
    });
  }
  if (holder.kind !== 'held') {
    return new UserError(ErrorCode.StateLocked, `${waited}The state ${stateUrl} is locked by another process.`, {
      hint: `Run the command again${suggestTimeout ? ' with -lock-timeout=30s' : ''}. If no bkp is working on this state, delete the lock by hand: aws s3 rm ${lockUrl}`,
    });
  }
  const info = holder.info;
  const stale = isStale(info);
  const staleText = stale ? ` The process that held it is gone (pid ${info.Pid} is not running on this host): the lock is stale.` : '';
  const hint = stale
    ? `If no other bkp is working on this state, remove the lock with: bkp force-unlock ${info.ID}`
    : `Wait for it to finish${suggestTimeout ? ', or wait for it with -lock-timeout=30s' : ''}. ` +
      `If you are sure no bkp is working on this state, remove the lock with: bkp force-unlock ${info.ID}`;
  return new UserError(ErrorCode.StateLocked, `${waited}The state ${stateUrl} is locked by ${holderText(info)}.${staleText}`, { hint });
}

/**
 * While an S3 lock is held, or its object is being created, SIGINT, SIGTERM and SIGHUP must not end
 * the process before the lock object is deleted (unlike a lock file, it cannot be removed
 * synchronously on 'exit'). A command with its own handler (apply: finish in-flight calls, then
 * close the session) releases the lock as it unwinds; otherwise this handler releases the held
 * locks and re-raises the signal for the default ending.
 */
function updateSignalHandlers(): void {
  for (const signal of EXIT_SIGNALS) {
    const installed = process.listeners(signal).includes(onExitSignal);
    const needed = heldLocks.size > 0 || pendingCreates.size > 0;
    if (needed && !installed) process.on(signal, onExitSignal);
    if (!needed && installed) process.off(signal, onExitSignal);
  }
}

markAsCleanup(onExitSignal);

function onExitSignal(signal: NodeJS.Signals): void {
  if (commandHandlesSignal(signal)) return;
  const releaseAll = async () => {
    // A create that succeeds adds its lock to heldLocks as it returns: wait for that, then one turn.
    await Promise.allSettled([...pendingCreates]);
    await new Promise((resolve) => setImmediate(resolve));
    await Promise.all([...heldLocks].map((lock) => lock.release().catch(() => undefined)));
  };
  void Promise.race([releaseAll(), sleep(RELEASE_ON_SIGNAL_TIMEOUT_MS)]).finally(() => {
    for (const s of EXIT_SIGNALS) process.off(s, onExitSignal);
    process.kill(process.pid, signal);
  });
}
