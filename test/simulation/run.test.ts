// The simulation on scratch sandbox accounts: exact recovery-point counts derived from the
// schedule, the lifecycle and the start date (bkp issue 9, item 4).
import { expect } from 'chai';
import { join } from 'node:path';
import { forgetCachedAccount, openSandbox } from '../../src/sandbox/account.js';
import { addResource } from '../../src/sandbox/inventory.js';
import { BkpError } from '../../src/core/errors.js';
import { DAY, origin, policy, resource, ROLE, simulate, workdir, type Workdir } from './helpers.js';

const DAILY_35 = `
  rule "daily" {
    target_vault = backup_vault.main.name
    schedule     = "cron(0 5 ? * * *)"
    lifecycle { delete_after_days = 35 }
  }`;
const MONTHLY_365 = `
  rule "monthly" {
    target_vault = backup_vault.main.name
    schedule     = "cron(0 5 1 * ? *)"
    lifecycle { delete_after_days = 365 }
  }`;
const WEB = `  source "ec2-instance" "web" { tags = { backup = "yes" } }`;

describe('bkp simulate: the simulation run', function () {
  this.timeout(60_000);
  let work: Workdir | undefined;
  afterEach(async () => {
    await work?.cleanup();
    work = undefined;
  });

  it('daily-35 + monthly-365 over 400 days on one EC2 instance: exact counts at the end', async () => {
    work = await workdir({ 'main.bkp.hcl': policy({ sources: WEB, rules: DAILY_35 + MONTHLY_365 }) });
    const report = await simulate(work.dir, 400, { start: '2026-01-01T00:00:00Z' });
    // Start 2026-01-01 00:00 UTC (day 0); end = day 400 = 2027-02-05 00:00 UTC.
    // Every tick is at 05:00; the job starts 5 minutes later, which is the point's CreationDate, and
    // its lifecycle deletes it exactly delete_after_days later (CreationDate + N days, as AWS's
    // CalculatedLifecycle.DeleteAt). Ticks: days 0..399.
    // AWS Backup: when two rules of a plan overlap in time, only the rule with the longer retention
    // takes the backup. On the 1st of each month the monthly rule (365 days) wins over the daily (35).
    // - monthly: the 1sts from 2026-01-01 to 2027-02-01 → 14 created. A point exists at the end
    //   when created after day 400 - 365 = day 35 (2026-02-05): 2026-03-01 … 2027-02-01 → 12;
    //   2026-01-01 and 2026-02-01 expired → 2.
    // - daily: 400 ticks minus the 14 taken by the monthly rule → 386 created. A point exists at the
    //   end when created after day 400 - 35 = day 365 (2027-01-01 00:00): days 365..399 are 35 days,
    //   of which 2027-01-01 and 2027-02-01 belong to the monthly rule → 33; expired 386 - 33 = 353.
    const web = resource(report, 'web');
    expect(web.status).to.equal('protected');
    const daily = origin(web, 'backup_plan.policy/daily');
    const monthly = origin(web, 'backup_plan.policy/monthly');
    expect(daily).to.deep.include({ created: 386, expired: 353, failedJobs: 0, vault: 'main', plan: 'policy', rule: 'daily' });
    expect(daily.existing).to.deep.equal({ total: 33, warm: 33, cold: 0 });
    expect(monthly).to.deep.include({ created: 14, expired: 2, failedJobs: 0 });
    expect(monthly.existing).to.deep.equal({ total: 12, warm: 12, cold: 0 });
    expect(web.existing).to.deep.equal({ total: 45, warm: 45, cold: 0 });
    expect(web.created).to.equal(400);
    // A backup every day at 05:05, whichever rule took it.
    expect(web.worstGap?.ms).to.equal(DAY);
    expect(web.oldestRestorable?.createdAt).to.equal(Date.parse('2026-03-01T05:05:00Z'));
    expect(web.oldestRestorable?.label).to.equal('backup_plan.policy/monthly');
    // The daily rule alone skips the 1st: its own worst gap is two days.
    expect(daily.worstGap?.ms).to.equal(2 * DAY);
    expect(report).to.deep.include({ start: Date.parse('2026-01-01T00:00:00Z'), end: Date.parse('2027-02-05T00:00:00Z'), days: 400 });
  });

  it('deletes a point exactly delete_after_days after its creation', async () => {
    work = await workdir({ 'main.bkp.hcl': policy({ sources: WEB, rules: DAILY_35 }) });
    // Start at 05:05: the first tick is the next day's 05:00, its point is created at 05:05 on
    // day 1 and the end (day 36, 05:05) is exactly 35 days later: that first point is gone.
    // Points of days 1..35 were created (the day-36 job is only starting at the end) → 35; 34 remain.
    const report = await simulate(work.dir, 36, { start: '2026-01-01T05:05:00Z' });
    const daily = origin(resource(report, 'web'), 'backup_plan.policy/daily');
    expect(daily).to.deep.include({ created: 35, expired: 1 });
    expect(daily.existing.total).to.equal(34);
    expect(resource(report, 'web').oldestRestorable?.createdAt).to.equal(Date.parse('2026-01-03T05:05:00Z'));
  });

  it('splits warm and cold storage, for the resource types that have cold storage', async () => {
    const sources = `${WEB}\n  source "efs" "shared" { tags = { backup = "yes" } }`;
    const rules = `
  rule "daily" {
    target_vault = backup_vault.main.name
    schedule     = "cron(0 5 ? * * *)"
    lifecycle {
      cold_storage_after_days = 30
      delete_after_days       = 120
    }
  }`;
    work = await workdir({ 'main.bkp.hcl': policy({ sources, rules }) });
    const report = await simulate(work.dir, 200, { start: '2026-01-01T00:00:00Z' });
    // Points at 05:05 on days 0..199; the end is day 200, 00:00. A point of day i exists when
    // i + 120 days is after the end (i >= 80): 120 points, 80 expired. It is still warm when
    // i + 30 days is after the end (i >= 170): 30 warm, 90 cold.
    const efs = resource(report, 'shared');
    expect(efs).to.deep.include({ created: 200, expired: 80 });
    expect(efs.existing).to.deep.equal({ total: 120, warm: 30, cold: 90 });
    expect(efs.oldestRestorable).to.deep.include({ createdAt: Date.parse('2026-03-22T05:05:00Z'), storageClass: 'COLD' });
    // EC2 has no cold storage: AWS ignores MoveToColdStorageAfterDays for it.
    expect(resource(report, 'web').existing).to.deep.equal({ total: 120, warm: 120, cold: 0 });
  });

  it('reports the worst gap of a resource covered only by a weekly rule', async () => {
    const weekly = `
backup_plan "weekly" {
  name = "weekly"
  rule "sunday" {
    target_vault = backup_vault.main.name
    schedule     = "cron(0 5 ? * SUN *)"
    lifecycle { delete_after_days = 90 }
  }
}
backup_selection "weekly" {
  plan         = backup_plan.weekly
  name         = "weekly"
  iam_role_arn = "${ROLE}"
  tag {
    key   = "backup"
    value = "weekly"
  }
}`;
    const sources = `${WEB}\n  source "ec2-instance" "archive" { tags = { backup = "weekly" } }`;
    work = await workdir({ 'main.bkp.hcl': policy({ sources, rules: DAILY_35, extra: weekly }) });
    // 2026-01-01 is a Thursday: Sundays are days 3, 10, … 59 (2026-03-01): 9 backups in 60 days.
    const report = await simulate(work.dir, 60, { start: '2026-01-01T00:00:00Z' });
    const archive = resource(report, 'archive');
    expect(archive.created).to.equal(9);
    expect(archive.worstGap).to.deep.include({ ms: 7 * DAY, open: false });
    expect(archive.worstGap?.from).to.equal(Date.parse('2026-01-04T05:05:00Z'));
    expect(archive.origins.map((o) => o.label)).to.deep.equal(['backup_plan.weekly/sunday']);
    expect(resource(report, 'web').worstGap?.ms).to.equal(DAY);
  });

  it('counts failed jobs of a terminated instance, lists unprotected resources and on-demand-only ones', async () => {
    const sources = `
  source "ec2-instance" "gone" {
    state = "terminated"
    tags  = { backup = "yes" }
  }
  source "rds-instance" "orders" {}
  source "efs" "scratch" {}`;
    const onDemand = `
on_demand_backup "before-migration" {
  resource_arn = "arn:aws:rds:eu-west-1:123456789012:db:orders"
  vault        = backup_vault.main.name
  iam_role_arn = "${ROLE}"
  lifecycle { delete_after_days = 30 }
  trigger      = "1"
}`;
    work = await workdir({ 'main.bkp.hcl': policy({ sources, rules: DAILY_35, extra: onDemand }) });
    const report = await simulate(work.dir, 10, { start: '2026-01-01T00:00:00Z' });
    const gone = resource(report, 'gone');
    expect(gone).to.deep.include({ status: 'protected', created: 0, failedJobs: 10 });
    expect(gone.oldestRestorable).to.equal(undefined);
    expect(gone.lastFailure).to.be.a('string').and.match(/terminated/i);
    const orders = resource(report, 'orders');
    expect(orders).to.deep.include({ status: 'on-demand only', created: 1, expired: 0 });
    expect(orders.origins.map((o) => o.label)).to.deep.equal(['on_demand_backup.before-migration']);
    expect(report.unprotected.map((u) => u.name)).to.include('scratch');
    expect(report.unprotected.find((u) => u.name === 'scratch')?.backedUpWith).to.equal(undefined);
    // The terminated instance's root volume is not "backed up with" it: the instance has no backup.
    expect(report.totals).to.deep.include({ protectedResources: 1, created: 1, failedJobs: 10 });
  });

  it('refuses provider "aws" without -inventory-from, and simulates it on the given inventory', async () => {
    const config = `
provider "aws" { region = "eu-west-1" }
backup_vault "main" { name = "main" }
backup_plan "policy" {
  name = "policy"
${DAILY_35}
}
backup_selection "all" {
  plan         = backup_plan.policy
  name         = "all"
  iam_role_arn = "${ROLE}"
  resources    = ["arn:aws:ec2:*:*:instance/*"]
}`;
    work = await workdir({ 'main.bkp.hcl': config });
    let error: unknown;
    try {
      await simulate(work.dir, 5);
    } catch (e) {
      error = e;
    }
    expect(error).to.be.instanceOf(BkpError);
    expect((error as BkpError).source).to.equal('user');
    expect((error as BkpError).message).to.contain('provider "aws" is a real AWS account');
    expect((error as BkpError).hint).to.contain('-inventory-from=FILE');

    const inventory = join(work.dir, 'inventory.json');
    await openSandbox(inventory, { region: 'eu-west-1' }).update((account) => {
      addResource(account, 'ec2-instance', 'app', { region: 'eu-west-1', accountId: account.accountId, now: new Date(account.clock.now).toISOString() });
    });
    forgetCachedAccount(inventory);
    const report = await simulate(work.dir, 5, { start: '2026-01-01T00:00:00Z', inventoryFrom: 'inventory.json' });
    expect(resource(report, 'app')).to.deep.include({ created: 5, expired: 0 });
  });

  it('reports the air-gapped vault of a rule that targets one, where its recovery points are', async () => {
    const rules = `
  rule "isolated" {
    target_vault                          = backup_vault.main.name
    target_logically_air_gapped_vault_arn = logically_air_gapped_vault.iso.arn
    schedule                              = "cron(0 5 ? * * *)"
    lifecycle { delete_after_days = 10 }
  }`;
    const extra = `
logically_air_gapped_vault "iso" {
  name               = "iso"
  min_retention_days = 7
  max_retention_days = 35
}`;
    work = await workdir({ 'main.bkp.hcl': policy({ sources: WEB, rules, extra }) });
    const report = await simulate(work.dir, 20, { start: '2026-01-01T00:00:00Z' });
    // Daily at 05:00 for 20 days, each kept 10 days: the last 10 exist, all in the air-gapped vault.
    const isolated = origin(resource(report, 'web'), 'backup_plan.policy/isolated');
    expect(isolated).to.deep.include({ created: 20, expired: 10, failedJobs: 0, vault: 'iso' });
  });

  it('simulates an on-demand backup into a logically air-gapped vault the same configuration creates', async () => {
    const extra = `
logically_air_gapped_vault "iso" {
  name               = "iso"
  min_retention_days = 7
  max_retention_days = 35
}

on_demand_backup "snapshot" {
  resource_arn = "arn:aws:rds:eu-west-1:123456789012:db:orders"
  vault        = logically_air_gapped_vault.iso.name
  iam_role_arn = "${ROLE}"
  lifecycle { delete_after_days = 7 }
  trigger      = "1"
}`;
    work = await workdir({ 'main.bkp.hcl': policy({ sources: `  source "rds-instance" "orders" {}`, rules: DAILY_35, extra }) });
    const report = await simulate(work.dir, 3, { start: '2026-01-01T00:00:00Z' });
    const snapshot = origin(resource(report, 'orders'), 'on_demand_backup.snapshot');
    expect(snapshot).to.deep.include({ created: 1, failedJobs: 0, vault: 'iso' });
  });
});
