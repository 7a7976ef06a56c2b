import { expect } from 'chai';
import {
  CreateBackupVaultCommand,
  DeleteRecoveryPointCommand,
  DescribeBackupJobCommand,
  DescribeRestoreJobCommand,
  GetRecoveryPointRestoreMetadataCommand,
  ListRestoreJobsCommand,
  PutRestoreValidationResultCommand,
  StartBackupJobCommand,
  StartRestoreJobCommand,
  type StartRestoreJobCommandInput,
} from '@aws-sdk/client-backup';
import type { SourceType } from '../../../src/sandbox/inventory.js';
import { HOUR, MINUTE, REGION, ROLE_ARN, rejection, sandboxFixture, type SandboxFixture } from '../fixture.js';

describe('sandbox backup: restore jobs', () => {
  let sb: SandboxFixture;
  beforeEach(async () => {
    sb = await sandboxFixture();
    await sb.client.send(new CreateBackupVaultCommand({ BackupVaultName: 'main' }));
  });
  afterEach(() => sb.cleanup());

  /** A completed recovery point of a new source of `type`. */
  async function backedUp(type: SourceType, name: string, options: Parameters<SandboxFixture['addResource']>[2] = {}) {
    const source = await sb.addResource(type, name, options);
    const job = await sb.client.send(new StartBackupJobCommand({ BackupVaultName: 'main', ResourceArn: source.arn, IamRoleArn: ROLE_ARN }));
    await sb.advance(2 * HOUR);
    const done = await sb.client.send(new DescribeBackupJobCommand({ BackupJobId: job.BackupJobId }));
    expect(done.State).to.equal('COMPLETED');
    return { source, pointArn: done.RecoveryPointArn! };
  }
  const metadataOf = async (pointArn: string) =>
    sb.client.send(new GetRecoveryPointRestoreMetadataCommand({ BackupVaultName: 'main', RecoveryPointArn: pointArn }));
  const restore = (input: Partial<StartRestoreJobCommandInput> & { RecoveryPointArn: string }) =>
    sb.client.send(new StartRestoreJobCommand({ IamRoleArn: ROLE_ARN, Metadata: {}, ...input }));
  const describe = (id: string) => sb.client.send(new DescribeRestoreJobCommand({ RestoreJobId: id }));

  it('restores an EC2 instance as a new instance: PENDING → RUNNING → COMPLETED, CreatedResourceArn in the inventory', async () => {
    const { source, pointArn } = await backedUp('ec2-instance', 'web', { sizeGiB: 8, instanceType: 'm5.large', tags: { env: 'prod' } });
    const meta = await metadataOf(pointArn);
    expect(meta.ResourceType).to.equal('EC2');
    expect(meta.BackupVaultArn).to.match(/:backup-vault:main$/);
    expect(meta.RestoreMetadata).to.include({ InstanceType: 'm5.large' });
    const { RestoreJobId } = await restore({ RecoveryPointArn: pointArn, Metadata: meta.RestoreMetadata, CopySourceTagsToRestoredResource: true });
    const pending = await describe(RestoreJobId!);
    expect(pending).to.include({ Status: 'PENDING', PercentDone: '0.0', ResourceType: 'EC2', SourceResourceArn: source.arn, RecoveryPointArn: pointArn });
    expect(pending.CreatedResourceArn).to.equal(undefined);

    await sb.advance(6 * MINUTE);
    const running = await describe(RestoreJobId!);
    expect(running.Status).to.equal('RUNNING');
    expect(running.ExpectedCompletionTimeMinutes).to.be.greaterThan(2);
    expect(running.BackupSizeInBytes).to.equal(8 * 1024 ** 3);

    await sb.advance(HOUR);
    const done = await describe(RestoreJobId!);
    expect(done.Status).to.equal('COMPLETED');
    expect(done.PercentDone).to.equal('100.0');
    expect(done.CreatedResourceArn).to.match(/^arn:aws:ec2:eu-west-1:123456789012:instance\/i-[0-9a-f]{17}$/);
    expect(done.CreatedResourceArn).to.not.equal(source.arn);
    const inventory = (await sb.read()).inventory;
    const created = inventory.find((r) => r.arn === done.CreatedResourceArn)!;
    expect(created).to.include({ type: 'ec2-instance', instanceType: 'm5.large', state: 'running' });
    expect(created.tags).to.deep.equal({ env: 'prod', 'aws:backup:source-resource': source.arn });
    // The source is untouched.
    expect(inventory.find((r) => r.arn === source.arn)).to.include({ instanceType: 'm5.large', name: 'web' });
  });

  it('restores EBS volumes with the size and zone of the metadata, and needs availabilityZone', async () => {
    const { pointArn } = await backedUp('ebs-volume', 'data', { sizeGiB: 100 });
    const meta = (await metadataOf(pointArn)).RestoreMetadata!;
    expect(meta).to.include({ volumeSize: '100', availabilityZone: `${REGION}a`, encrypted: 'false' });
    const { availabilityZone: _zone, ...withoutZone } = meta;
    const missing = await rejection(restore({ RecoveryPointArn: pointArn, Metadata: withoutZone }));
    expect(missing.name).to.equal('MissingParameterValueException');
    expect(missing.message).to.contain('availabilityZone');
    const elsewhere = await rejection(restore({ RecoveryPointArn: pointArn, Metadata: { ...meta, availabilityZone: 'us-east-1a' } }));
    expect(elsewhere.name).to.equal('InvalidParameterValueException');
    // Keys are compared without case, as AWS does.
    const { RestoreJobId } = await restore({ RecoveryPointArn: pointArn, Metadata: { ...withoutZone, AvailabilityZone: `${REGION}b`, volumeSize: '200' } });
    await sb.advance(2 * HOUR);
    const done = await describe(RestoreJobId!);
    expect(done.Status).to.equal('COMPLETED');
    const created = (await sb.read()).inventory.find((r) => r.arn === done.CreatedResourceArn)!;
    expect(created).to.include({ type: 'ebs-volume', sizeGiB: 200, availabilityZone: `${REGION}b`, state: 'available' });
  });

  it('an RDS restore needs a new DBInstanceIdentifier: the source name fails the job, a new one creates the instance', async () => {
    const { pointArn } = await backedUp('rds-instance', 'orders');
    const meta = (await metadataOf(pointArn)).RestoreMetadata!;
    expect(meta).to.include({ DBInstanceIdentifier: 'orders' });
    const clash = await restore({ RecoveryPointArn: pointArn, Metadata: meta });
    const bad = await rejection(restore({ RecoveryPointArn: pointArn, Metadata: { ...meta, DBInstanceIdentifier: '1-bad' } }));
    expect(bad.name).to.equal('InvalidParameterValueException');
    const renamed = await restore({ RecoveryPointArn: pointArn, Metadata: { ...meta, DBInstanceIdentifier: 'orders-restored' } });
    await sb.advance(2 * HOUR);
    const failed = await describe(clash.RestoreJobId!);
    expect(failed.Status).to.equal('FAILED');
    expect(failed.StatusMessage).to.contain('DBInstanceAlreadyExists');
    const done = await describe(renamed.RestoreJobId!);
    expect(done.Status).to.equal('COMPLETED');
    expect(done.CreatedResourceArn).to.equal(`arn:aws:rds:${REGION}:123456789012:db:orders-restored`);
  });

  it('restores EFS to a new file system (or into the source with newFileSystem=false) and FSx with SubnetIds', async () => {
    const { source, pointArn } = await backedUp('efs', 'shared');
    const meta = (await metadataOf(pointArn)).RestoreMetadata!;
    expect(meta).to.include({ 'file-system-id': source.id, newFileSystem: 'true' });
    const kms = await rejection(restore({ RecoveryPointArn: pointArn, Metadata: { ...meta, KmsKeyId: 'alias/x' } }));
    expect(kms.name).to.equal('InvalidParameterValueException');
    const fresh = await restore({ RecoveryPointArn: pointArn, Metadata: meta });
    const inPlace = await restore({ RecoveryPointArn: pointArn, Metadata: { ...meta, newFileSystem: 'false' } });

    const fsx = await backedUp('fsx', 'files', { sizeGiB: 32 });
    const fsxMeta = (await metadataOf(fsx.pointArn)).RestoreMetadata!;
    const noSubnet = await rejection(restore({ RecoveryPointArn: fsx.pointArn, Metadata: fsxMeta }));
    expect(noSubnet.name).to.equal('MissingParameterValueException');
    const fsxJob = await restore({ RecoveryPointArn: fsx.pointArn, Metadata: { ...fsxMeta, SubnetIds: '["subnet-1"]' } });
    await sb.advance(2 * HOUR);

    const created = (await describe(fresh.RestoreJobId!)).CreatedResourceArn!;
    expect(created).to.match(/:file-system\/fs-/).and.not.equal(source.arn);
    expect((await describe(inPlace.RestoreJobId!)).CreatedResourceArn).to.equal(source.arn);
    const fsxCreated = (await describe(fsxJob.RestoreJobId!)).CreatedResourceArn!;
    const inventory = (await sb.read()).inventory;
    expect(inventory.filter((r) => r.type === 'efs').map((r) => r.arn)).to.have.members([source.arn, created]);
    expect(inventory.find((r) => r.arn === fsxCreated)).to.include({ type: 'fsx', sizeGiB: 32 });
  });

  it('refuses a missing or unfinished recovery point, a wrong ResourceType, and reuses a job for the same idempotency token', async () => {
    const { pointArn } = await backedUp('ec2-instance', 'web');
    const meta = (await metadataOf(pointArn)).RestoreMetadata!;
    const gone = await rejection(restore({ RecoveryPointArn: `${pointArn}0`, Metadata: meta }));
    expect(gone.name).to.equal('ResourceNotFoundException');
    const wrongType = await rejection(restore({ RecoveryPointArn: pointArn, Metadata: meta, ResourceType: 'EBS' }));
    expect(wrongType.name).to.equal('InvalidParameterValueException');
    const noMetadata = await rejection(sb.client.send(new GetRecoveryPointRestoreMetadataCommand({ BackupVaultName: 'other', RecoveryPointArn: pointArn })));
    expect(noMetadata.name).to.equal('ResourceNotFoundException');

    const first = await restore({ RecoveryPointArn: pointArn, Metadata: meta, IdempotencyToken: 'once' });
    const again = await restore({ RecoveryPointArn: pointArn, Metadata: meta, IdempotencyToken: 'once' });
    expect(again.RestoreJobId).to.equal(first.RestoreJobId);
    const changed = await rejection(restore({ RecoveryPointArn: pointArn, Metadata: { ...meta, InstanceType: 't3.large' }, IdempotencyToken: 'once' }));
    expect(changed.name).to.equal('InvalidRequestException');

    // A job still running has no recovery point to restore yet.
    const other = await sb.addResource('ec2-instance', 'api');
    await sb.client.send(new StartBackupJobCommand({ BackupVaultName: 'main', ResourceArn: other.arn, IamRoleArn: ROLE_ARN }));
    await sb.advance(6 * MINUTE);
    const running = (await sb.read()).backup[REGION]!.jobs;
    const runningJob = Object.values(running).find((j) => j.resourceArn === other.arn)!;
    expect(runningJob.state).to.equal('RUNNING');
    const unfinished = await rejection(restore({ RecoveryPointArn: runningJob.recoveryPointArn!, Metadata: meta }));
    expect(unfinished.name).to.equal('ResourceNotFoundException');
  });

  it('fails a job whose role is malformed or whose recovery point is deleted before it starts', async () => {
    const { pointArn } = await backedUp('ec2-instance', 'web');
    const meta = (await metadataOf(pointArn)).RestoreMetadata!;
    const badRole = await restore({ RecoveryPointArn: pointArn, Metadata: meta, IamRoleArn: 'not-a-role' });
    const deleted = await restore({ RecoveryPointArn: pointArn, Metadata: meta });
    await sb.client.send(new DeleteRecoveryPointCommand({ BackupVaultName: 'main', RecoveryPointArn: pointArn }));
    await sb.advance(HOUR);
    const role = await describe(badRole.RestoreJobId!);
    expect(role.Status).to.equal('FAILED');
    expect(role.StatusMessage).to.contain('not-a-role');
    const point = await describe(deleted.RestoreJobId!);
    expect(point.Status).to.equal('FAILED');
    expect(point.StatusMessage).to.contain(pointArn);
  });

  it('lists restore jobs newest first with filters and pages, and records a validation result of a completed job', async () => {
    const { pointArn } = await backedUp('ec2-instance', 'web');
    const meta = (await metadataOf(pointArn)).RestoreMetadata!;
    const ids: string[] = [];
    for (let i = 0; i < 3; i++) ids.push((await restore({ RecoveryPointArn: pointArn, Metadata: meta })).RestoreJobId!);
    const early = await rejection(sb.client.send(new PutRestoreValidationResultCommand({ RestoreJobId: ids[0], ValidationStatus: 'SUCCESSFUL' })));
    expect(early.name).to.equal('InvalidRequestException');
    await sb.advance(HOUR);
    const last = await restore({ RecoveryPointArn: pointArn, Metadata: meta });

    const first = await sb.client.send(new ListRestoreJobsCommand({ MaxResults: 3 }));
    expect(first.RestoreJobs!.map((j) => j.RestoreJobId)).to.deep.equal([last.RestoreJobId, ids[2], ids[1]]);
    const second = await sb.client.send(new ListRestoreJobsCommand({ MaxResults: 3, NextToken: first.NextToken }));
    expect(second.RestoreJobs!.map((j) => j.RestoreJobId)).to.deep.equal([ids[0]]);
    expect(second.NextToken).to.equal(undefined);
    const completed = await sb.client.send(new ListRestoreJobsCommand({ ByStatus: 'COMPLETED' }));
    expect(completed.RestoreJobs!.map((j) => j.RestoreJobId)).to.have.members(ids);
    expect((await sb.client.send(new ListRestoreJobsCommand({ ByResourceType: 'EBS' }))).RestoreJobs).to.deep.equal([]);
    const badStatus = await rejection(sb.client.send(new ListRestoreJobsCommand({ ByStatus: 'DONE' as never })));
    expect(badStatus.name).to.equal('InvalidParameterValueException');

    await sb.client.send(new PutRestoreValidationResultCommand({ RestoreJobId: ids[0], ValidationStatus: 'SUCCESSFUL', ValidationStatusMessage: 'app answers' }));
    expect(await describe(ids[0]!)).to.include({ ValidationStatus: 'SUCCESSFUL', ValidationStatusMessage: 'app answers' });
    const missing = await rejection(describe('NOPE'));
    expect(missing.name).to.equal('ResourceNotFoundException');
  });
});
