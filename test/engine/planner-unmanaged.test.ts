// bkp never removes what it does not manage: tag keys the configuration does not name, and a vault
// access policy set outside bkp where the configuration sets none (reported, left alone).
import { expect } from 'chai';
import type { BackupClient } from '@aws-sdk/client-backup';
import type { ObjectValue } from '../../src/core/values.js';
import { plan, type PriorResource } from '../../src/engine/planner.js';
import { backupVaultHandler } from '../../src/resources/backup-vault/handler.js';
import type { HandlerContext } from '../../src/resources/handler.js';
import { resourceConfig } from '../support/resource-config.js';

const now = new Date('2026-12-06T12:00:00Z');
const arn = 'arn:aws:backup:eu-west-1:123456789012:backup-vault:main';
const policy = { Version: '2012-10-17', Statement: [{ Effect: 'Deny', Principal: '*', Action: 'backup:DeleteRecoveryPoint', Resource: '*' }] };
const vaultState = (extra: ObjectValue = {}): ObjectValue => ({ name: 'main', tags: { team: 'infra' }, arn, recovery_points: 0, locked: false, ...extra });
const prior = (attributes: ObjectValue): PriorResource => ({ address: 'backup_vault.main', kind: 'backup_vault', name: 'main', provider: 'sandbox', id: 'main', attributes, dependencies: [] });

function planVault(configured: ObjectValue, state: ObjectValue, read: ObjectValue) {
  return plan({
    desired: [resourceConfig('backup_vault.main', configured)],
    prior: [prior(state)],
    refreshed: new Map([['backup_vault.main', read]]),
    now,
    mode: 'normal',
  });
}

describe('planner: what bkp does not manage', () => {
  it('reports an access policy set outside bkp on a vault configured without one, and plans nothing', () => {
    const p = planVault({ name: 'main', tags: { team: 'infra' } }, vaultState(), vaultState({ access_policy: policy }));
    expect(p.changes[0]!.action).to.equal('no-op');
    expect(p.drift).to.deep.equal([]);
    expect(p.refreshedState).to.deep.equal([]);
    const warning = p.diagnostics.find((d) => d.summary === 'backup_vault.main: access_policy set outside bkp');
    expect(warning?.severity).to.equal('warning');
    expect(warning?.detail).to.include('leaves it as it is');
  });

  it('leaves a vault lock set outside bkp in place (it is never removed by an update), and says so', () => {
    const lock = { min_retention_days: 7, max_retention_days: 365 };
    const p = planVault({ name: 'main', tags: { team: 'storage' } }, vaultState(), vaultState({ lock }));
    const change = p.changes[0]!;
    expect(change.action).to.equal('update');
    expect(change.before!.lock).to.equal(undefined);
    expect(change.after!.lock).to.equal(undefined);
    expect(p.diagnostics.map((d) => d.summary)).to.include('backup_vault.main: lock set outside bkp');
  });

  it('manages the policy once the configuration sets one: a difference is an update', () => {
    const configured = { ...policy, Statement: [{ ...policy.Statement[0]!, Action: 'backup:*' }] };
    const p = planVault({ name: 'main', tags: { team: 'infra' }, access_policy: configured }, vaultState(), vaultState({ access_policy: policy }));
    expect(p.changes[0]!.action).to.equal('update');
    expect(p.diagnostics.filter((d) => d.severity === 'warning')).to.deep.equal([]);
  });

  it('removes a policy bkp applied once the configuration drops it', () => {
    const p = planVault({ name: 'main', tags: { team: 'infra' } }, vaultState({ access_policy: policy }), vaultState({ access_policy: policy }));
    const change = p.changes[0]!;
    expect(change.action).to.equal('update');
    expect(change.after!.access_policy).to.equal(undefined);
  });

  it('ignores tag keys added outside bkp, also when the vault is updated for another reason', () => {
    const p = planVault({ name: 'main', tags: { team: 'storage' } }, vaultState(), vaultState({ tags: { team: 'infra', cost: 'center-1' } }));
    const change = p.changes[0]!;
    expect(change.action).to.equal('update');
    expect(change.before!.tags).to.deep.equal({ team: 'infra' });
    expect(change.after!.tags).to.deep.equal({ team: 'storage' });
  });

  it("a vault update records only the managed tag keys, so a foreign key never becomes bkp's to remove", async () => {
    const sent: string[] = [];
    const backup = {
      async send(command: { constructor: { name: string }; input: Record<string, unknown> }) {
        sent.push(`${command.constructor.name} ${JSON.stringify(command.input)}`);
        switch (command.constructor.name) {
          case 'DescribeBackupVaultCommand':
            return { BackupVaultName: 'main', BackupVaultArn: arn, NumberOfRecoveryPoints: 0 };
          case 'ListTagsCommand':
            return { Tags: { team: 'storage', cost: 'center-1' } };
          case 'GetBackupVaultAccessPolicyCommand':
            throw Object.assign(new Error('no policy'), { name: 'ResourceNotFoundException' });
          default:
            return {};
        }
      },
    } as unknown as BackupClient;
    const ctx = { backup, lineage: 'l', settings: {}, tagging: async () => ({}), limit: (call: () => Promise<unknown>) => call() } as unknown as HandlerContext;
    const updated = await backupVaultHandler.update(ctx, 'main', vaultState(), { name: 'main', tags: { team: 'storage' } });
    expect(updated.tags).to.deep.equal({ team: 'storage' });
    expect(sent.filter((call) => call.startsWith('UntagResource'))).to.deep.equal([]);
    expect(sent.some((call) => call.startsWith('TagResourceCommand') && call.includes('"team":"storage"'))).to.equal(true);
  });
});
