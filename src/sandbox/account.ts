// The sandbox account file: one JSON document holding the whole account, created on first use,
// and guarded by a short lock file so several processes can share it. A commit appends the records
// it changed to the account's journal (account-journal.ts); the account file is rewritten whole,
// atomically (core/atomic-write.ts: temp file, fsync, rename), when the journal has grown as large
// as it, and when the process that wrote the journal exits. The parsed account is cached per path
// and brought up to date from the journal, or re-read when the file's identity (inode, size,
// mtime) changed, so read-only calls cost two stat()s.
import { mkdirSync, statSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { writeFileAtomicallySync } from '../core/atomic-write.js';
import { ErrorCode, InternalError, UserError } from '../core/errors.js';
import { jsonChunks } from '../core/json-chunks.js';
import { READ_LIMITS, readTextFileLimitedSync } from '../core/read-file.js';
import { catchUpRealTime, realTimeCatchUpDue } from './clock.js';
import { trackChanges } from './account-changes.js';
import { appendJournalCommit, applyJournalCommit, changeAt, type JournalBase, type JournalChange, journalPathFor, type JournalPosition, journalStamp, readJournal, removeJournal } from './account-journal.js';
import { acquireAccountLock, KeyedMutex, removeDeadWritersTempFilesOnce, tryAccountLockSync } from './account-lock.js';
import { DEFAULT_SANDBOX_ACCOUNT_ID, DEFAULT_SANDBOX_PATH, DEFAULT_SANDBOX_REGION } from './defaults.js';
import { newSeed } from './ids.js';
import { ACCOUNT_FORMAT_VERSION, type AccountState } from './state.js';
import { fileErrorText } from '../core/file-errors.js';

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
  /** Of the account file. */
  stamp: FileStamp;
  /** Bytes of the account file as read or written (the journal names its account file by them). */
  accountBytes: number;
  /** How far the journal continuing the account file has been applied; undefined: there is none. */
  journal: JournalPosition | undefined;
}

const cache = new Map<string, CacheEntry>();
/** Levels of the account written member by member: account, backup, region, collection. */
const ACCOUNT_CHUNK_DEPTH = 4;
/** The journal is folded into the account file once it is larger than the account, or than this. */
const FOLD_JOURNAL_AFTER_BYTES = 1 << 20;
const writers = new KeyedMutex();

function journalBase(entry: Pick<CacheEntry, 'account' | 'accountBytes'>): JournalBase {
  return { generation: entry.account.journalGeneration ?? 0, accountBytes: entry.accountBytes };
}

function stampOf(path: string): FileStamp | undefined {
  const s = statSync(path, { bigint: true, throwIfNoEntry: false });
  return s === undefined ? undefined : { ino: s.ino, size: s.size, mtimeNs: s.mtimeNs };
}

function sameStamp(a: FileStamp, b: FileStamp): boolean {
  return a.ino === b.ino && a.size === b.size && a.mtimeNs === b.mtimeNs;
}

function readAccountText(path: string): string {
  try {
    return readTextFileLimitedSync(path, READ_LIMITS.sandboxAccount);
  } catch (e) {
    throw new UserError(ErrorCode.Sandbox, `Cannot read the sandbox account file ${path}: ${fileErrorText(e, 'read')}.`, {
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
  // Files of older bkp versions have no activeJobs.
  for (const region of Object.values(full.backup)) region.activeJobs ??= {};
  return full;
}

/** The account file and its journal as they are on disk, without the cache. */
function loadFromDisk(path: string, stamp: FileStamp): CacheEntry {
  const text = readAccountText(path);
  const entry: CacheEntry = { account: parseAccount(path, text), stamp, accountBytes: Buffer.byteLength(text), journal: undefined };
  const journal = readJournal(journalPathFor(path), journalBase(entry));
  if (journal !== undefined) {
    for (const commit of journal.commits) applyJournalCommit(entry.account, commit);
    entry.journal = journal.position;
  }
  return entry;
}

/**
 * The account as the file and its journal hold it now, read past the cache and shared with no
 * one: what another process would read. Undefined when there is no account file.
 */
export function readAccountFromDisk(path: string): AccountState | undefined {
  const absolute = resolve(path);
  const stamp = stampOf(absolute);
  return stamp === undefined ? undefined : loadFromDisk(absolute, stamp).account;
}

/**
 * Copies the account at `source` (its file and journal) to `target` as one whole account file.
 * False when there is no account at `source`.
 */
export function copyAccountFile(source: string, target: string): boolean {
  const account = readAccountFromDisk(source);
  if (account === undefined) return false;
  writeFileAtomicallySync(resolve(target), jsonChunks(account, ACCOUNT_CHUNK_DEPTH), { syncDirectory: false });
  return true;
}

/** Load from disk unless the cached copy is still current. Returns undefined when there is no file. */
function loadCurrent(path: string): CacheEntry | undefined {
  const stamp = stampOf(path);
  if (stamp === undefined) {
    cache.delete(path);
    return undefined;
  }
  const cached = cache.get(path);
  if (cached !== undefined && sameStamp(cached.stamp, stamp) && catchUpWithJournal(path, cached)) return cached;
  // If a writer replaced the file after the stat, the next call sees a new stamp and reads again.
  const entry = loadFromDisk(path, stamp);
  cache.set(path, entry);
  return entry;
}

/** Applies what other processes appended to the journal since `cached` was read; false: read it all again. */
function catchUpWithJournal(path: string, cached: CacheEntry): boolean {
  const journalPath = journalPathFor(path);
  const now = journalStamp(journalPath);
  if (now === undefined || cached.journal === undefined) return now === undefined && cached.journal === undefined;
  if (now.ino !== cached.journal.ino) return false;
  if (now.size === cached.journal.bytes) return true;
  const appended = readJournal(journalPath, journalBase(cached), cached.journal);
  if (appended === undefined) return false;
  for (const commit of appended.commits) applyJournalCommit(cached.account, commit);
  cached.journal = appended.position;
  return true;
}

/**
 * Writes the account file whole, starting a new journal generation, and removes the journal it
 * holds. A crash in between leaves a journal naming the previous account file, which is ignored.
 */
function writeWholeAccount(path: string, account: AccountState): void {
  mkdirSync(dirname(path), { recursive: true });
  const previousGeneration = account.journalGeneration;
  account.journalGeneration = (previousGeneration ?? 0) + 1;
  // The sandbox stands in for an AWS account in tests and demos: a crash of bkp leaves the old or
  // the new account, which is enough. Making the rename survive a power loss too (fsyncing the
  // directory) made each write 20-30 % slower on an idle ext4 disk, and several times slower on a
  // busy one. The account is written a record at a time (account → backup → region → collection
  // → record), never as one string of several megabytes.
  let bytes = 0;
  const chunks = jsonChunks(account, ACCOUNT_CHUNK_DEPTH);
  const counted = (function* () {
    for (const chunk of chunks) {
      bytes += Buffer.byteLength(chunk);
      yield chunk;
    }
  })();
  try {
    writeFileAtomicallySync(path, counted, { syncDirectory: false });
  } catch (e) {
    // The file on disk is still the previous generation, and the account in memory must say so.
    account.journalGeneration = previousGeneration;
    throw e;
  }
  removeJournal(journalPathFor(path));
  const stamp = stampOf(path);
  if (stamp !== undefined) cache.set(path, { account, stamp, accountBytes: bytes, journal: undefined });
}

/** Appends one commit's changes to the journal, and folds the journal in once it is large. */
function journalCommit(path: string, entry: CacheEntry, changes: readonly JournalChange[]): void {
  entry.journal = appendJournalCommit(journalPathFor(path), journalBase(entry), entry.journal, changes);
  foldAtExit(path);
  if (entry.journal.bytes <= Math.max(entry.accountBytes, FOLD_JOURNAL_AFTER_BYTES)) return;
  try {
    writeWholeAccount(path, entry.account);
  } catch {
    // The commit is on disk, in the journal: folding is tried again at the next commit, or at exit.
  }
}

/** Account files this process has journaled to: folded into their account files when it exits. */
const journaled = new Set<string>();

function foldAtExit(path: string): void {
  if (journaled.size === 0) process.once('exit', foldJournals);
  journaled.add(path);
}

/**
 * Leaves each account file this process wrote to whole, so that the file alone is the account
 * when no bkp runs. Best effort: a journal left behind (the lock was busy, the process was
 * killed) is read with its account file, and folded by the next writer that exits.
 */
function foldJournals(): void {
  for (const path of journaled) {
    let release: (() => void) | undefined;
    try {
      release = tryAccountLockSync(`${path}.lock`);
      if (release === undefined) continue;
      const entry = loadCurrent(path);
      if (entry?.journal !== undefined) writeWholeAccount(path, entry.account);
    } catch {
      // Left as it is: the account is the file and its journal.
    } finally {
      release?.();
    }
  }
}

/**
 * With BKP_SANDBOX_VERIFY_JOURNAL=1 (the test suites), each commit checks that the account file
 * and its journal read back as the account in memory: a handler that changed the account without
 * the change being noted (account-changes.ts) fails the test that ran it.
 */
function verifyAgainstDisk(path: string, entry: CacheEntry): void {
  if (process.env['BKP_SANDBOX_VERIFY_JOURNAL'] !== '1') return;
  const onDisk = JSON.stringify(loadFromDisk(path, entry.stamp).account);
  const inMemory = JSON.stringify(entry.account);
  if (onDisk === inMemory) return;
  let at = 0;
  while (onDisk[at] === inMemory[at]) at++;
  throw new InternalError(`The sandbox account in memory differs from ${path} and its journal at character ${at}: …${inMemory.slice(Math.max(0, at - 80), at + 80)}… on disk …${onDisk.slice(Math.max(0, at - 80), at + 80)}…`);
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
    removeDeadWritersTempFilesOnce(journalPathFor(path));
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
 * Applies `batch` to the account and saves it once: the records the changes wrote go to the
 * journal, or a new account is written whole. When a change throws, the account may be
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
  const tracker = trackChanges(account);
  const values: unknown[] = [];
  for (const [index, queued] of batch.entries()) {
    try {
      const result = await queued.change(tracker.tracked);
      values.push(tracker.untracked(result.value));
    } catch (e) {
      cache.delete(path);
      queued.reject(e);
      return [...batch.slice(0, index), ...batch.slice(index + 1)];
    }
  }
  try {
    if (existing === undefined) {
      // A journal without its account file belongs to none: it must not continue the new one.
      removeJournal(journalPathFor(path));
      writeWholeAccount(path, account);
    } else {
      // Whatever was written is saved, whether or not the change said it changed something.
      const changes = tracker.changedPaths().map((changed) => changeAt(account, changed));
      if (changes.length > 0) journalCommit(path, existing, changes);
    }
    verifyAgainstDisk(path, cache.get(path)!);
  } catch (e) {
    cache.delete(path);
    const error = e instanceof InternalError ? e : new UserError(ErrorCode.Sandbox, `Cannot write the sandbox account file ${path}: ${fileErrorText(e, 'write')}.`, { cause: e });
    for (const queued of batch) queued.reject(error);
    return [];
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
