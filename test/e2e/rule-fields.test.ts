// Every field of a plan rule, a plan and an on-demand backup, end to end on the sandbox: scan and
// index actions applied and converged, seen by an AWS SDK client; an on-demand backup's lifecycle
// change updating its recovery point instead of starting a job; `bkp check -refresh` listing the
// protected resources.
import { expect } from 'chai';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { DescribeRecoveryPointCommand, GetBackupPlanCommand, ListBackupJobsCommand } from '@aws-sdk/client-backup';
import { Workspace } from './on-demand-helpers.js';

const SCANNER_ROLE = 'arn:aws:iam::123456789012:role/scanner';

const PLAN = `provider "sandbox" {}

backup_vault "main" {
  name = "main"
}

backup_plan "daily" {
  name = "daily"
  rule "daily" {
    target_vault = backup_vault.main.name
    lifecycle {
      delete_after_days                         = 35
      opt_in_to_archive_for_supported_resources = true
    }
    scan_action {
      malware_scanner = "GUARDDUTY"
      scan_mode       = "INCREMENTAL_SCAN"
    }
    index_action {
      resource_types = ["S3"]
    }
  }
  scan_setting {
    malware_scanner  = "GUARDDUTY"
    resource_types   = ["S3", "EBS"]
    scanner_role_arn = "${SCANNER_ROLE}"
  }
  advanced_backup_setting {
    resource_type = "S3"
    options       = { BackupACLs = "disabled" }
  }
}
`;

describe('plan rule, plan and on-demand backup fields end to end (sandbox)', function () {
  this.timeout(180_000);
  let ws: Workspace;
  beforeEach(async () => {
    ws = await Workspace.create();
  });
  afterEach(async () => ws.cleanup());

  it('applies scan and index actions, scan and advanced settings; a second plan has no changes; the SDK sees them', async () => {
    await writeFile(join(ws.dir, 'main.bkp.hcl'), PLAN);
    const plan = await ws.ok('plan');
    expect(plan.stdout).to.include('scan_action').and.include('INCREMENTAL_SCAN').and.include('scan_setting').and.include('advanced_backup_setting');
    await ws.ok('apply', '-auto-approve');
    const again = await ws.bkp('plan', '-detailed-exitcode');
    expect(again.code, again.stdout + again.stderr).to.equal(0);

    const state = await ws.state();
    const planId = state.resources.find((r) => r.address === 'backup_plan.daily')!.id;
    const client = ws.backupClient();
    try {
      const read = await client.send(new GetBackupPlanCommand({ BackupPlanId: planId }));
      const rule = read.BackupPlan!.Rules![0]!;
      expect(rule.ScanActions).to.deep.equal([{ MalwareScanner: 'GUARDDUTY', ScanMode: 'INCREMENTAL_SCAN' }]);
      expect(rule.IndexActions).to.deep.equal([{ ResourceTypes: ['S3'] }]);
      expect(rule.Lifecycle).to.deep.equal({ DeleteAfterDays: 35, OptInToArchiveForSupportedResources: true });
      expect(read.BackupPlan!.ScanSettings).to.deep.equal([{ MalwareScanner: 'GUARDDUTY', ResourceTypes: ['EBS', 'S3'], ScannerRoleArn: SCANNER_ROLE }]);
      expect(read.BackupPlan!.AdvancedBackupSettings).to.deep.equal([{ ResourceType: 'S3', BackupOptions: { BackupACLs: 'disabled' } }]);
    } finally {
      client.destroy();
    }

    // A changed scan mode is an in-place update of the plan, shown in the plan's JSON.
    await writeFile(join(ws.dir, 'main.bkp.hcl'), PLAN.replace('INCREMENTAL_SCAN', 'FULL_SCAN'));
    const json = JSON.parse((await ws.ok('plan', '-json')).stdout) as { resource_changes: Array<{ address: string; change: { actions: string[]; after: { rule: Array<{ scan_action: unknown }> } } }> };
    const change = json.resource_changes.find((c) => c.address === 'backup_plan.daily')!;
    expect(change.change.actions).to.deep.equal(['update']);
    expect(change.change.after.rule[0]!.scan_action).to.deep.equal([{ malware_scanner: 'GUARDDUTY', scan_mode: 'FULL_SCAN' }]);
  });

  it('a lifecycle change of a completed on-demand backup updates its recovery point, not a new job; check -refresh lists it as protected', async () => {
    const arn = await ws.addSource('ebs-volume', 'data');
    const configure = (days: number) =>
      ws.configure([{ name: 'data', source: 'data', arn, extra: `index = "ENABLED"\n  lifecycle {\n    delete_after_days = ${days}\n  }` }]);
    await configure(30);
    await ws.ok('apply', '-auto-approve');
    await ws.ok('sandbox', 'advance', '2h');
    const completed = await ws.bkp('plan', '-detailed-exitcode');
    expect(completed.code, completed.stdout + completed.stderr).to.equal(0);

    await configure(60);
    const plan = await ws.ok('plan');
    const point = (await ws.state()).resources.find((r) => r.address === 'on_demand_backup.data')!;
    expect(plan.stdout).to.include('# on_demand_backup.data will be updated in place: the lifecycle of recovery point arn:aws:ec2:');
    expect(plan.stdout).to.include('~ delete_after_days = 30 -> 60');
    expect(plan.stdout).to.include('Plan: 0 to add, 1 to change, 0 to destroy, 0 backup jobs to start.');
    expect(plan.stderr).to.not.include('change not applied');
    await ws.ok('apply', '-auto-approve');

    const client = ws.backupClient();
    try {
      const jobs = await client.send(new ListBackupJobsCommand({}));
      expect(jobs.BackupJobs).to.have.length(1);
      const recoveryPointArn = jobs.BackupJobs![0]!.RecoveryPointArn!;
      const described = await client.send(new DescribeRecoveryPointCommand({ BackupVaultName: 'main', RecoveryPointArn: recoveryPointArn }));
      expect(described.Lifecycle).to.deep.equal({ DeleteAfterDays: 60 });
      expect(described.IndexStatus).to.equal('ACTIVE');
      expect(point.attributes.job_id).to.equal(jobs.BackupJobs![0]!.BackupJobId);
    } finally {
      client.destroy();
    }
    const converged = await ws.bkp('plan', '-detailed-exitcode');
    expect(converged.code, converged.stdout + converged.stderr).to.equal(0);

    await writeFile(join(ws.dir, 'policy.bkp.hcl'), 'policy "company" {\n  control "last_recovery_point_created" {}\n}\n');
    const check = await ws.bkp('check', '-json', '-refresh');
    const report = JSON.parse(check.stdout) as { protected_resources: Array<{ arn: string; resource_type: string; last_recovery_point_arn: string }>; inventory_sources: string[] };
    expect(report.protected_resources.map((r) => [r.arn, r.resource_type])).to.deep.equal([[arn, 'EBS']]);
    expect(report.inventory_sources).to.include('1 protected resource listed by AWS Backup (provider sandbox)');
  });
});
