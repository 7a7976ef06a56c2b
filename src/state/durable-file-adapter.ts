// A lowdb adapter that survives crashes: every write goes to a fresh temp file in the same
// directory, is fsynced, renamed over the target and the directory is fsynced, so the target is
// always either the old or the new document, never a mix. Files are private (mode 0600): a
// state holds ARNs, account ids and role names.
import { constants as fsConstants } from 'node:fs';
import { open, readFile, rename, unlink, type FileHandle } from 'node:fs/promises';
import { dirname } from 'node:path';
import type { Adapter } from 'lowdb';
import { ErrorCode, UserError } from '../core/errors.js';
import { displayPath, tempPathFor } from './paths.js';

export const PRIVATE_FILE_MODE = 0o600;

export interface FileFormat<T> {
  /** Text → data; throws a UserError that names `path` when the text is not acceptable. */
  parse(text: string, path: string): T;
  /** The file's content; in pieces, it is written without first being copied into one buffer. */
  serialize(data: T): string | Buffer | readonly Buffer[];
}

export interface DurableFileOptions<T> {
  format: FileFormat<T>;
  /**
   * Before the first write through this adapter, the target's current bytes are copied here
   * (atomically, mode 0600), so it holds the file as it was before this run changed it.
   */
  backupPath?: string;
  /** Test seam: called once a temp file exists (mode set, still empty). */
  onTempFileCreated?: (tempPath: string) => void | Promise<void>;
}

/**
 * Test hook of the crash suite (test/reliability), inert unless set:
 * BKP_TEST_KILL_DURING_STATE_WRITE=N SIGKILLs this process in its Nth atomic write (backup copies
 * count), once the temp file is complete and before the rename; `N:partial` kills it halfway
 * through writing the temp file instead.
 */
const killDuringWrite = /^(\d+)(:partial)?$/.exec(process.env.BKP_TEST_KILL_DURING_STATE_WRITE ?? '');
let atomicWrites = 0;

function crashPointReached(partial: boolean): boolean {
  if (killDuringWrite === null || (killDuringWrite[2] !== undefined) !== partial) return false;
  return atomicWrites === Number(killDuringWrite[1]);
}

export class DurableFileAdapter<T> implements Adapter<T> {
  readonly path: string;
  readonly #options: DurableFileOptions<T>;
  #backupTaken = false;

  constructor(path: string, options: DurableFileOptions<T>) {
    this.path = path;
    this.#options = options;
  }

  async read(): Promise<T | null> {
    let text: string;
    try {
      text = await readFile(this.path, 'utf8');
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'ENOENT') return null;
      throw new UserError(ErrorCode.StateCorrupt, `Cannot read the state file ${displayPath(this.path)}: ${errnoText(e)}.`, {
        cause: e,
        hint: 'Check that the file is a regular file you may read.',
      });
    }
    return this.#options.format.parse(text, this.path);
  }

  async write(data: T): Promise<void> {
    if (!this.#backupTaken && this.#options.backupPath !== undefined) {
      await this.#copyToBackup(this.#options.backupPath);
      this.#backupTaken = true;
    }
    await this.#writeAtomically(this.path, this.#options.format.serialize(data));
  }

  async #copyToBackup(backupPath: string): Promise<void> {
    let previous: Buffer;
    try {
      previous = await readFile(this.path);
    } catch (e) {
      // No previous state: nothing to back up. An older backup is kept, as it may be the only
      // copy of a state file someone deleted.
      if ((e as NodeJS.ErrnoException).code === 'ENOENT') return;
      throw writeFailure(this.path, e);
    }
    await this.#writeAtomically(backupPath, previous);
  }

  async #writeAtomically(target: string, content: string | Buffer | readonly Buffer[]): Promise<void> {
    const chunks = typeof content === 'string' ? [Buffer.from(content)] : Buffer.isBuffer(content) ? [content] : content;
    const temp = tempPathFor(target);
    try {
      const handle = await open(temp, fsConstants.O_WRONLY | fsConstants.O_CREAT | fsConstants.O_EXCL, PRIVATE_FILE_MODE);
      try {
        // The umask can only remove bits, but be explicit: the file is private before it holds data.
        await handle.chmod(PRIVATE_FILE_MODE);
        await this.#options.onTempFileCreated?.(temp);
        atomicWrites += 1;
        if (crashPointReached(true)) {
          const whole = Buffer.concat(chunks);
          await handle.writeFile(whole.subarray(0, Math.floor(whole.length / 2)));
          process.kill(process.pid, 'SIGKILL');
        }
        await writeAll(handle, chunks);
        await handle.sync();
      } finally {
        await handle.close();
      }
      if (crashPointReached(false)) process.kill(process.pid, 'SIGKILL');
      await rename(temp, target);
    } catch (e) {
      await unlink(temp).catch(() => undefined);
      throw writeFailure(target, e);
    }
    await syncDirectory(dirname(target));
  }
}

/** Writes every byte of `chunks`, in order, from the file's current offset. */
export async function writeAll(handle: FileHandle, chunks: readonly Buffer[]): Promise<void> {
  let rest = chunks.filter((chunk) => chunk.length > 0);
  while (rest.length > 0) {
    const { bytesWritten } = await handle.writev(rest);
    if (bytesWritten === 0) throw new Error('the file system accepted no bytes');
    rest = after(rest, bytesWritten);
  }
}

/** What remains of `chunks` once their first `written` bytes are written (a write may stop short). */
function after(chunks: readonly Buffer[], written: number): Buffer[] {
  let left = written;
  let i = 0;
  while (i < chunks.length && left >= chunks[i]!.length) left -= chunks[i++]!.length;
  return i === chunks.length ? [] : [chunks[i]!.subarray(left), ...chunks.slice(i + 1)];
}

/** Makes a rename durable. Some platforms cannot open or fsync a directory; there it is skipped. */
async function syncDirectory(dir: string): Promise<void> {
  let handle;
  try {
    handle = await open(dir, 'r');
    await handle.sync();
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code !== 'EISDIR' && code !== 'EPERM' && code !== 'EINVAL' && code !== 'EBADF' && code !== 'EACCES') throw e;
  } finally {
    await handle?.close();
  }
}

function writeFailure(target: string, cause: unknown): UserError {
  if (cause instanceof UserError) return cause;
  return new UserError(ErrorCode.StateWriteFailed, `Could not write ${displayPath(target)}: ${errnoText(cause)}.`, {
    cause,
    hint: 'The previous version of the file is intact (bkp writes a temporary file and renames it). Fix the cause, then run bkp again.',
  });
}

function errnoText(e: unknown): string {
  const error = e as NodeJS.ErrnoException;
  const reasons: Record<string, string> = {
    ENOSPC: 'no space left on the device',
    EACCES: 'permission denied',
    EPERM: 'operation not permitted',
    EROFS: 'the file system is read-only',
    EISDIR: 'it is a directory',
    ENOTDIR: 'a part of the path is not a directory',
    ENOENT: 'the directory does not exist',
  };
  return (error.code !== undefined ? reasons[error.code] : undefined) ?? error.message ?? String(e);
}
