import { expect } from 'chai';
import { spawn } from 'node:child_process';
import { existsSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { ErrorCode, UserError } from '../../src/core/errors.js';
import { LocalStateBackend } from '../../src/state/local-backend.js';
import { readLockInfo, releaseHeldLocksSync, type LockInfo } from '../../src/state/lock-file.js';
import { withResource } from '../../src/state/model.js';
import { sampleResource, spawnFixture, tempDir, waitForExit, waitForLine } from './helpers.js';

async function rejection(promise: Promise<unknown>): Promise<UserError> {
  try {
    await promise;
  } catch (e) {
    expect(e).to.be.instanceOf(UserError);
    return e as UserError;
  }
  throw new Error('expected a rejection');
}

/** The pid of a process that has certainly exited. */
async function deadPid(): Promise<number> {
  const child = spawn(process.execPath, ['-e', ''], { stdio: 'ignore' });
  const pid = child.pid!;
  await waitForExit(child);
  return pid;
}

describe('state lock', () => {
  let dir: string;
  let cleanup: () => void;
  let statePath: string;
  let lockPath: string;
  let backend: LocalStateBackend;

  beforeEach(() => {
    ({ dir, cleanup } = tempDir());
    statePath = join(dir, 'bkp.state.json');
    lockPath = join(dir, '.bkp.state.json.lock');
    backend = new LocalStateBackend({ statePath, bkpVersion: '1.0.0' });
  });
  afterEach(() => cleanup());

  it('writes Terraform-like lock info in a private file while the session is open, and removes it on close', async () => {
    const session = await backend.open({ operation: 'apply', lockTimeoutMs: 0, lock: true });
    const info = JSON.parse(readFileSync(lockPath, 'utf8')) as LockInfo;
    expect(info).to.deep.equal(session.lockInfo);
    expect(info).to.include({ Operation: 'apply', Pid: process.pid, Version: '1.0.0' });
    expect(info.ID).to.match(/^[0-9a-f-]{36}$/);
    expect(info.Who).to.match(new RegExp(`@${hostname()}$`));
    expect(new Date(info.Created).toISOString()).to.equal(info.Created);
    expect(statSync(lockPath).mode & 0o777).to.equal(0o600);
    await session.close();
    expect(existsSync(lockPath)).to.equal(false);
  });

  it('fails at once with lock timeout 0, naming the holder in another process and the force-unlock command', async () => {
    const holder = spawnFixture('hold-lock.ts', [statePath, 'wait']);
    const exited = waitForExit(holder);
    try {
      const line = await waitForLine(holder, (l) => l.startsWith('locked '));
      const id = line.slice('locked '.length);
      const error = await rejection(backend.open({ operation: 'plan', lockTimeoutMs: 0, lock: true }));
      expect(error.code).to.equal(ErrorCode.StateLocked);
      expect(error.message).to.contain(`pid ${holder.pid}`).and.contain('"apply"').and.contain(id).and.contain(`@${hostname()}`);
      expect(error.message).to.not.contain('stale');
      expect(error.hint).to.contain(`bkp force-unlock ${id}`);
    } finally {
      holder.kill('SIGKILL');
      await exited;
    }
  });

  it('waits with a timeout and gets the lock once the holder releases it', async () => {
    const first = await backend.open({ operation: 'apply', lockTimeoutMs: 0, lock: true });
    let secondSettled = false;
    const second = backend.open({ operation: 'plan', lockTimeoutMs: 10_000, lock: true }).finally(() => (secondSettled = true));
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(secondSettled).to.equal(false);
    await first.close();
    const session = await second;
    expect(session.lockInfo?.Operation).to.equal('plan');
    expect((JSON.parse(readFileSync(lockPath, 'utf8')) as LockInfo).ID).to.equal(session.lockInfo?.ID);
    await session.close();
  });

  it('gives up when the timeout passes, saying it timed out', async () => {
    const first = await backend.open({ operation: 'apply', lockTimeoutMs: 0, lock: true });
    const error = await rejection(backend.open({ operation: 'plan', lockTimeoutMs: 150, lock: true }));
    expect(error.code).to.equal(ErrorCode.StateLocked);
    expect(error.message).to.contain('Timed out after 150ms').and.contain(first.lockInfo!.ID);
    await first.close();
  });

  it('reports a lock whose process is gone as stale and leaves it in place', async () => {
    const holder = spawnFixture('hold-lock.ts', [statePath, 'wait']);
    const exited = waitForExit(holder);
    const id = (await waitForLine(holder, (l) => l.startsWith('locked '))).slice('locked '.length);
    holder.kill('SIGKILL');
    await exited;
    const lockBytes = readFileSync(lockPath, 'utf8');

    const error = await rejection(backend.open({ operation: 'plan', lockTimeoutMs: 0, lock: true }));
    expect(error.message).to.contain('The process that held it is gone').and.contain('stale');
    expect(error.hint).to.contain(`bkp force-unlock ${id}`);
    expect(readFileSync(lockPath, 'utf8')).to.equal(lockBytes);
  });

  it('reports a lock file written by hand for a dead pid as stale', async () => {
    const info: LockInfo = {
      ID: '0b0e6b0c-3f1e-4c53-9d55-8a0d7c6a1e2f',
      Operation: 'apply',
      Who: `someone@${hostname()}`,
      Pid: await deadPid(),
      Created: '2026-01-01T00:00:00.000Z',
      Version: '0.1.0',
    };
    writeFileSync(lockPath, JSON.stringify(info));
    const error = await rejection(backend.open({ operation: 'plan', lockTimeoutMs: 0, lock: true }));
    expect(error.message).to.contain(`pid ${info.Pid} is not running on this host`).and.contain('2026-01-01T00:00:00.000Z');
    expect(existsSync(lockPath)).to.equal(true);
  });

  it('never calls a lock held from another host stale', async () => {
    writeFileSync(lockPath, JSON.stringify({ ID: 'x-1', Operation: 'apply', Who: 'ci@other-host.example', Pid: await deadPid(), Created: '2026-01-01T00:00:00.000Z', Version: '0.1.0' }));
    const error = await rejection(backend.open({ operation: 'plan', lockTimeoutMs: 0, lock: true }));
    expect(error.message).to.contain('ci@other-host.example').and.not.contain('stale');
  });

  it('force-unlock refuses a wrong ID, removes the lock with the right one, and says when there is no lock', async () => {
    const session = await backend.open({ operation: 'apply', lockTimeoutMs: 0, lock: true });
    const id = session.lockInfo!.ID;

    const wrong = await rejection(backend.forceUnlock('not-the-id'));
    expect(wrong.code).to.equal(ErrorCode.StateLocked);
    expect(wrong.message).to.contain('"not-the-id" does not match').and.contain(id);
    expect(existsSync(lockPath)).to.equal(true);

    const removed = await backend.forceUnlock(id);
    expect(removed.ID).to.equal(id);
    expect(existsSync(lockPath)).to.equal(false);

    const none = await rejection(backend.forceUnlock(id));
    expect(none.message).to.contain('is not locked');
    await session.close();
  });

  it('stops a session that lost its lock to force-unlock from writing', async () => {
    const session = await backend.open({ operation: 'apply', lockTimeoutMs: 0, lock: true });
    await backend.forceUnlock(session.lockInfo!.ID);
    const other = await backend.open({ operation: 'apply', lockTimeoutMs: 0, lock: true });
    const error = await rejection(session.persist(withResource(session.current(), sampleResource('a'))));
    expect(error.message).to.contain('lost its lock');
    expect(existsSync(statePath)).to.equal(false);
    await session.close();
    expect(existsSync(lockPath), 'closing the old session leaves the new holder alone').to.equal(true);
    await other.close();
  });

  it('refuses force-unlock of a lock file it cannot read', async () => {
    writeFileSync(lockPath, '');
    const error = await rejection(backend.forceUnlock('any'));
    expect(error.message).to.contain('cannot be read').and.contain('empty');
    expect(existsSync(lockPath)).to.equal(true);
  });

  it('releases locks still held when the process exits without closing', async () => {
    const child = spawnFixture('hold-lock.ts', [statePath, 'exit']);
    const result = await waitForExit(child);
    expect(result.code, result.stderr).to.equal(3);
    expect(result.stdout).to.match(/^locked /);
    expect(existsSync(lockPath)).to.equal(false);
  });

  it('releaseHeldLocksSync removes the locks this process holds', async () => {
    const session = await backend.open({ operation: 'apply', lockTimeoutMs: 0, lock: true });
    releaseHeldLocksSync();
    expect(await readLockInfo(lockPath)).to.deep.equal({ kind: 'absent' });
    await session.close();
  });
});
