import { expect } from 'chai';
import {
  CreateBackupVaultCommand,
  DeleteBackupVaultCommand,
  DeleteBackupVaultLockConfigurationCommand,
  DeleteRecoveryPointCommand,
  DescribeBackupJobCommand,
  DescribeBackupVaultCommand,
  DescribeRecoveryPointCommand,
  ListBackupVaultsCommand,
  ListRecoveryPointsByBackupVaultCommand,
  PutBackupVaultLockConfigurationCommand,
  StartBackupJobCommand,
  UpdateRecoveryPointLifecycleCommand,
  type Lifecycle,
} from '@aws-sdk/client-backup';
import { DAY, HOUR, ROLE_ARN, rejection, sandboxFixture, START, type SandboxFixture } from '../fixture.js';

describe('sandbox backup: recovery points, lifecycles and vault lock', () => {
  let sb: SandboxFixture;
  beforeEach(async () => {
    sb = await sandboxFixture();
    await sb.client.send(new CreateBackupVaultCommand({ BackupVaultName: 'main' }));
  });
  afterEach(() => sb.cleanup());

  async function backup(resourceArn: string, lifecycle?: Lifecycle, vault = 'main'): Promise<string> {
    const job = await sb.client.send(new StartBackupJobCommand({ BackupVaultName: vault, ResourceArn: resourceArn, IamRoleArn: ROLE_ARN, Lifecycle: lifecycle }));
    await sb.advance(HOUR);
    const done = await sb.client.send(new DescribeBackupJobCommand({ BackupJobId: job.BackupJobId }));
    expect(done.State).to.equal('COMPLETED');
    return done.RecoveryPointArn!;
  }
  const describePoint = (arn: string, vault = 'main') => sb.client.send(new DescribeRecoveryPointCommand({ BackupVaultName: vault, RecoveryPointArn: arn }));

  it('moves EFS points to cold storage and deletes them as the clock passes, whatever the source does', async () => {
    const efs = await sb.addResource('efs', 'files');
    const arn = await backup(efs.arn, { MoveToColdStorageAfterDays: 1, DeleteAfterDays: 91 });
    expect(arn).to.match(/^arn:aws:backup:eu-west-1:123456789012:recovery-point:[0-9A-F-]{36}$/);
    const fresh = await describePoint(arn);
    expect(fresh.StorageClass).to.equal('WARM');
    const created = fresh.CreationDate!.getTime();
    expect(fresh.CalculatedLifecycle!.MoveToColdStorageAt!.getTime()).to.equal(created + DAY);
    expect(fresh.CalculatedLifecycle!.DeleteAt!.getTime()).to.equal(created + 91 * DAY);
    await sb.update((account) => {
      account.inventory.find((r) => r.arn === efs.arn)!.state = 'DELETING';
    });
    await sb.advance(DAY);
    expect((await describePoint(arn)).StorageClass).to.equal('COLD');
    await sb.advance(90 * DAY);
    expect((await rejection(describePoint(arn))).name).to.equal('ResourceNotFoundException');
  });

  it('ignores cold storage for resource types without it (EC2)', async () => {
    const instance = await sb.addResource('ec2-instance', 'web');
    const arn = await backup(instance.arn, { MoveToColdStorageAfterDays: 1, DeleteAfterDays: 100 });
    const point = await describePoint(arn);
    expect(point.CalculatedLifecycle!.MoveToColdStorageAt).to.equal(undefined);
    await sb.advance(2 * DAY);
    expect((await describePoint(arn)).StorageClass).to.equal('WARM');
  });

  it('lists recovery points with filters and answers AccessDeniedException for a missing vault', async () => {
    const a = await sb.addResource('ec2-instance', 'a');
    const v = await sb.addResource('ebs-volume', 'v');
    const first = await backup(a.arn);
    await sb.advance(DAY);
    const second = await backup(a.arn);
    const volumePoint = await backup(v.arn);
    const list = async (input: Record<string, unknown>) =>
      ((await sb.client.send(new ListRecoveryPointsByBackupVaultCommand({ BackupVaultName: 'main', ...input }))).RecoveryPoints ?? []).map(
        (p) => p.RecoveryPointArn,
      );
    expect(await list({})).to.have.members([first, second, volumePoint]);
    expect(await list({ ByResourceArn: a.arn })).to.deep.equal([second, first]);
    expect(await list({ ByResourceType: 'EBS' })).to.deep.equal([volumePoint]);
    expect(await list({ ByCreatedAfter: new Date(START.getTime() + DAY) })).to.have.members([second, volumePoint]);
    expect(await list({ ByParentRecoveryPointArn: first })).to.deep.equal([second]);
    expect(await list({ MaxResults: 1 })).to.have.length(1);
    const missing = await rejection(sb.client.send(new ListRecoveryPointsByBackupVaultCommand({ BackupVaultName: 'nope' })));
    expect(missing.name).to.equal('AccessDeniedException');
    const vault = await sb.client.send(new DescribeBackupVaultCommand({ BackupVaultName: 'main' }));
    expect(vault.NumberOfRecoveryPoints).to.equal(3);
  });

  it('refuses to delete a vault that holds recovery points, and deletes it once they are gone', async () => {
    const a = await sb.addResource('ec2-instance', 'a');
    const arn = await backup(a.arn);
    const refused = await rejection(sb.client.send(new DeleteBackupVaultCommand({ BackupVaultName: 'main' })));
    expect(refused.name).to.equal('InvalidRequestException');
    expect(refused.message).to.equal('Backup vault cannot be deleted because it contains recovery points.');
    await sb.client.send(new DeleteRecoveryPointCommand({ BackupVaultName: 'main', RecoveryPointArn: arn }));
    await sb.client.send(new DeleteBackupVaultCommand({ BackupVaultName: 'main' }));
  });

  it('updates a recovery point lifecycle and validates it', async () => {
    const efs = await sb.addResource('efs', 'files');
    const arn = await backup(efs.arn, { DeleteAfterDays: 30 });
    const updated = await sb.client.send(
      new UpdateRecoveryPointLifecycleCommand({ BackupVaultName: 'main', RecoveryPointArn: arn, Lifecycle: { MoveToColdStorageAfterDays: 10, DeleteAfterDays: 100 } }),
    );
    expect(updated.Lifecycle).to.deep.equal({ MoveToColdStorageAfterDays: 10, DeleteAfterDays: 100 });
    expect(updated.CalculatedLifecycle!.DeleteAt).to.be.instanceOf(Date);
    const bad = await rejection(
      sb.client.send(new UpdateRecoveryPointLifecycleCommand({ BackupVaultName: 'main', RecoveryPointArn: arn, Lifecycle: { MoveToColdStorageAfterDays: 10, DeleteAfterDays: 20 } })),
    );
    expect(bad.name).to.equal('InvalidParameterValueException');
  });

  it('keeps a recovery point indefinitely after UpdateRecoveryPointLifecycle with -1 / -1, as the Lifecycle shape documents', async () => {
    const efs = await sb.addResource('efs', 'files');
    const arn = await backup(efs.arn, { DeleteAfterDays: 30 });
    const updated = await sb.client.send(
      new UpdateRecoveryPointLifecycleCommand({ BackupVaultName: 'main', RecoveryPointArn: arn, Lifecycle: { MoveToColdStorageAfterDays: -1, DeleteAfterDays: -1 } }),
    );
    expect(updated.Lifecycle).to.deep.equal({ MoveToColdStorageAfterDays: -1, DeleteAfterDays: -1 });
    expect(updated.CalculatedLifecycle).to.equal(undefined);
    await sb.advance(400 * DAY);
    const kept = await describePoint(arn);
    expect(kept.Status).to.equal('COMPLETED');
    expect(kept.CalculatedLifecycle).to.equal(undefined);
    const half = await rejection(
      sb.client.send(new UpdateRecoveryPointLifecycleCommand({ BackupVaultName: 'main', RecoveryPointArn: arn, Lifecycle: { MoveToColdStorageAfterDays: -1, DeleteAfterDays: 100 } })),
    );
    expect(half.name).to.equal('InvalidParameterValueException');
  });

  it('vault lock: reported by Describe/List, changeable until its lock date, immutable after', async () => {
    await sb.client.send(new PutBackupVaultLockConfigurationCommand({ BackupVaultName: 'main', MinRetentionDays: 7, MaxRetentionDays: 365, ChangeableForDays: 3 }));
    const described = await sb.client.send(new DescribeBackupVaultCommand({ BackupVaultName: 'main' }));
    expect(described).to.deep.include({ Locked: true, MinRetentionDays: 7, MaxRetentionDays: 365 });
    expect(described.LockDate!.getTime()).to.equal(START.getTime() + 3 * DAY);
    const listed = (await sb.client.send(new ListBackupVaultsCommand({}))).BackupVaultList![0]!;
    expect(listed).to.deep.include({ Locked: true, MinRetentionDays: 7, MaxRetentionDays: 365 });
    await sb.advance(DAY);
    await sb.client.send(new PutBackupVaultLockConfigurationCommand({ BackupVaultName: 'main', MinRetentionDays: 14, MaxRetentionDays: 365, ChangeableForDays: 3 }));
    await sb.advance(3 * DAY);
    const change = await rejection(sb.client.send(new PutBackupVaultLockConfigurationCommand({ BackupVaultName: 'main', MinRetentionDays: 1 })));
    expect(change.name).to.equal('InvalidRequestException');
    const remove = await rejection(sb.client.send(new DeleteBackupVaultLockConfigurationCommand({ BackupVaultName: 'main' })));
    expect(remove.name).to.equal('InvalidRequestException');
  });

  it('vault lock in governance mode (no ChangeableForDays) stays removable; bad ranges are refused', async () => {
    await sb.client.send(new PutBackupVaultLockConfigurationCommand({ BackupVaultName: 'main', MinRetentionDays: 1 }));
    await sb.advance(30 * DAY);
    await sb.client.send(new DeleteBackupVaultLockConfigurationCommand({ BackupVaultName: 'main' }));
    expect((await sb.client.send(new DescribeBackupVaultCommand({ BackupVaultName: 'main' }))).Locked).to.equal(false);
    for (const input of [{ MinRetentionDays: 10, MaxRetentionDays: 5 }, { MinRetentionDays: 0 }, { MaxRetentionDays: 36501 }, { MinRetentionDays: 1, ChangeableForDays: 2 }]) {
      const error = await rejection(sb.client.send(new PutBackupVaultLockConfigurationCommand({ BackupVaultName: 'main', ...input })));
      expect(error.name, JSON.stringify(input)).to.equal('InvalidParameterValueException');
    }
  });

  it('vault lock: refuses to delete a recovery point younger than the minimum retention', async () => {
    const a = await sb.addResource('ec2-instance', 'a');
    await sb.client.send(new PutBackupVaultLockConfigurationCommand({ BackupVaultName: 'main', MinRetentionDays: 7 }));
    const arn = await backup(a.arn, { DeleteAfterDays: 30 });
    const refused = await rejection(sb.client.send(new DeleteRecoveryPointCommand({ BackupVaultName: 'main', RecoveryPointArn: arn })));
    expect(refused.name).to.equal('InvalidRequestException');
    await sb.advance(8 * DAY);
    await sb.client.send(new DeleteRecoveryPointCommand({ BackupVaultName: 'main', RecoveryPointArn: arn }));
    expect((await rejection(describePoint(arn))).name).to.equal('ResourceNotFoundException');
  });
  it('vault lock: UpdateRecoveryPointLifecycle keeps the retention within the maximum (no DeleteAfterDays is forever)', async () => {
    const a = await sb.addResource('ec2-instance', 'a');
    await sb.client.send(new PutBackupVaultLockConfigurationCommand({ BackupVaultName: 'main', MinRetentionDays: 1, MaxRetentionDays: 30 }));
    const arn = await backup(a.arn, { DeleteAfterDays: 20 });
    const update = (Lifecycle?: Lifecycle) => sb.client.send(new UpdateRecoveryPointLifecycleCommand({ BackupVaultName: 'main', RecoveryPointArn: arn, Lifecycle }));
    for (const lifecycle of [{ DeleteAfterDays: 60 }, {}, undefined, { MoveToColdStorageAfterDays: 5 }, { DeleteAfterDays: -1 }]) {
      const refused = await rejection(update(lifecycle));
      expect(refused.name, JSON.stringify(lifecycle)).to.equal('InvalidRequestException');
      expect(refused.message).to.match(/at most 30 days|maximum retention/);
    }
    expect((await describePoint(arn)).Lifecycle).to.deep.equal({ DeleteAfterDays: 20 });
    const within = await update({ DeleteAfterDays: 30 });
    expect(within.Lifecycle).to.deep.equal({ DeleteAfterDays: 30 });
  });
});
