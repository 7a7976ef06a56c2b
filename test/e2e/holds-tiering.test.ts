// tiering_configuration and legal_hold end to end: the built CLI on the sandbox account, with drift
// made behind bkp's back by an SDK client, import, and a vault whose recovery points are held.
import { expect } from 'chai';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import {
  CancelLegalHoldCommand,
  DeleteRecoveryPointCommand,
  GetLegalHoldCommand,
  GetTieringConfigurationCommand,
  ListRecoveryPointsByBackupVaultCommand,
  UpdateTieringConfigurationCommand,
  type BackupClient,
} from '@aws-sdk/client-backup';
import { ROLE, Workspace } from './on-demand-helpers.js';

interface Settings {
  days: number;
  title: string;
  cancel: string;
  withHold: boolean;
}

const config = (arn: string, s: Settings) => `
provider "sandbox" {}

backup_vault "main" {
  name = "main"
}

on_demand_backup "web" {
  resource_arn = "${arn}"
  vault        = backup_vault.main.name
  iam_role_arn = "${ROLE}"
  trigger      = "t1"
}

tiering_configuration "archive" {
  name              = "archive_tiering"
  backup_vault_name = "*"
  resource_selection {
    resources                     = ["arn:aws:s3:::logs", "arn:aws:s3:::audit"]
    tiering_down_settings_in_days = ${s.days}
    resource_type                 = "S3"
  }
  tags = { team = "storage" }
}
${
  s.withHold
    ? `
legal_hold "case" {
  title              = "${s.title}"
  description        = "case 42"
  cancel_description = "${s.cancel}"
  retain_record_days = 30
  recovery_point_selection {
    vault_names = [backup_vault.main.name]
  }
}`
    : ''
}
`;

describe('tiering configurations and legal holds end to end (sandbox)', function () {
  this.timeout(240_000);
  let ws: Workspace;
  let arn: string;
  let client: BackupClient;
  /** The configuration so far: each step changes only what it names. */
  let settings: Settings = { days: 90, title: 'litigation', cancel: 'case closed', withHold: true };
  const write = (change: Partial<Settings> = {}) => {
    settings = { ...settings, ...change };
    return writeFile(join(ws.dir, 'main.bkp.hcl'), config(arn, settings));
  };
  const holdId = async () => (await ws.state()).resources.find((r) => r.address === 'legal_hold.case')!.id;

  before(async () => {
    ws = await Workspace.create();
    arn = await ws.addSource('ec2-instance', 'web');
    // The hold covers the recovery points that exist when it is made: back up first.
    await write({ withHold: false });
    await ws.ok('apply', '-auto-approve');
    await ws.ok('sandbox', 'advance', '1d');
    settings.withHold = true;
    client = ws.backupClient();
  });
  after(async () => {
    client?.destroy();
    await ws?.cleanup();
  });

  it('creates both, then plans no change', async () => {
    await write();
    const applied = await ws.ok('apply', '-auto-approve');
    expect(applied.stdout).to.include('Apply complete! Resources: 1 added, 0 changed, 0 destroyed.');
    const hold = await client.send(new GetLegalHoldCommand({ LegalHoldId: await holdId() }));
    expect([hold.Title, hold.Status, hold.RecoveryPointSelection?.VaultNames]).to.deep.equal(['litigation', 'ACTIVE', ['main']]);
    const again = await ws.bkp('plan', '-detailed-exitcode');
    expect(again.code, again.stdout + again.stderr).to.equal(0);
    expect(again.stdout).to.include('No changes.');
  });

  it('refuses to destroy the vault while the hold protects its recovery point, and names the hold', async () => {
    const refused = await ws.bkp('destroy', '-auto-approve');
    expect(refused.code).to.equal(1);
    expect(refused.stderr).to.include('Refusing to destroy backup_vault.main').and.include(`active legal hold "litigation" (${await holdId()})`);
    const point = (await client.send(new ListRecoveryPointsByBackupVaultCommand({ BackupVaultName: 'main' }))).RecoveryPoints![0]!;
    const denied = await client.send(new DeleteRecoveryPointCommand({ BackupVaultName: 'main', RecoveryPointArn: point.RecoveryPointArn })).catch((e: Error) => e);
    expect((denied as Error).name).to.equal('InvalidRequestException');
  });

  it('updates the tiering configuration in place and repairs drift made with an SDK client', async () => {
    await write({ days: 120 });
    const updated = await ws.ok('apply', '-auto-approve');
    expect(updated.stdout).to.include('Apply complete! Resources: 0 added, 1 changed, 0 destroyed.');
    await client.send(
      new UpdateTieringConfigurationCommand({
        TieringConfigurationName: 'archive_tiering',
        TieringConfiguration: { BackupVaultName: 'main', ResourceSelection: [{ Resources: ['*'], TieringDownSettingsInDays: 60, ResourceType: 'S3' }] },
      }),
    );
    const drift = await ws.bkp('plan', '-detailed-exitcode');
    expect(drift.code, drift.stdout + drift.stderr).to.equal(2);
    expect(drift.stdout).to.include('tiering_configuration.archive has changed outside bkp').and.include('0 to add, 1 to change, 0 to destroy');
    await ws.ok('apply', '-auto-approve');
    const repaired = (await client.send(new GetTieringConfigurationCommand({ TieringConfigurationName: 'archive_tiering' }))).TieringConfiguration!;
    expect([repaired.BackupVaultName, repaired.ResourceSelection![0]!.TieringDownSettingsInDays]).to.deep.equal(['*', 120]);
  });

  it('replaces a retitled hold: the new one is made first, then the old one is cancelled with the configured reason', async () => {
    const old = await holdId();
    await write({ cancel: 'superseded' });
    const recorded = await ws.ok('apply', '-auto-approve');
    expect(recorded.stdout).to.include('0 added, 1 changed, 0 destroyed');
    await write({ title: 'litigation-2' });
    const plan = await ws.ok('plan');
    expect(plan.stdout).to.include('AWS cannot update a legal hold');
    const replaced = await ws.ok('apply', '-auto-approve');
    expect(replaced.stdout).to.include('Apply complete! Resources: 1 added, 0 changed, 1 destroyed.');
    const cancelled = await client.send(new GetLegalHoldCommand({ LegalHoldId: old }));
    expect([cancelled.Status, cancelled.CancelDescription]).to.deep.equal(['CANCELED', 'superseded']);
    const current = await client.send(new GetLegalHoldCommand({ LegalHoldId: await holdId() }));
    expect([current.Title, current.Status]).to.deep.equal(['litigation-2', 'ACTIVE']);
  });

  it('re-creates a hold cancelled outside bkp', async () => {
    await client.send(new CancelLegalHoldCommand({ LegalHoldId: await holdId(), CancelDescription: 'by hand' }));
    const plan = await ws.bkp('plan', '-detailed-exitcode');
    expect(plan.code).to.equal(2);
    expect(plan.stdout).to.include('1 to add, 0 to change, 0 to destroy');
    await ws.ok('apply', '-auto-approve');
  });

  it('imports both after state rm, with no change to plan', async () => {
    const id = await holdId();
    await ws.ok('state', 'rm', 'legal_hold.case', 'tiering_configuration.archive');
    await ws.ok('import', 'tiering_configuration.archive', 'archive_tiering');
    await ws.ok('import', 'legal_hold.case', id);
    // cancel_description and retain_record_days, bkp's own settings, come from the configuration.
    const state = (await ws.state()).resources.find((r) => r.address === 'legal_hold.case')!;
    expect([state.attributes.cancel_description, state.attributes.retain_record_days]).to.deep.equal(['superseded', 30]);
    const plan = await ws.bkp('plan', '-detailed-exitcode');
    expect(plan.code, plan.stdout + plan.stderr).to.equal(0);
  });

  it('destroys the hold by cancelling it (targeted), after which the vault is refused only for its recovery point', async () => {
    const id = await holdId();
    const destroyed = await ws.ok('destroy', '-auto-approve', '-target=legal_hold.case');
    expect(destroyed.stdout).to.include('cancels the legal hold');
    const hold = await client.send(new GetLegalHoldCommand({ LegalHoldId: id }));
    expect([hold.Status, hold.CancelDescription]).to.deep.equal(['CANCELED', 'superseded']);
    const refused = await ws.bkp('destroy', '-auto-approve');
    expect(refused.code).to.equal(1);
    expect(refused.stderr).to.include('holds 1 recovery point').and.not.include('legal hold');
    const tiering = await ws.ok('destroy', '-auto-approve', '-target=tiering_configuration.archive');
    expect(tiering.stdout).to.include('0 to add, 0 to change, 1 to destroy');
  });
});
