import { expect } from 'chai';
import {
  CreateBackupPlanCommand,
  CreateBackupSelectionCommand,
  CreateBackupVaultCommand,
  DescribeBackupJobCommand,
  DescribeCopyJobCommand,
  ListCopyJobsCommand,
  ListRecoveryPointsByBackupVaultCommand,
  PutBackupVaultLockConfigurationCommand,
  StartBackupJobCommand,
  StartCopyJobCommand,
  type BackupClient,
  type CopyJob,
  type Lifecycle,
} from '@aws-sdk/client-backup';
import { createBackupClient } from '../../../src/aws/clients.js';
import { sandboxClientSettings } from '../../../src/app/sandbox-provider.js';
import { ACCOUNT_ID, DAY, HOUR, MINUTE, REGION, rejection, ROLE_ARN, sandboxFixture, START, type SandboxFixture } from '../fixture.js';

const DR_REGION = 'us-west-2';
const DR_VAULT_ARN = `arn:aws:backup:${DR_REGION}:${ACCOUNT_ID}:backup-vault:dr`;
const MAIN_VAULT_ARN = `arn:aws:backup:${REGION}:${ACCOUNT_ID}:backup-vault:main`;

describe('sandbox backup: copy jobs of plan rules and StartCopyJob', () => {
  let sb: SandboxFixture;
  let dr: BackupClient;
  beforeEach(async () => {
    sb = await sandboxFixture();
    // The DR region of the same account: what a provider alias with another region reaches.
    dr = createBackupClient(sandboxClientSettings({ region: DR_REGION, path: sb.path }));
    await sb.client.send(new CreateBackupVaultCommand({ BackupVaultName: 'main' }));
  });
  afterEach(() => {
    dr.destroy();
    sb.cleanup();
  });

  /** A daily 05:00 UTC rule backing up every EC2 instance into `main`, with these copy actions. */
  async function dailyPlanWithCopies(copies: { DestinationBackupVaultArn: string; Lifecycle?: Lifecycle }[], lifecycle: Lifecycle = { DeleteAfterDays: 35 }) {
    const plan = await sb.client.send(
      new CreateBackupPlanCommand({
        BackupPlan: {
          BackupPlanName: 'daily',
          Rules: [{ RuleName: 'daily', TargetBackupVaultName: 'main', ScheduleExpression: 'cron(0 5 ? * * *)', StartWindowMinutes: 60, Lifecycle: lifecycle, CopyActions: copies }],
        },
      }),
    );
    await sb.client.send(
      new CreateBackupSelectionCommand({ BackupPlanId: plan.BackupPlanId, BackupSelection: { SelectionName: 'all', IamRoleArn: ROLE_ARN, Resources: ['arn:aws:ec2:*:*:instance/*'] } }),
    );
    return plan.BackupPlanId!;
  }

  const copyJobs = async (input: ConstructorParameters<typeof ListCopyJobsCommand>[0] = {}): Promise<CopyJob[]> =>
    (await sb.client.send(new ListCopyJobsCommand(input))).CopyJobs ?? [];
  const drPoints = async () => (await dr.send(new ListRecoveryPointsByBackupVaultCommand({ BackupVaultName: 'dr' }))).RecoveryPoints ?? [];

  it('starts a copy when the rule\'s backup completes and lands it in the DR region\'s vault with the copy lifecycle', async () => {
    await dr.send(new CreateBackupVaultCommand({ BackupVaultName: 'dr' }));
    const web = await sb.addResource('ec2-instance', 'web');
    const planId = await dailyPlanWithCopies([{ DestinationBackupVaultArn: DR_VAULT_ARN, Lifecycle: { DeleteAfterDays: 60 } }]);
    // 05:00 tick, the backup starts 5 minutes later and takes a few minutes.
    await sb.advance(5 * HOUR + 5 * MINUTE);
    expect(await copyJobs()).to.deep.equal([]);
    await sb.advance(6 * MINUTE);
    const [created] = await copyJobs();
    expect(created).to.include({ State: 'CREATED', SourceBackupVaultArn: MAIN_VAULT_ARN, DestinationBackupVaultArn: DR_VAULT_ARN, ResourceArn: web.arn, ResourceType: 'EC2', IamRoleArn: ROLE_ARN });
    expect(created!.CreatedBy).to.include({ BackupPlanId: planId });
    const backup = await sb.client.send(new DescribeBackupJobCommand({ BackupJobId: created!.CreatedByBackupJobId }));
    expect(backup.State).to.equal('COMPLETED');
    expect(created!.SourceRecoveryPointArn).to.equal(backup.RecoveryPointArn);
    await sb.advance(10 * MINUTE);
    expect((await copyJobs())[0]!.State).to.equal('RUNNING');
    await sb.advance(HOUR);

    const { CopyJob: done } = await sb.client.send(new DescribeCopyJobCommand({ CopyJobId: created!.CopyJobId }));
    expect(done).to.include({ State: 'COMPLETED', MessageCategory: 'SUCCESS', DestinationVaultType: 'BACKUP_VAULT' });
    expect(done!.DestinationRecoveryPointLifecycle).to.deep.equal({ DeleteAfterDays: 60 });
    expect(done!.DestinationRecoveryPointArn).to.match(new RegExp(`^arn:aws:ec2:${DR_REGION}::image/ami-`));
    expect(done!.BackupSizeInBytes).to.be.greaterThan(0);
    const [point, ...others] = await drPoints();
    expect(others).to.deep.equal([]);
    expect(point).to.include({ RecoveryPointArn: done!.DestinationRecoveryPointArn, SourceBackupVaultArn: MAIN_VAULT_ARN, ResourceArn: web.arn, Status: 'COMPLETED' });
    expect(point!.Lifecycle).to.deep.equal({ DeleteAfterDays: 60 });
    expect(point!.CalculatedLifecycle!.DeleteAt!.getTime()).to.equal(point!.CreationDate!.getTime() + 60 * DAY);
    // The copy job is listed in the source region only.
    expect((await dr.send(new ListCopyJobsCommand({}))).CopyJobs).to.deep.equal([]);

    // Every day's backup is copied; the DR copies expire after their own 60 days, not the rule's 35.
    await sb.advance(40 * DAY);
    expect(await drPoints()).to.have.length(41);
    await sb.advance(30 * DAY);
    const remaining = await drPoints();
    expect(remaining.every((p) => p.CreationDate!.getTime() > START.getTime() + 10 * DAY)).to.equal(true);
    expect(remaining.length).to.be.within(58, 61);
  });

  it('gives a copy action without a lifecycle the rule\'s lifecycle', async () => {
    await dr.send(new CreateBackupVaultCommand({ BackupVaultName: 'dr' }));
    await sb.addResource('ec2-instance', 'web');
    await dailyPlanWithCopies([{ DestinationBackupVaultArn: DR_VAULT_ARN }], { DeleteAfterDays: 14 });
    await sb.advance(7 * HOUR);
    const [job] = await copyJobs();
    expect(job!.State).to.equal('COMPLETED');
    expect(job!.DestinationRecoveryPointLifecycle).to.deep.equal({ DeleteAfterDays: 14 });
    expect((await drPoints())[0]!.Lifecycle).to.deep.equal({ DeleteAfterDays: 14 });
  });

  it('fails, as AWS does, when the destination vault does not exist or its lock refuses the retention', async () => {
    await sb.addResource('ec2-instance', 'web');
    await dr.send(new CreateBackupVaultCommand({ BackupVaultName: 'locked' }));
    await dr.send(new PutBackupVaultLockConfigurationCommand({ BackupVaultName: 'locked', MinRetentionDays: 90 }));
    const lockedArn = `arn:aws:backup:${DR_REGION}:${ACCOUNT_ID}:backup-vault:locked`;
    await dailyPlanWithCopies([{ DestinationBackupVaultArn: DR_VAULT_ARN }, { DestinationBackupVaultArn: lockedArn, Lifecycle: { DeleteAfterDays: 30 } }]);
    await sb.advance(7 * HOUR);
    const missing = (await copyJobs({ ByDestinationVaultArn: DR_VAULT_ARN }))[0]!;
    expect(missing).to.include({ State: 'FAILED', MessageCategory: 'ResourceNotFound' });
    expect(missing.StatusMessage).to.contain(DR_VAULT_ARN).and.contain('does not exist');
    const refused = (await copyJobs({ ByDestinationVaultArn: lockedArn }))[0]!;
    expect(refused).to.include({ State: 'FAILED', MessageCategory: 'InvalidParameters' });
    expect(refused.StatusMessage).to.contain('kept 30 days').and.contain('vault lock on backup vault locked');
    expect(refused.DestinationRecoveryPointArn).to.equal(undefined);
    expect((await dr.send(new ListRecoveryPointsByBackupVaultCommand({ BackupVaultName: 'locked' }))).RecoveryPoints).to.deep.equal([]);
  });

  it('filters ListCopyJobs by state, destination, resource and creation time, and pages', async () => {
    await dr.send(new CreateBackupVaultCommand({ BackupVaultName: 'dr' }));
    const web = await sb.addResource('ec2-instance', 'web');
    const db = await sb.addResource('ec2-instance', 'db');
    await dailyPlanWithCopies([{ DestinationBackupVaultArn: DR_VAULT_ARN }, { DestinationBackupVaultArn: `arn:aws:backup:${DR_REGION}:${ACCOUNT_ID}:backup-vault:gone` }]);
    await sb.advance(DAY + 7 * HOUR);
    expect(await copyJobs()).to.have.length(8);
    expect((await copyJobs({ ByState: 'COMPLETED' })).map((j) => j.DestinationBackupVaultArn)).to.deep.equal([DR_VAULT_ARN, DR_VAULT_ARN, DR_VAULT_ARN, DR_VAULT_ARN]);
    expect(await copyJobs({ ByState: 'FAILED' })).to.have.length(4);
    expect(await copyJobs({ ByResourceArn: web.arn, ByDestinationVaultArn: DR_VAULT_ARN })).to.have.length(2);
    expect((await copyJobs({ ByResourceArn: db.arn })).every((j) => j.ResourceArn === db.arn)).to.equal(true);
    const secondDay = new Date(START.getTime() + DAY);
    const later = await copyJobs({ ByCreatedAfter: secondDay });
    expect(later).to.have.length(4);
    expect(later.every((j) => j.CreationDate! > secondDay)).to.equal(true);
    expect(await copyJobs({ ByCreatedBefore: secondDay })).to.have.length(4);
    const first = await sb.client.send(new ListCopyJobsCommand({ MaxResults: 5 }));
    expect(first.CopyJobs).to.have.length(5);
    const second = await sb.client.send(new ListCopyJobsCommand({ MaxResults: 5, NextToken: first.NextToken }));
    expect(second.CopyJobs).to.have.length(3);
    expect(second.NextToken).to.equal(undefined);
    const ids = [...first.CopyJobs!, ...second.CopyJobs!].map((j) => j.CopyJobId);
    expect(new Set(ids).size).to.equal(8);
    // Newest first.
    expect(first.CopyJobs![0]!.CreationDate!.getTime()).to.be.at.least(second.CopyJobs![2]!.CreationDate!.getTime());
    const badState = await rejection(sb.client.send(new ListCopyJobsCommand({ ByState: 'DONE' as never })));
    expect(badState.name).to.equal('InvalidParameterValueException');
    const unknown = await rejection(sb.client.send(new DescribeCopyJobCommand({ CopyJobId: '00000000-0000-0000-0000-000000000000' })));
    expect(unknown.name).to.equal('ResourceNotFoundException');
  });

  it('copies a recovery point on request (StartCopyJob), idempotently, and refuses unknown points', async () => {
    await dr.send(new CreateBackupVaultCommand({ BackupVaultName: 'dr' }));
    const volume = await sb.addResource('ebs-volume', 'data');
    const backup = await sb.client.send(new StartBackupJobCommand({ BackupVaultName: 'main', ResourceArn: volume.arn, IamRoleArn: ROLE_ARN, Lifecycle: { DeleteAfterDays: 20 } }));
    await sb.advance(HOUR);
    const { RecoveryPointArn } = await sb.client.send(new DescribeBackupJobCommand({ BackupJobId: backup.BackupJobId }));
    // An on-demand backup has no copy actions: nothing is copied by itself.
    expect(await copyJobs()).to.deep.equal([]);
    const input = { RecoveryPointArn, SourceBackupVaultName: 'main', DestinationBackupVaultArn: DR_VAULT_ARN, IamRoleArn: ROLE_ARN, IdempotencyToken: 'copy-1' };
    const started = await sb.client.send(new StartCopyJobCommand(input));
    expect(started.CopyJobId).to.match(/^[0-9A-F-]{36}$/);
    expect((await sb.client.send(new StartCopyJobCommand(input))).CopyJobId).to.equal(started.CopyJobId);
    const reused = await rejection(sb.client.send(new StartCopyJobCommand({ ...input, Lifecycle: { DeleteAfterDays: 9 } })));
    expect(reused.name).to.equal('InvalidRequestException');
    await sb.advance(HOUR);
    const { CopyJob: done } = await sb.client.send(new DescribeCopyJobCommand({ CopyJobId: started.CopyJobId }));
    expect(done).to.include({ State: 'COMPLETED', SourceRecoveryPointArn: RecoveryPointArn });
    expect(done!.CreatedBy).to.equal(undefined);
    // Without a Lifecycle the copy keeps the source point's.
    expect((await drPoints())[0]!.Lifecycle).to.deep.equal({ DeleteAfterDays: 20 });
    const unknownPoint = await rejection(sb.client.send(new StartCopyJobCommand({ ...input, IdempotencyToken: undefined, RecoveryPointArn: `${RecoveryPointArn}0` })));
    expect(unknownPoint.name).to.equal('ResourceNotFoundException');
    const badArn = await rejection(sb.client.send(new StartCopyJobCommand({ ...input, IdempotencyToken: undefined, DestinationBackupVaultArn: 'dr' })));
    expect(badArn.name).to.equal('InvalidParameterValueException');
  });
});
