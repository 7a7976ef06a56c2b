import { expect } from 'chai';
import type { PolicyBackupPlan } from '../../src/domain/org-policy/effective-backup-plans.js';
import { planDifferences } from '../../src/domain/org-policy/plan-differences.js';

const plan = (region: string, overrides: Partial<PolicyBackupPlan['Rules'][number]> = {}): PolicyBackupPlan => ({
  BackupPlanName: 'daily',
  region,
  Rules: [{ RuleName: 'nightly', TargetBackupVaultName: 'Default', ScheduleExpression: 'cron(0 3 ? * * *)', Lifecycle: { DeleteAfterDays: 35 }, ...overrides }],
  Selections: [{ SelectionName: 'tagged', IamRoleArn: 'arn:aws:iam::111111111111:role/Backup', ListOfTags: [{ ConditionType: 'STRINGEQUALS', ConditionKey: 'backup', ConditionValue: 'daily' }] }],
});

describe('organization backup policies: what changes in an account', () => {
  it('says nothing when the plans are the same', () => {
    expect(planDifferences([plan('eu-west-1')], [plan('eu-west-1')])).to.deep.equal([]);
  });

  it('names a plan that appears in a Region, and one that goes', () => {
    expect(planDifferences([plan('eu-west-1')], [plan('eu-west-1'), plan('us-east-1')])).to.deep.equal([
      { action: 'create', summary: 'plan "daily" in us-east-1: rule "nightly" cron(0 3 ? * * *), into "Default", delete after 35 days' },
    ]);
    expect(planDifferences([plan('eu-west-1'), plan('us-east-1')], [plan('eu-west-1')])).to.deep.equal([{ action: 'delete', summary: 'plan "daily" in us-east-1' }]);
  });

  it('reads a rule change as what changed: retention, schedule, copies', () => {
    const after = plan('eu-west-1', {
      ScheduleExpression: 'cron(0 1 ? * * *)',
      Lifecycle: { DeleteAfterDays: 365 },
      CopyActions: [{ DestinationBackupVaultArn: 'arn:aws:backup:eu-central-1:111111111111:backup-vault:dr' }],
    });
    expect(planDifferences([plan('eu-west-1')], [after]).map((d) => `${d.action} ${d.summary}`)).to.deep.equal([
      'update plan "daily" in eu-west-1 rule "nightly": schedule cron(0 3 ? * * *) → cron(0 1 ? * * *)',
      'update plan "daily" in eu-west-1 rule "nightly": delete after 35 days → 365 days',
      'update plan "daily" in eu-west-1 rule "nightly": + copy to arn:aws:backup:eu-central-1:111111111111:backup-vault:dr (delete after never)',
    ]);
  });

  it('reads a selection change', () => {
    const after = plan('eu-west-1');
    after.Selections = [{ ...after.Selections[0]!, ListOfTags: [...after.Selections[0]!.ListOfTags!, { ConditionType: 'STRINGEQUALS', ConditionKey: 'backup', ConditionValue: 'hourly' }] }];
    expect(planDifferences([plan('eu-west-1')], [after])).to.deep.equal([
      {
        action: 'update',
        summary:
          'plan "daily" in eu-west-1 selection "tagged": tag backup = daily, role arn:aws:iam::111111111111:role/Backup → tag backup = daily | hourly, role arn:aws:iam::111111111111:role/Backup',
      },
    ]);
  });
});
