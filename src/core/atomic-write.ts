// Replacing a file so that a crash leaves either the old or the new content, never a mix: the
// content goes to a fresh temp file beside the target (same directory, so the rename cannot cross
// file systems and is atomic), is fsynced, and the temp file is renamed over the target; then the
// directory is fsynced, so that the rename itself survives a power loss. Files are private (0600):
// states, saved plans and sandbox accounts hold ARNs, account ids and role names.
import { closeSync, constants as fsConstants, fchmodSync, fsyncSync, linkSync, openSync, readdirSync, renameSync, unlinkSync, writeSync } from 'node:fs';
import { open, rename, unlink, type FileHandle } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';

export const PRIVATE_FILE_MODE = 0o600;

/** A file's content; in pieces, it is written without first being copied into one buffer. */
export type FileContent = string | Buffer | readonly Buffer[];

export interface AtomicWriteOptions {
  /**
   * fsync the directory after the rename (default true). Without it a process crash still leaves
   * the old or the new file, but a crash of the machine may bring the old one back.
   */
  syncDirectory?: boolean;
  /** The new file's permissions (default 0600): a file of the user's, rewritten, keeps its own. */
  mode?: number;
  /** Test seam: called once the temp file exists (mode 0600, still empty). */
  onTempFileCreated?: (tempPath: string) => void | Promise<void>;
  /** Test seam: called once the temp file holds the whole content, fsynced, just before the rename. */
  beforeRename?: (tempPath: string) => void | Promise<void>;
}

/**
 * Exclusive create: a temp file is never shared with, or left over by, another writer, and never
 * opened through a symbolic link planted under its name (O_EXCL refuses an existing link;
 * O_NOFOLLOW says so again where the platform has it).
 */
const CREATE_EXCLUSIVE = fsConstants.O_WRONLY | fsConstants.O_CREAT | fsConstants.O_EXCL | (fsConstants.O_NOFOLLOW ?? 0);

/**
 * Replaces `target` with `content`, atomically and durably (see above). On failure the target is
 * unchanged and the temp file is removed; the error is the file system's own, for the caller to
 * explain.
 */
export async function writeFileAtomically(target: string, content: FileContent, options: AtomicWriteOptions = {}): Promise<void> {
  const temp = tempPathFor(target);
  try {
    const mode = options.mode ?? PRIVATE_FILE_MODE;
    const handle = await open(temp, CREATE_EXCLUSIVE, mode);
    try {
      // The umask may have removed bits from the mode asked for at creation: that mode exactly,
      // before the file holds any data.
      await handle.chmod(mode);
      await options.onTempFileCreated?.(temp);
      await writeAll(handle, chunksOf(content));
      await handle.sync();
    } finally {
      await handle.close();
    }
    await options.beforeRename?.(temp);
    await rename(temp, target);
  } catch (e) {
    await unlink(temp).catch(() => undefined);
    throw e;
  }
  if (options.syncDirectory ?? true) await syncDirectory(dirname(target));
}

/**
 * writeFileAtomically with synchronous calls, for small files written very often (the sandbox's
 * account, once per changing AWS call): the same calls through the thread pool made each such
 * write about twice as slow. Same guarantees; no test seams. `content` may be chunks, written one
 * after the other, so that a large document need not exist as one string.
 */
export function writeFileAtomicallySync(target: string, content: string | Buffer | Iterable<string>, options: Pick<AtomicWriteOptions, 'syncDirectory'> = {}): void {
  const temp = tempPathFor(target);
  try {
    const fd = openSync(temp, CREATE_EXCLUSIVE, PRIVATE_FILE_MODE);
    try {
      fchmodSync(fd, PRIVATE_FILE_MODE);
      if (typeof content === 'string' || Buffer.isBuffer(content)) writeAllSync(fd, content);
      else writeChunksSync(fd, content);
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    renameSync(temp, target);
  } catch (e) {
    try {
      unlinkSync(temp);
    } catch {
      // Not created, or already renamed: nothing to remove.
    }
    throw e;
  }
  if (options.syncDirectory ?? true) syncDirectorySync(dirname(target));
}

/**
 * Creates `target` holding `content` only if no file (or link) of that name exists: false when one
 * does. Other processes see the file either absent or whole, never empty or half-written: the
 * content goes to a temp file first, which is then hard-linked under the target's name (link(2)
 * fails when the name exists, atomically). Where the file system has no hard links, the file is
 * created exclusively in place and written (a crash may then leave it empty). Synchronous: lock
 * files are taken for every sandbox account write.
 */
export function createFileExclusivelySync(target: string, content: string, options: { sync: boolean }): boolean {
  const temp = tempPathFor(target);
  let linked: boolean;
  try {
    writeNewFileSync(temp, content, options.sync);
    try {
      linkSync(temp, target);
      linked = true;
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      if (code === 'EEXIST') return false;
      if (!LINK_UNSUPPORTED.has(code ?? '')) throw e;
      linked = false;
    }
  } finally {
    try {
      unlinkSync(temp);
    } catch {
      // Not created: nothing to remove.
    }
  }
  if (linked) return true;
  try {
    writeNewFileSync(target, content, options.sync);
    return true;
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw e;
  }
}

/** link(2) errors of file systems without hard links (FAT, some network shares). */
const LINK_UNSUPPORTED = new Set(['EPERM', 'ENOTSUP', 'EOPNOTSUPP', 'ENOSYS', 'EXDEV']);

/** Creates `path` exclusively (0600) with `content`; on a failed write the file is removed. */
function writeNewFileSync(path: string, content: string, sync: boolean): void {
  const fd = openSync(path, CREATE_EXCLUSIVE, PRIVATE_FILE_MODE);
  try {
    // The umask may have taken bits from the mode asked for: 0600 exactly, as every private file.
    fchmodSync(fd, PRIVATE_FILE_MODE);
    writeAllSync(fd, content);
    if (sync) fsyncSync(fd);
  } catch (e) {
    closeSync(fd);
    try {
      unlinkSync(path);
    } catch {
      // Already gone.
    }
    throw e;
  }
  closeSync(fd);
}

/**
 * `.NAME.<pid>.<random>.tmp` beside the target: hidden, and one per process and write. The random
 * part need not be unpredictable (the exclusive create refuses an existing file or a symbolic
 * link planted under the name), so it costs a Math.random, not a call into crypto.
 */
export function tempPathFor(target: string): string {
  const random = Math.floor(Math.random() * 2 ** 48).toString(16);
  return join(dirname(target), `.${basename(target)}.${process.pid}.${random}.tmp`);
}

/**
 * Matches the names of `target`'s temp files and captures the pid that wrote them, so that the
 * owner of a file can remove those a killed writer left behind.
 */
export function tempFilePattern(target: string): RegExp {
  const escaped = basename(target).replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return new RegExp(`^\\.${escaped}\\.(\\d+)\\.[0-9a-f]+\\.tmp$`);
}

/**
 * Removes the temp files of `target` whose writer (the pid in their name) `isAlive` says is gone:
 * a writer killed mid-write leaves its temp file behind. Call it only while holding the lock that
 * guards `target`, so that no live writer is between creating and renaming one.
 */
export function removeTempFilesOfDeadWritersSync(target: string, isAlive: (pid: number) => boolean): void {
  const dir = dirname(target);
  const pattern = tempFilePattern(target);
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    return;
  }
  for (const name of names) {
    const match = pattern.exec(name);
    if (match === null || isAlive(Number(match[1]))) continue;
    try {
      unlinkSync(join(dir, name));
    } catch {
      // Gone already, or not ours to remove: it does no harm where it is.
    }
  }
}

/** The most buffers one writev takes (IOV_MAX on Linux and macOS): more are written partly. */
const MAX_BUFFERS_PER_WRITE = 1024;

/**
 * Writes every byte of `chunks`, in order, from the file's current offset, at most
 * MAX_BUFFERS_PER_WRITE at a time. A state of 5,000 resources is 10,000 chunks: handed over whole,
 * each partial write left a copy of the rest of the list, arrays large enough to be allocated
 * straight into the old generation, once per state write.
 */
export async function writeAll(handle: FileHandle, chunks: readonly Buffer[]): Promise<void> {
  let next = 0;
  let batch: Buffer[] = [];
  while (next < chunks.length || batch.length > 0) {
    while (batch.length < MAX_BUFFERS_PER_WRITE && next < chunks.length) {
      const chunk = chunks[next++]!;
      if (chunk.length > 0) batch.push(chunk);
    }
    if (batch.length === 0) break;
    const { bytesWritten } = await handle.writev(batch);
    if (bytesWritten === 0) throw new Error('the file system accepted no bytes');
    batch = after(batch, bytesWritten);
  }
}

/** Chunks are gathered into writes of about this many characters: one system call per small chunk cost more than the copy. */
const CHUNK_WRITE_SIZE = 64 * 1024;

function writeChunksSync(fd: number, chunks: Iterable<string>): void {
  let pending: string[] = [];
  let pendingLength = 0;
  for (const chunk of chunks) {
    pending.push(chunk);
    pendingLength += chunk.length;
    if (pendingLength >= CHUNK_WRITE_SIZE) {
      writeAllSync(fd, pending.join(''));
      pending = [];
      pendingLength = 0;
    }
  }
  if (pendingLength > 0) writeAllSync(fd, pending.join(''));
}

/** Writes every byte of `content` from the file's current offset. */
export function writeAllSync(fd: number, content: string | Buffer): void {
  let bytes: Buffer;
  let written: number;
  if (typeof content === 'string') {
    // Text is written as it is: encoding a large account into a Buffer first cost as much again.
    written = writeSync(fd, content);
    if (written === Buffer.byteLength(content)) return;
    bytes = Buffer.from(content);
  } else {
    bytes = content;
    written = 0;
  }
  while (written < bytes.length) {
    const n = writeSync(fd, bytes, written);
    if (n === 0) throw new Error('the file system accepted no bytes');
    written += n;
  }
}

function chunksOf(content: FileContent): readonly Buffer[] {
  return typeof content === 'string' ? [Buffer.from(content)] : Buffer.isBuffer(content) ? [content] : content;
}

/** What remains of `chunks` once their first `written` bytes are written (a write may stop short). */
function after(chunks: readonly Buffer[], written: number): Buffer[] {
  let left = written;
  let i = 0;
  while (i < chunks.length && left >= chunks[i]!.length) left -= chunks[i++]!.length;
  return i === chunks.length ? [] : [chunks[i]!.subarray(left), ...chunks.slice(i + 1)];
}

/** Some platforms cannot open or fsync a directory: there the rename is as durable as it gets. */
const DIRECTORY_SYNC_UNSUPPORTED = new Set(['EISDIR', 'EPERM', 'EINVAL', 'EBADF', 'EACCES']);

async function syncDirectory(dir: string): Promise<void> {
  let handle;
  try {
    handle = await open(dir, 'r');
    await handle.sync();
  } catch (e) {
    if (!DIRECTORY_SYNC_UNSUPPORTED.has((e as NodeJS.ErrnoException).code ?? '')) throw e;
  } finally {
    await handle?.close();
  }
}

function syncDirectorySync(dir: string): void {
  let fd: number | undefined;
  try {
    fd = openSync(dir, 'r');
    fsyncSync(fd);
  } catch (e) {
    if (!DIRECTORY_SYNC_UNSUPPORTED.has((e as NodeJS.ErrnoException).code ?? '')) throw e;
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}
