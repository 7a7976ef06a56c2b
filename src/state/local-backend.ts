// The default backend: the state in a local JSON file, read and written through lowdb with the
// durable adapter, guarded by the lock file for the whole session.
import { mkdir, readdir, unlink } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { Low } from 'lowdb';
import { InternalError } from '../errors.js';
import { bkpVersion } from '../version.js';
import type { OpenStateOptions, StateBackend, StateSession } from './backend.js';
import { DurableFileAdapter } from './durable-file-adapter.js';
import { acquireLock, forceUnlock, isProcessAlive, type LockInfo, type StateLock } from './lock-file.js';
import { contentEquals, freezeState, newState, normalizeState, STATE_FORMAT_VERSION, type StateDocument } from './model.js';
import { backupPathFor, displayPath, lockPathFor, resolveStatePath, tempFilePattern } from './paths.js';
import { serializeState } from './serialize.js';
import { assertValidState, parseStateText } from './validate.js';

export interface LocalBackendOptions {
  /** Absolute path of the state file. */
  statePath: string;
  /** Written into the state and the lock; this bkp's version unless given. */
  bkpVersion?: string;
  /** Test seam, passed to the adapter. */
  onTempFileCreated?: (tempPath: string) => void | Promise<void>;
}

export class LocalStateBackend implements StateBackend {
  readonly statePath: string;
  readonly lockPath: string;
  readonly backupPath: string;
  readonly #version: string;
  readonly #onTempFileCreated?: (tempPath: string) => void | Promise<void>;

  constructor(options: LocalBackendOptions) {
    this.statePath = options.statePath;
    this.lockPath = lockPathFor(options.statePath);
    this.backupPath = backupPathFor(options.statePath);
    this.#version = options.bkpVersion ?? bkpVersion();
    this.#onTempFileCreated = options.onTempFileCreated;
  }

  /** The backend for a configuration directory and the `backend "local"` block's `path`, if any. */
  static forConfigDir(configDir: string, configuredPath?: string): LocalStateBackend {
    return new LocalStateBackend({ statePath: resolveStatePath(configDir, configuredPath) });
  }

  get location(): string {
    return displayPath(this.statePath);
  }

  async open(options: OpenStateOptions): Promise<StateSession> {
    let lock: StateLock | undefined;
    if (options.lock) {
      // The lock file needs its directory; creating it is harmless when the state will live there.
      await mkdir(dirname(this.statePath), { recursive: true });
      lock = await acquireLock(this.lockPath, {
        operation: options.operation,
        timeoutMs: options.lockTimeoutMs,
        version: this.#version,
        statePath: this.statePath,
      });
    }
    try {
      const adapter = new DurableFileAdapter<StateDocument>(this.statePath, {
        format: { parse: parseStateText, serialize: serializeState },
        backupPath: this.backupPath,
        onTempFileCreated: this.#onTempFileCreated,
      });
      const low = new Low<StateDocument>(adapter, newState(this.#version));
      await low.read();
      if (lock !== undefined) await this.#removeTempFilesOfDeadProcesses();
      return new LowStateSession(low, lock, this.#version, this.location);
    } catch (e) {
      await lock?.release();
      throw e;
    }
  }

  forceUnlock(id: string): Promise<LockInfo> {
    return forceUnlock(this.lockPath, id, this.statePath);
  }

  /** A writer killed mid-write leaves its temp file behind; under the lock no live writer owns one. */
  async #removeTempFilesOfDeadProcesses(): Promise<void> {
    const dir = dirname(this.statePath);
    const patterns = [tempFilePattern(this.statePath), tempFilePattern(this.backupPath)];
    let names: string[];
    try {
      names = await readdir(dir);
    } catch {
      return;
    }
    for (const name of names) {
      const match = patterns.map((p) => p.exec(name)).find((m) => m !== null);
      if (match && !isProcessAlive(Number(match[1]))) {
        await unlink(join(dir, name)).catch(() => undefined);
      }
    }
  }
}

const MAX_WRITE_PAUSE_MS = 250;

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
  #queued: { snapshot: StateDocument; done: Promise<void> } | undefined;
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

  persist(next: StateDocument): Promise<void> {
    if (this.#closing !== undefined) {
      return Promise.reject(new InternalError('bkp tried to write the state after closing its session.'));
    }
    // Frozen, not copied: the caller cannot change it while earlier writes are pending, and a
    // copy per operation would make an apply of n resources cost n² (see freezeState).
    const snapshot = freezeState(next);
    // Documents only ever grow more recent: while one write runs, the ones queued behind it
    // collapse into a single write of the latest, and every caller waits for that durable write.
    if (this.#queued !== undefined) {
      this.#queued.snapshot = snapshot;
      return this.#queued.done;
    }
    const queued: { snapshot: StateDocument; done: Promise<void> } = { snapshot, done: Promise.resolve() };
    queued.done = this.#writes.then(async () => {
      // Writes take at most about half the time: after a write that took w ms, the next waits
      // up to w ms more (at most a quarter second) so that more changes share it. A large state
      // written after every operation otherwise made the apply spend most of its time writing.
      const pause = Math.min(this.#lastWriteMs, MAX_WRITE_PAUSE_MS) - (Date.now() - this.#lastWriteEnded);
      if (pause > 0) await new Promise((done) => setTimeout(done, pause));
      if (this.#queued === queued) this.#queued = undefined;
      return this.#write(queued.snapshot);
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
    assertValidState(doc);
    await this.#lock?.assertStillHeld();
    const started = Date.now();
    this.#low.data = doc;
    await this.#low.write();
    this.#lastPersisted = freezeState(doc);
    this.#lastWriteEnded = Date.now();
    this.#lastWriteMs = this.#lastWriteEnded - started;
  }
}
