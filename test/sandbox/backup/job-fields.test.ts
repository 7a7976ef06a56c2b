// StartBackupJob's Index and LogicallyAirGappedBackupVaultArn, the archive opt-in of its lifecycle,
// and ListProtectedResources, through the SDK as AWS would answer them.
import { expect } from 'chai';
import {
  CreateBackupVaultCommand,
  CreateLogicallyAirGappedBackupVaultCommand,
  DescribeBackupJobCommand,
  DescribeRecoveryPointCommand,
  ListProtectedResourcesCommand,
  ListRecoveryPointsByBackupVaultCommand,
  StartBackupJobCommand,
  UpdateRecoveryPointLifecycleCommand,
  paginateListProtectedResources,
  type StartBackupJobCommandInput,
} from '@aws-sdk/client-backup';
import { ACCOUNT_ID, HOUR, REGION, ROLE_ARN, rejection, sandboxFixture, type SandboxFixture } from '../fixture.js';

const airGappedArn = (name: string, region = REGION, account = ACCOUNT_ID) => `arn:aws:backup:${region}:${account}:backup-vault:${name}`;

describe('sandbox backup: StartBackupJob index and air-gapped vault, ListProtectedResources', () => {
  let sb: SandboxFixture;
  beforeEach(async () => {
    sb = await sandboxFixture();
    await sb.client.send(new CreateBackupVaultCommand({ BackupVaultName: 'main' }));
  });
  afterEach(() => sb.cleanup());

  const start = (resourceArn: string, extra: Partial<StartBackupJobCommandInput> = {}) =>
    sb.client.send(new StartBackupJobCommand({ BackupVaultName: 'main', ResourceArn: resourceArn, IamRoleArn: ROLE_ARN, ...extra }));
  const completed = async (jobId: string) => {
    await sb.advance(2 * HOUR);
    return sb.client.send(new DescribeBackupJobCommand({ BackupJobId: jobId }));
  };

  it('lands the recovery point of a job with a logically air-gapped vault in that vault, with its lifecycle and index', async () => {
    await sb.client.send(new CreateLogicallyAirGappedBackupVaultCommand({ BackupVaultName: 'airgapped', MinRetentionDays: 7, MaxRetentionDays: 35 }));
    const volume = await sb.addResource('ebs-volume', 'data', { sizeGiB: 8 });
    const started = await start(volume.arn, {
      LogicallyAirGappedBackupVaultArn: airGappedArn('airgapped'),
      Index: 'ENABLED',
      Lifecycle: { DeleteAfterDays: 30, OptInToArchiveForSupportedResources: true },
    });
    const job = await completed(started.BackupJobId!);
    expect(job.State).to.equal('COMPLETED');
    const inMain = await sb.client.send(new ListRecoveryPointsByBackupVaultCommand({ BackupVaultName: 'main' }));
    expect(inMain.RecoveryPoints ?? []).to.deep.equal([]);
    const point = await sb.client.send(new DescribeRecoveryPointCommand({ BackupVaultName: 'airgapped', RecoveryPointArn: job.RecoveryPointArn }));
    expect(point.BackupVaultName).to.equal('airgapped');
    expect(point.IndexStatus).to.equal('ACTIVE');
    expect(point.Lifecycle).to.deep.equal({ DeleteAfterDays: 30, OptInToArchiveForSupportedResources: true });
  });

  it('refuses an air-gapped vault ARN of another shape, Region or account, of a vault that does not exist, or of a standard vault', async () => {
    const volume = await sb.addResource('ebs-volume', 'data');
    const errors = await Promise.all([
      rejection(start(volume.arn, { LogicallyAirGappedBackupVaultArn: 'airgapped' })),
      rejection(start(volume.arn, { LogicallyAirGappedBackupVaultArn: airGappedArn('main', 'us-east-1') })),
      rejection(start(volume.arn, { LogicallyAirGappedBackupVaultArn: airGappedArn('main', REGION, '210987654321') })),
      rejection(start(volume.arn, { LogicallyAirGappedBackupVaultArn: airGappedArn('nowhere') })),
      rejection(start(volume.arn, { LogicallyAirGappedBackupVaultArn: airGappedArn('main') })),
    ]);
    expect(errors.map((e) => e.name)).to.deep.equal([
      'InvalidParameterValueException',
      'InvalidParameterValueException',
      'InvalidParameterValueException',
      'ResourceNotFoundException',
      'InvalidParameterValueException',
    ]);
    expect(errors[1]!.message).to.include('same account and Region');
    expect(errors[4]!.message).to.include('standard backup vault');
  });

  it('refuses an Index value outside the enum, and an index for a resource type without backup indexes', async () => {
    const instance = await sb.addResource('ec2-instance', 'web');
    const volume = await sb.addResource('ebs-volume', 'data');
    expect((await rejection(start(volume.arn, { Index: 'ON' as never }))).name).to.equal('InvalidParameterValueException');
    const unsupported = await rejection(start(instance.arn, { Index: 'ENABLED' }));
    expect(unsupported.name).to.equal('InvalidParameterValueException');
    expect(unsupported.message).to.include('EC2');
    expect((await start(instance.arn, { Index: 'DISABLED' })).BackupJobId).to.be.a('string');
  });

  it('UpdateRecoveryPointLifecycle changes the lifecycle of a completed job\'s recovery point, and -1 keeps it indefinitely', async () => {
    const volume = await sb.addResource('ebs-volume', 'data');
    const job = await completed((await start(volume.arn, { Lifecycle: { DeleteAfterDays: 30 } })).BackupJobId!);
    const updated = await sb.client.send(
      new UpdateRecoveryPointLifecycleCommand({ BackupVaultName: 'main', RecoveryPointArn: job.RecoveryPointArn, Lifecycle: { DeleteAfterDays: 60 } }),
    );
    expect(updated.Lifecycle).to.deep.equal({ DeleteAfterDays: 60 });
    expect(updated.CalculatedLifecycle?.DeleteAt).to.be.instanceOf(Date);
    const forever = await sb.client.send(
      new UpdateRecoveryPointLifecycleCommand({ BackupVaultName: 'main', RecoveryPointArn: job.RecoveryPointArn, Lifecycle: { DeleteAfterDays: -1, MoveToColdStorageAfterDays: -1 } }),
    );
    expect(forever.RecoveryPointArn).to.equal(job.RecoveryPointArn);
    const point = await sb.client.send(new DescribeRecoveryPointCommand({ BackupVaultName: 'main', RecoveryPointArn: job.RecoveryPointArn }));
    expect(point.Lifecycle).to.equal(undefined);
  });

  it('ListProtectedResources lists each backed-up resource once, with its latest backup, page by page', async () => {
    expect((await sb.client.send(new ListProtectedResourcesCommand({}))).Results ?? []).to.deep.equal([]);
    const volumes = await Promise.all(['a', 'b', 'c'].map((name) => sb.addResource('ebs-volume', name)));
    for (const volume of volumes) await start(volume.arn);
    await sb.advance(2 * HOUR);
    const second = await start(volumes[0]!.arn);
    const latest = await completed(second.BackupJobId!);
    const results = [];
    for await (const page of paginateListProtectedResources({ client: sb.client, pageSize: 2 }, {})) {
      expect(page.Results!.length).to.be.at.most(2);
      results.push(...(page.Results ?? []));
    }
    expect(results.map((r) => r.ResourceArn)).to.deep.equal(volumes.map((v) => v.arn).sort());
    const first = results.find((r) => r.ResourceArn === volumes[0]!.arn)!;
    expect(first.ResourceType).to.equal('EBS');
    expect(first.LastRecoveryPointArn).to.equal(latest.RecoveryPointArn);
    expect(first.LastBackupVaultArn).to.equal(`arn:aws:backup:${REGION}:${ACCOUNT_ID}:backup-vault:main`);
    expect(first.LastBackupTime).to.be.instanceOf(Date);
    const badToken = await rejection(sb.client.send(new ListProtectedResourcesCommand({ NextToken: 'nonsense' })));
    expect(badToken.name).to.equal('InvalidParameterValueException');
  });
});
