import { expect } from 'chai';
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { CreateBackupVaultCommand, DescribeBackupVaultCommand, ListBackupVaultsCommand } from '@aws-sdk/client-backup';
import { createBackupClient } from '../../src/aws/clients.js';
import { sandboxClientSettings } from '../../src/app/sandbox-provider.js';
import { forgetCachedAccount, openSandbox, readAccount, readAccountFromDisk, updateAccount } from '../../src/sandbox/account.js';
import { acquireAccountLock } from '../../src/sandbox/account-lock.js';
import { UserError } from '../../src/core/errors.js';
import { rejection } from './fixture.js';

const writerScript = fileURLToPath(new URL('./support/account-writer.ts', import.meta.url));

function runWriter(path: string, prefix: string, count: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', '--no-warnings', writerScript, path, prefix, String(count)], { stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`writer ${prefix} exited with ${code}: ${stderr}`))));
  });
}

describe('sandbox account file', () => {
  let dir: string;
  let path: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'bkp-account-test-'));
    path = join(dir, 'nested', 'sandbox.json');
  });
  afterEach(() => {
    forgetCachedAccount(path);
    rmSync(dir, { recursive: true, force: true });
  });

  it('is created on first use with the defaults (account id, region, virtual clock)', async () => {
    const client = createBackupClient(sandboxClientSettings({ region: '', path: path }));
    const list = await client.send(new ListBackupVaultsCommand({}));
    expect(list.BackupVaultList).to.deep.equal([]);
    expect(existsSync(path)).to.equal(true);
    const account = JSON.parse(readFileSync(path, 'utf8'));
    expect(account).to.deep.include({ accountId: '123456789012', defaultRegion: 'us-east-1' });
    expect(account.clock.mode).to.equal('virtual');
    expect(statSync(path).mode & 0o777).to.equal(0o600);
    client.destroy();
  });

  it('does not rewrite the file for read-only requests, and sees changes made by another writer', async () => {
    const client = createBackupClient(sandboxClientSettings({ region: 'eu-west-1', path: path }));
    await client.send(new CreateBackupVaultCommand({ BackupVaultName: 'main' }));
    const before = statSync(path, { bigint: true });
    for (let i = 0; i < 5; i++) await client.send(new DescribeBackupVaultCommand({ BackupVaultName: 'main' }));
    const after = statSync(path, { bigint: true });
    expect(after.mtimeNs).to.equal(before.mtimeNs);
    expect(after.ino).to.equal(before.ino);
    // Another process replaces the file: the next request must see its content, not the cache.
    const account = JSON.parse(readFileSync(path, 'utf8'));
    delete account.backup['eu-west-1'].vaults['main'];
    writeFileSync(`${path}.other`, JSON.stringify(account));
    const { renameSync } = await import('node:fs');
    renameSync(`${path}.other`, path);
    const error = await rejection(client.send(new DescribeBackupVaultCommand({ BackupVaultName: 'main' })));
    expect(error.name).to.equal('AccessDeniedException');
    client.destroy();
  });

  it('refuses a corrupt or foreign file with a clear user error and leaves it untouched', async () => {
    const { mkdirSync } = await import('node:fs');
    mkdirSync(join(dir, 'nested'), { recursive: true });
    writeFileSync(path, '{"formatVersion": 1, "clock": ');
    const corrupt = await readAccount(path).catch((e: unknown) => e);
    expect(corrupt).to.be.instanceOf(UserError);
    expect((corrupt as UserError).message).to.contain('not valid JSON');
    writeFileSync(path, JSON.stringify({ serial: 3, lineage: 'x' }));
    const foreign = await readAccount(path).catch((e: unknown) => e);
    expect((foreign as UserError).message).to.contain('is not a bkp sandbox account file');
    expect(readFileSync(path, 'utf8')).to.equal(JSON.stringify({ serial: 3, lineage: 'x' }));
  });

  it('openSandbox updates under the lock and saves', async () => {
    const handle = openSandbox(path, { startTime: new Date('2026-01-01T00:00:00Z') });
    await handle.update((account) => {
      account.extensions['note'] = 'hello';
    });
    forgetCachedAccount(path);
    const account = await handle.read();
    expect(account.extensions['note']).to.equal('hello');
    expect(account.clock.now).to.equal(Date.parse('2026-01-01T00:00:00Z'));
    expect(existsSync(`${path}.lock`)).to.equal(false);
  });

  it('group-commits concurrent changes: one write for changes queued together, each answered after it', async () => {
    const handle = openSandbox(path);
    await handle.read();
    const inodes = new Set<bigint>();
    const writes = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        updateAccount(path, {}, (account) => {
          account.extensions[`k${i}`] = i;
          return { value: i, changed: true };
        }).then((value) => {
          // The change is on disk (the account file and its journal) when its caller hears back.
          expect(readAccountFromDisk(path)!.extensions[`k${value}`]).to.equal(value);
          return value;
        }),
      ),
    );
    expect(writes).to.deep.equal(Array.from({ length: 20 }, (_, i) => i));
    // One journal line per commit after the header: 20 changes queued at once share far fewer.
    const commits = readFileSync(`${path}.journal`, 'utf8').trimEnd().split('\n').length - 1;
    expect(commits).to.be.within(1, 4);
  });

  it('a change that throws loses neither the file nor the changes queued with it', async () => {
    await readAccount(path);
    const results = await Promise.allSettled([
      updateAccount(path, {}, (account) => ({ value: (account.extensions['a'] = 1), changed: true })),
      updateAccount(path, {}, (account) => {
        account.extensions['half'] = 'written';
        throw new Error('boom');
      }),
      updateAccount(path, {}, (account) => ({ value: (account.extensions['b'] = 2), changed: true })),
    ]);
    expect(results.map((r) => r.status)).to.deep.equal(['fulfilled', 'rejected', 'fulfilled']);
    forgetCachedAccount(path);
    const account = await readAccount(path);
    expect(account.extensions).to.deep.equal({ a: 1, b: 2 });
  });

  it('removes a stale lock left by a dead process, and waits for a live one', async () => {
    const { mkdirSync } = await import('node:fs');
    mkdirSync(join(dir, 'nested'), { recursive: true });
    const lock = `${path}.lock`;
    writeFileSync(lock, JSON.stringify({ pid: 2 ** 22 + 12345, host: (await import('node:os')).hostname(), created: Date.now() }));
    const release = await acquireAccountLock(lock, 2000);
    expect(JSON.parse(readFileSync(lock, 'utf8')).pid).to.equal(process.pid);
    const blocked = await acquireAccountLock(lock, 100).catch((e: unknown) => e);
    expect(blocked).to.be.instanceOf(UserError);
    expect((blocked as UserError).message).to.contain(`pid ${process.pid}`);
    release();
    expect(existsSync(lock)).to.equal(false);
  });

  it('loses no change when several processes write one account file at once', async function () {
    this.timeout(60_000);
    await readAccount(path, { region: 'eu-west-1' });
    await Promise.all(['p1', 'p2', 'p3'].map((prefix) => runWriter(path, prefix, 8)));
    forgetCachedAccount(path);
    const account = await readAccount(path);
    const vaults = Object.keys(account.backup['eu-west-1']!.vaults).sort();
    const expected = ['p1', 'p2', 'p3'].flatMap((p) => Array.from({ length: 8 }, (_, i) => `${p}-${i}`)).sort();
    expect(vaults).to.deep.equal(expected);
    expect(Object.keys(account.extensions['writer-test'] as object).sort()).to.deep.equal(expected);
    expect(existsSync(`${path}.lock`)).to.equal(false);
  });
});
