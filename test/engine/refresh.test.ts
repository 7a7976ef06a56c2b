// List-first refresh: listings answer existence, one bulk tagging call answers tags.
import { expect } from 'chai';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CreateBackupVaultCommand, UntagResourceCommand } from '@aws-sdk/client-backup';
import type { ObjectValue } from '../../src/core/values.js';
import { HandlerContexts } from '../../src/engine/handler-contexts.js';
import { Limiter } from '../../src/engine/limiter.js';
import type { PriorResource } from '../../src/engine/planner.js';
import { ProviderClients } from '../../src/app/providers.js';
import { refresh } from '../../src/engine/refresh.js';
import { backupVaultHandler } from '../../src/resources/backup-vault/handler.js';

const nowhere = { file: 'x', start: { line: 1, column: 1, offset: 0 }, end: { line: 1, column: 1, offset: 0 } };

interface Counted {
  middlewareStack: { add(mw: unknown, options: { step: string; name: string }): void };
}

function countCalls(client: Counted, into: Map<string, number>): void {
  client.middlewareStack.add(
    (next: (args: unknown) => Promise<unknown>, context: { commandName?: string }) => async (args: unknown) => {
      const name = (context.commandName ?? '?').replace(/Command$/, '');
      into.set(name, (into.get(name) ?? 0) + 1);
      return next(args);
    },
    { step: 'initialize', name: 'bkpTestCounter' },
  );
}

describe('refresh', () => {
  let dir: string;
  let clients: ProviderClients;
  const calls = new Map<string, number>();
  const prior: PriorResource[] = [];

  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'bkp-refresh-'));
    clients = new ProviderClients({
      dir,
      providers: [{ type: 'sandbox', key: 'sandbox', attributes: { path: 'sandbox.json' }, ranges: new Map(), range: nowhere }],
    });
    const backup = await clients.backup('sandbox');
    // Before the first call: bkp's clients cache each command's middleware chain (cacheMiddleware).
    countCalls(backup as unknown as Counted, calls);
    countCalls((await clients.tagging('sandbox')) as unknown as Counted, calls);
    for (let i = 0; i < 10; i++) {
      await backup.send(new CreateBackupVaultCommand({ BackupVaultName: `v${i}`, BackupVaultTags: i === 9 ? undefined : { team: 'infra' } }));
    }
    const ctx = await new HandlerContexts(clients, new Limiter(4), 'l').context('sandbox');
    for (let i = 0; i < 10; i++) {
      const attributes = (await backupVaultHandler.read(ctx, `v${i}`, {})) as ObjectValue;
      prior.push({ address: `backup_vault.v${i}`, kind: 'backup_vault', name: `v${i}`, provider: 'sandbox', id: `v${i}`, attributes, dependencies: [] });
    }
  });
  after(() => {
    clients.destroy();
    rmSync(dir, { recursive: true, force: true });
  });

  it('reads ten vaults with one listing and one bulk tag call, and sees no change', async () => {
    calls.clear();
    const result = await refresh(prior, new HandlerContexts(clients, new Limiter(4), 'l'));
    // Access policies are read only where bkp manages one: none here.
    expect(Object.fromEntries(calls)).to.deep.equal({ ListBackupVaults: 1, GetResources: 1 });
    for (const p of prior) expect(result.get(p.address)).to.deep.equal(p.attributes);
  });

  it('checks with ListTags a vault whose tags all vanished from the bulk answer', async () => {
    const backup = await clients.backup('sandbox');
    await backup.send(new UntagResourceCommand({ ResourceArn: String(prior[0]!.attributes.arn), TagKeyList: ['team'] }));
    calls.clear();
    const result = await refresh(prior, new HandlerContexts(clients, new Limiter(4), 'l'));
    expect(calls.get('ListTags')).to.equal(1);
    expect(result.get('backup_vault.v0')!.tags).to.deep.equal({});
    expect(result.get('backup_vault.v1')!.tags).to.deep.equal({ team: 'infra' });
  });

  it('reports a vault deleted outside bkp as gone', async () => {
    const gone = [{ ...prior[0]!, id: 'does-not-exist', address: 'backup_vault.gone' }];
    const result = await refresh(gone, new HandlerContexts(clients, new Limiter(4), 'l'));
    expect(result.get('backup_vault.gone')).to.equal(null);
  });
});
