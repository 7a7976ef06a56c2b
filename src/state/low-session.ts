// A state session over lowdb's `Low`, whatever its adapter: the local file or an S3 object.
// It holds the lock for the whole run and gives both backends the same semantics: documents are
// frozen and shared, the serial rises by one only when the content changed, queued writes merge
// into one, and every caller waits for the durable write that includes its change.
import type { Low } from 'lowdb';
import { InternalError } from '../core/errors.js';
import type { NextState, StateSession } from './backend.js';
import type { LockInfo } from './lock-file.js';
import { contentEquals, freezeState, normalizeState, STATE_FORMAT_VERSION, type StateDocument, type StateIntent, type StateResource } from './model.js';
import { assertValidState } from './validate.js';

const MAX_WRITE_PAUSE_MS = 250;

/**
 * Resources and intents (frozen) that a written document held, so passed the schema: each write
 * checks only the new ones. The schema judges each entry on its own, and checking every resource
 * at every write made a first apply of 5,000 resources check 12 million of them.
 */
const validEntries = new WeakSet<StateResource | StateIntent>();

/** The lock a session holds while it writes: the local lock file, or the S3 lock object. */
export interface SessionLock {
  readonly info: LockInfo;
  /** Throws when the lock is no longer ours, so nothing more is written. */
  assertStillHeld(): Promise<void>;
  /** Idempotent. */
  release(): Promise<void>;
}

/** A state session over a lowdb `Low`, whatever its adapter: the local file or an S3 object. */
export class LowStateSession implements StateSession {
  readonly location: string;
  readonly warnings: readonly string[];
  readonly #low: Low<StateDocument>;
  readonly #lock: SessionLock | undefined;
  readonly #version: string;
  #lastPersisted: StateDocument;
  #writes: Promise<void> = Promise.resolve();
  /** The write waiting behind the running one, if any: later persists join it. */
  #queued: { snapshot: NextState; done: Promise<void> } | undefined;
  #closing: Promise<void> | undefined;
  #lastWriteMs = 0;
  #lastWriteEnded = 0;

  constructor(low: Low<StateDocument>, lock: SessionLock | undefined, version: string, location: string, warnings: readonly string[] = []) {
    this.#low = low;
    this.#lock = lock;
    this.#version = version;
    this.location = location;
    this.warnings = warnings;
    // Shared with lowdb, not copied: lowdb only serialises it, and every write replaces it.
    this.#lastPersisted = freezeState(low.data);
  }

  get lockInfo(): LockInfo | undefined {
    return this.#lock?.info;
  }

  current(): StateDocument {
    return this.#lastPersisted;
  }

  persist(next: NextState): Promise<void> {
    if (this.#closing !== undefined) {
      return Promise.reject(new InternalError('bkp tried to write the state after closing its session.'));
    }
    // A document is frozen now, not copied: the caller cannot change it while earlier writes are
    // pending, and a copy per operation would make an apply of n resources cost n² (freezeState).
    // A builder is called, and its document frozen, when the write starts.
    const snapshot = typeof next === 'function' ? next : freezeState(next);
    // Documents only ever grow more recent: while one write runs, the ones queued behind it
    // collapse into a single write of the latest, and every caller waits for that durable write.
    if (this.#queued !== undefined) {
      this.#queued.snapshot = snapshot;
      return this.#queued.done;
    }
    const queued: { snapshot: NextState; done: Promise<void> } = { snapshot, done: Promise.resolve() };
    queued.done = this.#writes.then(async () => {
      // Writes take at most about half the time: after a write that took w ms, the next waits
      // up to w ms more (at most a quarter second) so that more changes share it. A large state
      // written after every operation otherwise made the apply spend most of its time writing.
      const pause = Math.min(this.#lastWriteMs, MAX_WRITE_PAUSE_MS) - (Date.now() - this.#lastWriteEnded);
      if (pause > 0) await new Promise((done) => setTimeout(done, pause));
      if (this.#queued === queued) this.#queued = undefined;
      // Everything persisted until now is in this write; later calls queue the next one.
      const { snapshot: latest } = queued;
      return this.#write(typeof latest === 'function' ? freezeState(latest()) : latest);
    });
    this.#queued = queued;
    this.#writes = queued.done.catch(() => undefined);
    return queued.done;
  }

  replace(doc: StateDocument): Promise<void> {
    if (this.#closing !== undefined) {
      return Promise.reject(new InternalError('bkp tried to write the state after closing its session.'));
    }
    const snapshot = normalizeState(structuredClone(doc));
    const done = this.#writes.then(async () => {
      assertValidState(snapshot);
      await this.#lock?.assertStillHeld();
      this.#low.data = snapshot;
      await this.#low.write();
      this.#lastPersisted = freezeState(snapshot);
    });
    this.#writes = done.catch(() => undefined);
    return done;
  }

  close(): Promise<void> {
    this.#closing ??= (async () => {
      await this.#writes;
      await this.#lock?.release();
    })();
    return this.#closing;
  }

  async #write(next: StateDocument): Promise<void> {
    const last = this.#lastPersisted;
    if (next.lineage !== last.lineage) {
      throw new InternalError(`bkp tried to replace state lineage ${last.lineage} with ${next.lineage}.`);
    }
    if (contentEquals(last, next)) return;
    const doc = normalizeState({ ...next, format_version: STATE_FORMAT_VERSION, serial: last.serial + 1, bkp_version: this.#version });
    // Resources and intents are frozen: one that passed the schema once still does.
    const unchecked = <T extends StateResource | StateIntent>(entries: T[]) => entries.filter((entry) => !validEntries.has(entry));
    assertValidState({ ...doc, resources: unchecked(doc.resources), ...(doc.intents && { intents: unchecked(doc.intents) }) });
    await this.#lock?.assertStillHeld();
    const started = Date.now();
    this.#low.data = doc;
    await this.#low.write();
    this.#lastPersisted = freezeState(doc);
    for (const entry of doc.resources) validEntries.add(entry);
    for (const entry of doc.intents ?? []) validEntries.add(entry);
    this.#lastWriteEnded = Date.now();
    this.#lastWriteMs = this.#lastWriteEnded - started;
  }
}
