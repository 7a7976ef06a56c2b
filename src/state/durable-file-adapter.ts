// A lowdb adapter that survives crashes: every write replaces the file atomically and durably
// (core/atomic-write.ts: a fresh temp file in the same directory, fsynced, renamed over the target,
// the directory fsynced), so the target is always either the old or the new document, never a
// mix. Files are private (mode 0600): a state holds ARNs, account ids and role names.
import { writeFileSync } from 'node:fs';
import type { Adapter } from 'lowdb';
import { writeFileAtomically, type FileContent } from '../core/atomic-write.js';
import { ErrorCode, UserError } from '../core/errors.js';
import { READ_LIMITS, readFileLimited, readTextFileLimited } from '../core/read-file.js';
import { displayPath } from './paths.js';
import { fileErrorText } from '../core/file-errors.js';

export interface FileFormat<T> {
  /** Text → data; throws a UserError that names `path` when the text is not acceptable. */
  parse(text: string, path: string): T;
  /** The file's content; in pieces, it is written without first being copied into one buffer. */
  serialize(data: T): FileContent;
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
      text = await readTextFileLimited(this.path, READ_LIMITS.state);
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'ENOENT') return null;
      throw new UserError(ErrorCode.StateCorrupt, `Cannot read the state file ${displayPath(this.path)}: ${fileErrorText(e, 'read')}.`, {
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
      previous = await readFileLimited(this.path, READ_LIMITS.state);
    } catch (e) {
      // No previous state: nothing to back up. An older backup is kept, as it may be the only
      // copy of a state file someone deleted.
      if ((e as NodeJS.ErrnoException).code === 'ENOENT') return;
      throw writeFailure(this.path, e);
    }
    await this.#writeAtomically(backupPath, previous);
  }

  async #writeAtomically(target: string, content: FileContent): Promise<void> {
    try {
      await writeFileAtomically(target, content, {
        onTempFileCreated: async (temp) => {
          await this.#options.onTempFileCreated?.(temp);
          atomicWrites += 1;
          if (crashPointReached(true)) {
            const whole = Buffer.concat(typeof content === 'string' ? [Buffer.from(content)] : Buffer.isBuffer(content) ? [content] : content);
            writeFileSync(temp, whole.subarray(0, Math.floor(whole.length / 2)));
            process.kill(process.pid, 'SIGKILL');
          }
        },
        beforeRename: () => {
          if (crashPointReached(false)) process.kill(process.pid, 'SIGKILL');
        },
      });
    } catch (e) {
      throw writeFailure(target, e);
    }
  }
}

function writeFailure(target: string, cause: unknown): UserError {
  if (cause instanceof UserError) return cause;
  return new UserError(ErrorCode.StateWriteFailed, `Could not write ${displayPath(target)}: ${fileErrorText(cause, 'write')}.`, {
    cause,
    hint: 'The previous version of the file is intact (bkp writes a temporary file and renames it). Fix the cause, then run bkp again.',
  });
}
