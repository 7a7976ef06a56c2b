// decompileBackupPolicy is compile.ts backwards: compile(decompile(doc)) is doc for every document
// bkp's compiler can write (@@assign, @@append, @@remove, child operators at every level), and a
// document it cannot write is reported, path by path.
import { expect } from 'chai';
import { decompileBackupPolicy } from '../../src/adopt/org-backup-policy-document.js';
import { compileBackupPolicy, documentText } from '../../src/resources/org-backup-policy/compile.js';
import type { PolicyObject } from '../../src/domain/org-policy/inheritance.js';

const assign = (v: string | string[]) => ({ '@@assign': v });

const BASELINE: PolicyObject = {
  plans: {
    daily: {
      regions: { '@@assign': ['eu-west-1', 'eu-central-1'] },
      rules: {
        nightly: {
          schedule_expression: assign('cron(0 3 ? * * *)'),
          schedule_expression_timezone: assign('Europe/Paris'),
          start_backup_window_minutes: assign('60'),
          complete_backup_window_minutes: assign('240'),
          enable_continuous_backup: assign('false'),
          target_backup_vault_name: assign('Default'),
          lifecycle: { move_to_cold_storage_after_days: assign('30'), delete_after_days: assign('365') },
          recovery_point_tags: { owner: { tag_key: assign('owner'), tag_value: assign('platform') } },
          copy_actions: {
            'arn:aws:backup:eu-central-1:$account:backup-vault:dr': {
              target_backup_vault_arn: assign('arn:aws:backup:eu-central-1:$account:backup-vault:dr'),
              lifecycle: { delete_after_days: assign('35') },
            },
          },
          index_actions: { ebs: { resource_types: assign(['EBS']) } },
          '@@operators_allowed_for_child_policies': ['@@assign'],
        },
      },
      selections: {
        tags: {
          tagged: { iam_role_arn: assign('arn:aws:iam::$account:role/Backup'), tag_key: assign('backup'), tag_value: assign(['daily', 'yes']) },
        },
        resources: {
          databases: {
            iam_role_arn: assign('arn:aws:iam::$account:role/Backup'),
            resource_types: assign(['arn:aws:rds:*:*:db:*']),
            not_resource_types: assign(['arn:aws:rds:*:*:db:scratch-*']),
            conditions: {
              string_equals: { Environment: { condition_key: assign('aws:ResourceTag/Environment'), condition_value: assign('production') } },
              string_not_like: { Temp: { condition_key: assign('aws:ResourceTag/Temp'), condition_value: assign('yes*') } },
            },
          },
        },
      },
      advanced_backup_settings: { ec2: { windows_vss: assign('enabled') } },
      backup_plan_tags: { team: { tag_key: assign('team'), tag_value: assign('storage') } },
      '@@operators_allowed_for_child_policies': ['@@append', '@@remove'],
    },
  },
  '@@operators_allowed_for_child_policies': ['@@none'],
};

const OVERRIDE: PolicyObject = {
  plans: {
    daily: {
      regions: { '@@append': ['us-east-1'], '@@remove': ['eu-central-1'] },
      rules: { nightly: { lifecycle: { delete_after_days: assign('730') }, '@@operators_allowed_for_child_policies': ['@@none'] } },
      selections: { tags: { tagged: { tag_value: { '@@append': ['weekly'], '@@remove': ['yes'] } } } },
    },
  },
};

describe('decompileBackupPolicy', () => {
  for (const [name, document] of [
    ['a full policy with child operators at every level', BASELINE],
    ['an override with @@append and @@remove only', OVERRIDE],
  ] as const) {
    it(`round-trips ${name} through compile`, () => {
      const { attributes, problems } = decompileBackupPolicy(document);
      expect(problems).to.deep.equal([]);
      expect(documentText(compileBackupPolicy(attributes)!.document)).to.equal(documentText(document));
    });
  }

  it('gives the attributes bkp users write (typed values, append and remove blocks)', () => {
    const plan = (decompileBackupPolicy(OVERRIDE).attributes.plan as Record<string, unknown>[])[0]!;
    expect(plan).to.deep.include({ name: 'daily', append: { regions: ['us-east-1'] }, remove: { regions: ['eu-central-1'] } });
    expect(plan.rule).to.deep.equal([{ name: 'nightly', lifecycle: { delete_after_days: 730 }, child_operators: ['none'] }]);
  });

  it('reports, by document path, what bkp cannot express', () => {
    const { problems } = decompileBackupPolicy({
      plans: {
        daily: {
          regions: { '@@assign': ['eu-west-1'] },
          rules: { nightly: { target_backup_vault_name: { '@@append': 'x' }, frequency: assign('daily') } },
        },
      },
      extra: true,
    });
    expect(problems).to.deep.equal([
      'extra: not a key bkp writes in a backup policy',
      'plans.daily.rules.nightly.frequency: not a key bkp writes in a backup policy',
      'plans.daily.rules.nightly.target_backup_vault_name: bkp writes a single value only as { "@@assign": "…" }',
    ]);
  });
});
