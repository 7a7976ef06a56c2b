// The default backend: the state in a local JSON file, read and written through lowdb with the
// durable adapter, guarded by the lock file for the whole session.
import { mkdir, readdir, unlink } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { Low } from 'lowdb';
import { tempFilePattern } from '../core/atomic-write.js';
import { isProcessAlive } from '../core/file-lock.js';
import { bkpVersion } from '../core/version.js';
import type { OpenStateOptions, StateBackend, StateSession } from './backend.js';
import { DurableFileAdapter } from './durable-file-adapter.js';
import { acquireLock, forceUnlock, type LockInfo, type StateLock } from './lock-file.js';
import { newState, type StateDocument } from './model.js';
import { backupPathFor, displayPath, lockPathFor, planKeyPathFor, resolveStatePath } from './paths.js';
import { localPlanKey } from './plan-key.js';
import { serializeStateChunks } from './serialize.js';
import { LowStateSession } from './low-session.js';
import { parseStateText } from './validate.js';

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
        format: { parse: parseStateText, serialize: serializeStateChunks },
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

  async planKey(create: boolean): Promise<Buffer | undefined> {
    if (create) await mkdir(dirname(this.statePath), { recursive: true });
    return localPlanKey(planKeyPathFor(this.statePath), create);
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
