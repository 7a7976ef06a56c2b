// The journal beside a sandbox account file (`<account>.journal`): the records changed since the
// account file was last written whole, one line per commit. A commit used to rewrite the whole
// account, 4.5 MB at 5,000 resources, for every group of changes, so a large first apply grew
// with the square of its size; appending the records a commit changed costs the same at any size.
// account.ts folds the journal into the account file when it has grown as large as the account,
// and when the process that wrote it exits.
//
// Format: a header line {"bkpSandboxJournal":1,"generation":g,"accountBytes":n}, then one line
// per commit, a JSON array of [path] (deleted) or [path, value] (written whole). The header names
// the account file it continues: the account's journalGeneration and its size in bytes. A journal
// naming another account file (one written whole since, or replaced by hand) is ignored. A last
// line without its newline was cut short by a crash before its commit was answered: it is ignored,
// and the next append writes over it.
import { closeSync, fdatasyncSync, fstatSync, ftruncateSync, openSync, statSync, unlinkSync, writeSync } from 'node:fs';
import { writeFileAtomicallySync } from '../core/atomic-write.js';
import { ErrorCode, UserError } from '../core/errors.js';
import { READ_LIMITS, readFileLimitedSync } from '../core/read-file.js';
import { fileErrorText } from '../core/file-errors.js';

export const JOURNAL_FORMAT = 1;

/** One record written (with its value) or deleted (without). */
export type JournalChange = [path: string[], value?: unknown];

/** Which account file a journal continues. */
export interface JournalBase {
  generation: number;
  accountBytes: number;
}

/** How much of a journal file has been read (or written) whole. */
export interface JournalPosition {
  ino: bigint;
  /** Bytes of whole lines, header included. */
  bytes: number;
}

export function journalPathFor(accountPath: string): string {
  return `${accountPath}.journal`;
}

const NEWLINE = 0x0a;

function headerLine(base: JournalBase): string {
  return `${JSON.stringify({ bkpSandboxJournal: JOURNAL_FORMAT, generation: base.generation, accountBytes: base.accountBytes })}\n`;
}

function journalError(path: string, line: number, problem: string): UserError {
  return new UserError(ErrorCode.Sandbox, `The sandbox journal ${path} is damaged at line ${line}: ${problem}.`, {
    hint: 'Delete the journal to go back to the account as it was last written whole, or restore both files from a copy.',
  });
}

function fileIno(path: string): bigint | undefined {
  return statSync(path, { bigint: true, throwIfNoEntry: false })?.ino;
}

/**
 * Size and identity of the journal file, or undefined when there is none. Asked before every
 * read-only request: a missing file is answered without an exception.
 */
export function journalStamp(path: string): { ino: bigint; size: number } | undefined {
  const stat = statSync(path, { bigint: true, throwIfNoEntry: false });
  return stat === undefined ? undefined : { ino: stat.ino, size: Number(stat.size) };
}

/** The journal's bytes from `offset` on, and the inode they were read from; undefined when there is no journal. */
function readFrom(path: string, offset: number): { bytes: Buffer; ino: bigint } | undefined {
  let bytes: Buffer;
  try {
    bytes = readFileLimitedSync(path, READ_LIMITS.sandboxAccount, offset);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw new UserError(ErrorCode.Sandbox, `Cannot read the sandbox journal ${path}: ${fileErrorText(e, 'read')}.`, {
      hint: 'Delete the journal to go back to the account as it was last written whole, or restore both files from a copy.',
      cause: e,
    });
  }
  // Stat after reading: a journal replaced meanwhile (folded by another process) has another inode.
  const ino = fileIno(path);
  return ino === undefined ? undefined : { bytes, ino };
}

function isChange(value: unknown): value is JournalChange {
  return Array.isArray(value) && (value.length === 1 || value.length === 2) && Array.isArray(value[0]) && (value[0] as unknown[]).every((key) => typeof key === 'string');
}

/**
 * The commits in the journal after `from` (a position read before; the start when undefined),
 * and the position after the last whole line. Undefined when there is no journal, or when it
 * continues another account file than `base`.
 */
export function readJournal(path: string, base: JournalBase, from?: JournalPosition): { commits: JournalChange[][]; position: JournalPosition } | undefined {
  const read = readFrom(path, from?.bytes ?? 0);
  if (read === undefined || (from !== undefined && read.ino !== from.ino)) return undefined;
  const commits: JournalChange[][] = [];
  let start = 0;
  let line = 0;
  let headerSeen = from !== undefined;
  for (let end = read.bytes.indexOf(NEWLINE); end !== -1; end = read.bytes.indexOf(NEWLINE, start)) {
    line++;
    let parsed: unknown;
    try {
      parsed = JSON.parse(read.bytes.toString('utf8', start, end));
    } catch (e) {
      throw journalError(path, line, (e as Error).message);
    }
    if (!headerSeen) {
      const header = parsed as Partial<{ bkpSandboxJournal: number; generation: number; accountBytes: number }> | null;
      if (header?.bkpSandboxJournal !== JOURNAL_FORMAT || header.generation !== base.generation || header.accountBytes !== base.accountBytes) return undefined;
      headerSeen = true;
    } else {
      if (!Array.isArray(parsed) || !parsed.every(isChange)) throw journalError(path, line, 'not a list of changes');
      commits.push(parsed);
    }
    start = end + 1;
  }
  if (!headerSeen) return undefined;
  return { commits, position: { ino: read.ino, bytes: (from?.bytes ?? 0) + start } };
}

/** Applies one commit's changes to `account` (parsed values: nothing is shared with the journal). */
export function applyJournalCommit(account: object, changes: readonly JournalChange[]): void {
  for (const [path, ...value] of changes) {
    let parent = account as Record<string, unknown>;
    for (const key of path.slice(0, -1)) {
      const next = parent[key];
      if (next === null || typeof next !== 'object') {
        if (value.length === 0) break;
        parent[key] = {};
      }
      parent = parent[key] as Record<string, unknown>;
    }
    const last = path[path.length - 1]!;
    if (value.length === 0) delete parent[last];
    else parent[last] = value[0];
  }
}

/** The change saving `path` of `account` as it is now: its value, or its deletion. */
export function changeAt(account: object, path: string[]): JournalChange {
  let value: unknown = account;
  for (const key of path) {
    if (value === null || typeof value !== 'object') return [path];
    value = (value as Record<string, unknown>)[key];
  }
  return value === undefined ? [path] : [path, value];
}

/**
 * Appends one commit and waits until it is on disk. `at` is the position of the journal's last
 * whole line when it continues `base`; when undefined, a new journal starting with this commit
 * replaces whatever file is there. Returns the position after the commit.
 */
export function appendJournalCommit(path: string, base: JournalBase, at: JournalPosition | undefined, changes: readonly JournalChange[]): JournalPosition {
  const line = Buffer.from(`${JSON.stringify(changes)}\n`);
  if (at === undefined) {
    const header = Buffer.from(headerLine(base));
    writeFileAtomicallySync(path, Buffer.concat([header, line]), { syncDirectory: false });
    return { ino: fileIno(path) ?? 0n, bytes: header.length + line.length };
  }
  const fd = openSync(path, 'r+');
  try {
    const stat = fstatSync(fd, { bigint: true });
    if (stat.ino !== at.ino) throw new Error('the journal was replaced while the lock was held');
    // A line cut short by a crash: never answered, so written over.
    if (Number(stat.size) > at.bytes) ftruncateSync(fd, at.bytes);
    let written = 0;
    while (written < line.length) written += writeSync(fd, line, written, line.length - written, at.bytes + written);
    fdatasyncSync(fd);
  } finally {
    closeSync(fd);
  }
  return { ino: at.ino, bytes: at.bytes + line.length };
}

export function removeJournal(path: string): void {
  try {
    unlinkSync(path);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw e;
  }
}
