// The sandbox's RDS, EFS and FSx operations, and AWS Backup's vault operations (logically air-gapped
// vaults first), account settings, tiering configurations, legal holds, plan rule fields and recovery point lifecycles, as a real client sees them: botocore (the AWS CLI's
// library) drives `bkp sandbox serve`, and every raw reply is checked against botocore's service
// model (members, required members, types, enums, XML member names), pagination through
// botocore's paginators, and the error codes the operations model. Skipped, with a message, on a
// machine without botocore.
import { expect } from 'chai';
import { execFile, spawnSync } from 'node:child_process';
import { promisify } from 'node:util';
import { resolve } from 'node:path';
import { startSandboxServer, type RunningSandboxServer } from '../../src/sandbox/server.js';
import {
  CreateBackupPlanCommand,
  CreateBackupSelectionCommand,
  CreateBackupVaultCommand,
  CreateLogicallyAirGappedBackupVaultCommand,
  CreateRestoreTestingPlanCommand,
  CreateRestoreTestingSelectionCommand,
  DescribeBackupJobCommand,
  GetRecoveryPointRestoreMetadataCommand,
  ListRestoreJobsCommand,
  StartBackupJobCommand,
  StartRestoreJobCommand,
} from '@aws-sdk/client-backup';
import { CreateReportPlanCommand, ListReportJobsCommand } from '@aws-sdk/client-backup';
import { createBackupClient } from '../../src/aws/clients.js';
import { sandboxClientSettings } from '../../src/app/sandbox-provider.js';
import { ACCOUNT_ID, HOUR, REGION, ROLE_ARN, sandboxFixture, type SandboxFixture } from './fixture.js';

const SCRIPT = resolve(import.meta.dirname, 'support/botocore_conformance.py');

function botocoreInstalled(): boolean {
  return spawnSync('python3', ['-c', 'import botocore'], { stdio: 'ignore', timeout: 20_000 }).status === 0;
}

/** A sandbox account served over HTTP for the suite, or the suite skipped (with a message) without botocore. */
function useServedSandbox(): { sb: SandboxFixture; server: RunningSandboxServer } {
  const served = {} as { sb: SandboxFixture; server: RunningSandboxServer };
  before(async function () {
    if (!botocoreInstalled()) {
      process.stdout.write('skipped: botocore is not installed (python3 -c "import botocore")\n');
      this.skip();
    }
    served.sb = await sandboxFixture();
    served.server = await startSandboxServer({ path: served.sb.path, region: REGION });
  });
  after(async () => {
    await served.server?.close();
    served.sb?.cleanup();
  });
  return served;
}

describe('sandbox: RDS, EFS, FSx and AWS Backup (vaults, settings, tiering, legal holds) replies against botocore\'s service models', function () {
  this.timeout(120_000);
  const served = useServedSandbox();

  it('every reply matches the model, pages as botocore follows them, and fails with modelled errors', async () => {
    const { sb, server } = served;
    for (let i = 0; i < 23; i++) await sb.addResource('rds-instance', `db-${i}`, { tags: { n: String(i) } });
    await sb.addResource('rds-instance', 'stopped', { state: 'STOPPED' });
    await sb.addResource('aurora-cluster', 'ledger', { state: 'UPDATING' });
    await sb.addResource('docdb-cluster', 'catalog');
    await sb.addResource('efs', 'shared', { tags: { env: 'prod' } });
    await sb.addResource('efs', 'broken', { state: 'FAILED' });
    const fsx = await sb.addResource('fsx', 'files', { state: 'UPDATING' });
    await sb.addResource('fsx-ontap-volume', 'dp', { ontapVolumeType: 'DP', fileSystemId: fsx.id });
    await sb.addResource('fsx-ontap-volume', 'busy', { state: 'UPDATING', fileSystemId: fsx.id });
    // A vault with two recovery points for the legal holds.
    await sb.client.send(new CreateBackupVaultCommand({ BackupVaultName: 'held' }));
    for (const name of ['files-a', 'files-b']) {
      const efs = await sb.addResource('efs', name);
      await sb.client.send(new StartBackupJobCommand({ BackupVaultName: 'held', ResourceArn: efs.arn, IamRoleArn: ROLE_ARN }));
    }
    await sb.advance(HOUR);
    const fixture = { dbInstances: 24, dbInstance: 'stopped', efsFileSystems: 4, fsxFileSystem: fsx.id, fsxVolumes: 2, backupVault: 'held', heldPoints: 2 };

    // Asynchronously: the server answering botocore runs in this process.
    const run = await promisify(execFile)('python3', [SCRIPT, server.endpoint, REGION, JSON.stringify(fixture)], { encoding: 'utf8', timeout: 100_000 });
    const report = JSON.parse(run.stdout) as { checked: string[]; problems: string[] };
    expect(report.problems).to.deep.equal([]);
    expect(report.checked).to.deep.equal([
      'backup.CancelLegalHold',
      'backup.CreateBackupVault',
      'backup.CreateLegalHold',
      'backup.CreateLogicallyAirGappedBackupVault',
      'backup.CreateTieringConfiguration',
      'backup.DeleteBackupVault',
      'backup.DeleteRecoveryPoint',
      'backup.DeleteTieringConfiguration',
      'backup.DescribeBackupVault',
      'backup.DescribeGlobalSettings',
      'backup.DescribeRegionSettings',
      'backup.GetLegalHold',
      'backup.GetTieringConfiguration',
      'backup.ListBackupVaults',
      'backup.ListLegalHolds',
      'backup.ListRecoveryPointsByLegalHold',
      'backup.ListTieringConfigurations',
      'backup.UpdateGlobalSettings',
      'backup.UpdateRegionSettings',
      'backup.UpdateTieringConfiguration',
      'efs.DescribeFileSystems',
      'fsx.DescribeFileSystems',
      'fsx.DescribeVolumes',
      'rds.DescribeDBClusters',
      'rds.DescribeDBInstances',
    ]);
  });
});

describe('sandbox: Backup plan rule fields, job index and air-gapped vault, recovery point lifecycle and protected resources against botocore', function () {
  this.timeout(120_000);
  const served = useServedSandbox();

  it('every reply matches the model, pages as botocore follows them, and fails with modelled errors', async () => {
    const { sb, server } = served;
    await sb.client.send(new CreateBackupVaultCommand({ BackupVaultName: 'main' }));
    await sb.client.send(new CreateLogicallyAirGappedBackupVaultCommand({ BackupVaultName: 'airgapped', MinRetentionDays: 7, MaxRetentionDays: 35 }));
    const volumes = await Promise.all(['a', 'b', 'c'].map((name) => sb.addResource('ebs-volume', name)));
    const jobs = await Promise.all(volumes.map((v) => sb.client.send(new StartBackupJobCommand({ BackupVaultName: 'main', ResourceArn: v.arn, IamRoleArn: ROLE_ARN }))));
    await sb.advance(2 * HOUR);
    const done = await sb.client.send(new DescribeBackupJobCommand({ BackupJobId: jobs[0]!.BackupJobId }));
    const fixture = {
      vault: 'main',
      airGappedVaultArn: `arn:aws:backup:${REGION}:${ACCOUNT_ID}:backup-vault:airgapped`,
      role: ROLE_ARN,
      volume: volumes[0]!.arn,
      recoveryPoint: done.RecoveryPointArn,
      protectedResources: volumes.length,
    };

    const run = await promisify(execFile)('python3', [SCRIPT, server.endpoint, REGION, JSON.stringify(fixture), 'backup-rule-fields'], { encoding: 'utf8', timeout: 100_000 });
    const report = JSON.parse(run.stdout) as { checked: string[]; problems: string[] };
    expect(report.problems).to.deep.equal([]);
    expect(report.checked).to.deep.equal([
      'backup.CreateBackupPlan',
      'backup.DescribeBackupJob',
      'backup.DescribeRecoveryPoint',
      'backup.GetBackupPlan',
      'backup.ListProtectedResources',
      'backup.StartBackupJob',
      'backup.UpdateBackupPlan',
      'backup.UpdateRecoveryPointLifecycle',
    ]);
  });
});

describe('sandbox: Backup restore testing plans and selections against botocore', function () {
  this.timeout(120_000);
  const served = useServedSandbox();

  it('every reply matches the model, pages as botocore follows them, and fails with modelled errors', async () => {
    const { server } = served;
    const fixture = {
      role: ROLE_ARN,
      vaultArn: `arn:aws:backup:${REGION}:${ACCOUNT_ID}:backup-vault:scratch`,
      resource: `arn:aws:rds:${REGION}:${ACCOUNT_ID}:db:orders`,
    };

    const run = await promisify(execFile)('python3', [SCRIPT, server.endpoint, REGION, JSON.stringify(fixture), 'restore-testing'], { encoding: 'utf8', timeout: 100_000 });
    const report = JSON.parse(run.stdout) as { checked: string[]; problems: string[] };
    expect(report.problems).to.deep.equal([]);
    expect(report.checked).to.deep.equal([
      'backup.CreateRestoreTestingPlan',
      'backup.CreateRestoreTestingSelection',
      'backup.DeleteRestoreTestingPlan',
      'backup.DeleteRestoreTestingSelection',
      'backup.GetRestoreTestingPlan',
      'backup.GetRestoreTestingSelection',
      'backup.ListRestoreTestingPlans',
      'backup.ListRestoreTestingSelections',
      'backup.UpdateRestoreTestingPlan',
      'backup.UpdateRestoreTestingSelection',
    ]);
  });
});

describe('sandbox: copy jobs (ListCopyJobs, DescribeCopyJob, StartCopyJob) against botocore', function () {
  this.timeout(120_000);
  const served = useServedSandbox();

  it('every reply matches the model, pages as botocore follows them, and fails with modelled errors', async () => {
    const { sb, server } = served;
    const drRegion = 'us-west-2';
    const destinationVaultArn = `arn:aws:backup:${drRegion}:${ACCOUNT_ID}:backup-vault:dr`;
    const dr = createBackupClient(sandboxClientSettings({ region: drRegion, path: sb.path }));
    try {
      await dr.send(new CreateBackupVaultCommand({ BackupVaultName: 'dr' }));
    } finally {
      dr.destroy();
    }
    await sb.client.send(new CreateBackupVaultCommand({ BackupVaultName: 'main' }));
    await Promise.all(['web', 'db'].map((name) => sb.addResource('ec2-instance', name)));
    const plan = await sb.client.send(
      new CreateBackupPlanCommand({
        BackupPlan: {
          BackupPlanName: 'copies',
          Rules: [
            {
              RuleName: 'daily',
              TargetBackupVaultName: 'main',
              ScheduleExpression: 'cron(0 5 ? * * *)',
              Lifecycle: { DeleteAfterDays: 35 },
              CopyActions: [{ DestinationBackupVaultArn: destinationVaultArn }, { DestinationBackupVaultArn: `${destinationVaultArn}-missing` }],
            },
          ],
        },
      }),
    );
    await sb.client.send(
      new CreateBackupSelectionCommand({ BackupPlanId: plan.BackupPlanId, BackupSelection: { SelectionName: 'all', IamRoleArn: ROLE_ARN, Resources: ['arn:aws:ec2:*:*:instance/*'] } }),
    );
    await sb.advance(8 * HOUR);
    const point = (await sb.read()).backup[REGION]!.recoveryPoints;
    const fixture = {
      vault: 'main',
      role: ROLE_ARN,
      destinationVaultArn,
      recoveryPoint: Object.keys(point)[0],
      copyJobs: 4,
      byState: { COMPLETED: 2, FAILED: 2, RUNNING: 0 },
    };

    const run = await promisify(execFile)('python3', [SCRIPT, server.endpoint, REGION, JSON.stringify(fixture), 'copy-jobs'], { encoding: 'utf8', timeout: 100_000 });
    const report = JSON.parse(run.stdout) as { checked: string[]; problems: string[] };
    expect(report.problems).to.deep.equal([]);
    expect(report.checked).to.deep.equal(['backup.DescribeCopyJob', 'backup.ListCopyJobs', 'backup.StartCopyJob']);
  });
});

describe('sandbox: restore metadata and restore jobs against botocore', function () {
  this.timeout(120_000);
  const served = useServedSandbox();

  it('every reply matches the model, pages as botocore follows them, and fails with modelled errors', async () => {
    const { sb, server } = served;
    await sb.client.send(new CreateBackupVaultCommand({ BackupVaultName: 'main' }));
    const instance = await sb.addResource('ec2-instance', 'web', { tags: { env: 'prod' } });
    const volume = await sb.addResource('ebs-volume', 'data');
    const jobs = await Promise.all(
      [instance, volume].map((r) => sb.client.send(new StartBackupJobCommand({ BackupVaultName: 'main', ResourceArn: r.arn, IamRoleArn: ROLE_ARN }))),
    );
    await sb.advance(2 * HOUR);
    const [ec2Point, ebsPoint] = await Promise.all(
      jobs.map(async (j) => (await sb.client.send(new DescribeBackupJobCommand({ BackupJobId: j.BackupJobId }))).RecoveryPointArn!),
    );
    const metadata = await sb.client.send(new GetRecoveryPointRestoreMetadataCommand({ BackupVaultName: 'main', RecoveryPointArn: ec2Point }));
    const completed = await sb.client.send(new StartRestoreJobCommand({ RecoveryPointArn: ec2Point, Metadata: metadata.RestoreMetadata, IamRoleArn: ROLE_ARN }));
    await sb.advance(2 * HOUR);
    const fixture = { vault: 'main', role: ROLE_ARN, ec2Point, ebsPoint, completedJob: completed.RestoreJobId };

    const run = await promisify(execFile)('python3', [SCRIPT, server.endpoint, REGION, JSON.stringify(fixture), 'restore-jobs'], { encoding: 'utf8', timeout: 100_000 });
    const report = JSON.parse(run.stdout) as { checked: string[]; problems: string[] };
    expect(report.problems).to.deep.equal([]);
    expect(report.checked).to.deep.equal([
      'backup.DescribeRestoreJob',
      'backup.GetRecoveryPointRestoreMetadata',
      'backup.ListRestoreJobs',
      'backup.PutRestoreValidationResult',
      'backup.StartRestoreJob',
    ]);
  });
});

describe('sandbox: the restore jobs of restore testing plans against botocore', function () {
  this.timeout(120_000);
  const served = useServedSandbox();

  it('restore tests carry CreatedBy, ValidationStatus and DeletionStatus as modelled, and validation results fail with modelled errors', async () => {
    const { sb, server } = served;
    await sb.client.send(new CreateBackupVaultCommand({ BackupVaultName: 'main' }));
    const volume = await sb.addResource('ebs-volume', 'data', { sizeGiB: 8 });
    await sb.client.send(new StartBackupJobCommand({ BackupVaultName: 'main', ResourceArn: volume.arn, IamRoleArn: ROLE_ARN }));
    await sb.advance(2 * HOUR);
    const plan = await sb.client.send(
      new CreateRestoreTestingPlanCommand({
        RestoreTestingPlan: {
          RestoreTestingPlanName: 'daily',
          ScheduleExpression: 'cron(0 5 ? * * *)',
          RecoveryPointSelection: { Algorithm: 'LATEST_WITHIN_WINDOW', IncludeVaults: ['*'], RecoveryPointTypes: ['SNAPSHOT'] },
        },
      }),
    );
    await sb.client.send(
      new CreateRestoreTestingSelectionCommand({
        RestoreTestingPlanName: 'daily',
        RestoreTestingSelection: { RestoreTestingSelectionName: 'volumes', ProtectedResourceType: 'EBS', IamRoleArn: ROLE_ARN, ProtectedResourceArns: ['*'], ValidationWindowHours: 2 },
      }),
    );
    // The fixture starts at midnight: the first test runs at 05:00 and its window closes by 08:00;
    // the second runs at 05:00 the next day and is validating at 05:30.
    await sb.advance(6 * HOUR);
    await sb.advance(21 * HOUR + 30 * 60_000);
    const jobs = (await sb.client.send(new ListRestoreJobsCommand({ ByRestoreTestingPlanArn: plan.RestoreTestingPlanArn }))).RestoreJobs ?? [];
    const [validating, closed] = jobs;
    expect([validating?.ValidationStatus, closed?.ValidationStatus]).to.deep.equal(['VALIDATING', 'TIMED_OUT']);
    const fixture = { planArn: plan.RestoreTestingPlanArn, resourceArn: volume.arn, validatingJob: validating!.RestoreJobId, closedJob: closed!.RestoreJobId };

    const run = await promisify(execFile)('python3', [SCRIPT, server.endpoint, REGION, JSON.stringify(fixture), 'restore-tests'], { encoding: 'utf8', timeout: 100_000 });
    const report = JSON.parse(run.stdout) as { checked: string[]; problems: string[] };
    expect(report.problems).to.deep.equal([]);
    expect(report.checked).to.deep.equal(['backup.DescribeRestoreJob', 'backup.ListRestoreJobs', 'backup.ListRestoreJobsByProtectedResource', 'backup.PutRestoreValidationResult']);
  });
});

describe('sandbox: Backup Audit Manager frameworks and report plans against botocore', function () {
  this.timeout(120_000);
  const served = useServedSandbox();

  it('every reply matches the model, pages with MaxResults and NextToken, and fails with modelled errors', async () => {
    const { server } = served;
    const run = await promisify(execFile)('python3', [SCRIPT, server.endpoint, REGION, '{}', 'audit-manager'], { encoding: 'utf8', timeout: 100_000 });
    const report = JSON.parse(run.stdout) as { checked: string[]; problems: string[] };
    expect(report.problems).to.deep.equal([]);
    expect(report.checked).to.deep.equal([
      'backup.CreateFramework',
      'backup.CreateReportPlan',
      'backup.DeleteFramework',
      'backup.DeleteReportPlan',
      'backup.DescribeFramework',
      'backup.DescribeReportPlan',
      'backup.ListFrameworks',
      'backup.ListReportPlans',
      'backup.UpdateFramework',
      'backup.UpdateReportPlan',
    ]);
  });
});

describe('sandbox: Backup Audit Manager report jobs and the S3 object store against botocore', function () {
  this.timeout(120_000);
  const served = useServedSandbox();

  it('every reply matches the model, pages with MaxResults and NextToken, fails with modelled errors, and the reports read back through S3', async () => {
    const { sb, server } = served;
    await sb.client.send(
      new CreateReportPlanCommand({
        ReportPlanName: 'jobs',
        ReportDeliveryChannel: { S3BucketName: 'reports', S3KeyPrefix: 'audit', Formats: ['CSV', 'JSON'] },
        ReportSetting: { ReportTemplate: 'BACKUP_JOB_REPORT' },
      }),
    );
    await sb.advance(3 * HOUR); // the daily job at 02:00 UTC completes at 02:05
    const [completed] = (await sb.client.send(new ListReportJobsCommand({}))).ReportJobs!;
    const fixture = { bucket: 'reports', completedJob: completed!.ReportJobId, keys: completed!.ReportDestination!.S3Keys };

    const run = await promisify(execFile)('python3', [SCRIPT, server.endpoint, REGION, JSON.stringify(fixture), 'report-jobs'], { encoding: 'utf8', timeout: 100_000 });
    const report = JSON.parse(run.stdout) as { checked: string[]; problems: string[] };
    expect(report.problems).to.deep.equal([]);
    expect(report.checked).to.deep.equal(['backup.DescribeReportJob', 'backup.ListReportJobs', 'backup.StartReportJob']);
  });
});
