// The sandbox account file: one JSON document holding the whole account, created on first use,
// replaced atomically (core/atomic-write.ts: temp file, fsync, rename) after each change, and
// guarded by a short lock file so several processes can share it. The parsed account is cached
// per path and re-read only when the file's identity (inode, size, mtime) changed, so read-only
// calls cost one stat().
import { mkdirSync, statSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { writeFileAtomicallySync } from '../core/atomic-write.js';
import { ErrorCode, UserError } from '../core/errors.js';
import { jsonChunks } from '../core/json-chunks.js';
import { READ_LIMITS, readTextFileLimitedSync } from '../core/read-file.js';
import { catchUpRealTime, realTimeCatchUpDue } from './clock.js';
import { acquireAccountLock, KeyedMutex, removeDeadWritersTempFilesOnce } from './account-lock.js';
import { DEFAULT_SANDBOX_ACCOUNT_ID, DEFAULT_SANDBOX_PATH, DEFAULT_SANDBOX_REGION } from './defaults.js';
import { newSeed } from './ids.js';
import { ACCOUNT_FORMAT_VERSION, type AccountState } from './state.js';

export { DEFAULT_SANDBOX_ACCOUNT_ID, DEFAULT_SANDBOX_PATH, DEFAULT_SANDBOX_REGION };

export interface AccountDefaults {
  accountId?: string;
  region?: string;
  /** Initial virtual time of a new account (default: now, to the second). */
  startTime?: Date;
  /** Id seed of a new account (default: random). */
  seed?: string;
}

export function newAccount(defaults: AccountDefaults = {}): AccountState {
  const start = defaults.startTime?.getTime() ?? Math.floor(Date.now() / 1000) * 1000;
  return {
    formatVersion: ACCOUNT_FORMAT_VERSION,
    accountId: defaults.accountId ?? DEFAULT_SANDBOX_ACCOUNT_ID,
    defaultRegion: defaults.region ?? DEFAULT_SANDBOX_REGION,
    clock: { mode: 'virtual', now: start, offsetMs: 0 },
    ids: { seed: defaults.seed ?? newSeed(), counter: 0 },
    backup: {},
    inventory: [],
    extensions: {},
  };
}

interface FileStamp {
  ino: bigint;
  size: bigint;
  mtimeNs: bigint;
}

interface CacheEntry {
  account: AccountState;
  stamp: FileStamp;
}

const cache = new Map<string, CacheEntry>();
/** Levels of the account written member by member: account, backup, region, collection. */
const ACCOUNT_CHUNK_DEPTH = 4;
const writers = new KeyedMutex();

function stampOf(path: string): FileStamp | undefined {
  try {
    const s = statSync(path, { bigint: true });
    return { ino: s.ino, size: s.size, mtimeNs: s.mtimeNs };
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw e;
  }
}

function sameStamp(a: FileStamp, b: FileStamp): boolean {
  return a.ino === b.ino && a.size === b.size && a.mtimeNs === b.mtimeNs;
}

function readAccountText(path: string): string {
  try {
    return readTextFileLimitedSync(path, READ_LIMITS.sandboxAccount);
  } catch (e) {
    throw new UserError(ErrorCode.Sandbox, `Cannot read the sandbox account file ${path}: ${(e as Error).message}.`, {
      hint: 'Point the sandbox provider at a regular file (or at a path that does not exist yet, to start a fresh account).',
      cause: e,
    });
  }
}

function parseAccount(path: string, text: string): AccountState {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (e) {
    throw new UserError(ErrorCode.Sandbox, `The sandbox account file ${path} is not valid JSON: ${(e as Error).message}.`, {
      hint: 'Delete the file to start a fresh sandbox account, or restore it from a copy.',
    });
  }
  const account = data as Partial<AccountState> | null;
  if (account === null || typeof account !== 'object' || typeof account.formatVersion !== 'number' || account.clock === undefined) {
    throw new UserError(ErrorCode.Sandbox, `${path} is not a bkp sandbox account file.`, {
      hint: 'Point the sandbox provider at another path, or delete the file to start a fresh account.',
    });
  }
  if (account.formatVersion > ACCOUNT_FORMAT_VERSION) {
    throw new UserError(ErrorCode.Sandbox, `The sandbox account file ${path} was written by a newer bkp (format ${account.formatVersion}).`, {
      hint: 'Upgrade bkp, or use another sandbox path.',
    });
  }
  const full = account as AccountState;
  full.extensions ??= {};
  full.inventory ??= [];
  full.backup ??= {};
  return full;
}

/** Load from disk unless the cached copy is still current. Returns undefined when there is no file. */
function loadCurrent(path: string): CacheEntry | undefined {
  const stamp = stampOf(path);
  if (stamp === undefined) {
    cache.delete(path);
    return undefined;
  }
  const cached = cache.get(path);
  if (cached !== undefined && sameStamp(cached.stamp, stamp)) return cached;
  const account = parseAccount(path, readAccountText(path));
  // Stat again after reading: if a writer replaced the file meanwhile, the next call re-reads.
  const entry = { account, stamp };
  cache.set(path, entry);
  return entry;
}

function writeAccountFile(path: string, account: AccountState): void {
  mkdirSync(dirname(path), { recursive: true });
  // The sandbox stands in for an AWS account in tests and demos: a crash of bkp leaves the old or
  // the new account, which is enough. Making the rename survive a power loss too (fsyncing the
  // directory) made each write 20-30 % slower on an idle ext4 disk, and several times slower on a
  // busy one. The account is written a record at a time (account → backup → region → collection
  // → record): 5,000 resources make a 4.5 MB file, and as one string, rewritten after every
  // group of changes, it added about 20 MB to the peak memory of a first apply.
  writeFileAtomicallySync(path, jsonChunks(account, ACCOUNT_CHUNK_DEPTH), { syncDirectory: false });
  const stamp = stampOf(path);
  if (stamp !== undefined) cache.set(path, { account, stamp });
}

/**
 * The account for reading. Creates the file on first use. The returned object is shared with the
 * cache: callers must not mutate it (use updateAccount for changes).
 */
export async function readAccount(path: string, defaults: AccountDefaults = {}): Promise<AccountState> {
  const absolute = resolve(path);
  const entry = loadCurrent(absolute);
  if (entry !== undefined) return entry.account;
  return updateAccount(absolute, defaults, (account) => ({ value: account, changed: false }));
}

export interface AccountChange<T> {
  value: T;
  changed: boolean;
}

interface QueuedChange {
  defaults: AccountDefaults;
  change: (account: AccountState) => AccountChange<unknown> | Promise<AccountChange<unknown>>;
  resolve: (value: unknown) => void;
  reject: (error: unknown) => void;
}

/** Changes waiting for the next commit, per account file. */
const queues = new Map<string, QueuedChange[]>();

/**
 * Read-modify-write under the lock file. `change` mutates the account and says whether it did;
 * only then is the file rewritten.
 *
 * Changes are group-committed: every change queued while a commit waits for the lock is applied
 * in arrival order and saved by one write, and each caller is answered only after that write.
 * Rewriting the whole file per change made the cost of a run grow with the square of the
 * account's size (a 2,000-resource first apply spent most of its time re-serialising it).
 */
export function updateAccount<T>(
  path: string,
  defaults: AccountDefaults,
  change: (account: AccountState) => AccountChange<T> | Promise<AccountChange<T>>,
): Promise<T> {
  const absolute = resolve(path);
  return new Promise<T>((resolvePromise, reject) => {
    const queued: QueuedChange = { defaults, change, resolve: resolvePromise as (value: unknown) => void, reject };
    const queue = queues.get(absolute);
    if (queue !== undefined) {
      queue.push(queued);
      return;
    }
    queues.set(absolute, [queued]);
    void writers.run(absolute, () => commitQueued(absolute));
  });
}

/** Takes the queue once the lock is held, so that changes arriving meanwhile share the write. */
async function commitQueued(path: string): Promise<void> {
  let release: (() => void) | undefined;
  try {
    mkdirSync(dirname(path), { recursive: true });
    // Let requests that are already on their way join this commit.
    await new Promise((done) => setImmediate(done));
    release = await acquireAccountLock(`${path}.lock`);
  } catch (e) {
    for (const queued of takeQueue(path)) queued.reject(e);
    return;
  }
  try {
    removeDeadWritersTempFilesOnce(path);
    let batch = takeQueue(path);
    while (batch.length > 0) batch = await commitBatch(path, batch);
  } finally {
    release();
  }
}

function takeQueue(path: string): QueuedChange[] {
  const queue = queues.get(path) ?? [];
  queues.delete(path);
  return queue;
}

/**
 * Applies `batch` to the account and writes it once. When a change throws, the account may be
 * half-changed: nothing is written, the thrower gets its error, and the others are returned to be
 * applied again to a fresh copy of the file (none of them has been answered yet).
 */
async function commitBatch(path: string, batch: QueuedChange[]): Promise<QueuedChange[]> {
  let existing: CacheEntry | undefined;
  try {
    existing = loadCurrent(path);
  } catch (e) {
    for (const queued of batch) queued.reject(e);
    return [];
  }
  const account = existing?.account ?? newAccount(batch[0]!.defaults);
  let changed = existing === undefined;
  const values: unknown[] = [];
  for (const [index, queued] of batch.entries()) {
    try {
      const result = await queued.change(account);
      values.push(result.value);
      changed ||= result.changed;
    } catch (e) {
      cache.delete(path);
      queued.reject(e);
      return [...batch.slice(0, index), ...batch.slice(index + 1)];
    }
  }
  if (changed) {
    try {
      writeAccountFile(path, account);
    } catch (e) {
      cache.delete(path);
      const error = new UserError(ErrorCode.Sandbox, `Cannot write the sandbox account file ${path}: ${(e as Error).message}.`, { cause: e });
      for (const queued of batch) queued.reject(error);
      return [];
    }
  }
  batch.forEach((queued, index) => queued.resolve(values[index]));
  return [];
}

/** Drop the cached copy of an account (after a read-only handler touched it by mistake, or in tests). */
export function forgetCachedAccount(path: string): void {
  cache.delete(resolve(path));
}

/** Handle on one account file for in-process users (CLI commands such as `sandbox advance`). */
export interface SandboxHandle {
  readonly path: string;
  /** The current account, read-only (in real-time mode, with due events processed first). */
  read(): Promise<AccountState>;
  /** Apply a change under the lock and save it. */
  update<T>(change: (account: AccountState) => T | Promise<T>): Promise<T>;
}

export function openSandbox(path: string = DEFAULT_SANDBOX_PATH, defaults: AccountDefaults = {}): SandboxHandle {
  const absolute = resolve(path);
  return {
    path: absolute,
    read: async () => {
      const account = await readAccount(absolute, defaults);
      if (!realTimeCatchUpDue(account)) return account;
      // Real-time mode: process what the wall clock made due before anyone looks.
      return updateAccount(absolute, defaults, (current) => ({ value: current, changed: catchUpRealTime(current) }));
    },
    update: (change) => updateAccount(absolute, defaults, async (account) => ({ value: await change(account), changed: true })),
  };
}
