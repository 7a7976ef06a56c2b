// The AWS Backup documentation scenario: a daily rule with a 3-day retention. Day 1 is a full
// backup, days 2 and 3 are incremental; when day 1 expires, days 2 and 3 stay fully restorable.
import { expect } from 'chai';
import {
  CreateBackupPlanCommand,
  CreateBackupSelectionCommand,
  CreateBackupVaultCommand,
  DescribeRecoveryPointCommand,
  ListRecoveryPointsByBackupVaultCommand,
} from '@aws-sdk/client-backup';
import { restoreCheck } from '../../../src/sandbox/engine/data.js';
import { DAY, HOUR, ROLE_ARN, rejection, sandboxFixture, START, type SandboxFixture } from '../fixture.js';

describe('sandbox backup: documentation scenario (full, incrementals, expiry)', () => {
  let sb: SandboxFixture;
  beforeEach(async () => {
    sb = await sandboxFixture();
  });
  afterEach(() => sb.cleanup());

  it('keeps days 2 and 3 restorable after the day-1 full backup is deleted by its 3-day lifecycle', async () => {
    const instance = await sb.addResource('ec2-instance', 'app', { sizeGiB: 32, tags: { backup: 'daily' } });
    await sb.client.send(new CreateBackupVaultCommand({ BackupVaultName: 'main' }));
    const plan = await sb.client.send(
      new CreateBackupPlanCommand({
        BackupPlan: {
          BackupPlanName: 'daily',
          Rules: [{ RuleName: 'daily', TargetBackupVaultName: 'main', ScheduleExpression: 'cron(0 5 ? * * *)', Lifecycle: { DeleteAfterDays: 3 } }],
        },
      }),
    );
    await sb.client.send(
      new CreateBackupSelectionCommand({
        BackupPlanId: plan.BackupPlanId,
        BackupSelection: {
          SelectionName: 'tagged',
          IamRoleArn: ROLE_ARN,
          ListOfTags: [{ ConditionType: 'STRINGEQUALS', ConditionKey: 'backup', ConditionValue: 'daily' }],
        },
      }),
    );
    const points = async () =>
      (await sb.client.send(new ListRecoveryPointsByBackupVaultCommand({ BackupVaultName: 'main', ByResourceArn: instance.arn }))).RecoveryPoints ?? [];

    // Through day 3 (the third 05:00 run finishes well before noon).
    await sb.advance(2 * DAY + 12 * HOUR);
    const [day3, day2, day1] = await points();
    expect([day1, day2, day3].every((p) => p !== undefined)).to.equal(true);
    expect(day1!.ParentRecoveryPointArn).to.equal(undefined);
    expect(day1!.BackupSizeInBytes).to.equal(32 * 1024 ** 3);
    expect(day2!.ParentRecoveryPointArn).to.equal(day1!.RecoveryPointArn);
    expect(day3!.ParentRecoveryPointArn).to.equal(day2!.RecoveryPointArn);
    expect(day2!.BackupSizeInBytes).to.be.lessThan(day1!.BackupSizeInBytes! / 4);
    expect(day3!.BackupSizeInBytes).to.be.lessThan(day1!.BackupSizeInBytes! / 4);
    expect(day1!.CalculatedLifecycle?.DeleteAt?.getTime()).to.equal(day1!.CreationDate!.getTime() + 3 * DAY);
    expect(day1!.CreationDate!.getTime()).to.be.greaterThan(START.getTime() + 5 * HOUR);

    // Day 4, noon: day 1 is past its 3-day retention.
    await sb.advance(DAY);
    const remaining = (await points()).map((p) => p.RecoveryPointArn);
    expect(remaining).to.not.include(day1!.RecoveryPointArn);
    expect(remaining).to.include.members([day2!.RecoveryPointArn, day3!.RecoveryPointArn]);
    const gone = await rejection(sb.client.send(new DescribeRecoveryPointCommand({ BackupVaultName: 'main', RecoveryPointArn: day1!.RecoveryPointArn })));
    expect(gone.name).to.equal('ResourceNotFoundException');
    for (const point of [day2!, day3!]) {
      const described = await sb.client.send(new DescribeRecoveryPointCommand({ BackupVaultName: 'main', RecoveryPointArn: point.RecoveryPointArn }));
      expect(described.Status).to.equal('COMPLETED');
      const check = restoreCheck(await sb.read(), point.RecoveryPointArn!);
      expect(check).to.deep.equal({ restorable: true, restoreSizeInBytes: 32 * 1024 ** 3 });
    }
    expect(restoreCheck(await sb.read(), day1!.RecoveryPointArn!).restorable).to.equal(false);
  });

  it('frees data only when no recovery point references it any more', async () => {
    const instance = await sb.addResource('ec2-instance', 'app', { sizeGiB: 16, tags: { backup: 'daily' } });
    await sb.client.send(new CreateBackupVaultCommand({ BackupVaultName: 'main' }));
    const plan = await sb.client.send(
      new CreateBackupPlanCommand({
        BackupPlan: { BackupPlanName: 'daily', Rules: [{ RuleName: 'daily', TargetBackupVaultName: 'main', Lifecycle: { DeleteAfterDays: 2 } }] },
      }),
    );
    await sb.client.send(
      new CreateBackupSelectionCommand({ BackupPlanId: plan.BackupPlanId, BackupSelection: { SelectionName: 'all', IamRoleArn: ROLE_ARN, Resources: [instance.arn] } }),
    );
    await sb.advance(30 * DAY);
    const account = await sb.read();
    const region = account.backup['eu-west-1']!;
    const points = Object.values(region.recoveryPoints);
    expect(points.length).to.be.within(2, 3);
    const referenced = new Set(points.flatMap((p) => p.chunkIds));
    expect(Object.keys(region.chunks).sort()).to.deep.equal([...referenced].sort());
    for (const [id, chunk] of Object.entries(region.chunks)) {
      expect(chunk.refs).to.equal(points.filter((p) => p.chunkIds.includes(id)).length);
    }
    for (const point of points) expect(restoreCheck(account, point.arn).restorable).to.equal(true);
  });
});
