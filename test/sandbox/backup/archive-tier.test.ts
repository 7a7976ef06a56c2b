// Lifecycle.OptInToArchiveForSupportedResources: EBS recovery points move to cold storage (the EBS
// Snapshots Archive tier) at MoveToColdStorageAfterDays only when the lifecycle opts in; types
// without an archive tier keep ignoring the cold storage setting.
import { expect } from 'chai';
import {
  CreateBackupPlanCommand,
  CreateBackupSelectionCommand,
  CreateBackupVaultCommand,
  DescribeBackupJobCommand,
  DescribeRecoveryPointCommand,
  ListRecoveryPointsByBackupVaultCommand,
  StartBackupJobCommand,
} from '@aws-sdk/client-backup';
import { DAY, HOUR, ROLE_ARN, sandboxFixture, type SandboxFixture } from '../fixture.js';

describe('sandbox backup: archive tier opt-in', () => {
  let sb: SandboxFixture;
  beforeEach(async () => {
    sb = await sandboxFixture();
    await sb.client.send(new CreateBackupVaultCommand({ BackupVaultName: 'main' }));
  });
  afterEach(() => sb.cleanup());

  const describePoint = (arn: string) => sb.client.send(new DescribeRecoveryPointCommand({ BackupVaultName: 'main', RecoveryPointArn: arn }));
  const lifecycle = { MoveToColdStorageAfterDays: 30, DeleteAfterDays: 120 };

  it('moves an opted-in scheduled EBS backup to cold storage on its date, leaves EC2 warm, and deletes both on time', async () => {
    const volume = await sb.addResource('ebs-volume', 'data');
    const instance = await sb.addResource('ec2-instance', 'web');
    const plan = await sb.client.send(
      new CreateBackupPlanCommand({
        BackupPlan: {
          BackupPlanName: 'archive',
          Rules: [
            {
              RuleName: 'monthly',
              TargetBackupVaultName: 'main',
              ScheduleExpression: 'cron(0 5 1 * ? *)',
              StartWindowMinutes: 60,
              Lifecycle: { ...lifecycle, OptInToArchiveForSupportedResources: true },
            },
          ],
        },
      }),
    );
    await sb.client.send(
      new CreateBackupSelectionCommand({ BackupPlanId: plan.BackupPlanId, BackupSelection: { SelectionName: 's', IamRoleArn: ROLE_ARN, Resources: [volume.arn, instance.arn] } }),
    );
    // The first tick is 1 February, 05:00 UTC (the fixture starts on 5 January).
    await sb.advance(27 * DAY + 7 * HOUR);
    const points = (await sb.client.send(new ListRecoveryPointsByBackupVaultCommand({ BackupVaultName: 'main' }))).RecoveryPoints ?? [];
    const ebs = points.find((p) => p.ResourceArn === volume.arn)!;
    const ec2 = points.find((p) => p.ResourceArn === instance.arn)!;
    expect(ebs.CalculatedLifecycle?.MoveToColdStorageAt?.getTime()).to.equal(ebs.CreationDate!.getTime() + 30 * DAY);
    expect(ec2.CalculatedLifecycle?.MoveToColdStorageAt).to.equal(undefined);
    expect(ec2.CalculatedLifecycle?.DeleteAt?.getTime()).to.equal(ec2.CreationDate!.getTime() + 120 * DAY);

    await sb.advance(29 * DAY);
    expect((await describePoint(ebs.RecoveryPointArn!)).StorageClass).to.equal('WARM');
    await sb.advance(2 * DAY);
    expect((await describePoint(ebs.RecoveryPointArn!)).StorageClass).to.equal('COLD');
    expect((await describePoint(ec2.RecoveryPointArn!)).StorageClass).to.equal('WARM');
    await sb.advance(90 * DAY);
    const left = (await sb.client.send(new ListRecoveryPointsByBackupVaultCommand({ BackupVaultName: 'main' }))).RecoveryPoints ?? [];
    expect(left.map((p) => p.RecoveryPointArn)).to.not.include.members([ebs.RecoveryPointArn, ec2.RecoveryPointArn]);
  });

  it('keeps an EBS backup warm when its lifecycle does not opt in to the archive tier', async () => {
    const volume = await sb.addResource('ebs-volume', 'data');
    const job = await sb.client.send(new StartBackupJobCommand({ BackupVaultName: 'main', ResourceArn: volume.arn, IamRoleArn: ROLE_ARN, Lifecycle: lifecycle }));
    await sb.advance(HOUR);
    const arn = (await sb.client.send(new DescribeBackupJobCommand({ BackupJobId: job.BackupJobId }))).RecoveryPointArn!;
    expect((await describePoint(arn)).CalculatedLifecycle?.MoveToColdStorageAt).to.equal(undefined);
    await sb.advance(40 * DAY);
    expect((await describePoint(arn)).StorageClass).to.equal('WARM');
  });
});
