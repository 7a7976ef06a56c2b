// Reads a file the user pointed bkp at, refusing what would block or exhaust memory: a named pipe
// (reading it waits for a writer forever), a device such as /dev/zero (endless), or a file larger
// than the limit for its kind. Every read of a user-supplied file goes through here.
//
// The file is opened with O_NONBLOCK, so that opening a FIFO returns at once, and checked with
// fstat on the opened descriptor: a symbolic link is judged by what it points to, and the file
// cannot be swapped between the check and the read.
import { closeSync, constants, fstatSync, openSync, readSync, type Stats } from 'node:fs';
import { open } from 'node:fs/promises';

const MIB = 1024 * 1024;

/** The largest file bkp reads for each purpose (documented in docs/reliability.md). */
export const READ_LIMITS = {
  /** One `*.bkp.hcl` / `*.bkp.json` file; the 2,000-block benchmark configuration is under 1 MiB. */
  configuration: 8 * MIB,
  /** One `-var-file`. */
  varFile: 8 * MIB,
  /** What `file()` returns: an IAM policy document is at most a few KiB. */
  functionFile: 4 * MIB,
  /** A state file, its backup or a saved plan: 10,000 resources take about 30 MiB. */
  state: 256 * MIB,
  plan: 256 * MIB,
  /** The sandbox's account file. */
  sandboxAccount: 256 * MIB,
  /** A lock file or a backend record bkp wrote itself: a few hundred bytes. */
  small: 1 * MIB,
} as const;

/** Not errno codes: the file exists and opened, but bkp will not read it. */
export const NOT_A_REGULAR_FILE = 'BKP_NOT_A_REGULAR_FILE';
export const FILE_TOO_LARGE = 'BKP_FILE_TOO_LARGE';

/**
 * Why a file was refused. `code` is `EISDIR` for a directory (as Node reports it),
 * NOT_A_REGULAR_FILE or FILE_TOO_LARGE; the message says why, without the path (callers name it).
 */
export class FileRefusedError extends Error {
  constructor(
    message: string,
    readonly code: string,
  ) {
    super(message);
    this.name = 'FileRefusedError';
  }
}

// O_NONBLOCK is missing on Windows, where opening a named pipe does not wait for a writer anyway.
const OPEN_FLAGS = constants.O_RDONLY | (constants.O_NONBLOCK ?? 0);
const CHUNK = 64 * 1024;

/**
 * Reads a regular file of at most `limit` bytes, from byte `from` on (a journal read again only
 * where it grew). Errors: Node's own (ENOENT, EACCES…) or FileRefusedError.
 */
export function readFileLimitedSync(path: string, limit: number, from = 0): Buffer {
  const fd = openSync(path, OPEN_FLAGS);
  try {
    const into = new LimitedBuffer(Math.max(0, checkStats(fstatSync(fd), limit) - from), limit - from);
    for (;;) {
      const { buffer, offset, length } = into.space();
      const bytesRead = readSync(fd, buffer, offset, length, from + into.size);
      if (bytesRead === 0) return into.content();
      into.filled(bytesRead);
    }
  } finally {
    closeSync(fd);
  }
}

/** As readFileLimitedSync, without blocking the event loop. */
export async function readFileLimited(path: string, limit: number): Promise<Buffer> {
  const handle = await open(path, OPEN_FLAGS);
  try {
    const into = new LimitedBuffer(checkStats(await handle.stat(), limit), limit);
    for (;;) {
      const { buffer, offset, length } = into.space();
      const { bytesRead } = await handle.read(buffer, offset, length, null);
      if (bytesRead === 0) return into.content();
      into.filled(bytesRead);
    }
  } finally {
    await handle.close();
  }
}

/** UTF-8 text of a checked file (invalid sequences become U+FFFD, as Node's readFile does). */
export function readTextFileLimitedSync(path: string, limit: number): string {
  return readFileLimitedSync(path, limit).toString('utf8');
}

export async function readTextFileLimited(path: string, limit: number): Promise<string> {
  return (await readFileLimited(path, limit)).toString('utf8');
}

/** "8 MiB", "512 KiB", "100 bytes". */
export function formatByteSize(bytes: number): string {
  if (bytes >= MIB && bytes % MIB === 0) return `${bytes / MIB} MiB`;
  if (bytes >= 1024 && bytes % 1024 === 0) return `${bytes / 1024} KiB`;
  return `${bytes} bytes`;
}

function checkStats(stats: Stats, limit: number): number {
  if (stats.isDirectory()) throw new FileRefusedError('it is a directory, not a file', 'EISDIR');
  if (!stats.isFile()) throw new FileRefusedError(`it is ${kindOf(stats)}, not a regular file`, NOT_A_REGULAR_FILE);
  if (stats.size > limit) throw tooLarge(limit);
  return stats.size;
}

/**
 * The bytes read so far, at most limit + 1 of them: a file may grow after fstat, and some (in
 * /proc) report a size of 0, so the limit is checked on what was read, not only on the size.
 */
class LimitedBuffer {
  private readonly chunks: Buffer[] = [];
  private buffer: Buffer;
  private used = 0;
  private total = 0;

  constructor(
    expectedSize: number,
    private readonly limit: number,
  ) {
    this.buffer = Buffer.allocUnsafe(Math.min(expectedSize, limit) + 1);
  }

  space(): { buffer: Buffer; offset: number; length: number } {
    if (this.used === this.buffer.length) {
      this.chunks.push(this.buffer);
      this.buffer = Buffer.allocUnsafe(CHUNK);
      this.used = 0;
    }
    return { buffer: this.buffer, offset: this.used, length: this.buffer.length - this.used };
  }

  get size(): number {
    return this.total;
  }

  filled(bytes: number): void {
    this.used += bytes;
    this.total += bytes;
    if (this.total > this.limit) throw tooLarge(this.limit);
  }

  content(): Buffer {
    if (this.chunks.length === 0) return this.buffer.subarray(0, this.used);
    return Buffer.concat([...this.chunks, this.buffer.subarray(0, this.used)], this.total);
  }
}

function tooLarge(limit: number): FileRefusedError {
  return new FileRefusedError(`it is larger than ${formatByteSize(limit)}, the most bkp reads from such a file`, FILE_TOO_LARGE);
}

function kindOf(stats: Stats): string {
  if (stats.isFIFO()) return 'a named pipe (FIFO)';
  if (stats.isCharacterDevice()) return 'a character device';
  if (stats.isBlockDevice()) return 'a block device';
  if (stats.isSocket()) return 'a socket';
  return 'not a regular file';
}
