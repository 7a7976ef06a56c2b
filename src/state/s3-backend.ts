// backend "s3": the state document in one S3 object, shared by every CI runner and colleague.
// Same session semantics as the local backend (the same LowStateSession over lowdb's Low, here
// with the S3 adapter): serial +1 only on content change, writes serialised and coalesced,
// lineage kept, the document validated on read. A lock object guards the whole run; every state
// write is also conditional on the ETag bkp read, so even an unlocked writer cannot be overwritten.
import { Low } from 'lowdb';
import { bkpVersion } from '../core/version.js';
import type { NextState, OpenStateOptions, StateBackend, StateSession } from './backend.js';
import { LowStateSession } from './low-session.js';
import type { LockInfo } from './lock-file.js';
import { newState, type StateDocument } from './model.js';
import { S3StateAdapter } from './s3-adapter.js';
import { acquireS3Lock, forceUnlockS3, type S3StateLock } from './s3-lock.js';
import { lockKeyFor, s3Url, type S3ObjectStore } from './s3-store.js';
import { newPlanKeyText, parsePlanKey } from './plan-key.js';

export interface S3BackendOptions {
  bucket: string;
  key: string;
  /** Builds the store when the state is first opened (the CLI loads the S3 SDK only then). */
  openStore: () => Promise<S3ObjectStore>;
  /** Written into the state and the lock; this bkp's version unless given. */
  bkpVersion?: string;
}

export class S3StateBackend implements StateBackend {
  readonly bucket: string;
  readonly key: string;
  readonly lockKey: string;
  readonly #openStore: () => Promise<S3ObjectStore>;
  readonly #version: string;

  constructor(options: S3BackendOptions) {
    this.bucket = options.bucket;
    this.key = options.key;
    this.lockKey = lockKeyFor(options.key);
    this.#openStore = options.openStore;
    this.#version = options.bkpVersion ?? bkpVersion();
  }

  get location(): string {
    return s3Url(this.bucket, this.key);
  }

  async open(options: OpenStateOptions): Promise<StateSession> {
    const store = await this.#openStore();
    let lock: S3StateLock | undefined;
    try {
      // First, as it also tells a missing bucket apart from a missing state object.
      const warnings = versioningWarnings(await store.versioning(), this.bucket);
      if (options.lock) {
        lock = await acquireS3Lock(store, this.lockKey, this.location, {
          operation: options.operation,
          timeoutMs: options.lockTimeoutMs,
          version: this.#version,
        });
      }
      const low = new Low<StateDocument>(new S3StateAdapter(store, this.key), newState(this.#version));
      await low.read();
      return new S3Session(new LowStateSession(low, lock, this.#version, this.location, warnings), store);
    } catch (e) {
      await lock?.release().catch(() => undefined);
      store.destroy();
      throw e;
    }
  }

  /** The key object `<key>.plankey`, beside the state and encrypted like it (plan-key.ts). */
  async planKey(create: boolean): Promise<Buffer | undefined> {
    const store = await this.#openStore();
    const keyObject = `${this.key}.plankey`;
    try {
      let stored = await store.get(keyObject);
      if (stored === undefined && create) {
        // Only if absent: of two runs saving their first plans at once, both end up with one key.
        await store.put(keyObject, newPlanKeyText(), { ifNoneMatch: '*' });
        stored = await store.get(keyObject);
      }
      return stored === undefined ? undefined : parsePlanKey(stored.body, s3Url(this.bucket, keyObject));
    } finally {
      store.destroy();
    }
  }

  async forceUnlock(id: string): Promise<LockInfo> {
    const store = await this.#openStore();
    try {
      return await forceUnlockS3(store, this.lockKey, this.location, id);
    } finally {
      store.destroy();
    }
  }
}

/** The LowStateSession, closing the S3 connections after the lock is released. */
class S3Session implements StateSession {
  readonly #inner: LowStateSession;
  readonly #store: S3ObjectStore;
  #closing: Promise<void> | undefined;

  constructor(inner: LowStateSession, store: S3ObjectStore) {
    this.#inner = inner;
    this.#store = store;
  }

  get lockInfo(): LockInfo | undefined {
    return this.#inner.lockInfo;
  }

  get location(): string {
    return this.#inner.location;
  }

  get warnings(): readonly string[] {
    return this.#inner.warnings;
  }

  current(): StateDocument {
    return this.#inner.current();
  }

  persist(next: NextState): Promise<void> {
    return this.#inner.persist(next);
  }

  replace(doc: StateDocument): Promise<void> {
    return this.#inner.replace(doc);
  }

  close(): Promise<void> {
    this.#closing ??= this.#inner.close().finally(() => this.#store.destroy());
    return this.#closing;
  }
}

function versioningWarnings(status: Awaited<ReturnType<S3ObjectStore['versioning']>>, bucket: string): string[] {
  const enable = `aws s3api put-bucket-versioning --bucket ${bucket} --versioning-configuration Status=Enabled`;
  switch (status) {
    case 'Enabled':
      return [];
    case 'Unknown':
      return [
        `bkp could not check whether versioning is on for the state bucket "${bucket}" (no s3:GetBucketVersioning permission). ` +
          `Without versioning a damaged or deleted state cannot be restored; turn it on with: ${enable}`,
      ];
    default:
      return [
        `Versioning is ${status === 'Suspended' ? 'suspended' : 'off'} for the state bucket "${bucket}": a damaged or deleted state cannot be restored. ` +
          `Turn it on with: ${enable}`,
      ];
  }
}
