// backup_framework and backup_report_plan end to end: the built CLI on the sandbox account, with
// drift made behind bkp's back by an SDK client, import, destroy, and bkp check evaluating the
// framework's controls (the controls AWS evaluates after deployment, checked before it).
import { expect } from 'chai';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { DescribeFrameworkCommand, DescribeReportPlanCommand, ListFrameworksCommand, ListTagsCommand, TagResourceCommand, UpdateFrameworkCommand, type BackupClient } from '@aws-sdk/client-backup';
import { Workspace } from './on-demand-helpers.js';

interface Settings {
  retention: number;
  formats: string;
}

const config = (s: Settings) => `
provider "sandbox" {}

backup_vault "main" {
  name = "main"
}

backup_plan "daily" {
  name = "daily"
  rule "daily" {
    target_vault = backup_vault.main.name
    schedule     = "cron(0 5 ? * * *)"
    lifecycle { delete_after_days = 14 }
  }
}

backup_framework "company" {
  name        = "company"
  description = "Backups the company requires"
  control "recovery_point_minimum_retention" {
    required_retention_days = ${s.retention}
  }
  control "resources_protected_by_backup_plan" {
    resource_types = ["EC2"]
    tags           = { env = "prod" }
    severity       = "warning"
  }
  tags = { team = "security" }
}

backup_report_plan "compliance" {
  name = "compliance"
  report_delivery_channel {
    s3_bucket_name = "audit-reports"
    s3_key_prefix  = "backup"
    formats        = ${s.formats}
  }
  report_setting {
    report_template = "CONTROL_COMPLIANCE_REPORT"
    framework_arns  = [backup_framework.company.arn]
    regions         = ["*"]
  }
}
`;

describe('frameworks and report plans end to end (sandbox)', function () {
  this.timeout(240_000);
  let ws: Workspace;
  let client: BackupClient;
  let settings: Settings = { retention: 30, formats: '["CSV"]' };
  const write = (change: Partial<Settings> = {}) => {
    settings = { ...settings, ...change };
    return writeFile(join(ws.dir, 'main.bkp.hcl'), config(settings));
  };
  const framework = () => client.send(new DescribeFrameworkCommand({ FrameworkName: 'company' }));

  before(async () => {
    ws = await Workspace.create();
    client = ws.backupClient();
  });
  after(async () => {
    client?.destroy();
    await ws?.cleanup();
  });

  it('creates the framework with the controls as Audit Manager names them, then plans no change', async () => {
    await write();
    const applied = await ws.ok('apply', '-auto-approve');
    expect(applied.stdout).to.include('Apply complete! Resources: 4 added, 0 changed, 0 destroyed.');
    const created = await framework();
    // Defaults are sent as AWS's string parameters; severity is bkp check's own and never sent.
    expect(created.FrameworkControls).to.deep.equal([
      { ControlName: 'BACKUP_RECOVERY_POINT_MINIMUM_RETENTION_CHECK', ControlInputParameters: [{ ParameterName: 'requiredRetentionDays', ParameterValue: '30' }] },
      { ControlName: 'BACKUP_RESOURCES_PROTECTED_BY_BACKUP_PLAN', ControlScope: { ComplianceResourceTypes: ['EC2'], Tags: { env: 'prod' } } },
    ]);
    const plan = (await client.send(new DescribeReportPlanCommand({ ReportPlanName: 'compliance' }))).ReportPlan!;
    expect(plan.ReportSetting).to.deep.equal({ ReportTemplate: 'CONTROL_COMPLIANCE_REPORT', FrameworkArns: [created.FrameworkArn], NumberOfFrameworks: 1, Regions: ['*'] });
    const again = await ws.bkp('plan', '-detailed-exitcode');
    expect(again.code, again.stdout + again.stderr).to.equal(0);
  });

  it('bkp check evaluates the framework controls like a policy, pointing into the framework block', async () => {
    const checked = await ws.bkp('check', '-json');
    expect(checked.code, checked.stderr).to.equal(3);
    const report = JSON.parse(checked.stdout) as { findings: Array<{ policy: string; control: string; resource: string; range: { start: { line: number } } }>; controls: Array<{ policy: string; audit_manager_control: string; range: { start: { line: number } } }> };
    expect(report.controls.map((c) => [c.policy, c.audit_manager_control])).to.deep.equal([
      ['backup_framework.company', 'BACKUP_RECOVERY_POINT_MINIMUM_RETENTION_CHECK'],
      ['backup_framework.company', 'BACKUP_RESOURCES_PROTECTED_BY_BACKUP_PLAN'],
    ]);
    expect(report.controls[0]!.range.start.line, 'the control block of the framework').to.equal(20);
    expect(report.findings.map((f) => [f.policy, f.control, f.resource])).to.deep.equal([['backup_framework.company', 'recovery_point_minimum_retention', 'backup_plan.daily']]);
    expect(report.findings[0]!.range.start.line, 'the lifecycle that keeps too short').to.equal(13);
    await write({ retention: 14 });
    expect((await ws.bkp('check')).code).to.equal(0);
  });

  it('updates the framework and the report plan in place', async () => {
    await write({ formats: '["CSV", "JSON"]' });
    const updated = await ws.ok('apply', '-auto-approve');
    expect(updated.stdout, updated.stdout).to.include('Apply complete! Resources: 0 added, 2 changed, 0 destroyed.');
    expect((await framework()).FrameworkControls![0]!.ControlInputParameters).to.deep.equal([{ ParameterName: 'requiredRetentionDays', ParameterValue: '14' }]);
    const plan = (await client.send(new DescribeReportPlanCommand({ ReportPlanName: 'compliance' }))).ReportPlan!;
    expect(plan.ReportDeliveryChannel!.Formats).to.deep.equal(['CSV', 'JSON']);
  });

  it('reports drift made with an SDK client and repairs it, keeping tags and controls it does not manage', async () => {
    const arn = (await framework()).FrameworkArn!;
    await client.send(
      new UpdateFrameworkCommand({
        FrameworkName: 'company',
        FrameworkControls: [
          { ControlName: 'BACKUP_RECOVERY_POINT_MINIMUM_RETENTION_CHECK', ControlInputParameters: [{ ParameterName: 'requiredRetentionDays', ParameterValue: '1' }] },
          { ControlName: 'BACKUP_RECOVERY_POINT_MANUAL_DELETION_DISABLED' },
        ],
      }),
    );
    await client.send(new TagResourceCommand({ ResourceArn: arn, Tags: { owner: 'someone' } }));
    const drift = await ws.bkp('plan', '-detailed-exitcode');
    expect(drift.code, drift.stdout + drift.stderr).to.equal(2);
    expect(drift.stdout).to.include('backup_framework.company has changed outside bkp').and.include('0 to add, 1 to change, 0 to destroy');
    await ws.ok('apply', '-auto-approve');
    const repaired = await framework();
    // A control bkp does not model, added outside bkp, is carried through the repair.
    expect(repaired.FrameworkControls!.map((c) => c.ControlName)).to.deep.equal([
      'BACKUP_RECOVERY_POINT_MINIMUM_RETENTION_CHECK',
      'BACKUP_RESOURCES_PROTECTED_BY_BACKUP_PLAN',
      'BACKUP_RECOVERY_POINT_MANUAL_DELETION_DISABLED',
    ]);
    expect(drift.stdout).to.include('BACKUP_RECOVERY_POINT_MANUAL_DELETION_DISABLED');
    expect((await client.send(new ListTagsCommand({ ResourceArn: arn }))).Tags).to.deep.equal({ owner: 'someone', team: 'security' });
  });

  it('imports both by name after state rm, with no change to plan', async () => {
    await ws.ok('state', 'rm', 'backup_framework.company', 'backup_report_plan.compliance');
    await ws.ok('import', 'backup_framework.company', 'company');
    await ws.ok('import', 'backup_report_plan.compliance', 'compliance');
    const plan = await ws.bkp('plan', '-detailed-exitcode');
    expect(plan.code, plan.stdout + plan.stderr).to.equal(0);
  });

  it('destroys the report plan before the framework it reports on', async () => {
    const destroyed = await ws.ok('destroy', '-auto-approve');
    expect(destroyed.stdout, destroyed.stdout).to.include('Resources: 0 added, 0 changed, 4 destroyed.');
    expect((await client.send(new ListFrameworksCommand({}))).Frameworks).to.deep.equal([]);
  });
});
