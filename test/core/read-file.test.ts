import { expect } from 'chai';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  FILE_TOO_LARGE,
  FileRefusedError,
  formatByteSize,
  NOT_A_REGULAR_FILE,
  readFileLimited,
  readFileLimitedSync,
} from '../../src/core/read-file.js';

/** The error `work` fails with (sync or async). */
async function failure(work: () => unknown): Promise<Error & { code?: string }> {
  try {
    await work();
  } catch (e) {
    return e as Error & { code?: string };
  }
  throw new Error('expected the read to fail');
}

describe('core/read-file', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'bkp-read-file-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  const variants = [
    ['readFileLimitedSync', (path: string, limit: number) => readFileLimitedSync(path, limit)],
    ['readFileLimited', (path: string, limit: number) => readFileLimited(path, limit)],
  ] as const;

  for (const [name, read] of variants) {
    describe(name, () => {
      it('reads a regular file, also through a symbolic link', async () => {
        writeFileSync(join(dir, 'a.txt'), 'héllo');
        symlinkSync(join(dir, 'a.txt'), join(dir, 'link.txt'));
        expect((await read(join(dir, 'a.txt'), 100)).toString('utf8')).to.equal('héllo');
        expect((await read(join(dir, 'link.txt'), 100)).toString('utf8')).to.equal('héllo');
      });

      it('reads an empty file and a file of exactly the limit', async () => {
        writeFileSync(join(dir, 'empty'), '');
        writeFileSync(join(dir, 'full'), 'x'.repeat(200_000));
        expect(await read(join(dir, 'empty'), 10)).to.have.length(0);
        expect((await read(join(dir, 'full'), 200_000)).toString()).to.equal('x'.repeat(200_000));
      });

      it('refuses a file larger than the limit', async () => {
        writeFileSync(join(dir, 'big'), 'x'.repeat(101));
        const e = await failure(() => read(join(dir, 'big'), 100));
        expect(e).to.be.instanceOf(FileRefusedError);
        expect(e.code).to.equal(FILE_TOO_LARGE);
        expect(e.message).to.equal('it is larger than 100 bytes, the most bkp reads from such a file');
      });

      it('refuses a named pipe without waiting for a writer', async function () {
        if (process.platform === 'win32') this.skip();
        execFileSync('mkfifo', [join(dir, 'pipe')]);
        // Were the pipe opened or read blocking, this would never return (no writer ever comes).
        const e = await failure(() => read(join(dir, 'pipe'), 100));
        expect(e.code).to.equal(NOT_A_REGULAR_FILE);
        expect(e.message).to.equal('it is a named pipe (FIFO), not a regular file');
      });

      it('refuses a device, also behind a symbolic link', async function () {
        if (!existsSync('/dev/zero')) this.skip();
        symlinkSync('/dev/zero', join(dir, 'zero.bkp.hcl'));
        for (const path of ['/dev/zero', join(dir, 'zero.bkp.hcl')]) {
          const e = await failure(() => read(path, 100));
          expect(e.code).to.equal(NOT_A_REGULAR_FILE);
          expect(e.message).to.equal('it is a character device, not a regular file');
        }
      });

      it('refuses a directory with EISDIR', async () => {
        mkdirSync(join(dir, 'sub'));
        const e = await failure(() => read(join(dir, 'sub'), 100));
        expect(e.code).to.equal('EISDIR');
      });

      it('passes Node errors through (a missing file is ENOENT)', async () => {
        const e = await failure(() => read(join(dir, 'missing'), 100));
        expect(e.code).to.equal('ENOENT');
      });

      it('limits what it reads from a file that reports size 0 (as /proc files do)', async function () {
        if (!existsSync('/proc/self/status')) this.skip();
        expect((await read('/proc/self/status', 1_000_000)).toString()).to.contain('Name:');
        const e = await failure(() => read('/proc/self/status', 10));
        expect(e.code).to.equal(FILE_TOO_LARGE);
      });
    });
  }

  it('formats sizes for messages', () => {
    expect(formatByteSize(8 * 1024 * 1024)).to.equal('8 MiB');
    expect(formatByteSize(4096)).to.equal('4 KiB');
    expect(formatByteSize(100)).to.equal('100 bytes');
  });
});
