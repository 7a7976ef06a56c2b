// Issue 22, section 6: lock files left empty by a holder killed while taking them, and the
// take-over guard, for the state lock and the sandbox account lock.
import { expect } from 'chai';
import { existsSync, readdirSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { UserError } from '../../src/core/errors.js';
import { createLockFile, takeOverLockFileSync } from '../../src/core/file-lock.js';
import { accountLockId, acquireAccountLock, forceUnlockAccount } from '../../src/sandbox/account-lock.js';
import { LocalStateBackend } from '../../src/state/local-backend.js';
import { tempDir } from './helpers.js';

async function rejection(promise: Promise<unknown>): Promise<UserError> {
  try {
    await promise;
  } catch (e) {
    expect(e).to.be.instanceOf(UserError);
    return e as UserError;
  }
  throw new Error('expected a rejection');
}

function plantEmptyLock(path: string, ageMs: number): void {
  writeFileSync(path, '');
  const then = new Date(Date.now() - ageMs);
  utimesSync(path, then, then);
}

describe('stale lock files', () => {
  let dir: string;
  let cleanup: () => void;

  beforeEach(() => ({ dir, cleanup } = tempDir()));
  afterEach(() => cleanup());

  it('creates lock files whole, never through a planted link, and leaves no temp file', () => {
    const path = join(dir, 'x.lock');
    expect(createLockFile(path, '{"pid":1}\n', false)).to.equal(true);
    expect(createLockFile(path, '{"pid":2}\n', false)).to.equal(false);
    expect(readdirSync(dir)).to.deep.equal(['x.lock']);
  });

  it('removes a lock through the take-over guard only while it holds the judged text, and not while another takes over', () => {
    const path = join(dir, 'x.lock');
    writeFileSync(path, 'judged');
    expect(takeOverLockFileSync(path, (text) => text === 'other')).to.equal('changed');
    writeFileSync(`${path}.takeover`, JSON.stringify({ pid: process.pid, host: 'elsewhere', created: Date.now() }));
    expect(takeOverLockFileSync(path, (text) => text === 'judged')).to.equal('busy');
    expect(existsSync(path)).to.equal(true);
    // A guard whose holder is gone for long is removed, and the take-over goes through.
    const then = new Date(Date.now() - 60_000);
    utimesSync(`${path}.takeover`, then, then);
    expect(takeOverLockFileSync(path, (text) => text === 'judged')).to.equal('busy');
    expect(takeOverLockFileSync(path, (text) => text === 'judged')).to.equal('removed');
    expect(readdirSync(dir)).to.deep.equal([]);
  });

  it('the state lock: an old empty lock is named stale with an ID that force-unlock removes', async () => {
    const statePath = join(dir, 'bkp.state.json');
    const lockPath = join(dir, '.bkp.state.json.lock');
    const backend = new LocalStateBackend({ statePath, bkpVersion: '0.0.0-test' });
    plantEmptyLock(lockPath, 60_000);
    const error = await rejection(backend.open({ operation: 'plan', lockTimeoutMs: 0, lock: true }));
    expect(error.message).to.include('stale');
    const id = /bkp force-unlock (damaged-[0-9a-f]+)/.exec(error.hint ?? '')?.[1];
    expect(id, error.hint).to.be.a('string');
    await rejection(backend.forceUnlock('damaged-000000000000'));
    expect(existsSync(lockPath)).to.equal(true);
    await backend.forceUnlock(id!);
    expect(existsSync(lockPath)).to.equal(false);
    const session = await backend.open({ operation: 'plan', lockTimeoutMs: 0, lock: true });
    await session.close();
  });

  it('the sandbox lock: an old empty lock is taken over; a young one is waited for, named, and force-unlock removes it', async () => {
    const lockPath = join(dir, 'sandbox.json.lock');
    plantEmptyLock(lockPath, 60_000);
    const release = await acquireAccountLock(lockPath, 1_000);
    release();
    expect(existsSync(lockPath)).to.equal(false);

    writeFileSync(lockPath, '');
    const error = await rejection(acquireAccountLock(lockPath, 50));
    expect(error.hint).to.include(`bkp force-unlock ${accountLockId('')}`);
    expect(forceUnlockAccount(lockPath, 'sandbox-0')).to.equal(false);
    expect(forceUnlockAccount(lockPath, accountLockId(''))).to.equal(true);
    expect(existsSync(lockPath)).to.equal(false);
  });
});
