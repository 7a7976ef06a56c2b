import { expect } from 'chai';
import {
  CreateBackupVaultCommand,
  DescribeBackupJobCommand,
  DescribeRecoveryPointCommand,
  ListBackupJobsCommand,
  PutBackupVaultLockConfigurationCommand,
  StartBackupJobCommand,
  StopBackupJobCommand,
  type StartBackupJobCommandInput,
} from '@aws-sdk/client-backup';
import { HOUR, MINUTE, REGION, ROLE_ARN, rejection, sandboxFixture, START, type SandboxFixture } from '../fixture.js';

describe('sandbox backup: job states', () => {
  let sb: SandboxFixture;
  beforeEach(async () => {
    sb = await sandboxFixture();
    await sb.client.send(new CreateBackupVaultCommand({ BackupVaultName: 'main' }));
  });
  afterEach(() => sb.cleanup());

  const start = (resourceArn: string, extra: Partial<StartBackupJobCommandInput> = {}) =>
    sb.client.send(new StartBackupJobCommand({ BackupVaultName: 'main', ResourceArn: resourceArn, IamRoleArn: ROLE_ARN, ...extra }));
  const describe = (id: string) => sb.client.send(new DescribeBackupJobCommand({ BackupJobId: id }));

  it('CREATED → RUNNING → COMPLETED with progress, sizes and a recovery point', async () => {
    const instance = await sb.addResource('ec2-instance', 'web', { sizeGiB: 8 });
    const started = await start(instance.arn);
    expect(started.BackupJobId).to.match(/^[0-9A-F]{8}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{12}$/);
    // The vault made in beforeEach took START itself: each object gets its own millisecond.
    expect(started.CreationDate?.getTime()).to.equal(START.getTime() + 1);
    const created = await describe(started.BackupJobId!);
    expect(created.State).to.equal('CREATED');
    expect(created.PercentDone).to.equal('0.0');
    expect(created.StartBy?.getTime()).to.equal(started.CreationDate!.getTime() + 480 * MINUTE);
    expect(created.ResourceType).to.equal('EC2');

    await sb.advance(6 * MINUTE);
    const running = await describe(started.BackupJobId!);
    expect(running.State).to.equal('RUNNING');
    expect(Number(running.PercentDone)).to.be.greaterThan(0).and.lessThan(100);
    expect(running.BytesTransferred).to.be.greaterThan(0);
    expect(running.ExpectedCompletionDate).to.be.instanceOf(Date);

    await sb.advance(HOUR);
    const done = await describe(started.BackupJobId!);
    expect(done.State).to.equal('COMPLETED');
    expect(done.PercentDone).to.equal('100.0');
    expect(done.BackupSizeInBytes).to.equal(8 * 1024 ** 3);
    expect(done.RecoveryPointArn).to.match(/^arn:aws:ec2:eu-west-1::image\/ami-[0-9a-f]{17}$/);
    const point = await sb.client.send(new DescribeRecoveryPointCommand({ BackupVaultName: 'main', RecoveryPointArn: done.RecoveryPointArn }));
    expect(point.Status).to.equal('COMPLETED');
    expect(point.StorageClass).to.equal('WARM');
    expect(point.ParentRecoveryPointArn).to.equal(undefined);
  });

  it('PENDING while another job of the same resource runs, then RUNNING', async () => {
    const volume = await sb.addResource('ebs-volume', 'data', { sizeGiB: 500 });
    const first = await start(volume.arn);
    await sb.advance(MINUTE);
    const second = await start(volume.arn);
    await sb.advance(6 * MINUTE);
    expect((await describe(first.BackupJobId!)).State).to.equal('RUNNING');
    expect((await describe(second.BackupJobId!)).State).to.equal('PENDING');
    await sb.advance(4 * HOUR);
    expect((await describe(first.BackupJobId!)).State).to.equal('COMPLETED');
    const later = await describe(second.BackupJobId!);
    expect(later.State).to.equal('COMPLETED');
    // The second backup is incremental to the first.
    expect(later.BackupSizeInBytes).to.be.lessThan(500 * 1024 ** 3);
  });

  it('FAILED for a terminated instance, with an AWS-like status message', async () => {
    const instance = await sb.addResource('ec2-instance', 'gone', { state: 'terminated' });
    const job = await start(instance.arn);
    await sb.advance(10 * MINUTE);
    const failed = await describe(job.BackupJobId!);
    expect(failed.State).to.equal('FAILED');
    expect(failed.StatusMessage).to.contain('terminated');
    expect(failed.RecoveryPointArn).to.equal(undefined);
  });

  it('FAILED for an unsupported FSx for ONTAP volume, a malformed IAM role and a vault lock violation', async () => {
    const dp = await sb.addResource('fsx-ontap-volume', 'replica', { ontapVolumeType: 'DP' });
    const instance = await sb.addResource('ec2-instance', 'web');
    const unsupported = await start(dp.arn);
    const badRole = await start(instance.arn);
    // A role StartBackupJob takes but AWS Backup cannot assume (the sandbox's is one an older account file kept).
    await sb.update((account) => void (account.backup[REGION]!.jobs[badRole.BackupJobId!]!.iamRoleArn = 'arn:aws:iam::123456789012:user/alice'));
    await sb.client.send(new CreateBackupVaultCommand({ BackupVaultName: 'locked' }));
    await sb.client.send(new PutBackupVaultLockConfigurationCommand({ BackupVaultName: 'locked', MinRetentionDays: 7, MaxRetentionDays: 30 }));
    const tooShort = await start(instance.arn, { BackupVaultName: 'locked', Lifecycle: { DeleteAfterDays: 3 } });
    await sb.advance(10 * MINUTE);
    const a = await describe(unsupported.BackupJobId!);
    expect(a.State).to.equal('FAILED');
    expect(a.StatusMessage).to.contain('DP');
    const b = await describe(badRole.BackupJobId!);
    expect(b.State).to.equal('FAILED');
    expect(b.StatusMessage).to.contain('IAM Role');
    const c = await describe(tooShort.BackupJobId!);
    expect(c.State).to.equal('FAILED');
    expect(c.StatusMessage).to.contain('vault lock');
  });

  it('EXPIRED when the start window passes while the source cannot be backed up (FSx UPDATING)', async () => {
    const fsx = await sb.addResource('fsx', 'shared', { state: 'UPDATING' });
    const job = await start(fsx.arn, { StartWindowMinutes: 60 });
    await sb.advance(30 * MINUTE);
    const waiting = await describe(job.BackupJobId!);
    expect(waiting.State).to.equal('CREATED');
    expect(waiting.StatusMessage).to.contain('UPDATING');
    await sb.advance(31 * MINUTE);
    const expired = await describe(job.BackupJobId!);
    expect(expired.State).to.equal('EXPIRED');
    expect(expired.CompletionDate?.getTime()).to.equal(expired.StartBy!.getTime());
    expect(expired.StartBy!.getTime()).to.equal(expired.CreationDate!.getTime() + 60 * MINUTE);
  });

  it('starts a waiting job once the source becomes available within the start window', async () => {
    const fsx = await sb.addResource('fsx', 'shared', { state: 'UPDATING', sizeGiB: 10 });
    const job = await start(fsx.arn, { StartWindowMinutes: 120 });
    await sb.advance(20 * MINUTE);
    await sb.update((account) => {
      account.inventory.find((r) => r.arn === fsx.arn)!.state = 'AVAILABLE';
    });
    await sb.advance(HOUR);
    expect((await describe(job.BackupJobId!)).State).to.equal('COMPLETED');
  });

  it('EXPIRED when the completion window passes while RUNNING', async () => {
    const fsx = await sb.addResource('fsx', 'big', { sizeGiB: 4096 });
    const job = await start(fsx.arn, { CompleteWindowMinutes: 120 });
    await sb.advance(3 * HOUR);
    const expired = await describe(job.BackupJobId!);
    expect(expired.State).to.equal('EXPIRED');
    expect(expired.StatusMessage).to.equal('Backup job expired before completion.');
  });

  it('StopBackupJob: RUNNING → ABORTING → ABORTED; refused for RDS and for finished jobs', async () => {
    const volume = await sb.addResource('ebs-volume', 'data', { sizeGiB: 200 });
    const job = await start(volume.arn);
    await sb.advance(10 * MINUTE);
    expect((await describe(job.BackupJobId!)).State).to.equal('RUNNING');
    await sb.client.send(new StopBackupJobCommand({ BackupJobId: job.BackupJobId }));
    expect((await describe(job.BackupJobId!)).State).to.equal('ABORTING');
    await sb.advance(2 * MINUTE);
    const aborted = await describe(job.BackupJobId!);
    expect(aborted.State).to.equal('ABORTED');
    expect(aborted.RecoveryPointArn).to.equal(undefined);
    const again = await rejection(sb.client.send(new StopBackupJobCommand({ BackupJobId: job.BackupJobId })));
    expect(again.name).to.equal('InvalidRequestException');

    const db = await sb.addResource('rds-instance', 'orders');
    const dbJob = await start(db.arn);
    const refused = await rejection(sb.client.send(new StopBackupJobCommand({ BackupJobId: dbJob.BackupJobId })));
    expect(refused.name).to.equal('InvalidRequestException');
  });

  it('StopBackupJob on a CREATED job aborts it before it starts', async () => {
    const instance = await sb.addResource('ec2-instance', 'web');
    const job = await start(instance.arn);
    await sb.client.send(new StopBackupJobCommand({ BackupJobId: job.BackupJobId }));
    await sb.advance(HOUR);
    expect((await describe(job.BackupJobId!)).State).to.equal('ABORTED');
  });

  it('PARTIAL for a composite resource whose members partly fail', async () => {
    const instance = await sb.addResource('ec2-instance', 'multi', {
      members: [
        { name: 'vol-root', failed: false },
        { name: 'vol-data', failed: true },
      ],
    });
    const job = await start(instance.arn);
    await sb.advance(HOUR);
    const partial = await describe(job.BackupJobId!);
    expect(partial.State).to.equal('PARTIAL');
    expect(partial.StatusMessage).to.contain('vol-data');
    const point = await sb.client.send(new DescribeRecoveryPointCommand({ BackupVaultName: 'main', RecoveryPointArn: partial.RecoveryPointArn }));
    expect(point.Status).to.equal('PARTIAL');
    expect(partial.IsParent).to.equal(true);
    expect(partial.NumberOfChildJobs).to.equal(2);
    expect(partial.ChildJobsInState).to.deep.equal({ COMPLETED: 1, FAILED: 1 });
    const children = await sb.client.send(new ListBackupJobsCommand({ ByParentJobId: job.BackupJobId }));
    expect(children.BackupJobs!.map((c) => [c.ResourceName, c.State]).sort()).to.deep.equal([
      ['vol-data', 'FAILED'],
      ['vol-root', 'COMPLETED'],
    ]);
  });

  it('honours IdempotencyToken: same token and parameters → same job; other parameters → InvalidRequestException', async () => {
    const instance = await sb.addResource('ec2-instance', 'web');
    const other = await sb.addResource('ec2-instance', 'db');
    const first = await start(instance.arn, { IdempotencyToken: 'apply-1' });
    await sb.advance(MINUTE);
    const second = await start(instance.arn, { IdempotencyToken: 'apply-1' });
    expect(second.BackupJobId).to.equal(first.BackupJobId);
    const jobs = await sb.client.send(new ListBackupJobsCommand({}));
    expect(jobs.BackupJobs).to.have.length(1);
    const conflict = await rejection(start(other.arn, { IdempotencyToken: 'apply-1' }));
    expect(conflict.name).to.equal('InvalidRequestException');
  });

  it('validates StartBackupJob input', async () => {
    const instance = await sb.addResource('ec2-instance', 'web');
    expect((await rejection(start(instance.arn, { StartWindowMinutes: 10 }))).name).to.equal('InvalidParameterValueException');
    expect((await rejection(start(instance.arn, { BackupVaultName: 'nope' }))).name).to.equal('ResourceNotFoundException');
    expect((await rejection(start('not-an-arn'))).name).to.equal('InvalidParameterValueException');
    const lifecycle = await rejection(start(instance.arn, { Lifecycle: { MoveToColdStorageAfterDays: 10, DeleteAfterDays: 20 } }));
    expect(lifecycle.message).to.contain('90 days');
    expect((await rejection(describe('D48D8717-0C9D-72DF-1F56-14E703BF2345'))).name).to.equal('ResourceNotFoundException');
  });

  it('ListBackupJobs filters by state, resource, vault, creation time and pages', async () => {
    const web = await sb.addResource('ec2-instance', 'web');
    const gone = await sb.addResource('ec2-instance', 'gone', { state: 'terminated' });
    await start(web.arn);
    await sb.advance(HOUR);
    await start(gone.arn);
    await start(web.arn);
    await sb.advance(10 * MINUTE);
    const all = await sb.client.send(new ListBackupJobsCommand({}));
    expect(all.BackupJobs).to.have.length(3);
    const failed = await sb.client.send(new ListBackupJobsCommand({ ByState: 'FAILED' }));
    expect(failed.BackupJobs!.map((j) => j.ResourceArn)).to.deep.equal([gone.arn]);
    const byResource = await sb.client.send(new ListBackupJobsCommand({ ByResourceArn: web.arn }));
    expect(byResource.BackupJobs).to.have.length(2);
    const recent = await sb.client.send(new ListBackupJobsCommand({ ByCreatedAfter: new Date(START.getTime() + 30 * MINUTE) }));
    expect(recent.BackupJobs).to.have.length(2);
    const none = await sb.client.send(new ListBackupJobsCommand({ ByBackupVaultName: 'other' }));
    expect(none.BackupJobs).to.have.length(0);
    const page = await sb.client.send(new ListBackupJobsCommand({ MaxResults: 2 }));
    expect(page.BackupJobs).to.have.length(2);
    const rest = await sb.client.send(new ListBackupJobsCommand({ MaxResults: 2, NextToken: page.NextToken }));
    expect(rest.BackupJobs).to.have.length(1);
    expect(rest.NextToken).to.equal(undefined);
    const bad = await rejection(sb.client.send(new ListBackupJobsCommand({ ByState: 'DONE' as never })));
    expect(bad.name).to.equal('InvalidParameterValueException');
  });

  it('ends jobs with a MessageCategory (SUCCESS, or the failure category) that ListBackupJobs filters by', async () => {
    const web = await sb.addResource('ec2-instance', 'web');
    const gone = await sb.addResource('ec2-instance', 'gone', { state: 'terminated' });
    const ok = await start(web.arn);
    const denied = await start(gone.arn);
    await sb.update((account) => void (account.backup[REGION]!.jobs[denied.BackupJobId!]!.iamRoleArn = 'not-a-role'));
    const running = await start(gone.arn, { StartWindowMinutes: 60 });
    expect((await describe(running.BackupJobId!)).MessageCategory).to.equal(undefined);
    await sb.advance(HOUR);
    expect((await describe(ok.BackupJobId!)).MessageCategory).to.equal('SUCCESS');
    expect((await describe(denied.BackupJobId!)).MessageCategory).to.equal('AccessDenied');
    const ids = async (category: string) =>
      ((await sb.client.send(new ListBackupJobsCommand({ ByMessageCategory: category }))).BackupJobs ?? []).map((j) => j.BackupJobId).sort();
    expect(await ids('SUCCESS')).to.deep.equal([ok.BackupJobId]);
    expect(await ids('AccessDenied')).to.deep.equal([denied.BackupJobId]);
    expect(await ids('ACCESSDENIED')).to.deep.equal([denied.BackupJobId]);
    expect(await ids('AGGREGATE_ALL')).to.have.length(3);
    expect(await ids('ANY')).to.have.length(3);
    const listed = await sb.client.send(new ListBackupJobsCommand({ ByState: 'COMPLETED', ByMessageCategory: 'SUCCESS' }));
    expect(listed.BackupJobs!.map((j) => j.MessageCategory)).to.deep.equal(['SUCCESS']);
  });

  it('refuses list filters that break the API model (ByAccountId, ByBackupVaultName, ByResourceType patterns)', async () => {
    const cases: [Record<string, string>, RegExp][] = [
      [{ ByAccountId: '12' }, /at 'byAccountId' failed to satisfy constraint: Member must satisfy regular expression pattern: \^\[0-9\]\{12\}\$/],
      [{ ByBackupVaultName: 'a' }, /byBackupVaultName/],
      [{ ByResourceType: 'EC2 instance' }, /byResourceType/],
    ];
    for (const [filter, message] of cases) {
      const error = await rejection(sb.client.send(new ListBackupJobsCommand(filter)));
      expect(error.name, JSON.stringify(filter)).to.equal('InvalidParameterValueException');
      expect(error.message).to.match(message);
    }
    const otherAccount = await sb.client.send(new ListBackupJobsCommand({ ByAccountId: '999999999999' }));
    expect(otherAccount.BackupJobs).to.deep.equal([]);
  });

  it('refuses windows above 100 years (52,560,000 minutes), as AWS does', async () => {
    const instance = await sb.addResource('ec2-instance', 'web');
    expect((await rejection(start(instance.arn, { StartWindowMinutes: 52_560_001 }))).message).to.contain('52560000');
    expect((await rejection(start(instance.arn, { CompleteWindowMinutes: 52_560_001 }))).message).to.contain('52560000');
    await start(instance.arn, { StartWindowMinutes: 52_560_000, CompleteWindowMinutes: 52_560_000 });
  });

  it('gives every object its own creation millisecond between two advances, so lists keep creation order', async () => {
    const instance = await sb.addResource('ec2-instance', 'web');
    const ids: string[] = [];
    for (let i = 0; i < 5; i++) ids.push((await start(instance.arn)).BackupJobId!);
    const listed = await sb.client.send(new ListBackupJobsCommand({}));
    // Newest first, as AWS lists jobs.
    expect(listed.BackupJobs!.map((j) => j.BackupJobId)).to.deep.equal([...ids].reverse());
    const dates = listed.BackupJobs!.map((j) => j.CreationDate!.getTime());
    expect(new Set(dates).size).to.equal(5);
    // The clock itself did not move.
    expect(await sb.now()).to.equal(START.getTime());
  });
  it('refuses at once a role that is no IAM role ARN, and BackupOptions AWS does not document', async () => {
    const instance = await sb.addResource('ec2-instance', 'web');
    const efs = await sb.addResource('efs', 'files');
    for (const IamRoleArn of ['arn:aws:iam::123456789012:user/bob', 'arn:aws:sts::123456789012:assumed-role/Backup/session', 'arn:aws:iam::123456789012:role/', 'not-a-role']) {
      const refused = await rejection(start(instance.arn, { IamRoleArn }));
      expect(refused.name, IamRoleArn).to.equal('InvalidParameterValueException');
    }
    for (const BackupOptions of [{ WindowsVSS: 'maybe' }, { WindowsVSS: 'enabled', Foo: 'bar' }, { BackupACLs: 'enabled' }] as Array<Record<string, string>>) {
      const refused = await rejection(start(instance.arn, { BackupOptions }));
      expect(refused.name, JSON.stringify(BackupOptions)).to.equal('InvalidParameterValueException');
    }
    expect((await sb.client.send(new ListBackupJobsCommand({}))).BackupJobs ?? []).to.deep.equal([]);
    await start(instance.arn, { BackupOptions: { WindowsVSS: 'enabled' } });
    // ⚠ Not documented for other types: accepted.
    await start(efs.arn, { BackupOptions: { WindowsVSS: 'disabled' } });
  });
});
