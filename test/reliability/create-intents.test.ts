// Issue 22 section 1: a create whose reply is lost (or whose process is killed right after it
// reached AWS), followed by an edit of the configuration, must never leave a second object for one
// address. The intent recorded before the create lets the next run find and adopt the object.
import { expect } from 'chai';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { tempDir } from '../support/cli.js';
import { runChild } from './support/child.js';
import { runInProcess, setFaults } from './support/in-process.js';
import { readAccountFile, readValidState, ROLE } from './support/project.js';
import type { AccountState } from '../../src/sandbox/state.js';

const PROVIDER = 'provider "sandbox" {\n  path = ".bkp/sandbox.json"\n}\n';

const vaultBlock = (team: string) => `backup_vault "v" {\n  name = "vault-x"\n  tags = { team = "${team}" }\n}\n`;

const planBlock = `variable "days" {
  type    = number
  default = 30
}
backup_plan "p" {
  name = "plan-x"
  rule "daily" {
    target_vault = "vault-pre"
    schedule     = "cron(0 5 ? * * *)"
    lifecycle { delete_after_days = var.days }
  }
}
`;

const selectionBlock = (resource: string) => `backup_selection "s" {
  plan         = backup_plan.p
  name         = "sel-x"
  iam_role_arn = "${ROLE}"
  resources    = ["${resource}"]
}
`;

async function write(dir: string, text: string): Promise<void> {
  await mkdir(dir, { recursive: true });
  await writeFile(join(dir, 'main.bkp.hcl'), PROVIDER + text);
}

/** Makes the vault the plans target, outside the configuration under test. */
async function seedVault(dir: string): Promise<void> {
  await write(dir, 'backup_vault "pre" {\n  name = "vault-pre"\n}\n');
  expect((await runInProcess(dir, ['apply', '-auto-approve'])).code).to.equal(0);
  expect((await runInProcess(dir, ['state', 'rm', 'backup_vault.pre'])).code).to.equal(0);
}

/**
 * Plans without faults (a plan's own calls, such as the check that a vault's name is free, are not
 * what these tests lose), then applies that saved plan while every reply is lost.
 */
async function applyUnderLostReplies(dir: string, args: string[] = []): Promise<void> {
  const planned = await runInProcess(dir, ['plan', '-out=lost-replies.plan', ...args]);
  expect(planned.code, planned.stdout + planned.stderr).to.equal(0);
  await setFaults({ lostResponse: 1 });
  try {
    const failed = await runInProcess(dir, ['apply', 'lost-replies.plan'], { fastRetries: true });
    expect(failed.code, failed.stdout + failed.stderr).to.equal(1);
  } finally {
    await setFaults(undefined);
  }
}

function livePlans(account: AccountState | undefined, name: string) {
  return Object.values(account!.backup)
    .flatMap((region) => Object.values(region.plans))
    .filter((p) => p.deletionDate === undefined && p.versions[p.versions.length - 1]!.document.BackupPlanName === name);
}

async function expectConverged(dir: string, args: string[] = []): Promise<void> {
  const plan = await runInProcess(dir, ['plan', '-detailed-exitcode', ...args]);
  expect(plan.code, plan.stdout + plan.stderr).to.equal(0);
  const state = await readValidState(dir);
  expect(state.intents ?? [], 'no intent is left').to.deep.equal([]);
}

/** The configuration of the adversarial tester's report: a plan whose name and retention are variables. */
const RENAMED_PLAN = `variable "plan_name" { default = "daily" }
variable "days" { default = 30 }
backup_vault "v" { name = "vault1" }
backup_plan "p" {
  name = var.plan_name
  rule "r" {
    target_vault = backup_vault.v.name
    schedule     = "cron(0 5 ? * * *)"
    lifecycle { delete_after_days = var.days }
  }
}
`;

function livePlansById(account: AccountState | undefined) {
  return new Map(
    Object.values(account!.backup)
      .flatMap((region) => Object.values(region.plans))
      .filter((p) => p.deletionDate === undefined)
      .map((p) => [p.id, p.versions[p.versions.length - 1]!.document] as const),
  );
}

/** What state says backup_plan.p is, and that the account holds exactly that under its id. */
async function expectStateHeldByAccount(dir: string): Promise<{ name: string; days: number }> {
  const recorded = (await readValidState(dir)).resources.find((r) => r.address === 'backup_plan.p')!;
  const attributes = recorded.attributes as { name: string; rule: Array<{ lifecycle: { delete_after_days: number } }> };
  const held = livePlansById(await readAccountFile(dir)).get(recorded.id);
  expect(held, `the plan state records (${recorded.id}) exists`).to.not.equal(undefined);
  const claimed = { name: attributes.name, days: attributes.rule[0]!.lifecycle.delete_after_days };
  expect({ name: held!.BackupPlanName, days: held!.Rules[0]!.Lifecycle?.DeleteAfterDays }, 'the account holds what state says').to.deep.equal(claimed);
  return claimed;
}

/**
 * Applies the rename `daily` → `daily2`, SIGKILLed right after CreateBackupPlan reached the account
 * (create-before-destroy: the address still holds `daily`, the new plan is an orphan with the
 * intent's token), then removes the stale lock.
 */
async function interruptedRename(dir: string): Promise<void> {
  await write(dir, RENAMED_PLAN);
  expect((await runInProcess(dir, ['apply', '-auto-approve'])).code).to.equal(0);
  // Calls of that apply: list plans, list vaults, their two tag reads, then the create.
  const killed = await runChild(dir, ['apply', '-auto-approve', '-var=plan_name=daily2'], { BKP_TEST_KILL_AFTER_CALLS: '5' });
  expect(killed.signal).to.equal('SIGKILL');
  expect(killed.calls.at(-1), killed.calls.join('\n')).to.equal('PUT /backup/plans');
  expect([...livePlansById(await readAccountFile(dir)).values()].map((p) => p.BackupPlanName).sort()).to.deep.equal(['daily', 'daily2']);
  const lock = JSON.parse(await readFile(join(dir, '.bkp.state.json.lock'), 'utf8')) as { ID: string };
  expect((await runInProcess(dir, ['force-unlock', lock.ID])).code).to.equal(0);
}

const RENAMED_VAULT = 'variable "vname" { default = "vault1" }\nbackup_vault "v" {\n  name = var.vname\n}\n';

function liveVaults(account: AccountState | undefined): string[] {
  return Object.values(account!.backup).flatMap((region) => Object.keys(region.vaults)).sort();
}

/**
 * Applies the vault rename `vault1` → `vault2`, SIGKILLed right after CreateBackupVault reached the
 * account (create-before-destroy: the address still holds vault1, vault2 exists with the intent's
 * token), then removes the stale lock.
 */
async function interruptedVaultRename(dir: string): Promise<void> {
  await write(dir, RENAMED_VAULT);
  expect((await runInProcess(dir, ['apply', '-auto-approve'])).code).to.equal(0);
  // Calls of the rename: list vaults, read tags, the name check's two listings, then the create.
  const killed = await runChild(dir, ['apply', '-auto-approve', '-var=vname=vault2'], { BKP_TEST_KILL_AFTER_CALLS: '5' });
  expect(killed.signal).to.equal('SIGKILL');
  expect(killed.calls.at(-1), killed.calls.join('\n')).to.equal('PUT /backup-vaults/vault2');
  expect(liveVaults(await readAccountFile(dir))).to.deep.equal(['vault1', 'vault2']);
  const lock = JSON.parse(await readFile(join(dir, '.bkp.state.json.lock'), 'utf8')) as { ID: string };
  expect((await runInProcess(dir, ['force-unlock', lock.ID])).code).to.equal(0);
}

const INSTANCE = 'arn:aws:ec2:us-east-1:123456789012:instance/i-0a1b2c3d4e5f60001';
const WITH_SOURCE = 'provider "sandbox" {\n  path = ".bkp/sandbox.json"\n  source "ec2-instance" "i0" {\n    id    = "i-0a1b2c3d4e5f60001"\n    state = "running"\n  }\n}\n';
const BACKUP_VAULT = 'variable "days" { default = 30 }\nvariable "start" { default = 60 }\nbackup_vault "v" { name = "vault-j" }\n';
const ON_DEMAND = `on_demand_backup "j" {
  resource_arn         = "${INSTANCE}"
  vault                = backup_vault.v.name
  iam_role_arn         = "${ROLE}"
  trigger              = "first"
  start_window_minutes = var.start
  lifecycle { delete_after_days = var.days }
}
`;

function liveJobs(account: AccountState | undefined) {
  return Object.values(account!.backup).flatMap((region) => Object.values(region.jobs));
}

/**
 * Starts on_demand_backup.j with lifecycle 30 days, SIGKILLed right after StartBackupJob reached
 * the account (the job exists; the state knows only the intent), then removes the stale lock.
 */
async function interruptedStart(dir: string): Promise<void> {
  await mkdir(dir, { recursive: true });
  await writeFile(join(dir, 'main.bkp.hcl'), WITH_SOURCE + BACKUP_VAULT);
  expect((await runInProcess(dir, ['apply', '-auto-approve'])).code).to.equal(0);
  await writeFile(join(dir, 'main.bkp.hcl'), WITH_SOURCE + BACKUP_VAULT + ON_DEMAND);
  const killed = await runChild(dir, ['apply', '-auto-approve'], { BKP_TEST_KILL_AFTER_CALLS: '4' });
  expect(killed.signal).to.equal('SIGKILL');
  expect(killed.calls.at(-1), killed.calls.join('\n')).to.equal('PUT /backup-jobs');
  expect(liveJobs(await readAccountFile(dir))).to.have.length(1);
  const lock = JSON.parse(await readFile(join(dir, '.bkp.state.json.lock'), 'utf8')) as { ID: string };
  expect((await runInProcess(dir, ['force-unlock', lock.ID])).code).to.equal(0);
}

describe('reliability: a lost create reply or a kill, then an edit, never duplicates', function () {
  this.timeout(120_000);

  it('backup plan: lost reply, then apply -var days=42 → one plan named plan-x, tracked, no changes after', async () => {
    const { dir, cleanup } = await tempDir('bkp-intent-plan-');
    try {
      await seedVault(dir);
      await write(dir, planBlock);
      await applyUnderLostReplies(dir);
      const intents = (await readValidState(dir)).intents ?? [];
      expect(intents.map((i) => [i.address, i.identity])).to.deep.equal([['backup_plan.p', 'plan-x']]);
      expect(livePlans(await readAccountFile(dir), 'plan-x')).to.have.length(1);

      const shown = await runInProcess(dir, ['plan', '-var=days=42']);
      expect(shown.stdout).to.include('adopted: created by an interrupted run').and.to.include('1 to adopt, 0 to add, 1 to change');
      const json = await runInProcess(dir, ['plan', '-json', '-var=days=42']);
      const doc = JSON.parse(json.stdout) as { summary: { adopt: number }; resource_changes: Array<{ address: string; adopted?: { id: string }; change: { actions: string[] } }> };
      expect(doc.summary.adopt).to.equal(1);
      const change = doc.resource_changes.find((c) => c.address === 'backup_plan.p')!;
      expect(change.change.actions).to.deep.equal(['update']);
      expect(change.adopted?.id).to.equal(livePlans(await readAccountFile(dir), 'plan-x')[0]!.id);

      const applied = await runInProcess(dir, ['apply', '-auto-approve', '-var=days=42']);
      expect(applied.code, applied.stdout + applied.stderr).to.equal(0);
      const plans = livePlans(await readAccountFile(dir), 'plan-x');
      expect(plans, 'exactly one plan named plan-x').to.have.length(1);
      const rule = plans[0]!.versions[plans[0]!.versions.length - 1]!.document.Rules[0]!;
      expect(rule.Lifecycle?.DeleteAfterDays).to.equal(42);
      const state = await readValidState(dir);
      expect(state.resources.find((r) => r.address === 'backup_plan.p')?.id).to.equal(plans[0]!.id);
      await expectConverged(dir, ['-var=days=42']);
    } finally {
      await cleanup();
    }
  });

  it('backup vault: lost reply, then an edit → adopted and updated, no AlreadyExistsException', async () => {
    const { dir, cleanup } = await tempDir('bkp-intent-vault-');
    try {
      await write(dir, vaultBlock('infra'));
      await applyUnderLostReplies(dir);
      await write(dir, vaultBlock('platform'));
      const applied = await runInProcess(dir, ['apply', '-auto-approve']);
      expect(applied.code, applied.stdout + applied.stderr).to.equal(0);
      expect(applied.stdout + applied.stderr).to.not.include('AlreadyExists');
      expect(applied.stdout, applied.stdout).to.include('adopted: created by an interrupted run');
      const state = await readValidState(dir);
      expect(state.resources.find((r) => r.address === 'backup_vault.v')?.attributes.tags).to.deep.equal({ team: 'platform' });
      await expectConverged(dir);
    } finally {
      await cleanup();
    }
  });

  it('backup vault: lost reply, then apply -refresh=false → the create is sent again with its token, not refused as a taken name', async () => {
    const { dir, cleanup } = await tempDir('bkp-intent-vault-norefresh-');
    try {
      await write(dir, vaultBlock('infra'));
      await applyUnderLostReplies(dir);
      const applied = await runInProcess(dir, ['apply', '-auto-approve', '-refresh=false']);
      expect(applied.code, applied.stdout + applied.stderr).to.equal(0);
      expect(applied.stdout + applied.stderr).to.not.include('already exists');
      const vaults = Object.values((await readAccountFile(dir))!.backup).flatMap((region) => Object.keys(region.vaults));
      expect(vaults).to.deep.equal(['vault-x']);
      expect((await readValidState(dir)).resources.map((r) => r.address)).to.deep.equal(['backup_vault.v']);
      await expectConverged(dir);
    } finally {
      await cleanup();
    }
  });

  it('backup selection: lost reply, then an edit → one selection named sel-x in the plan', async () => {
    const { dir, cleanup } = await tempDir('bkp-intent-selection-');
    try {
      await seedVault(dir);
      await write(dir, planBlock);
      expect((await runInProcess(dir, ['apply', '-auto-approve'])).code).to.equal(0);
      await write(dir, planBlock + selectionBlock('arn:aws:ec2:*:*:instance/*'));
      // No refresh: the only AWS call is the create whose reply is lost.
      await applyUnderLostReplies(dir, ['-refresh=false']);
      await write(dir, planBlock + selectionBlock('arn:aws:ec2:*:*:volume/*'));
      const applied = await runInProcess(dir, ['apply', '-auto-approve']);
      expect(applied.code, applied.stdout + applied.stderr).to.equal(0);
      const [plan] = livePlans(await readAccountFile(dir), 'plan-x');
      const selections = Object.values(plan!.selections);
      expect(selections.map((s) => s.selection.SelectionName)).to.deep.equal(['sel-x']);
      expect(selections[0]!.selection.Resources).to.deep.equal(['arn:aws:ec2:*:*:volume/*']);
      await expectConverged(dir);
    } finally {
      await cleanup();
    }
  });

  it('SIGKILL right after the create reached AWS, force-unlock, then apply -var days=42 → one plan', async () => {
    const { dir, cleanup } = await tempDir('bkp-intent-kill-');
    try {
      await seedVault(dir);
      await write(dir, planBlock);
      const killed = await runChild(dir, ['apply', '-auto-approve'], { BKP_TEST_KILL_AFTER_CALLS: '1' });
      expect(killed.signal).to.equal('SIGKILL');
      expect(livePlans(await readAccountFile(dir), 'plan-x')).to.have.length(1);
      const lock = JSON.parse(await readFile(join(dir, '.bkp.state.json.lock'), 'utf8')) as { ID: string };
      expect((await runInProcess(dir, ['force-unlock', lock.ID])).code).to.equal(0);
      const applied = await runInProcess(dir, ['apply', '-auto-approve', '-var=days=42']);
      expect(applied.code, applied.stdout + applied.stderr).to.equal(0);
      const plans = livePlans(await readAccountFile(dir), 'plan-x');
      expect(plans, 'exactly one plan named plan-x').to.have.length(1);
      expect((await readValidState(dir)).resources.find((r) => r.address === 'backup_plan.p')?.id).to.equal(plans[0]!.id);
      await expectConverged(dir, ['-var=days=42']);
    } finally {
      await cleanup();
    }
  });
  // The replacement's create re-sends the interrupted create's token, and AWS answers with the plan
  // that create made, as it made it: the apply must record that plan as it is, not the configuration.
  it('interrupted plan rename, then apply with another retention → state holds what AWS holds; the next plan shows the change', async () => {
    const { dir, cleanup } = await tempDir('bkp-intent-replace-');
    try {
      await interruptedRename(dir);
      const vars = ['-var=plan_name=daily2', '-var=days=42'];
      const applied = await runInProcess(dir, ['apply', '-auto-approve', ...vars]);
      expect(applied.code, applied.stdout + applied.stderr).to.equal(0);
      expect(await expectStateHeldByAccount(dir)).to.deep.equal({ name: 'daily2', days: 30 });
      const planned = await runInProcess(dir, ['plan', '-detailed-exitcode', ...vars]);
      expect(planned.code, planned.stdout + planned.stderr).to.equal(2);
      expect(planned.stdout).to.include('1 to change').and.to.not.include('changed outside bkp');
      expect((await runInProcess(dir, ['apply', '-auto-approve', ...vars])).code).to.equal(0);
      expect(await expectStateHeldByAccount(dir)).to.deep.equal({ name: 'daily2', days: 42 });
      expect(livePlansById(await readAccountFile(dir)).size, 'no duplicate, no orphan').to.equal(1);
      await expectConverged(dir, vars);
    } finally {
      await cleanup();
    }
  });

  it('interrupted plan rename, then apply with yet another name → state holds the plan AWS returned; replaced honestly, one plan left', async () => {
    const { dir, cleanup } = await tempDir('bkp-intent-rename-');
    try {
      await interruptedRename(dir);
      const applied = await runInProcess(dir, ['apply', '-auto-approve', '-var=plan_name=daily3']);
      expect(applied.code, applied.stdout + applied.stderr).to.equal(0);
      expect(await expectStateHeldByAccount(dir)).to.deep.equal({ name: 'daily2', days: 30 });
      const planned = await runInProcess(dir, ['plan', '-detailed-exitcode', '-var=plan_name=daily3']);
      expect(planned.code, planned.stdout + planned.stderr).to.equal(2);
      expect(planned.stdout).to.include('must be replaced').and.to.not.include('changed outside bkp');
      expect((await runInProcess(dir, ['apply', '-auto-approve', '-var=plan_name=daily3'])).code).to.equal(0);
      expect(await expectStateHeldByAccount(dir)).to.deep.equal({ name: 'daily3', days: 30 });
      expect(livePlansById(await readAccountFile(dir)).size, 'no duplicate, no orphan').to.equal(1);
      await expectConverged(dir, ['-var=plan_name=daily3']);
    } finally {
      await cleanup();
    }
  });

  it('backup selection: lost reply, then an edit applied with -refresh=false → state holds the selection AWS returned', async () => {
    const { dir, cleanup } = await tempDir('bkp-intent-selection-norefresh-');
    try {
      await seedVault(dir);
      await write(dir, planBlock);
      expect((await runInProcess(dir, ['apply', '-auto-approve'])).code).to.equal(0);
      await write(dir, planBlock + selectionBlock('arn:aws:ec2:*:*:instance/*'));
      await applyUnderLostReplies(dir, ['-refresh=false']);
      await write(dir, planBlock + selectionBlock('arn:aws:ec2:*:*:volume/*'));
      // Without refresh the intent is not resolved: the create sends its token again.
      const applied = await runInProcess(dir, ['apply', '-auto-approve', '-refresh=false']);
      expect(applied.code, applied.stdout + applied.stderr).to.equal(0);
      const [plan] = livePlans(await readAccountFile(dir), 'plan-x');
      const selections = Object.values(plan!.selections);
      expect(selections.map((s) => s.selection.Resources)).to.deep.equal([['arn:aws:ec2:*:*:instance/*']]);
      const recorded = (await readValidState(dir)).resources.find((r) => r.address === 'backup_selection.s')!;
      expect(recorded.attributes.resources).to.deep.equal(['arn:aws:ec2:*:*:instance/*']);
      const planned = await runInProcess(dir, ['plan', '-detailed-exitcode']);
      expect(planned.code, planned.stdout + planned.stderr).to.equal(2);
      expect((await runInProcess(dir, ['apply', '-auto-approve'])).code).to.equal(0);
      expect(Object.values(livePlans(await readAccountFile(dir), 'plan-x')[0]!.selections).map((s) => s.selection.Resources)).to.deep.equal([['arn:aws:ec2:*:*:volume/*']]);
      await expectConverged(dir);
    } finally {
      await cleanup();
    }
  });
  it('interrupted vault rename, then apply with another tag → not refused as a taken name; state holds what AWS holds', async () => {
    const { dir, cleanup } = await tempDir('bkp-intent-vault-replace-');
    try {
      const config = 'variable "vname" { default = "vault1" }\nvariable "team" { default = "a" }\nbackup_vault "v" {\n  name = var.vname\n  tags = { team = var.team }\n}\n';
      await write(dir, config);
      expect((await runInProcess(dir, ['apply', '-auto-approve'])).code).to.equal(0);
      // Calls of the rename: list vaults, read tags, the name check's two listings, then the create.
      const killed = await runChild(dir, ['apply', '-auto-approve', '-var=vname=vault2'], { BKP_TEST_KILL_AFTER_CALLS: '5' });
      expect(killed.signal).to.equal('SIGKILL');
      expect(killed.calls.at(-1), killed.calls.join('\n')).to.equal('PUT /backup-vaults/vault2');
      const lock = JSON.parse(await readFile(join(dir, '.bkp.state.json.lock'), 'utf8')) as { ID: string };
      expect((await runInProcess(dir, ['force-unlock', lock.ID])).code).to.equal(0);
      const vars = ['-var=vname=vault2', '-var=team=b'];
      const applied = await runInProcess(dir, ['apply', '-auto-approve', ...vars]);
      expect(applied.code, applied.stdout + applied.stderr).to.equal(0);
      const account = await readAccountFile(dir);
      const vaults = Object.values(account!.backup).flatMap((region) => Object.keys(region.vaults));
      expect(vaults).to.deep.equal(['vault2']);
      const tagsOf = (a: AccountState | undefined) => Object.values(a!.backup).flatMap((region) => Object.entries(region.tags ?? {})).find(([arn]) => arn.endsWith(':backup-vault:vault2'))?.[1];
      const recorded = (await readValidState(dir)).resources.find((r) => r.address === 'backup_vault.v')!;
      expect(recorded.attributes.tags, 'state holds the tags the vault has').to.deep.equal(tagsOf(account));
      expect((await runInProcess(dir, ['apply', '-auto-approve', ...vars])).code).to.equal(0);
      expect(tagsOf(await readAccountFile(dir))).to.deep.equal({ team: 'b' });
      await expectConverged(dir, vars);
    } finally {
      await cleanup();
    }
  });

  // Vault names identify vaults: the token sent again under a third name makes a third vault, and
  // the one the interrupted create made must not be left behind unseen (nor deleted: it may hold data).
  it('interrupted vault rename, then apply with yet another name → the vault the kill left is reported with the import command, never silently orphaned', async () => {
    const { dir, cleanup } = await tempDir('bkp-intent-vault-rename-');
    try {
      await interruptedVaultRename(dir);
      const planned = await runInProcess(dir, ['plan', '-var=vname=vault3']);
      expect(planned.code, planned.stdout + planned.stderr).to.equal(0);
      const shown = planned.stdout + planned.stderr;
      expect(shown).to.include('Orphaned backup vault from an interrupted create of backup_vault.v');
      expect(shown).to.include('made vault2').and.to.include('bkp import backup_vault.NAME vault2');
      expect(shown).to.include('must be replaced');
      const applied = await runInProcess(dir, ['apply', '-auto-approve', '-var=vname=vault3']);
      expect(applied.code, applied.stdout + applied.stderr).to.equal(0);
      expect(applied.stdout + applied.stderr).to.include('Orphaned backup vault');
      // vault1 replaced by vault3 as planned; vault2 kept, reported, not deleted.
      expect(liveVaults(await readAccountFile(dir))).to.deep.equal(['vault2', 'vault3']);
      const state = await readValidState(dir);
      expect(state.resources.map((r) => [r.address, r.id])).to.deep.equal([['backup_vault.v', 'vault3']]);
      await expectConverged(dir, ['-var=vname=vault3']);
      // Reported once the intent is settled, the orphan is then an ordinary unmanaged vault: importable.
      await writeFile(join(dir, 'main.bkp.hcl'), PROVIDER + RENAMED_VAULT + 'backup_vault "kept" {\n  name = "vault2"\n}\n');
      expect((await runInProcess(dir, ['import', '-var=vname=vault3', 'backup_vault.kept', 'vault2'])).code).to.equal(0);
      await expectConverged(dir, ['-var=vname=vault3']);
    } finally {
      await cleanup();
    }
  });

  it('interrupted vault rename, then the rename taken back → the vault the kill left is reported, no intent lingers', async () => {
    const { dir, cleanup } = await tempDir('bkp-intent-vault-unrename-');
    try {
      await interruptedVaultRename(dir);
      const applied = await runInProcess(dir, ['apply', '-auto-approve']);
      expect(applied.code, applied.stdout + applied.stderr).to.equal(0);
      expect(applied.stdout + applied.stderr).to.include('Orphaned backup vault').and.to.include('made vault2');
      expect(liveVaults(await readAccountFile(dir))).to.deep.equal(['vault1', 'vault2']);
      expect((await readValidState(dir)).resources.map((r) => r.id)).to.deep.equal(['vault1']);
      await expectConverged(dir);
    } finally {
      await cleanup();
    }
  });

  // The job's token comes from its trigger, source and vault; the killed start's other settings are
  // AWS's now. A start sent again with an edited lifecycle must not fail every apply after it.
  it('on-demand backup: start killed, then lifecycle and start window edited → the job is adopted, one job, the lifecycle updated once it completes', async () => {
    const { dir, cleanup } = await tempDir('bkp-intent-job-');
    try {
      await interruptedStart(dir);
      const vars = ['-var=days=45', '-var=start=120'];
      const planned = await runInProcess(dir, ['plan', ...vars]);
      expect(planned.code, planned.stdout + planned.stderr).to.equal(0);
      expect(planned.stdout).to.include('adopted: created by an interrupted run').and.to.include('0 backup jobs to start');
      const applied = await runInProcess(dir, ['apply', '-auto-approve', ...vars]);
      expect(applied.code, applied.stdout + applied.stderr).to.equal(0);
      const [job] = liveJobs(await readAccountFile(dir));
      expect(liveJobs(await readAccountFile(dir)), 'no second job').to.have.length(1);
      const recorded = (await readValidState(dir)).resources.find((r) => r.address === 'on_demand_backup.j')!;
      expect(recorded.id).to.equal(job!.id);
      // The state holds what the job was started with, not the edit.
      expect(recorded.attributes.lifecycle).to.deep.equal({ delete_after_days: 30 });
      expect(recorded.attributes.start_window_minutes).to.equal(60);
      expect((await readValidState(dir)).intents ?? []).to.deep.equal([]);
      // The edited window cannot apply to a started job: said, not failed.
      expect(applied.stderr).to.include('cannot apply to a backup job that has already started');
      // Once the job completes, the new lifecycle (the window set back) is an update of its recovery point.
      expect((await runInProcess(dir, ['sandbox', 'advance', '2h'])).code).to.equal(0);
      const update = await runInProcess(dir, ['plan', '-var=days=45']);
      expect(update.stdout, update.stdout + update.stderr).to.include('will be updated in place: the lifecycle of recovery point');
      expect((await runInProcess(dir, ['apply', '-auto-approve', '-var=days=45'])).code).to.equal(0);
      await expectConverged(dir, ['-var=days=45']);
      const done = liveJobs(await readAccountFile(dir));
      expect(done, 'still one job').to.have.length(1);
      expect((await readValidState(dir)).resources.find((r) => r.address === 'on_demand_backup.j')!.attributes.lifecycle).to.deep.equal({ delete_after_days: 45 });
    } finally {
      await cleanup();
    }
  });

  it('on-demand backup: start killed, then an edit applied with -refresh=false → a clear error saying what to do; the next apply adopts the job', async () => {
    const { dir, cleanup } = await tempDir('bkp-intent-job-norefresh-');
    try {
      await interruptedStart(dir);
      const refused = await runInProcess(dir, ['apply', '-auto-approve', '-refresh=false', '-var=days=45']);
      expect(refused.code, refused.stdout + refused.stderr).to.equal(1);
      expect(refused.stderr).to.include('An earlier run started this backup job').and.to.include('without -refresh=false');
      const applied = await runInProcess(dir, ['apply', '-auto-approve', '-var=days=45']);
      expect(applied.code, applied.stdout + applied.stderr).to.equal(0);
      expect(applied.stdout).to.include('adopted: created by an interrupted run');
      expect(liveJobs(await readAccountFile(dir)), 'no second job').to.have.length(1);
      expect((await readValidState(dir)).intents ?? []).to.deep.equal([]);
    } finally {
      await cleanup();
    }
  });

  it('on-demand backup: start killed, and another on-demand job of that source in that vault bkp does not know → refused, naming both, until the trigger changes', async () => {
    const { dir, cleanup } = await tempDir('bkp-intent-job-ambiguous-');
    try {
      await interruptedStart(dir);
      // Someone else (another state) backs up the same instance into the same vault.
      const other = join(dir, 'other');
      await mkdir(other, { recursive: true });
      const otherJob = ON_DEMAND.replace('on_demand_backup "j"', 'on_demand_backup "o"').replace('backup_vault.v.name', '"vault-j"').replace('"first"', '"manual"');
      await writeFile(join(other, 'main.bkp.hcl'), WITH_SOURCE.replace('".bkp/sandbox.json"', '"../.bkp/sandbox.json"') + 'variable "days" { default = 30 }\nvariable "start" { default = 60 }\n' + otherJob);
      const started = await runInProcess(other, ['apply', '-auto-approve']);
      expect(started.code, started.stdout + started.stderr).to.equal(0);
      expect(liveJobs(await readAccountFile(dir))).to.have.length(2);

      const planned = await runInProcess(dir, ['plan', '-var=days=45']);
      expect(planned.code, planned.stdout + planned.stderr).to.equal(1);
      expect(planned.stderr).to.include('2 on-demand backup jobs of').and.to.include('Change `trigger` to start a new job');
      await writeFile(join(dir, 'main.bkp.hcl'), WITH_SOURCE + BACKUP_VAULT + ON_DEMAND.replace('"first"', '"second"'));
      const applied = await runInProcess(dir, ['apply', '-auto-approve', '-var=days=45']);
      expect(applied.code, applied.stdout + applied.stderr).to.equal(0);
      expect(liveJobs(await readAccountFile(dir))).to.have.length(3);
      await expectConverged(dir, ['-var=days=45']);
    } finally {
      await cleanup();
    }
  });
});
