import { expect } from 'chai';
import { checkBackupPolicyDocument, checkEffectiveBackupPolicy } from '../../src/domain/org-policy/backup-policy-checks.js';
import { effectiveBackupPlans } from '../../src/domain/org-policy/effective-backup-plans.js';
import { effectivePolicy, type PolicyObject } from '../../src/domain/org-policy/inheritance.js';

const rootPolicy: PolicyObject = {
  plans: {
    daily: {
      regions: { '@@assign': ['eu-west-1', 'eu-central-1'] },
      rules: {
        nightly: {
          schedule_expression: { '@@assign': 'cron(0 5 ? * * *)' },
          start_backup_window_minutes: { '@@assign': '60' },
          complete_backup_window_minutes: { '@@assign': '180' },
          target_backup_vault_name: { '@@assign': 'Default' },
          lifecycle: { delete_after_days: { '@@assign': '35' } },
          copy_actions: {
            'arn:aws:backup:eu-central-1:$account:backup-vault:dr': {
              target_backup_vault_arn: { '@@assign': 'arn:aws:backup:eu-central-1:$account:backup-vault:dr' },
              lifecycle: { delete_after_days: { '@@assign': '90' } },
            },
          },
        },
      },
      selections: {
        tags: {
          tagged: {
            iam_role_arn: { '@@assign': 'arn:aws:iam::$account:role/Backup' },
            tag_key: { '@@assign': 'backup' },
            tag_value: { '@@assign': ['daily'] },
          },
        },
      },
    },
  },
};

const level = (targetId: string, ...contents: PolicyObject[]) => ({
  targetId,
  policies: contents.map((content, i) => ({ id: `p-${targetId}-${i}`, name: `${targetId}-${i}`, content })),
});

describe('organization backup policies: inheritance', () => {
  it('strips operators: the effective policy holds values only', () => {
    const { policy, notes } = effectivePolicy([level('r-root', rootPolicy)]);
    expect(notes).to.deep.equal([]);
    expect(policy).to.deep.equal({
      plans: {
        daily: {
          regions: ['eu-west-1', 'eu-central-1'],
          rules: {
            nightly: {
              schedule_expression: 'cron(0 5 ? * * *)',
              start_backup_window_minutes: '60',
              complete_backup_window_minutes: '180',
              target_backup_vault_name: 'Default',
              lifecycle: { delete_after_days: '35' },
              copy_actions: {
                'arn:aws:backup:eu-central-1:$account:backup-vault:dr': {
                  target_backup_vault_arn: 'arn:aws:backup:eu-central-1:$account:backup-vault:dr',
                  lifecycle: { delete_after_days: '90' },
                },
              },
            },
          },
          selections: { tags: { tagged: { iam_role_arn: 'arn:aws:iam::$account:role/Backup', tag_key: 'backup', tag_value: ['daily'] } } },
        },
      },
    });
  });

  it('an OU @@assign overrides a value; @@append and @@remove edit an inherited list', () => {
    const ou: PolicyObject = {
      plans: {
        daily: {
          regions: { '@@append': ['us-east-1'], '@@remove': ['eu-central-1'] },
          rules: { nightly: { lifecycle: { delete_after_days: { '@@assign': '365' } } } },
        },
      },
    };
    const { policy } = effectivePolicy([level('r-root', rootPolicy), level('ou-prod', ou)]);
    const daily = (policy.plans as any).daily;
    expect(daily.regions).to.deep.equal(['eu-west-1', 'us-east-1']);
    expect(daily.rules.nightly.lifecycle.delete_after_days).to.equal('365');
    expect(daily.rules.nightly.target_backup_vault_name, 'untouched settings are inherited').to.equal('Default');
  });

  it('a parent @@none locks a value: the child setting is ignored and noted, for children only', () => {
    const locked: PolicyObject = {
      plans: {
        daily: {
          regions: { '@@operators_allowed_for_child_policies': ['@@none'], '@@assign': ['eu-west-1'] },
        },
      },
    };
    const sameLevel: PolicyObject = { plans: { daily: { regions: { '@@append': ['eu-north-1'] } } } };
    const child: PolicyObject = { plans: { daily: { regions: { '@@assign': ['us-west-2'] } } } };
    const { policy, notes } = effectivePolicy([level('r-root', locked, sameLevel), level('ou-prod', child)]);
    expect((policy.plans as any).daily.regions, 'a policy at the same level is not a child').to.deep.equal(['eu-west-1', 'eu-north-1']);
    expect(notes).to.have.length(1);
    expect(notes[0]!.kind).to.equal('operator-not-allowed');
    expect(notes[0]!.path).to.deep.equal(['plans', 'daily', 'regions']);
    expect(notes[0]!.targetId).to.equal('ou-prod');
    expect(notes[0]!.message).to.contain('@@assign on plans.daily.regions').and.contain('no operator (@@none)');
  });

  it('a limit on a container binds every setting below it, and cannot be widened again', () => {
    const root: PolicyObject = { plans: { '@@operators_allowed_for_child_policies': ['@@append'], daily: { regions: { '@@assign': ['eu-west-1'] } } } };
    const ou: PolicyObject = { plans: { '@@operators_allowed_for_child_policies': ['@@all'], daily: { regions: { '@@append': ['us-east-1'] } } } };
    const account: PolicyObject = { plans: { daily: { regions: { '@@assign': ['ap-south-1'] } } } };
    const { policy, notes } = effectivePolicy([level('r-root', root), level('ou-prod', ou), level('111122223333', account)]);
    expect((policy.plans as any).daily.regions).to.deep.equal(['eu-west-1', 'us-east-1']);
    expect(notes.map((n) => n.targetId)).to.deep.equal(['111122223333']);
  });

  it('notes two policies at one level assigning the same setting', () => {
    const a: PolicyObject = { plans: { daily: { rules: { nightly: { target_backup_vault_name: { '@@assign': 'A' } } } } } };
    const b: PolicyObject = { plans: { daily: { rules: { nightly: { target_backup_vault_name: { '@@assign': 'B' } } } } } };
    const { policy, notes } = effectivePolicy([level('ou-x', a, b)]);
    expect((policy.plans as any).daily.rules.nightly.target_backup_vault_name).to.equal('B');
    expect(notes.map((n) => n.kind)).to.deep.equal(['same-level-overwrite']);
  });
});

describe('organization backup policies: document checks', () => {
  const messages = (content: PolicyObject) => checkBackupPolicyDocument(content).map((p) => `${p.path.join('.')}: ${p.message}`);

  it('accepts a complete policy', () => {
    expect(messages(rootPolicy)).to.deep.equal([]);
  });

  it('reports operator placement, unknown keys, bad values and $account outside ARNs with their paths', () => {
    const bad: PolicyObject = {
      plans: {
        '@@assign': {},
        daily: {
          regions: { '@@assign': ['eu-west-1', 'mars-north-1'] },
          rules: {
            nightly: {
              schedule_expression: { '@@assign': 'cron(0 5 * * * *)' },
              target_backup_vault_name: { '@@append': ['Default'] },
              schedule_expresion: { '@@assign': 'x' },
              lifecycle: { '@@assign': { delete_after_days: '1' } },
              recovery_point_tags: { owner: { tag_key: { '@@assign': 'owner' }, tag_value: { '@@assign': '$account' } } },
            },
          },
          selections: { tags: { t: { iam_role_arn: 'arn:aws:iam::$account:role/Backup' } } },
        },
      },
    };
    const found = messages(bad);
    expect(found).to.include('plans.@@assign: @@assign cannot set "plans" as a whole; set the keys inside it');
    expect(found.some((m) => m.startsWith('plans.daily.regions.@@assign: "regions": "mars-north-1" is not an AWS Region'))).to.equal(true);
    expect(found.some((m) => m.startsWith('plans.daily.rules.nightly.schedule_expression.@@assign:'))).to.equal(true);
    expect(found).to.include(
      'plans.daily.rules.nightly.target_backup_vault_name.@@append: @@append works on lists only; "target_backup_vault_name" holds one value, so use @@assign',
    );
    expect(found).to.include('plans.daily.rules.nightly.schedule_expresion: "schedule_expresion" is not a key of "nightly"; did you mean "schedule_expression"?');
    expect(found).to.include('plans.daily.rules.nightly.lifecycle.@@assign: @@assign cannot set "lifecycle" as a whole; set the keys inside it');
    expect(found.some((m) => m.includes('tag_value.@@assign') && m.includes('$account stands for the member account only in ARNs'))).to.equal(true);
    expect(found.some((m) => m.startsWith('plans.daily.selections.tags.t.iam_role_arn: "iam_role_arn" must be set with an operator'))).to.equal(true);
  });

  it('refuses a bad child-control list and a document over the size quota', () => {
    expect(messages({ plans: { '@@operators_allowed_for_child_policies': ['@@none', '@@assign'] } })[0]).to.contain('@@all and @@none stand alone');
    const many: Record<string, PolicyObject> = {};
    for (let i = 0; i < 300; i++) many[`plan-${i}`] = { regions: { '@@assign': ['eu-west-1'] } };
    expect(messages({ plans: many }).some((m) => m.includes('Organizations accepts at most 10000'))).to.equal(true);
  });
});

describe('organization backup policies: effective plans', () => {
  it('checks the merged plans: required keys, windows, lifecycle', () => {
    const partial: PolicyObject = {
      plans: {
        daily: {
          regions: { '@@assign': ['eu-west-1'] },
          rules: {
            nightly: {
              target_backup_vault_name: { '@@assign': 'Default' },
              start_backup_window_minutes: { '@@assign': '30' },
              lifecycle: { move_to_cold_storage_after_days: { '@@assign': '30' }, delete_after_days: { '@@assign': '60' } },
            },
          },
        },
      },
    };
    const { policy } = effectivePolicy([level('r-root', partial)]);
    const found = checkEffectiveBackupPolicy(policy).map((p) => `${p.path.join('.')}: ${p.message}`);
    expect(found).to.include('plans.daily: "daily" has no "selections" once the policies are merged');
    expect(found.some((m) => m.startsWith('plans.daily.rules.nightly.start_backup_window_minutes: the start window is 30 minutes'))).to.equal(true);
    expect(found.some((m) => m.startsWith('plans.daily.rules.nightly.lifecycle.delete_after_days:') && m.includes('at least 120'))).to.equal(true);
  });

  it('reads the effective policy as one AWS Backup plan per Region, with $account replaced', () => {
    const { policy } = effectivePolicy([level('r-root', rootPolicy)]);
    expect(checkEffectiveBackupPolicy(policy)).to.deep.equal([]);
    const plans = effectiveBackupPlans(policy, '111122223333');
    expect(plans.map((p) => p.region)).to.deep.equal(['eu-west-1', 'eu-central-1']);
    expect(plans[0]).to.deep.equal({
      BackupPlanName: 'daily',
      region: 'eu-west-1',
      Rules: [
        {
          RuleName: 'nightly',
          TargetBackupVaultName: 'Default',
          ScheduleExpression: 'cron(0 5 ? * * *)',
          StartWindowMinutes: 60,
          CompletionWindowMinutes: 180,
          Lifecycle: { DeleteAfterDays: 35 },
          CopyActions: [{ DestinationBackupVaultArn: 'arn:aws:backup:eu-central-1:111122223333:backup-vault:dr', Lifecycle: { DeleteAfterDays: 90 } }],
        },
      ],
      Selections: [
        {
          SelectionName: 'tagged',
          IamRoleArn: 'arn:aws:iam::111122223333:role/Backup',
          ListOfTags: [{ ConditionType: 'STRINGEQUALS', ConditionKey: 'backup', ConditionValue: 'daily' }],
        },
      ],
    });
  });
});
