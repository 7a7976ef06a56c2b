// The reconciler end to end: the built CLI in a temporary directory, on the sandbox account.
import { expect } from 'chai';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import {
  DeleteBackupVaultCommand,
  GetBackupPlanCommand,
  ListBackupPlansCommand,
  ListBackupVaultsCommand,
  TagResourceCommand,
  UpdateBackupPlanCommand,
} from '@aws-sdk/client-backup';
import { createBackupClient } from '../../src/aws/clients.js';
import { sandboxClientSettings } from '../../src/app/sandbox-provider.js';
import { runBkp, tempDir } from '../support/cli.js';

const config = (opts: { retention: number; tagValue: string; withArchive: boolean }) => `
provider "sandbox" {
  path   = ".bkp/sandbox.json"
  region = "eu-west-1"
}

backup_vault "main" {
  name = "main"
  tags = { team = "infra" }
}
${
  opts.withArchive
    ? `
backup_vault "archive" {
  name = "archive"
}
`
    : ''
}
backup_plan "daily" {
  name = "daily"
  rule "daily" {
    target_vault = backup_vault.main.name
    schedule     = "cron(0 5 ? * * *)"
    lifecycle {
      delete_after_days = ${opts.retention}
    }
  }
  rule "monthly" {
    target_vault = backup_vault.main.name
    schedule     = "cron(0 3 1 * ? *)"
    lifecycle {
      cold_storage_after_days = 30
      delete_after_days       = 365
    }
  }
  tags = { team = "infra" }
}

backup_selection "tagged" {
  plan         = backup_plan.daily
  name         = "tagged"
  iam_role_arn = "arn:aws:iam::123456789012:role/service-role/AWSBackupDefaultServiceRole"
  tag {
    key   = "backup"
    value = "${opts.tagValue}"
  }
}
`;

describe('reconciler end to end (sandbox)', function () {
  this.timeout(120_000);
  let dir: string;
  let cleanup: () => Promise<void>;
  const bkp = (...args: string[]) => runBkp(args, { cwd: dir });
  const client = () => createBackupClient(sandboxClientSettings({ region: 'eu-west-1', path: join(dir, '.bkp/sandbox.json') }));

  before(async () => {
    ({ dir, cleanup } = await tempDir());
  });
  after(async () => cleanup());

  it('init writes a configuration that plans with changes (exit 2)', async () => {
    const init = await bkp('init');
    expect(init.code, init.stderr).to.equal(0);
    await writeFile(join(dir, 'main.bkp.hcl'), config({ retention: 35, tagValue: 'daily', withArchive: true }));
    const plan = await bkp('plan', '-detailed-exitcode');
    expect(plan.code, plan.stderr).to.equal(2);
    expect(plan.stdout).to.include('# backup_vault.main will be created');
    expect(plan.stdout).to.include('Plan: 4 to add, 0 to change, 0 to destroy');
  });

  it('apply creates everything; a second plan shows no changes and exits 0', async () => {
    const apply = await bkp('apply', '-auto-approve');
    expect(apply.code, apply.stderr).to.equal(0);
    expect(apply.stdout).to.match(/backup_plan\.daily: Creation complete after \d+s \[id=[0-9a-f-]{36}\]/);
    expect(apply.stdout).to.include('Apply complete! Resources: 4 added, 0 changed, 0 destroyed.');
    const plan = await bkp('plan', '-detailed-exitcode');
    expect(plan.code, plan.stdout + plan.stderr).to.equal(0);
    expect(plan.stdout).to.include('No changes.');
    const state = JSON.parse(await readFile(join(dir, 'bkp.state.json'), 'utf8'));
    expect(state.resources.map((r: { address: string }) => r.address)).to.deep.equal([
      'backup_plan.daily',
      'backup_selection.tagged',
      'backup_vault.archive',
      'backup_vault.main',
    ]);
  });

  it('a changed rule lifecycle is an in-place update of that attribute only', async () => {
    await writeFile(join(dir, 'main.bkp.hcl'), config({ retention: 40, tagValue: 'daily', withArchive: true }));
    const plan = await bkp('plan');
    expect(plan.code, plan.stderr).to.equal(0);
    expect(plan.stdout).to.include('# backup_plan.daily will be updated in place');
    expect(plan.stdout).to.match(/~ delete_after_days\s+= 35 -> 40/);
    expect(plan.stdout).to.not.include('monthly" {\n');
    expect(plan.stdout).to.include('Plan: 0 to add, 1 to change, 0 to destroy');
    const json = JSON.parse((await bkp('plan', '-json')).stdout);
    const changes = json.resource_changes.filter((c: { change: { actions: string[] } }) => c.change.actions[0] !== 'no-op');
    expect(changes.map((c: { address: string; change: { actions: string[] } }) => [c.address, c.change.actions])).to.deep.equal([
      ['backup_plan.daily', ['update']],
    ]);
    const apply = await bkp('apply', '-auto-approve');
    expect(apply.code, apply.stderr).to.equal(0);
    expect(apply.stdout).to.include('Resources: 0 added, 1 changed, 0 destroyed.');
  });

  it('a changed selection must be replaced, and is', async () => {
    await writeFile(join(dir, 'main.bkp.hcl'), config({ retention: 40, tagValue: 'weekly', withArchive: true }));
    const plan = await bkp('plan');
    expect(plan.stdout).to.include('# backup_selection.tagged must be replaced');
    expect(plan.stdout).to.include('backup selections cannot be updated');
    expect(plan.stdout).to.include('Plan: 1 to add, 0 to change, 1 to destroy');
    const apply = await bkp('apply', '-auto-approve');
    expect(apply.code, apply.stderr).to.equal(0);
    expect(apply.stdout).to.include('Resources: 1 added, 0 changed, 1 destroyed.');
    const again = await bkp('plan', '-detailed-exitcode');
    expect(again.code, again.stdout).to.equal(0);
  });

  it('reports drift made behind its back and repairs it', async () => {
    const backup = client();
    const plans = await backup.send(new ListBackupPlansCommand({}));
    const planId = plans.BackupPlansList![0]!.BackupPlanId!;
    const current = await backup.send(new GetBackupPlanCommand({ BackupPlanId: planId }));
    const rules = current.BackupPlan!.Rules!.map((r) => ({
      RuleName: r.RuleName!,
      TargetBackupVaultName: r.TargetBackupVaultName!,
      ScheduleExpression: r.ScheduleExpression,
      Lifecycle: r.RuleName === 'daily' ? { DeleteAfterDays: 7 } : r.Lifecycle,
    }));
    await backup.send(new UpdateBackupPlanCommand({ BackupPlanId: planId, BackupPlan: { BackupPlanName: 'daily', Rules: rules } }));
    await backup.send(new TagResourceCommand({ ResourceArn: current.BackupPlanArn!, Tags: { team: 'someone-else', owner: 'unmanaged' } }));
    await backup.send(new DeleteBackupVaultCommand({ BackupVaultName: 'archive' }));

    const plan = await bkp('plan', '-detailed-exitcode');
    expect(plan.code, plan.stderr).to.equal(2);
    expect(plan.stdout).to.include('# backup_plan.daily has changed outside bkp');
    expect(plan.stdout).to.include('# backup_vault.archive has been deleted outside bkp');
    expect(plan.stdout).to.not.include('owner');
    const apply = await bkp('apply', '-auto-approve');
    expect(apply.code, apply.stderr).to.equal(0);
    const after = await backup.send(new GetBackupPlanCommand({ BackupPlanId: planId }));
    expect(after.BackupPlan!.Rules!.find((r) => r.RuleName === 'daily')!.Lifecycle!.DeleteAfterDays).to.equal(40);
    const clean = await bkp('plan', '-detailed-exitcode');
    expect(clean.code, clean.stdout).to.equal(0);
  });

  it('applies a saved plan, and refuses a stale one', async () => {
    await writeFile(join(dir, 'main.bkp.hcl'), config({ retention: 45, tagValue: 'weekly', withArchive: true }));
    const saved = await bkp('plan', '-out=change.bkpplan');
    expect(saved.code, saved.stderr).to.equal(0);
    const stale = await bkp('plan', '-out=stale.bkpplan');
    expect(stale.code).to.equal(0);
    const apply = await bkp('apply', 'change.bkpplan');
    expect(apply.code, apply.stderr).to.equal(0);
    expect(apply.stdout).to.include('Resources: 0 added, 1 changed, 0 destroyed.');
    const refused = await bkp('apply', 'stale.bkpplan');
    expect(refused.code).to.equal(1);
    expect(refused.stderr).to.include('Saved plan is stale: the state changed since this plan was made');
    expect(refused.stderr).to.not.match(/\n\s+at /);
  });

  it('destroy leaves the sandbox account without managed resources', async () => {
    const destroy = await bkp('destroy', '-auto-approve');
    expect(destroy.code, destroy.stderr).to.equal(0);
    expect(destroy.stdout).to.include('Resources: 0 added, 0 changed, 4 destroyed.');
    const backup = client();
    const vaults = await backup.send(new ListBackupVaultsCommand({}));
    expect(vaults.BackupVaultList ?? []).to.have.length(0);
    const plans = await backup.send(new ListBackupPlansCommand({}));
    expect(plans.BackupPlansList ?? []).to.have.length(0);
    const state = JSON.parse(await readFile(join(dir, 'bkp.state.json'), 'utf8'));
    expect(state.resources).to.deep.equal([]);
  });
});
