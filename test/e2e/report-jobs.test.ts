// Report jobs end to end: the built CLI applies a framework and two report plans on the sandbox,
// `bkp sandbox advance 2d` runs their daily report jobs, `bkp sandbox reports` lists and shows the
// objects they wrote, and the real AWS CLI through `bkp sandbox serve` (a child process, stopped by
// its PID) sees the COMPLETED report jobs and reads the same objects with `aws s3 ls` / `aws s3 cp`.
// The AWS CLI part is skipped, with a message, on a machine without the `aws` command.
import { expect } from 'chai';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { awsCliInstalled, runAwsCli } from '../support/aws-cli.js';
import { serveSandbox, type ServedSandbox } from '../support/sandbox-serve.js';
import { Workspace } from './on-demand-helpers.js';

const REGION = 'eu-west-1';

const CONFIG = `
provider "sandbox" {
  region = "${REGION}"
  source "ec2-instance" "web" {
    state = "running"
    tags  = { backup = "daily" }
  }
}

backup_vault "main" {
  name = "main"
}

backup_plan "daily" {
  name = "daily"
  rule "nightly" {
    target_vault = backup_vault.main.name
    schedule     = "cron(0 5 ? * * *)"
    lifecycle { delete_after_days = 35 }
  }
}

backup_selection "tagged" {
  plan         = backup_plan.daily
  name         = "tagged"
  iam_role_arn = "arn:aws:iam::123456789012:role/backup"
  tag {
    key   = "backup"
    value = "daily"
  }
}

backup_framework "company" {
  name = "company"
  control "resources_protected_by_backup_plan" {
    resource_types = ["EC2"]
  }
}

backup_report_plan "jobs" {
  name = "jobs"
  report_delivery_channel {
    s3_bucket_name = "audit-reports"
    s3_key_prefix  = "bkp"
    formats        = ["CSV", "JSON"]
  }
  report_setting {
    report_template = "BACKUP_JOB_REPORT"
  }
}

backup_report_plan "compliance" {
  name = "compliance"
  report_delivery_channel {
    s3_bucket_name = "audit-reports"
  }
  report_setting {
    report_template = "CONTROL_COMPLIANCE_REPORT"
    framework_arns  = [backup_framework.company.arn]
  }
}
`;

interface ReportObject {
  bucket: string;
  key: string;
  size_bytes: number;
}

describe('report jobs end to end (sandbox, bkp sandbox reports, AWS CLI)', function () {
  this.timeout(240_000);
  let ws: Workspace;
  let objects: ReportObject[] = [];

  before(async () => {
    ws = await Workspace.create();
    await writeFile(join(ws.dir, 'main.bkp.hcl'), CONFIG);
  });
  after(async () => ws?.cleanup());

  it('applies the report plans, and two days later lists the reports they wrote', async () => {
    const applied = await ws.ok('apply', '-auto-approve');
    expect(applied.stdout).to.include('Apply complete! Resources: 6 added');
    const before = JSON.parse((await ws.ok('sandbox', 'reports', 'list', '-json')).stdout) as ReportObject[];
    expect(before, 'nothing is written before the first 02:00 UTC').to.deep.equal([]);
    const advanced = await ws.ok('sandbox', 'advance', '2d');
    expect(advanced.stdout).to.match(/report of jobs written: s3:\/\/audit-reports\/bkp\/Backup\/eu-west-1\/\d{4}\/\d{2}\/\d{2}\/jobs_BACKUP_JOB_REPORT_/);
    objects = JSON.parse((await ws.ok('sandbox', 'reports', 'list', '-json')).stdout) as ReportObject[];
    // Two daily runs: the job report in CSV and JSON, the compliance report in CSV.
    expect(objects.map((o) => o.key.replace(/_[0-9a-f-]{36}\./, '_ID.').replace(/\/\d{4}\/\d{2}\/\d{2}\//, '/DATE/')).sort()).to.deep.equal(
      [
        `Backup/${REGION}/DATE/compliance_CONTROL_COMPLIANCE_REPORT_ID.csv`,
        `Backup/${REGION}/DATE/compliance_CONTROL_COMPLIANCE_REPORT_ID.csv`,
        `bkp/Backup/${REGION}/DATE/jobs_BACKUP_JOB_REPORT_ID.csv`,
        `bkp/Backup/${REGION}/DATE/jobs_BACKUP_JOB_REPORT_ID.csv`,
        `bkp/Backup/${REGION}/DATE/jobs_BACKUP_JOB_REPORT_ID.json`,
        `bkp/Backup/${REGION}/DATE/jobs_BACKUP_JOB_REPORT_ID.json`,
      ].sort(),
    );
    expect(new Set(objects.map((o) => o.bucket))).to.deep.equal(new Set(['audit-reports']));
    const human = await ws.ok('sandbox', 'reports');
    expect(human.stdout).to.include('s3://audit-reports/bkp/Backup/');
  });

  it('shows a report: the compliance CSV names the control and the protected instance as compliant', async () => {
    const compliance = objects.filter((o) => o.key.includes('CONTROL_COMPLIANCE')).sort((a, b) => a.key.localeCompare(b.key)).at(-1)!;
    const shown = await ws.ok('sandbox', 'reports', 'show', `s3://${compliance.bucket}/${compliance.key}`);
    const [header, ...rows] = shown.stdout.trim().split(/\r?\n/).map((line) => line.split(','));
    expect(rows).to.have.length(1);
    const cell = (name: string) => rows[0]![header!.indexOf(name)];
    expect([cell('frameworkName'), cell('controlName'), cell('controlComplianceStatus'), cell('resourcesEvaluated')]).to.deep.equal([
      'company',
      'BACKUP_RESOURCES_PROTECTED_BY_BACKUP_PLAN',
      'COMPLIANT',
      '1',
    ]);
    const missing = await ws.bkp('sandbox', 'reports', 'show', 'no/such/key.csv');
    expect(missing.code).to.equal(1);
    expect(missing.stderr).to.include('The sandbox holds no report object no/such/key.csv');
  });

  describe('seen by the AWS CLI through bkp sandbox serve', () => {
    let server: ServedSandbox | undefined;
    const aws = async (...args: string[]) => {
      const run = await runAwsCli(server!.endpoint, ws.dir, REGION, args);
      expect(run.code, `aws ${args.join(' ')}\n${run.stderr}`).to.equal(0);
      return run.stdout;
    };

    before(async function () {
      if (!awsCliInstalled()) {
        process.stdout.write('skipped: the AWS CLI is not installed (aws --version)\n');
        this.skip();
      }
      server = await serveSandbox(ws.dir);
    });
    after(async () => {
      if (!server) return;
      expect((await server.stop()).code).to.equal(0);
    });

    it('backup list-report-jobs: the daily jobs, COMPLETED, naming the objects they wrote', async () => {
      const reply = JSON.parse(await aws('backup', 'list-report-jobs', '--by-report-plan-name', 'jobs')) as { ReportJobs: { Status: string; ReportDestination: { S3Keys: string[] } }[] };
      expect(reply.ReportJobs.map((j) => j.Status)).to.deep.equal(['COMPLETED', 'COMPLETED']);
      const keys = reply.ReportJobs.flatMap((j) => j.ReportDestination.S3Keys);
      expect(keys.sort()).to.deep.equal(objects.filter((o) => o.key.startsWith('bkp/')).map((o) => o.key).sort());
    });

    it('s3 ls --recursive lists the objects and s3 cp prints a CSV', async () => {
      const listing = await aws('s3', 'ls', 's3://audit-reports/bkp/', '--recursive');
      const listed = listing.trim().split('\n').map((line) => line.trim().split(/\s+/).at(-1));
      expect(listed.sort()).to.deep.equal(objects.filter((o) => o.key.startsWith('bkp/')).map((o) => o.key).sort());
      const csvKey = objects.find((o) => o.key.endsWith('.csv') && o.key.startsWith('bkp/'))!.key;
      const body = await aws('s3', 'cp', `s3://audit-reports/${csvKey}`, '-');
      expect(body.split(/\r?\n/)[0]).to.match(/^reportTimePeriodStart,reportTimePeriodEnd,accountId,region,backupJobId,jobStatus,/);
      const shown = await ws.ok('sandbox', 'reports', 'show', csvKey);
      expect(body.trim()).to.equal(shown.stdout.trim());
    });
  });
});
