// Destroying around recovery points on the sandbox: a targeted destroy of something else is not
// refused because a vault holds recovery points, and force_destroy empties a vault before deleting it.
import { expect } from 'chai';
import { ListBackupVaultsCommand, ListRecoveryPointsByBackupVaultCommand, PutBackupVaultAccessPolicyCommand } from '@aws-sdk/client-backup';
import { Workspace } from './on-demand-helpers.js';

describe('destroy and recovery points end to end (sandbox)', function () {
  this.timeout(180_000);
  let ws: Workspace;
  beforeEach(async () => {
    ws = await Workspace.create();
    const arn = await ws.addSource('ec2-instance', 'web');
    await ws.configure([{ name: 'web', source: 'web', arn }]);
    await ws.ok('apply', '-auto-approve');
    await ws.ok('sandbox', 'advance', '1d');
  });
  afterEach(async () => ws.cleanup());

  async function pointsIn(vault: string): Promise<number> {
    const client = ws.backupClient();
    try {
      return (await client.send(new ListRecoveryPointsByBackupVaultCommand({ BackupVaultName: vault }))).RecoveryPoints?.length ?? 0;
    } finally {
      client.destroy();
    }
  }

  it('destroys a targeted resource although the vault holds recovery points, and keeps the vault', async () => {
    expect(await pointsIn('main')).to.equal(1);
    const refused = await ws.bkp('destroy', '-auto-approve');
    expect(refused.code).to.equal(1);
    expect(refused.stderr).to.include('holds 1 recovery point').and.include('force_destroy = true');

    const targeted = await ws.bkp('destroy', '-auto-approve', '-target=on_demand_backup.web');
    expect(targeted.code, targeted.stdout + targeted.stderr).to.equal(0);
    expect(targeted.stdout).to.include('0 to add, 0 to change, 1 to destroy');
    const state = await ws.state();
    expect(state.resources.map((r) => r.address)).to.deep.equal(['backup_vault.main']);
  });

  it('deletes the recovery points of a vault with force_destroy, saying how many, then the vault', async () => {
    const arn = (await ws.state()).resources.find((r) => r.address === 'on_demand_backup.web')!.attributes.resource_arn as string;
    await ws.configure([{ name: 'web', source: 'web', arn }], 'force_destroy = true');
    const update = await ws.ok('apply', '-auto-approve');
    expect(update.stdout).to.include('1 to change');
    expect((await ws.state()).resources.find((r) => r.address === 'backup_vault.main')!.attributes.force_destroy).to.equal(true);

    const plan = await ws.ok('plan', '-destroy');
    expect(plan.stdout).to.include('# backup_vault.main will be destroyed: force_destroy deletes the 1 recovery point of backup vault "main"');
    expect(plan.stderr).to.include('cannot be restored');

    await ws.ok('destroy', '-auto-approve');
    const client = ws.backupClient();
    const vaults = await client.send(new ListBackupVaultsCommand({}));
    client.destroy();
    expect(vaults.BackupVaultList ?? []).to.deep.equal([]);
    expect((await ws.state()).resources).to.deep.equal([]);
  });
  // A deny policy set outside bkp (docs/unmanaged.md): AWS refuses with AccessDeniedException,
  // which bkp must report, not take for a vault already gone.
  async function denyInVault(action: string): Promise<void> {
    const policy = JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Deny', Principal: '*', Action: action, Resource: '*' }] });
    const client = ws.backupClient();
    try {
      await client.send(new PutBackupVaultAccessPolicyCommand({ BackupVaultName: 'main', Policy: policy }));
    } finally {
      client.destroy();
    }
  }

  async function vaultNames(): Promise<string[]> {
    const client = ws.backupClient();
    try {
      return ((await client.send(new ListBackupVaultsCommand({}))).BackupVaultList ?? []).map((v) => v.BackupVaultName!);
    } finally {
      client.destroy();
    }
  }

  for (const action of ['backup:DeleteRecoveryPoint', 'backup:DeleteBackupVault']) {
    it(`reports the AccessDenied of a vault policy denying ${action}, and keeps the vault in the state`, async () => {
      const arn = (await ws.state()).resources.find((r) => r.address === 'on_demand_backup.web')!.attributes.resource_arn as string;
      await ws.configure([{ name: 'web', source: 'web', arn }], 'force_destroy = true');
      await ws.ok('apply', '-auto-approve');
      await denyInVault(action);

      const refused = await ws.bkp('destroy', '-auto-approve');
      expect(refused.code, refused.stdout + refused.stderr).to.equal(1);
      expect(refused.stderr).to.include('AccessDenied').and.include(`not authorized to perform: ${action}`).and.include('the access policy of the vault');
      expect(refused.stderr).not.to.match(/TypeError|at .*\.js:\d+/);
      expect(await vaultNames()).to.deep.equal(['main']);
      expect((await ws.state()).resources.map((r) => r.address)).to.include('backup_vault.main');
    });
  }
});
