// restore_testing_plan and restore_testing_selection end to end: the built CLI on the sandbox
// account — create, a plan with no change, updates in place, the replacements AWS forces, drift
// made behind bkp's back with an SDK client (including metadata overrides bkp leaves alone), import,
// and destroy.
import { expect } from 'chai';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import {
  GetRestoreTestingPlanCommand,
  GetRestoreTestingSelectionCommand,
  ListRestoreTestingPlansCommand,
  UpdateRestoreTestingPlanCommand,
  UpdateRestoreTestingSelectionCommand,
  type BackupClient,
} from '@aws-sdk/client-backup';
import { ROLE, Workspace } from './on-demand-helpers.js';

interface Settings {
  planName: string;
  windowDays: number;
  env: string;
  type: string;
}

const config = (s: Settings) => `
provider "sandbox" {}

restore_testing_plan "weekly" {
  name     = "${s.planName}"
  schedule = "cron(0 5 ? * SUN *)"
  recovery_point_selection {
    algorithm             = "LATEST_WITHIN_WINDOW"
    include_vaults        = ["*"]
    recovery_point_types  = ["SNAPSHOT"]
    selection_window_days = ${s.windowDays}
  }
  tags = { team = "infra" }
}

restore_testing_selection "databases" {
  name                      = "databases"
  restore_testing_plan_name = restore_testing_plan.weekly
  protected_resource_type   = "${s.type}"
  iam_role_arn              = "${ROLE}"
  protected_resource_arns   = ["*"]
  protected_resource_conditions {
    string_equals {
      key   = "aws:ResourceTag/env"
      value = "${s.env}"
    }
  }
}
`;

describe('restore testing plans and selections end to end (sandbox)', function () {
  this.timeout(240_000);
  let ws: Workspace;
  let client: BackupClient;
  let settings: Settings = { planName: 'weekly_restore', windowDays: 30, env: 'prod', type: 'RDS' };
  const write = (change: Partial<Settings> = {}) => {
    settings = { ...settings, ...change };
    return writeFile(join(ws.dir, 'main.bkp.hcl'), config(settings));
  };
  const getPlan = async () => (await client.send(new GetRestoreTestingPlanCommand({ RestoreTestingPlanName: settings.planName }))).RestoreTestingPlan!;
  const getSelection = async () =>
    (await client.send(new GetRestoreTestingSelectionCommand({ RestoreTestingPlanName: settings.planName, RestoreTestingSelectionName: 'databases' }))).RestoreTestingSelection!;

  before(async () => {
    ws = await Workspace.create();
    client = ws.backupClient();
  });
  after(async () => {
    client?.destroy();
    await ws?.cleanup();
  });

  it('creates the plan, then its selection, and plans no change', async () => {
    await write();
    const applied = await ws.ok('apply', '-auto-approve');
    expect(applied.stdout).to.include('Apply complete! Resources: 2 added, 0 changed, 0 destroyed.');
    const plan = await getPlan();
    expect([plan.ScheduleExpression, plan.StartWindowHours, plan.RecoveryPointSelection?.SelectionWindowDays]).to.deep.equal(['cron(0 5 ? * SUN *)', 24, 30]);
    const selection = await getSelection();
    expect([selection.ProtectedResourceType, selection.ProtectedResourceConditions?.StringEquals]).to.deep.equal(['RDS', [{ Key: 'aws:ResourceTag/env', Value: 'prod' }]]);
    const again = await ws.bkp('plan', '-detailed-exitcode');
    expect(again.code, again.stdout + again.stderr).to.equal(0);
    expect(again.stdout).to.include('No changes.');
  });

  it('updates both in place, keeping metadata overrides set outside bkp', async () => {
    await client.send(
      new UpdateRestoreTestingSelectionCommand({
        RestoreTestingPlanName: settings.planName,
        RestoreTestingSelectionName: 'databases',
        RestoreTestingSelection: { RestoreMetadataOverrides: { dbinstanceclass: 'db.t3.micro' } },
      }),
    );
    await write({ windowDays: 7, env: 'production' });
    const plan = await ws.ok('plan');
    expect(plan.stdout).to.include('selection_window_days = 30 -> 7').and.include('"prod" -> "production"').and.include('0 to add, 2 to change, 0 to destroy');
    await ws.ok('apply', '-auto-approve');
    expect((await getPlan()).RecoveryPointSelection?.SelectionWindowDays).to.equal(7);
    const selection = await getSelection();
    expect([selection.ProtectedResourceConditions?.StringEquals?.[0]?.Value, selection.RestoreMetadataOverrides]).to.deep.equal(['production', { dbinstanceclass: 'db.t3.micro' }]);
  });

  it('reports drift made with an SDK client and repairs it', async () => {
    await client.send(new UpdateRestoreTestingPlanCommand({ RestoreTestingPlanName: settings.planName, RestoreTestingPlan: { StartWindowHours: 3, ScheduleExpression: 'cron(0 6 ? * MON *)' } }));
    const drift = await ws.bkp('plan', '-detailed-exitcode');
    expect(drift.code, drift.stdout + drift.stderr).to.equal(2);
    expect(drift.stdout).to.include('restore_testing_plan.weekly has changed outside bkp').and.include('0 to add, 1 to change, 0 to destroy');
    await ws.ok('apply', '-auto-approve');
    const repaired = await getPlan();
    expect([repaired.StartWindowHours, repaired.ScheduleExpression, repaired.RecoveryPointSelection?.SelectionWindowDays]).to.deep.equal([24, 'cron(0 5 ? * SUN *)', 7]);
  });

  it('replaces the selection when its resource type changes, and both when the plan is renamed', async () => {
    await write({ type: 'Aurora' });
    const retyped = await ws.ok('apply', '-auto-approve');
    expect(retyped.stdout).to.include('cannot be given another resource type').and.include('Resources: 1 added, 0 changed, 1 destroyed.');
    expect((await getSelection()).ProtectedResourceType).to.equal('Aurora');
    const old = settings.planName;
    await write({ planName: 'weekly_restore_v2' });
    const renamed = await ws.ok('apply', '-auto-approve');
    expect(renamed.stdout).to.include('a restore testing plan cannot be renamed').and.include('Resources: 2 added, 0 changed, 2 destroyed.');
    const plans = (await client.send(new ListRestoreTestingPlansCommand({}))).RestoreTestingPlans!.map((p) => p.RestoreTestingPlanName);
    expect(plans).to.deep.equal(['weekly_restore_v2']).and.not.include(old);
    expect((await getSelection()).RestoreTestingPlanName).to.equal('weekly_restore_v2');
  });

  it('imports both after state rm (the selection as PLAN_NAME/SELECTION_NAME), with no change to plan', async () => {
    await ws.ok('state', 'rm', 'restore_testing_selection.databases', 'restore_testing_plan.weekly');
    const malformed = await ws.bkp('import', 'restore_testing_selection.databases', 'databases');
    expect(malformed.code).to.equal(1);
    expect(malformed.stderr).to.include('PLAN_NAME/SELECTION_NAME');
    await ws.ok('import', 'restore_testing_plan.weekly', settings.planName);
    await ws.ok('import', 'restore_testing_selection.databases', `${settings.planName}/databases`);
    const state = (await ws.state()).resources.find((r) => r.address === 'restore_testing_selection.databases')!;
    expect(state.id).to.equal('weekly_restore_v2/databases');
    const plan = await ws.bkp('plan', '-detailed-exitcode');
    expect(plan.code, plan.stdout + plan.stderr).to.equal(0);
  });

  it('destroys the selection before its plan', async () => {
    const destroyed = await ws.ok('destroy', '-auto-approve');
    expect(destroyed.stdout).to.include('Resources: 0 added, 0 changed, 2 destroyed.');
    expect((await client.send(new ListRestoreTestingPlansCommand({}))).RestoreTestingPlans).to.deep.equal([]);
  });
});
