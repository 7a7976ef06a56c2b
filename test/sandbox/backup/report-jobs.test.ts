import { expect } from 'chai';
import {
  CreateBackupPlanCommand,
  CreateBackupSelectionCommand,
  CreateBackupVaultCommand,
  CreateFrameworkCommand,
  CreateReportPlanCommand,
  DeleteReportPlanCommand,
  DescribeReportJobCommand,
  ListBackupJobsCommand,
  ListReportJobsCommand,
  StartBackupJobCommand,
  StartReportJobCommand,
  StartRestoreJobCommand,
  type ListReportJobsCommandInput,
  type ReportJob,
} from '@aws-sdk/client-backup';
import { getObject, listObjects } from '../../../src/sandbox/object-store.js';
import { ACCOUNT_ID, DAY, MINUTE, REGION, rejection, ROLE_ARN, sandboxFixture, START, type SandboxFixture } from '../fixture.js';

const VAULT_ARN = (name: string) => `arn:aws:backup:${REGION}:${ACCOUNT_ID}:backup-vault:${name}`;

describe('sandbox backup: Audit Manager report jobs', () => {
  let sb: SandboxFixture;
  beforeEach(async () => {
    sb = await sandboxFixture({ maxAttempts: 1 });
  });
  afterEach(() => sb.cleanup());

  /** A daily 05:00 plan over EC2 instances tagged backup=daily, copying into a second vault. */
  async function dailyPlan(): Promise<void> {
    await sb.client.send(new CreateBackupVaultCommand({ BackupVaultName: 'main' }));
    await sb.client.send(new CreateBackupVaultCommand({ BackupVaultName: 'copies' }));
    const plan = await sb.client.send(
      new CreateBackupPlanCommand({
        BackupPlan: {
          BackupPlanName: 'daily',
          Rules: [
            {
              RuleName: 'nightly',
              TargetBackupVaultName: 'main',
              ScheduleExpression: 'cron(0 5 ? * * *)',
              StartWindowMinutes: 60,
              Lifecycle: { DeleteAfterDays: 35 },
              CopyActions: [{ DestinationBackupVaultArn: VAULT_ARN('copies') }],
            },
          ],
        },
      }),
    );
    await sb.client.send(
      new CreateBackupSelectionCommand({
        BackupPlanId: plan.BackupPlanId,
        BackupSelection: { SelectionName: 'tagged', IamRoleArn: ROLE_ARN, ListOfTags: [{ ConditionType: 'STRINGEQUALS', ConditionKey: 'backup', ConditionValue: 'daily' }] },
      }),
    );
  }

  const reportPlan = (name: string, template: string, extra: { FrameworkArns?: string[]; Formats?: string[] } = {}) =>
    sb.client.send(
      new CreateReportPlanCommand({
        ReportPlanName: name,
        ReportDeliveryChannel: { S3BucketName: 'audit-reports', S3KeyPrefix: 'bkp', Formats: extra.Formats ?? ['CSV'] },
        ReportSetting: { ReportTemplate: template, ...(extra.FrameworkArns ? { FrameworkArns: extra.FrameworkArns } : {}) },
      }),
    );
  const describe = async (id: string): Promise<ReportJob> => (await sb.client.send(new DescribeReportJobCommand({ ReportJobId: id }))).ReportJob!;
  const objectText = async (key: string) => getObject(await sb.read(), 'audit-reports', key)!.body;
  const csvRows = (text: string) => text.trimEnd().split('\r\n').map((line) => line.split(','));

  it('runs an on-demand job CREATED → RUNNING → COMPLETED and writes one object per format', async () => {
    await reportPlan('jobs', 'BACKUP_JOB_REPORT', { Formats: ['CSV', 'JSON'] });
    const { ReportJobId } = await sb.client.send(new StartReportJobCommand({ ReportPlanName: 'jobs', IdempotencyToken: 'tok' }));
    const again = await sb.client.send(new StartReportJobCommand({ ReportPlanName: 'jobs', IdempotencyToken: 'tok' }));
    expect(again.ReportJobId, 'a retried start answers with the job it made').to.equal(ReportJobId);
    const created = await describe(ReportJobId!);
    expect([created.Status, created.ReportTemplate, created.CreationTime?.getTime(), created.ReportDestination]).to.deep.equal(['CREATED', 'BACKUP_JOB_REPORT', START.getTime(), { S3BucketName: 'audit-reports' }]);
    await sb.advance(MINUTE);
    expect((await describe(ReportJobId!)).Status).to.equal('RUNNING');
    await sb.advance(4 * MINUTE);
    const done = await describe(ReportJobId!);
    expect([done.Status, done.CompletionTime?.getTime()]).to.deep.equal(['COMPLETED', START.getTime() + 5 * MINUTE]);
    expect(done.ReportDestination!.S3Keys).to.deep.equal([
      `bkp/Backup/${REGION}/2026/01/05/jobs_BACKUP_JOB_REPORT_${ReportJobId}.csv`,
      `bkp/Backup/${REGION}/2026/01/05/jobs_BACKUP_JOB_REPORT_${ReportJobId}.json`,
    ]);
    const csv = csvRows(await objectText(done.ReportDestination!.S3Keys![0]!));
    expect(csv).to.have.length(1, 'no backup job in the last 24 hours: the header alone');
    expect(csv[0]!.slice(0, 6)).to.deep.equal(['reportTimePeriodStart', 'reportTimePeriodEnd', 'accountId', 'region', 'backupJobId', 'jobStatus']);
    expect(JSON.parse(await objectText(done.ReportDestination!.S3Keys![1]!))).to.deep.equal({ reportItems: [] });
  });

  it('runs each plan daily at 02:00 UTC over the previous UTC day, with that day\'s backup jobs as rows', async () => {
    await dailyPlan();
    await sb.addResource('ec2-instance', 'web', { tags: { backup: 'daily' } });
    await reportPlan('jobs', 'BACKUP_JOB_REPORT');
    await sb.advance(2 * DAY);
    const jobs = (await sb.client.send(new ListReportJobsCommand({}))).ReportJobs!;
    expect(jobs.map((j) => [j.Status, j.CreationTime!.toISOString()])).to.deep.equal([
      ['COMPLETED', '2026-01-06T02:00:00.000Z'],
      ['COMPLETED', '2026-01-05T02:00:00.000Z'],
    ]);
    const [jan6] = jobs;
    const rows = csvRows(await objectText(jan6!.ReportDestination!.S3Keys![0]!));
    const header = rows[0]!;
    const backupJobs = (await sb.client.send(new ListBackupJobsCommand({}))).BackupJobs!;
    const jan5Job = backupJobs.find((j) => j.CreationDate!.toISOString().startsWith('2026-01-05'))!;
    expect(rows.slice(1).map((r) => [r[header.indexOf('backupJobId')], r[header.indexOf('jobStatus')], r[header.indexOf('backupPlanName')], r[header.indexOf('backupRuleName')]])).to.deep.equal([
      [jan5Job.BackupJobId, 'COMPLETED', 'daily', 'nightly'],
    ]);
    expect([rows[1]![0], rows[1]![1]]).to.deep.equal(['2026-01-05T00:00:00.000Z', '2026-01-06T00:00:00.000Z']);
  });

  it('keeps a job still running at the end of the period in that period\'s report, and leaves out jobs that ended before it', async () => {
    await sb.client.send(new CreateBackupVaultCommand({ BackupVaultName: 'main' }));
    const web = await sb.addResource('ec2-instance', 'web');
    await reportPlan('jobs', 'BACKUP_JOB_REPORT');
    const early = await sb.client.send(new StartBackupJobCommand({ BackupVaultName: 'main', ResourceArn: web.arn, IamRoleArn: ROLE_ARN }));
    await sb.advance(DAY - 5 * MINUTE); // Jan 5, 23:55: the early job has long ended
    const late = await sb.client.send(new StartBackupJobCommand({ BackupVaultName: 'main', ResourceArn: web.arn, IamRoleArn: ROLE_ARN }));
    await sb.advance(3 * 60 * MINUTE); // past Jan 6, 02:05
    const [jan6] = (await sb.client.send(new ListReportJobsCommand({}))).ReportJobs!;
    const rows = csvRows(await objectText(jan6!.ReportDestination!.S3Keys![0]!));
    expect(rows.slice(1).map((r) => r[rows[0]!.indexOf('backupJobId')]), 'both ran on Jan 5').to.have.members([early.BackupJobId, late.BackupJobId]);
    await sb.advance(DAY);
    const [jan7] = (await sb.client.send(new ListReportJobsCommand({}))).ReportJobs!;
    const next = csvRows(await objectText(jan7!.ReportDestination!.S3Keys![0]!));
    expect(next.slice(1).map((r) => r[next[0]!.indexOf('backupJobId')]), 'the late job ended on Jan 6; the early one before').to.deep.equal([late.BackupJobId]);
  });

  it('writes copy and restore job reports from the jobs of the window', async () => {
    await dailyPlan();
    await sb.addResource('ec2-instance', 'web', { tags: { backup: 'daily' } });
    await reportPlan('copies', 'COPY_JOB_REPORT');
    await reportPlan('restores', 'RESTORE_JOB_REPORT');
    await sb.advance(DAY); // the 05:00 backup completes, then its copy
    const point = Object.values((await sb.read()).backup[REGION]!.recoveryPoints).find((p) => p.vaultName === 'main')!;
    const restore = await sb.client.send(new StartRestoreJobCommand({ RecoveryPointArn: point.arn, IamRoleArn: ROLE_ARN, Metadata: { InstanceType: 't3.micro' } }));
    await sb.advance(DAY + 3 * 60 * MINUTE); // past the 02:00 report of the restore's day
    const latest = async (plan: string) => (await sb.client.send(new ListReportJobsCommand({ ByReportPlanName: plan }))).ReportJobs![0]!;
    const copyRows = csvRows(await objectText((await latest('copies')).ReportDestination!.S3Keys![0]!));
    const copyHeader = copyRows[0]!;
    // The latest copy report covers Jan 6, when the second nightly backup was copied.
    expect(copyRows.slice(1).map((r) => [r[copyHeader.indexOf('jobStatus')], r[copyHeader.indexOf('destinationBackupVaultArn')]])).to.deep.equal([['COMPLETED', VAULT_ARN('copies')]]);
    const restoreRows = csvRows(await objectText((await latest('restores')).ReportDestination!.S3Keys![0]!));
    const restoreHeader = restoreRows[0]!;
    expect(restoreRows.slice(1).map((r) => [r[restoreHeader.indexOf('restoreJobId')], r[restoreHeader.indexOf('recoveryPointArn')]])).to.deep.equal([[restore.RestoreJobId, point.arn]]);
  });

  it('evaluates the framework\'s controls for the compliance reports', async () => {
    await dailyPlan();
    await sb.addResource('ec2-instance', 'web', { tags: { backup: 'daily' } });
    await sb.addResource('ec2-instance', 'batch', { tags: {} });
    const framework = await sb.client.send(
      new CreateFrameworkCommand({
        FrameworkName: 'company',
        FrameworkControls: [
          { ControlName: 'BACKUP_PLAN_MIN_FREQUENCY_AND_MIN_RETENTION_CHECK' },
          { ControlName: 'BACKUP_RESOURCES_PROTECTED_BY_BACKUP_PLAN', ControlScope: { ComplianceResourceTypes: ['EC2'] } },
        ],
      }),
    );
    await reportPlan('controls', 'CONTROL_COMPLIANCE_REPORT', { FrameworkArns: [framework.FrameworkArn!], Formats: ['JSON'] });
    await reportPlan('resources', 'RESOURCE_COMPLIANCE_REPORT', { FrameworkArns: [framework.FrameworkArn!] });
    await sb.advance(3 * 60 * MINUTE);
    const jobs = (await sb.client.send(new ListReportJobsCommand({ ByStatus: 'COMPLETED' }))).ReportJobs!;
    const keyOf = (template: string) => jobs.find((j) => j.ReportTemplate === template)!.ReportDestination!.S3Keys![0]!;
    const controls = (JSON.parse(await objectText(keyOf('CONTROL_COMPLIANCE_REPORT'))) as { reportItems: Record<string, unknown>[] }).reportItems;
    expect(controls.map((c) => [c['frameworkName'], c['controlName'], c['controlComplianceStatus'], c['resourcesEvaluated'], c['resourcesNonCompliant']])).to.deep.equal([
      ['company', 'BACKUP_PLAN_MIN_FREQUENCY_AND_MIN_RETENTION_CHECK', 'COMPLIANT', 1, 0],
      ['company', 'BACKUP_RESOURCES_PROTECTED_BY_BACKUP_PLAN', 'NON_COMPLIANT', 2, 1],
    ]);
    const rows = csvRows(await objectText(keyOf('RESOURCE_COMPLIANCE_REPORT')));
    const header = rows[0]!;
    const inventory = (await sb.read()).inventory;
    const idOf = (name: string) => inventory.find((r) => r.name === name)!.id;
    const resourceRows = rows.slice(1).filter((r) => r[header.indexOf('resourceType')] === 'EC2');
    expect(resourceRows.map((r) => [r[header.indexOf('resourceId')], r[header.indexOf('resourceComplianceStatus')]]).sort()).to.deep.equal(
      [
        [idOf('batch'), 'NON_COMPLIANT'],
        [idOf('web'), 'COMPLIANT'],
      ].sort(),
    );
  });

  it('judges restore times only of the resources restored in the last 30 days, as bkp check does', async () => {
    await dailyPlan();
    await sb.addResource('ec2-instance', 'web', { tags: { backup: 'daily' } });
    await sb.addResource('ec2-instance', 'batch', { tags: { backup: 'daily' } });
    const framework = await sb.client.send(
      new CreateFrameworkCommand({
        FrameworkName: 'restores',
        FrameworkControls: [
          {
            ControlName: 'RESTORE_TIME_FOR_RESOURCES_MEET_TARGET',
            ControlInputParameters: [{ ParameterName: 'maxRestoreTime', ParameterValue: '600' }],
            ControlScope: { ComplianceResourceTypes: ['EC2'] },
          },
        ],
      }),
    );
    await sb.advance(DAY); // the 05:00 backups of both instances complete
    const inventory = (await sb.read()).inventory;
    const web = inventory.find((r) => r.name === 'web')!;
    const point = Object.values((await sb.read()).backup[REGION]!.recoveryPoints).find((p) => p.vaultName === 'main' && p.resourceArn === web.arn)!;
    await sb.client.send(new StartRestoreJobCommand({ RecoveryPointArn: point.arn, IamRoleArn: ROLE_ARN, Metadata: { InstanceType: 't3.micro' } }));
    await sb.advance(DAY);
    await reportPlan('controls', 'CONTROL_COMPLIANCE_REPORT', { FrameworkArns: [framework.FrameworkArn!], Formats: ['JSON'] });
    await sb.advance(DAY);
    const jobs = (await sb.client.send(new ListReportJobsCommand({ ByReportPlanName: 'controls', ByStatus: 'COMPLETED' }))).ReportJobs!;
    const controls = (JSON.parse(await objectText(jobs[0]!.ReportDestination!.S3Keys![0]!)) as { reportItems: Record<string, unknown>[] }).reportItems;
    // batch was never restored: not judged (it used to count as compliant).
    expect(controls.map((c) => [c['controlName'], c['controlComplianceStatus'], c['resourcesEvaluated'], c['resourcesNonCompliant']])).to.deep.equal([
      ['RESTORE_TIME_FOR_RESOURCES_MEET_TARGET', 'COMPLIANT', 1, 0],
    ]);
  });

  it('fails the job when its report plan is deleted before the report is written', async () => {
    await reportPlan('gone', 'BACKUP_JOB_REPORT');
    const { ReportJobId } = await sb.client.send(new StartReportJobCommand({ ReportPlanName: 'gone' }));
    await sb.client.send(new DeleteReportPlanCommand({ ReportPlanName: 'gone' }));
    await sb.advance(10 * MINUTE);
    const job = await describe(ReportJobId!);
    expect([job.Status, job.StatusMessage]).to.deep.equal(['FAILED', 'The report plan gone was deleted before its report was written.']);
    expect(listObjects(await sb.read())).to.deep.equal([]);
  });

  it('filters and pages ListReportJobs', async () => {
    await reportPlan('first', 'BACKUP_JOB_REPORT');
    await reportPlan('second', 'COPY_JOB_REPORT');
    await sb.client.send(new StartReportJobCommand({ ReportPlanName: 'first' }));
    await sb.advance(10 * MINUTE);
    await sb.client.send(new StartReportJobCommand({ ReportPlanName: 'second' }));
    await sb.client.send(new StartReportJobCommand({ ReportPlanName: 'first' }));
    const list = async (input: ListReportJobsCommandInput) => (await sb.client.send(new ListReportJobsCommand(input))).ReportJobs!.map((j) => [j.ReportTemplate, j.Status]);
    expect(await list({ ByReportPlanName: 'first' })).to.deep.equal([
      ['BACKUP_JOB_REPORT', 'CREATED'],
      ['BACKUP_JOB_REPORT', 'COMPLETED'],
    ]);
    expect(await list({ ByStatus: 'CREATED' })).to.have.length(2);
    expect(await list({ ByCreationAfter: new Date(START.getTime() + MINUTE) })).to.have.length(2);
    expect(await list({ ByCreationBefore: new Date(START.getTime() + MINUTE) })).to.deep.equal([['BACKUP_JOB_REPORT', 'COMPLETED']]);
    const first = await sb.client.send(new ListReportJobsCommand({ MaxResults: 2 }));
    expect(first.ReportJobs).to.have.length(2);
    const second = await sb.client.send(new ListReportJobsCommand({ MaxResults: 2, NextToken: first.NextToken }));
    expect([second.ReportJobs!.length, second.NextToken]).to.deep.equal([1, undefined]);
  });

  it('refuses what the service refuses', async () => {
    const codes = async (p: Promise<unknown>) => {
      const e = await rejection(p);
      return `${e.name}: ${e.message}`;
    };
    expect(await codes(sb.client.send(new StartReportJobCommand({ ReportPlanName: 'missing' })))).to.equal('ResourceNotFoundException: Report plan missing not found.');
    expect(await codes(sb.client.send(new StartReportJobCommand({ ReportPlanName: '1bad' })))).to.match(/^InvalidParameterValueException: .*regular expression/);
    expect(await codes(sb.client.send(new DescribeReportJobCommand({ ReportJobId: 'nope' })))).to.equal('ResourceNotFoundException: Report job nope not found.');
    expect(await codes(sb.client.send(new ListReportJobsCommand({ ByStatus: 'DONE' })))).to.match(/^InvalidParameterValueException: .*enum value set/);
    expect(await codes(sb.client.send(new ListReportJobsCommand({ ByReportPlanName: 'missing' })))).to.match(/^ResourceNotFoundException/);
    expect(await codes(sb.client.send(new ListReportJobsCommand({ MaxResults: 1001 })))).to.match(/^InvalidParameterValueException: .*between 1 and 1000/);
    expect(await codes(sb.client.send(new ListReportJobsCommand({ NextToken: 'garbage' })))).to.match(/NextToken is invalid/);
  });
});
