// The sandbox scheduler change bkp simulate relies on: when the start windows of two rules of one
// plan overlap, AWS Backup takes one backup, for the rule with the longer retention.
import { expect } from 'chai';
import { CreateBackupPlanCommand, CreateBackupSelectionCommand, CreateBackupVaultCommand, ListBackupJobsCommand } from '@aws-sdk/client-backup';
import { overlappingWinner } from '../../src/sandbox/engine/scheduler.js';
import type { PlanRule } from '../../src/sandbox/state.js';
import { DAY, HOUR, ROLE_ARN, sandboxFixture, START, type SandboxFixture } from '../sandbox/fixture.js';

function rule(name: string, schedule: string, deleteAfterDays: number | undefined, startWindowMinutes = 480): PlanRule {
  return {
    RuleName: name,
    RuleId: `${name}-id`,
    TargetBackupVaultName: 'main',
    ScheduleExpression: schedule,
    ScheduleExpressionTimezone: 'Etc/UTC',
    StartWindowMinutes: startWindowMinutes,
    CompletionWindowMinutes: 10080,
    ...(deleteAfterDays === undefined ? {} : { Lifecycle: { DeleteAfterDays: deleteAfterDays } }),
  };
}

describe('sandbox scheduler: overlapping rules of one plan', () => {
  const daily = rule('daily', 'cron(0 5 ? * * *)', 35);
  const monthly = rule('monthly', 'cron(0 3 1 * ? *)', 365);
  const firstOfFeb = Date.parse('2026-02-01T05:00:00Z');

  it('the rule with the longer retention wins when the start windows overlap, before or after the tick', () => {
    // Monthly window [03:00, 11:00) overlaps the daily one [05:00, 13:00) on the 1st.
    expect(overlappingWinner([daily, monthly], daily, firstOfFeb)).to.equal(monthly);
    expect(overlappingWinner([daily, monthly], monthly, Date.parse('2026-02-01T03:00:00Z'))).to.equal(undefined);
    // A daily tick whose window reaches a later monthly tick is skipped too (the full window counts).
    const late = rule('late-monthly', 'cron(0 12 1 * ? *)', 365);
    expect(overlappingWinner([daily, late], daily, firstOfFeb)).to.equal(late);
    // Other days: no overlap.
    expect(overlappingWinner([daily, monthly], daily, Date.parse('2026-02-02T05:00:00Z'))).to.equal(undefined);
    // Windows that only touch do not overlap: a 1-hour daily window ends when the monthly one opens.
    const short = rule('short', 'cron(0 2 ? * * *)', 35, 60);
    expect(overlappingWinner([short, monthly], short, Date.parse('2026-02-01T02:00:00Z'))).to.equal(undefined);
  });

  it('keeping forever outranks any retention; equal retention goes to the rule listed first', () => {
    const forever = rule('forever', 'cron(0 5 ? * * *)', undefined);
    expect(overlappingWinner([daily, forever], daily, firstOfFeb)).to.equal(forever);
    const twin = rule('twin', 'cron(0 5 ? * * *)', 35);
    expect(overlappingWinner([daily, twin], twin, firstOfFeb)).to.equal(daily);
    expect(overlappingWinner([daily, twin], daily, firstOfFeb)).to.equal(undefined);
    const continuous = { ...rule('pitr', 'cron(0 5 ? * * *)', 35), EnableContinuousBackup: true };
    expect(overlappingWinner([daily, continuous], daily, firstOfFeb)).to.equal(undefined);
  });

  describe('on the sandbox', () => {
    let sb: SandboxFixture;
    beforeEach(async () => {
      sb = await sandboxFixture();
      await sb.client.send(new CreateBackupVaultCommand({ BackupVaultName: 'main' }));
    });
    afterEach(() => sb.cleanup());

    it('creates one job per resource when a daily and a monthly tick coincide, for the monthly rule', async () => {
      const web = await sb.addResource('ec2-instance', 'web');
      const plan = await sb.client.send(
        new CreateBackupPlanCommand({
          BackupPlan: {
            BackupPlanName: 'p',
            Rules: [
              { RuleName: 'daily', TargetBackupVaultName: 'main', ScheduleExpression: 'cron(0 5 ? * * *)', Lifecycle: { DeleteAfterDays: 35 } },
              { RuleName: 'monthly', TargetBackupVaultName: 'main', ScheduleExpression: 'cron(0 5 1 * ? *)', Lifecycle: { DeleteAfterDays: 365 } },
            ],
          },
        }),
      );
      await sb.client.send(
        new CreateBackupSelectionCommand({ BackupPlanId: plan.BackupPlanId, BackupSelection: { SelectionName: 's', IamRoleArn: ROLE_ARN, Resources: [web.arn] } }),
      );
      // START is 2026-01-05: advance to 2026-02-01 12:00, i.e. 27 days and 12 hours.
      await sb.advance(27 * DAY + 12 * HOUR);
      const jobs = (await sb.client.send(new ListBackupJobsCommand({}))).BackupJobs ?? [];
      // Daily ticks on Jan 5 … Feb 1 (28), of which Feb 1 is the monthly rule's.
      expect(jobs).to.have.length(28);
      const onFirst = jobs.filter((j) => j.CreationDate!.getTime() === Date.parse('2026-02-01T05:00:00Z'));
      expect(onFirst).to.have.length(1);
      const rules = (await sb.read()).backup['eu-west-1']!.plans[plan.BackupPlanId!]!.versions[0]!.document.Rules;
      expect(onFirst[0]!.CreatedBy?.BackupRuleId).to.equal(rules.find((r) => r.RuleName === 'monthly')!.RuleId);
      expect(START.toISOString()).to.equal('2026-01-05T00:00:00.000Z');
    });
  });
});
