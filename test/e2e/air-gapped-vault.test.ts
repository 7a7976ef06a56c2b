// A logically air-gapped vault's whole life through the built CLI on the sandbox: create, no-change
// plan, tags updated in place, replacement on a new retention range, drift made with a real SDK
// client, `bkp import`, the retention check of backups into it, and destroy.
import { expect } from 'chai';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import {
  CreateLogicallyAirGappedBackupVaultCommand,
  DescribeBackupVaultCommand,
  ListBackupVaultsCommand,
  StartBackupJobCommand,
  TagResourceCommand,
} from '@aws-sdk/client-backup';
import { ROLE, Workspace } from './on-demand-helpers.js';

function vaultBlock(label: string, name: string, body: string): string {
  return `logically_air_gapped_vault "${label}" {\n  name = "${name}"\n${body}\n}\n`;
}

describe('logically air-gapped vault end to end (sandbox)', function () {
  this.timeout(240_000);
  let ws: Workspace;
  beforeEach(async () => {
    ws = await Workspace.create();
  });
  afterEach(async () => ws.cleanup());

  const write = (text: string) => writeFile(join(ws.dir, 'main.bkp.hcl'), `provider "sandbox" {}\n\n${text}`);
  const range = (min: number, max: number, tags = '{ team = "infra" }') =>
    `  min_retention_days = ${min}\n  max_retention_days = ${max}\n  tags = ${tags}`;

  async function describeVault(name: string) {
    const client = ws.backupClient();
    try {
      return await client.send(new DescribeBackupVaultCommand({ BackupVaultName: name }));
    } finally {
      client.destroy();
    }
  }

  it('creates, plans no change, updates tags in place, replaces on a new range, sees drift, imports and destroys', async () => {
    await write(vaultBlock('vault', 'airgap', range(7, 35)));
    const created = await ws.ok('apply', '-auto-approve');
    expect(created.stdout).to.include('1 added, 0 changed, 0 destroyed');
    const described = await describeVault('airgap');
    expect([described.VaultType, described.Locked, described.MinRetentionDays, described.MaxRetentionDays]).to.deep.equal([
      'LOGICALLY_AIR_GAPPED_BACKUP_VAULT',
      true,
      7,
      35,
    ]);
    const recorded = (await ws.state()).resources.find((r) => r.address === 'logically_air_gapped_vault.vault')!;
    expect(recorded.attributes).to.deep.include({ vault_type: 'LOGICALLY_AIR_GAPPED_BACKUP_VAULT', vault_state: 'AVAILABLE', recovery_points: 0 });

    const same = await ws.bkp('plan', '-detailed-exitcode');
    expect(same.code, same.stdout + same.stderr).to.equal(0);
    expect(same.stdout).to.include('No changes.');
    // `bkp jobs --all` lists the jobs of a managed air-gapped vault that bkp did not start.
    const source = await ws.addSource('ec2-instance', 'web');
    const starter = ws.backupClient();
    const other = await starter.send(
      new StartBackupJobCommand({ BackupVaultName: 'airgap', ResourceArn: source, IamRoleArn: ROLE, Lifecycle: { DeleteAfterDays: 14 } }),
    );
    starter.destroy();
    const all = await ws.jobsJson('--all');
    expect(all.find((j) => j.job_id === other.BackupJobId)?.address).to.equal(null);

    // The simulation's scratch account leaves out the declared vault, which its apply creates again.
    const simulated = await ws.bkp('simulate', '-days=2');
    expect(simulated.code, simulated.stdout + simulated.stderr).to.equal(0);

    await write(vaultBlock('vault', 'airgap', range(7, 35, '{ team = "platform" }')));
    const retag = await ws.ok('apply', '-auto-approve');
    expect(retag.stdout).to.include('0 added, 1 changed, 0 destroyed');

    await write(vaultBlock('vault', 'airgap', range(7, 90, '{ team = "platform" }')));
    const replacePlan = await ws.ok('plan');
    expect(replacePlan.stdout).to.include("must be replaced: an air-gapped vault's retention range is locked (compliance mode) when it is created");
    const replaced = await ws.ok('apply', '-auto-approve');
    expect(replaced.stdout).to.include('1 added, 0 changed, 1 destroyed');
    expect((await describeVault('airgap')).MaxRetentionDays).to.equal(90);

    // Drift: someone changes a managed tag through the API.
    const client = ws.backupClient();
    await client.send(new TagResourceCommand({ ResourceArn: described.BackupVaultArn, Tags: { team: 'someone-else' } }));
    // …and makes another air-gapped vault, which is then imported.
    await client.send(new CreateLogicallyAirGappedBackupVaultCommand({ BackupVaultName: 'outside', MinRetentionDays: 14, MaxRetentionDays: 30 }));
    client.destroy();
    const drift = await ws.bkp('plan', '-detailed-exitcode');
    expect(drift.code, drift.stdout + drift.stderr).to.equal(2);
    expect(drift.stdout).to.include('0 to add, 1 to change, 0 to destroy');

    await write(vaultBlock('vault', 'airgap', range(7, 90, '{ team = "platform" }')) + vaultBlock('outside', 'outside', range(14, 30, '{}')));
    const imported = await ws.bkp('import', 'logically_air_gapped_vault.outside', 'outside');
    expect(imported.code, imported.stderr).to.equal(0);
    expect(imported.stdout).to.include('Import successful!');
    const afterImport = await ws.ok('apply', '-auto-approve');
    expect(afterImport.stdout).to.include('0 added, 1 changed, 0 destroyed');
    const settled = await ws.bkp('plan', '-detailed-exitcode');
    expect(settled.code, settled.stdout + settled.stderr).to.equal(0);

    await ws.ok('destroy', '-auto-approve');
    const after = ws.backupClient();
    const left = await after.send(new ListBackupVaultsCommand({}));
    after.destroy();
    expect(left.BackupVaultList ?? []).to.deep.equal([]);
    expect((await ws.state()).resources).to.deep.equal([]);
  });

  it('positions a backup whose retention the vault refuses, and refuses destroying a vault with recovery points', async () => {
    const arn = await ws.addSource('ec2-instance', 'web');
    const backup = (lifecycle: string) => `
on_demand_backup "web" {
  resource_arn = "${arn}"
  vault        = logically_air_gapped_vault.vault.name
  iam_role_arn = "${ROLE}"
  trigger      = "t1"
  ${lifecycle}
}
`;
    await write(vaultBlock('vault', 'airgap', range(7, 35)) + backup('lifecycle { delete_after_days = 3 }'));
    const refused = await ws.bkp('validate');
    expect(refused.code).to.equal(1);
    // Positioned at the lifecycle's delete_after_days (line 15 of the file written above).
    expect(refused.stderr).to.include('on main.bkp.hcl line 15, in on_demand_backup "web"').and.include('delete_after_days = 3');
    expect(refused.stderr).to.include('Retention outside the air-gapped vault range').and.include('Set delete_after_days to 7 or more');

    await write(vaultBlock('vault', 'airgap', range(7, 35)) + backup('lifecycle { delete_after_days = 7 }'));
    // The vault and the backup into it in one plan: the preflight does not look for the planned vault
    // in the account (nor does the simulation, whose scratch apply creates both).
    const simulated = await ws.bkp('simulate', '-days=2');
    expect(simulated.code, simulated.stdout + simulated.stderr).to.equal(0);
    await ws.ok('plan');
    await ws.ok('apply', '-auto-approve');
    await ws.ok('sandbox', 'advance', '1d');
    expect((await describeVault('airgap')).NumberOfRecoveryPoints).to.equal(1);
    const shown = await ws.ok('show', 'logically_air_gapped_vault.vault');
    expect(shown.stdout).to.include('logically_air_gapped_vault.vault: 1 recovery point in vault "airgap"');

    const destroy = await ws.bkp('destroy', '-auto-approve');
    expect(destroy.code).to.equal(1);
    expect(destroy.stderr).to.include('holds 1 recovery point, which nobody can delete before their retention ends');
  });
});
