import { expect } from 'chai';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { open } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, dirname, join } from 'node:path';
import { tempFilePattern, tempPathFor, writeAll, writeFileAtomically, writeFileAtomicallySync } from '../../src/core/atomic-write.js';

const modeOf = (path: string) => statSync(path).mode & 0o777;

/** Runs `work` with the process umask set to `mask`, restoring it after. */
async function withUmask<T>(mask: number, work: () => T | Promise<T>): Promise<T> {
  const previous = process.umask(mask);
  try {
    return await work();
  } finally {
    process.umask(previous);
  }
}

describe('core/atomic-write', () => {
  let dir: string;
  let target: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'bkp-atomic-write-'));
    target = join(dir, 'file.json');
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  const variants = [
    ['writeFileAtomically', (path: string, content: string) => writeFileAtomically(path, content)],
    ['writeFileAtomicallySync', (path: string, content: string) => writeFileAtomicallySync(path, content)],
    ['writeFileAtomically without directory fsync', (path: string, content: string) => writeFileAtomically(path, content, { syncDirectory: false })],
  ] as const;

  for (const [name, write] of variants) {
    describe(name, () => {
      it('creates a file with mode 0600 even under umask 000, and makes a file it replaces 0600', async () => {
        await withUmask(0, () => write(target, 'first'));
        expect(readFileSync(target, 'utf8')).to.equal('first');
        expect(modeOf(target)).to.equal(0o600);
        chmodSync(target, 0o644);
        await withUmask(0, () => write(target, 'second'));
        expect(readFileSync(target, 'utf8')).to.equal('second');
        expect(modeOf(target)).to.equal(0o600);
      });

      it('gives 0600 even when the umask would take the owner’s write bit', async () => {
        await withUmask(0o277, () => write(target, 'x'));
        expect(modeOf(target)).to.equal(0o600);
      });

      it('leaves no temp file and the target unchanged when the rename fails', async () => {
        mkdirSync(target);
        writeFileSync(join(target, 'inside'), 'kept');
        let error: NodeJS.ErrnoException | undefined;
        try {
          await write(target, 'new');
        } catch (e) {
          error = e as NodeJS.ErrnoException;
        }
        expect(error?.code).to.be.oneOf(['EISDIR', 'ENOTEMPTY', 'EEXIST']);
        expect(readdirSync(dir)).to.deep.equal(['file.json']);
        expect(readFileSync(join(target, 'inside'), 'utf8')).to.equal('kept');
      });

      it('fails with the file system’s own error when the directory is missing', async () => {
        const missing = join(dir, 'no-such-dir', 'file.json');
        let error: NodeJS.ErrnoException | undefined;
        try {
          await write(missing, 'x');
        } catch (e) {
          error = e as NodeJS.ErrnoException;
        }
        expect(error?.code).to.equal('ENOENT');
        expect(readdirSync(dir)).to.deep.equal([]);
      });
    });
  }

  it('creates the temp file beside the target, hidden, private and empty, and renames it only once complete and fsynced', async () => {
    writeFileSync(target, 'old');
    const seen: string[] = [];
    await withUmask(0, () =>
      writeFileAtomically(target, [Buffer.from('new '), Buffer.from('content')], {
        onTempFileCreated: (temp) => {
          expect(dirname(temp)).to.equal(dir);
          expect(basename(temp)).to.match(tempFilePattern(target));
          expect(modeOf(temp)).to.equal(0o600);
          expect(statSync(temp).size).to.equal(0);
          seen.push('created');
        },
        beforeRename: (temp) => {
          expect(readFileSync(temp, 'utf8')).to.equal('new content');
          expect(readFileSync(target, 'utf8')).to.equal('old');
          seen.push('before rename');
        },
      }),
    );
    expect(seen).to.deep.equal(['created', 'before rename']);
    expect(readFileSync(target, 'utf8')).to.equal('new content');
    expect(readdirSync(dir)).to.deep.equal(['file.json']);
  });

  it('removes the temp file when writing fails before the rename, and keeps the old content', async () => {
    writeFileSync(target, 'old');
    for (const failing of ['onTempFileCreated', 'beforeRename'] as const) {
      const error = await writeFileAtomically(target, 'new', {
        [failing]: () => {
          throw new Error(`${failing} failed`);
        },
      }).catch((e: unknown) => e as Error);
      expect(error?.message).to.equal(`${failing} failed`);
      expect(readdirSync(dir)).to.deep.equal(['file.json']);
      expect(readFileSync(target, 'utf8')).to.equal('old');
    }
  });

  it('names each temp file after the process and a random part, which tempFilePattern captures', () => {
    const first = basename(tempPathFor(target));
    expect(first).to.not.equal(basename(tempPathFor(target)));
    expect(tempFilePattern(target).exec(first)?.[1]).to.equal(String(process.pid));
    expect(tempFilePattern(target).test('.file.json.backup.1.ab.tmp')).to.equal(false);
    expect(tempFilePattern(join(dir, 'a+b.json')).test(`.a+b.json.12.0f.tmp`)).to.equal(true);
  });

  it('writes content given in pieces, more pieces than one system call takes, in order', async () => {
    // 5,000 pieces: more than the 1,024 buffers a writev may take at once; some empty.
    const chunks = Array.from({ length: 5000 }, (_, i) => Buffer.from(i % 7 === 0 ? '' : `${i},`));
    const path = join(dir, 'pieces.txt');
    const handle = await open(path, 'w');
    try {
      await writeAll(handle, chunks);
    } finally {
      await handle.close();
    }
    expect(readFileSync(path, 'utf8')).to.equal(Buffer.concat(chunks).toString('utf8'));
    await writeFileAtomically(target, chunks);
    expect(readFileSync(target, 'utf8')).to.equal(Buffer.concat(chunks).toString('utf8'));
    expect(existsSync(path)).to.equal(true);
  });

  it('resumes where a partial write stopped, handing over at most 1,024 buffers per call', async () => {
    const chunks = Array.from({ length: 3000 }, (_, i) => Buffer.from(i % 5 === 0 ? '' : `<${i}>`));
    const received: Buffer[] = [];
    let largestCall = 0;
    // A file system that takes at most 1,000 bytes per call, often ending inside a buffer.
    const handle = {
      writev: async (buffers: Buffer[]) => {
        largestCall = Math.max(largestCall, buffers.length);
        const taken = Buffer.concat(buffers).subarray(0, 1000);
        received.push(taken);
        return { bytesWritten: taken.length, buffers };
      },
    };
    await writeAll(handle as unknown as Parameters<typeof writeAll>[0], chunks);
    expect(Buffer.concat(received).toString()).to.equal(Buffer.concat(chunks).toString());
    expect(largestCall).to.be.within(1, 1024);
  });
});
