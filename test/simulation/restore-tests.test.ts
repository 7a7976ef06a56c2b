// Restore tests in `bkp simulate`: the restore testing plans run on the scratch accounts' clocks,
// and the report counts the restore tests per plan and selection, with how they ended.
import { expect } from 'chai';
import { renderSimulationHuman, renderSimulationMarkdown, simulationToJson } from '../../src/render/simulation.js';
import { policy, resource, simulate, workdir, type Workdir } from './helpers.js';

const SOURCES = `  source "ec2-instance" "web" { tags = { backup = "yes" } }
  source "fsx" "files" { tags = { backup = "yes" } }`;
const DAILY = `
  rule "daily" {
    target_vault = backup_vault.main.name
    schedule     = "cron(0 5 ? * * *)"
    lifecycle { delete_after_days = 35 }
  }`;
const ROLE = 'arn:aws:iam::123456789012:role/service-role/AWSBackupDefaultServiceRole';
const TESTING = `
restore_testing_plan "weekly" {
  name     = "weekly"
  schedule = "cron(0 9 ? * MON *)"
  recovery_point_selection {
    algorithm            = "RANDOM_WITHIN_WINDOW"
    include_vaults       = ["*"]
    recovery_point_types = ["SNAPSHOT"]
  }
}

restore_testing_selection "instances" {
  name                      = "instances"
  restore_testing_plan_name = restore_testing_plan.weekly
  protected_resource_type   = "EC2"
  iam_role_arn              = "${ROLE}"
  protected_resource_arns   = ["*"]
  validation_window_hours   = 168
}

restore_testing_selection "files" {
  name                      = "files"
  restore_testing_plan_name = restore_testing_plan.weekly
  protected_resource_type   = "FSx"
  iam_role_arn              = "${ROLE}"
  protected_resource_arns   = ["*"]
}

restore_testing_selection "databases" {
  name                      = "databases"
  restore_testing_plan_name = restore_testing_plan.weekly
  protected_resource_type   = "RDS"
  iam_role_arn              = "${ROLE}"
  protected_resource_arns   = ["*"]
}`;

describe('bkp simulate: restore tests per restore testing plan', function () {
  this.timeout(60_000);
  let work: Workdir | undefined;
  afterEach(async () => {
    await work?.cleanup();
    work = undefined;
  });

  it('counts each selection\'s weekly restore tests, their failures and validations timed out, and leaves restored resources out of the estate', async () => {
    work = await workdir({ 'main.bkp.hcl': policy({ sources: SOURCES, rules: DAILY, extra: TESTING }) });
    // 2026-01-01 is a Thursday: Mondays 5, 12, 19 and 26 January fall in 28 days.
    const report = await simulate(work.dir, 28, { start: '2026-01-01T00:00:00Z' });
    expect(report.restoreTests.map((t) => [t.selection, t.resourceType, t.tests, t.completed, t.failed, t.validationTimedOut])).to.deep.equal([
      ['databases', 'RDS', 0, 0, 0, 0],
      ['files', 'FSx', 4, 0, 4, 0],
      ['instances', 'EC2', 4, 4, 0, 3],
    ]);
    expect(report.restoreTests[1]!.lastFailure).to.contain('SubnetIds');
    // The instance restored on the 26th is still under validation at the end: a restore test's
    // resource, not one the policy must protect (only web's root volume, backed up with it, is listed).
    expect(report.unprotected.map((u) => u.backedUpWith)).to.deep.equal(['web']);
    expect(resource(report, 'web').created).to.equal(28);

    const text = renderSimulationHuman(report, { color: false });
    expect(text).to.include('Restore tests, per restore testing plan and selection:');
    expect(text).to.match(/weekly \/ instances \(eu-west-1\)\s+EC2\s+4\s+4\s+0\s+3/);
    expect(text).to.include('weekly / databases ran no restore test: no RDS recovery point matched its recovery point selection.');
    expect(text).to.include('last failed restore test of weekly / files: Missing required restore metadata for FSx: SubnetIds');
    expect(text).to.match(/8 restore tests\.$/);
    expect(renderSimulationMarkdown(report)).to.include('| weekly / instances (eu-west-1) | EC2 | 4 | 4 | 0 | 3 |');
    const json = simulationToJson(report);
    expect(json.restore_tests[2]).to.deep.equal({
      restore_testing_plan: 'weekly',
      selection: 'instances',
      region: 'eu-west-1',
      resource_type: 'EC2',
      tests: 4,
      completed: 4,
      failed: 0,
      validation_timed_out: 3,
      last_failure: null,
    });
    expect(json.totals.restore_tests).to.equal(8);
  });
});
