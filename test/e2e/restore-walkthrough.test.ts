// docs/restore-walkthrough.md, run as written: examples/restore copied as a clean clone has it,
// applied by the built CLI, a second plan with no changes, a week and a day on the sandbox clock,
// then the copy and restore jobs through `bkp jobs`, and every object through the real AWS CLI on
// `bkp sandbox serve` (a child process, stopped by its PID). The AWS CLI part is skipped, with a
// message, on a machine without the `aws` command.
import { expect } from 'chai';
import { cp } from 'node:fs/promises';
import { basename, resolve } from 'node:path';
import { awsCliInstalled, runAwsCli, type AwsCliRun } from '../support/aws-cli.js';
import { runBkp, tempDir } from '../support/cli.js';
import { serveSandbox, type ServedSandbox } from '../support/sandbox-serve.js';

const EXAMPLE = resolve(import.meta.dirname, '../../examples/restore');
const REGION = 'eu-west-1';
const DR_VAULT_ARN = 'arn:aws:backup:us-west-2:123456789012:backup-vault:restore-demo-dr';

interface JobJson {
  type: string;
  job_id: string;
  state: string;
  resource_type: string | null;
  destination_vault_arn: string | null;
  destination_region: string | null;
  created_resource_arn: string | null;
  restore_testing_plan_arn: string | null;
  validation_status: string | null;
  deletion_status: string | null;
}

describe('docs/restore-walkthrough.md on examples/restore', function () {
  this.timeout(240_000);
  let dir: string;
  let cleanup: () => Promise<void>;
  const bkp = (...args: string[]) => runBkp(['-chdir=' + dir, ...args], { cwd: dir });
  const ok = async (...args: string[]) => {
    const run = await bkp(...args);
    expect(run.code, `bkp ${args.join(' ')}\n${run.stdout}${run.stderr}`).to.equal(0);
    return run.stdout;
  };
  const jobs = async (type: string) => (JSON.parse(await ok('jobs', `--type=${type}`, '-json')) as { jobs: JobJson[] }).jobs;

  before(async () => {
    ({ dir, cleanup } = await tempDir());
    await cp(EXAMPLE, dir, { recursive: true, filter: (src) => basename(src) !== '.bkp' && !/\.state\.json/.test(basename(src)) });
  });
  after(async () => cleanup());

  it('applies the example, then plans no changes', async () => {
    expect(await ok('apply', '-auto-approve')).to.include('Apply complete! Resources: 9 added, 0 changed, 0 destroyed.');
    const plan = await bkp('plan', '-detailed-exitcode');
    expect(plan.code, plan.stdout + plan.stderr).to.equal(0);
    expect(plan.stdout).to.include('No changes.');
  });

  it('after `bkp sandbox advance 8d`, bkp jobs lists the DR copies and the restore tests with their validation and deletion', async () => {
    // The sandbox starts at the wall clock's time. Should 8 days end while the day's backups and
    // copies (05:00–05:30 UTC) or restore tests (07:00–07:30 UTC) are still running, the test
    // waits 45 minutes more, so every job it lists has finished, whatever time it runs at.
    const now = (JSON.parse(await ok('sandbox', 'status', '--json')) as { now: number }).now;
    const minuteOfDay = new Date(now + 8 * 86_400_000).getUTCHours() * 60 + new Date(now).getUTCMinutes();
    const busy = (minuteOfDay >= 300 && minuteOfDay < 330) || (minuteOfDay >= 420 && minuteOfDay < 450);
    await ok('sandbox', 'advance', busy ? '8d45m' : '8d');
    const copies = await jobs('copy');
    expect(copies.length).to.be.at.least(14);
    for (const copy of copies) expect(copy).to.include({ type: 'copy', state: 'COMPLETED', destination_vault_arn: DR_VAULT_ARN, destination_region: 'us-west-2' });

    const restores = await jobs('restore');
    // Two tested resources (the instance and the volume), once a day for a week.
    expect(restores.length).to.be.at.least(14);
    for (const job of restores) {
      expect(job).to.include({ type: 'restore', state: 'COMPLETED' });
      expect(job.restore_testing_plan_arn).to.match(/:restore-testing-plan:restore_demo_daily-/);
      expect(job.created_resource_arn).to.be.a('string');
    }
    const instances = restores.filter((j) => j.resource_type === 'EC2');
    const volumes = restores.filter((j) => j.resource_type === 'EBS');
    // Volumes: no validation window, deleted right after the restore.
    for (const job of volumes) expect(job).to.include({ validation_status: null, deletion_status: 'SUCCESSFUL' });
    // Instances: a 24-hour window. The latest is still awaiting its result; the earlier ones timed out and were deleted.
    const [latest, ...earlier] = instances;
    expect(latest).to.include({ validation_status: 'VALIDATING', deletion_status: null });
    expect(earlier.length).to.be.at.least(6);
    for (const job of earlier) expect(job).to.include({ validation_status: 'TIMED_OUT', deletion_status: 'SUCCESSFUL' });

    // The restored resources are gone from the inventory, except the instance still under validation.
    const inventory = await ok('sandbox', 'resource', 'list');
    for (const job of restores) {
      const id = job.created_resource_arn!.split('/').pop()!;
      expect(inventory.includes(id), `${id} in the inventory`).to.equal(job === latest);
    }

    const text = await ok('jobs', '--type=restore');
    expect(text).to.match(/^ADDRESS\s+TYPE\s+JOB ID\s+STATE\s+DONE\s+SIZE\s+VALIDATION\s+DELETION\s+START BY\s+COMPLETED$/m);
    expect(text).to.match(new RegExp(`^-\\s+restore\\s+${latest!.job_id}\\s+COMPLETED\\s+100%\\s+\\S+ [KMG]iB\\s+VALIDATING\\s+-`, 'm'));
    const watched = await bkp('jobs', '--type=restore', '--watch', '-json');
    expect(watched.code, watched.stderr).to.equal(0);
    // A week of restore tests (LastExecutionTime, restore jobs) is no drift of the managed objects.
    const plan = await bkp('plan', '-detailed-exitcode');
    expect(plan.code, plan.stdout + plan.stderr).to.equal(0);
  });

  it('step 7: the report plan wrote a daily compliance report of the framework, in CSV and JSON', async () => {
    const objects = JSON.parse(await ok('sandbox', 'reports', 'list', '--json')) as Array<{ bucket: string; key: string }>;
    const compliance = objects.filter((o) => o.bucket === 'restore-demo-audit-reports' && o.key.includes('_CONTROL_COMPLIANCE_REPORT_'));
    expect(compliance.filter((o) => o.key.endsWith('.csv')).length, JSON.stringify(objects)).to.be.at.least(7);
    expect(compliance.filter((o) => o.key.endsWith('.json')).length).to.be.at.least(7);
    const csv = await ok('sandbox', 'reports', 'show', `s3://restore-demo-audit-reports/${compliance.find((o) => o.key.endsWith('.csv'))!.key}`);
    expect(csv).to.match(/controlName/i);
    expect(csv).to.include('restore_demo_company');
  });

  describe('seen by the AWS CLI through bkp sandbox serve', () => {
    let server: ServedSandbox | undefined;
    const aws = async (...args: string[]): Promise<unknown> => {
      const run: AwsCliRun = await runAwsCli(server!.endpoint, dir, REGION, ['backup', ...args]);
      expect(run.code, `aws backup ${args.join(' ')}\n${run.stderr}`).to.equal(0);
      return run.stdout.trim() === '' ? {} : JSON.parse(run.stdout);
    };

    before(async function () {
      if (!awsCliInstalled()) {
        process.stdout.write('skipped: the AWS CLI is not installed (aws --version)\n');
        this.skip();
      }
      server = await serveSandbox(dir);
    });
    after(async () => {
      if (!server) return;
      expect((await server.stop()).code).to.equal(0);
    });

    it('list-copy-jobs: the completed copies into the DR vault', async () => {
      const reply = (await aws('list-copy-jobs')) as { CopyJobs: { State: string; DestinationBackupVaultArn: string }[] };
      expect(reply.CopyJobs.length).to.be.at.least(14);
      for (const job of reply.CopyJobs) expect(job).to.include({ State: 'COMPLETED', DestinationBackupVaultArn: DR_VAULT_ARN });
    });

    it('list-restore-testing-plans and list-restore-jobs: the plan, and its jobs with a validation status; a result reported ends the validation', async () => {
      const plans = (await aws('list-restore-testing-plans')) as { RestoreTestingPlans: { RestoreTestingPlanName: string; RestoreTestingPlanArn: string; LastExecutionTime?: number }[] };
      expect(plans.RestoreTestingPlans.map((p) => p.RestoreTestingPlanName)).to.deep.equal(['restore_demo_daily']);
      expect(plans.RestoreTestingPlans[0]!.LastExecutionTime).to.not.equal(undefined);
      const planArn = plans.RestoreTestingPlans[0]!.RestoreTestingPlanArn;
      const listed = (await aws('list-restore-jobs', '--by-restore-testing-plan-arn', planArn)) as {
        RestoreJobs: { RestoreJobId: string; ResourceType: string; ValidationStatus?: string; DeletionStatus?: string; CreatedBy?: { RestoreTestingPlanArn: string } }[];
      };
      expect(listed.RestoreJobs.length).to.be.at.least(14);
      for (const job of listed.RestoreJobs) expect(job.CreatedBy).to.deep.equal({ RestoreTestingPlanArn: planArn });
      const validating = listed.RestoreJobs.filter((j) => j.ValidationStatus === 'VALIDATING');
      expect(validating).to.have.length(1);
      expect(listed.RestoreJobs.filter((j) => j.ValidationStatus === 'TIMED_OUT').length).to.be.at.least(6);

      const id = validating[0]!.RestoreJobId;
      await aws('put-restore-validation-result', '--restore-job-id', id, '--validation-status', 'SUCCESSFUL', '--validation-status-message', 'smoke test passed');
      const described = (await aws('describe-restore-job', '--restore-job-id', id)) as { ValidationStatus: string; ValidationStatusMessage: string; DeletionStatus: string };
      expect(described).to.include({ ValidationStatus: 'SUCCESSFUL', ValidationStatusMessage: 'smoke test passed', DeletionStatus: 'DELETING' });
    });

    it('list-frameworks and list-report-plans: the compliance framework and its report plan', async () => {
      const frameworks = (await aws('list-frameworks')) as { Frameworks: { FrameworkName: string; NumberOfControls: number }[] };
      expect(frameworks.Frameworks.map(({ FrameworkName, NumberOfControls }) => ({ FrameworkName, NumberOfControls }))).to.deep.equal([
        { FrameworkName: 'restore_demo_company', NumberOfControls: 3 },
      ]);
      const reports = (await aws('list-report-plans')) as { ReportPlans: { ReportPlanName: string; ReportSetting: { ReportTemplate: string } }[] };
      expect(reports.ReportPlans.map((p) => [p.ReportPlanName, p.ReportSetting.ReportTemplate])).to.deep.equal([['restore_demo_compliance', 'CONTROL_COMPLIANCE_REPORT']]);
    });
  });
});
