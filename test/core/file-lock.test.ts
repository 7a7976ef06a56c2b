import { expect } from 'chai';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  acquireLockFile,
  createLockFile,
  isProcessAlive,
  isStaleHolder,
  readLockFile,
  readLockFileSync,
  removeLockFileIf,
  removeLockFileIfSync,
  type AcquireLockFileOptions,
} from '../../src/core/file-lock.js';

/** Above Linux's largest pid (2^22): no process has it. */
const DEAD_PID = 2 ** 22 + 12345;

interface Holder {
  pid: number;
  host: string;
  name: string;
}

const options = (name: string, extra: Partial<AcquireLockFileOptions<Holder>> = {}): AcquireLockFileOptions<Holder> => ({
  holder: () => ({ pid: process.pid, host: hostname(), name }),
  timeoutMs: 0,
  firstDelayMs: 5,
  maxDelayMs: 20,
  ...extra,
});

describe('core/file-lock', () => {
  let dir: string;
  let path: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'bkp-file-lock-'));
    path = join(dir, '.thing.lock');
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('is exclusive: the holder is written as JSON in a 0600 file, and a second taker gets nothing until it is released', async () => {
    const previous = process.umask(0);
    let first;
    try {
      first = (await acquireLockFile(path, options('first')))!;
    } finally {
      process.umask(previous);
    }
    expect(first.holder).to.deep.equal({ pid: process.pid, host: hostname(), name: 'first' });
    expect(JSON.parse(readFileSync(path, 'utf8'))).to.deep.equal(first.holder);
    expect(statSync(path).mode & 0o777).to.equal(0o600);

    expect(await acquireLockFile(path, options('second'))).to.equal(undefined);
    expect(await acquireLockFile(path, options('second', { timeoutMs: 60 }))).to.equal(undefined);
    expect(JSON.parse(readFileSync(path, 'utf8')).name).to.equal('first');

    expect(await first.release()).to.equal(true);
    expect(existsSync(path)).to.equal(false);
    const second = await acquireLockFile(path, options('second'));
    expect(second?.holder.name).to.equal('second');
    expect(second!.releaseSync()).to.equal(true);
    expect(existsSync(path)).to.equal(false);
  });

  it('waits, with a timeout, until the holder releases the lock', async () => {
    const first = (await acquireLockFile(path, options('first')))!;
    setTimeout(() => first.releaseSync(), 80);
    const started = Date.now();
    const second = await acquireLockFile(path, options('second', { timeoutMs: 5000 }));
    expect(second?.holder.name).to.equal('second');
    expect(Date.now() - started).to.be.within(60, 4000);
  });

  it('releases only its own lock: one removed by hand and taken by another stays', async () => {
    const first = (await acquireLockFile(path, options('first')))!;
    expect(await first.stillHeld()).to.equal(true);
    rmSync(path);
    expect(await first.stillHeld()).to.equal(false);
    const second = (await acquireLockFile(path, options('second')))!;
    expect(await first.stillHeld()).to.equal(false);
    expect(await first.release()).to.equal(false);
    expect(first.releaseSync()).to.equal(false);
    expect(JSON.parse(readFileSync(path, 'utf8')).name).to.equal('second');
    expect(await second.stillHeld()).to.equal(true);
    expect(await first.release()).to.equal(false);
    expect(await second.release()).to.equal(true);
  });

  it('lets the caller remove a lock it finds abandoned and take it at once', async () => {
    writeFileSync(path, JSON.stringify({ pid: DEAD_PID, host: hostname(), name: 'dead' }));
    let asked = 0;
    const lock = await acquireLockFile(
      path,
      options('taker', {
        removeAbandoned: () => {
          asked++;
          const current = readLockFileSync(path);
          return current.kind === 'present' && isStaleHolder(JSON.parse(current.text) as Holder) && removeLockFileIfSync(path, (text) => text === current.text);
        },
      }),
    );
    expect(lock?.holder.name).to.equal('taker');
    expect(asked).to.equal(1);
  });

  it('calls a lock stale only when its holder ran on this host and its process is gone', () => {
    expect(isStaleHolder({ pid: DEAD_PID, host: hostname() })).to.equal(true);
    expect(isStaleHolder({ pid: process.pid, host: hostname() })).to.equal(false);
    expect(isStaleHolder({ pid: DEAD_PID, host: 'another-host.example' })).to.equal(false);
    expect(isStaleHolder({ pid: -1, host: hostname() })).to.equal(false);
    expect(isProcessAlive(process.pid)).to.equal(true);
    expect(isProcessAlive(DEAD_PID)).to.equal(false);
  });

  it('createLockFile creates only when no lock file exists, and throws other failures as they are', () => {
    expect(createLockFile(path, 'one', false)).to.equal(true);
    expect(createLockFile(path, 'two', true)).to.equal(false);
    expect(readFileSync(path, 'utf8')).to.equal('one');
    expect(() => createLockFile(join(dir, 'missing', 'x.lock'), 'x', true)).to.throw().with.property('code', 'ENOENT');
  });

  it('reads a lock file as absent, present or unreadable', async () => {
    expect(await readLockFile(path)).to.deep.equal({ kind: 'absent' });
    writeFileSync(path, 'text');
    expect(await readLockFile(path)).to.deep.equal({ kind: 'present', text: 'text' });
    expect(readLockFileSync(path)).to.deep.equal({ kind: 'present', text: 'text' });
    const directory = join(dir, 'a-directory.lock');
    mkdirSync(directory);
    expect((await readLockFile(directory)).kind).to.equal('unreadable');
    expect(readLockFileSync(directory).kind).to.equal('unreadable');
  });

  it('removeLockFileIf removes the file only when its text passes the test', async () => {
    writeFileSync(path, 'mine');
    expect(await removeLockFileIf(path, (text) => text === 'theirs')).to.equal(false);
    expect(existsSync(path)).to.equal(true);
    expect(await removeLockFileIf(path, (text) => text === 'mine')).to.equal(true);
    expect(existsSync(path)).to.equal(false);
    expect(await removeLockFileIf(path, () => true)).to.equal(false);
    expect(removeLockFileIfSync(path, () => true)).to.equal(false);
  });
});
