import { expect } from 'chai';
import { UNKNOWN } from '../../src/core/values.js';
import { renderPlanHuman } from '../../src/render/plan-human.js';
import {
  dailyRule,
  makePlan,
  monthlyRule,
  planState,
  POLICY_ALLOW,
  prior,
  resourceConfig,
  section,
  selectionDesired,
  selectionState,
  vaultAttrs,
  vaultState,
} from './plan-fixtures.js';

const text = (p: ReturnType<typeof makePlan>, jobStarts?: number) => renderPlanHuman(p, { color: false, jobStarts });
const lines = (...l: string[]) => l.join('\n');

describe('renderPlanHuman', () => {
  it('prints a create with every attribute, unknown values and a JSON document', () => {
    const out = text(makePlan({ desired: [resourceConfig('backup_vault.main', vaultAttrs({ access_policy: POLICY_ALLOW }))] }));
    expect(out).to.equal(
      lines(
        'bkp used the configuration and the account to generate the following execution plan.',
        'Resource actions are indicated with the following symbols:',
        '  + create',
        '',
        'bkp will perform the following actions:',
        '',
        '  # backup_vault.main will be created',
        '  + resource "backup_vault" "main" {',
        '      + access_policy   = jsonencode(',
        '          + {',
        '          +   "Statement": [],',
        '          +   "Version": "2012-10-17"',
        '          + }',
        '        )',
        '      + arn             = (known after apply)',
        '      + kms_key_arn     = (known after apply)',
        '      + lock_date       = (known after apply)',
        '      + locked          = (known after apply)',
        '      + name            = "main"',
        '      + recovery_points = (known after apply)',
        '      + tags            = {',
        '          + "team" = "infra"',
        '        }',
        '    }',
        '',
        'Plan: 1 to add, 0 to change, 0 to destroy, 0 backup jobs to start.',
      ),
    );
  });

  it('shows only the changed nested rule attribute of an in-place update, with hidden counts', () => {
    const p = makePlan({
      desired: [
        resourceConfig('backup_plan.standard', { name: 'standard', rule: [{ ...dailyRule, lifecycle: { delete_after_days: 40 } }, monthlyRule] }),
      ],
      prior: [prior('backup_plan.standard', 'p-1', planState([monthlyRule, dailyRule]))],
    });
    expect(section(text(p), 'backup_plan.standard')).to.equal(
      lines(
        '  # backup_plan.standard will be updated in place',
        '  ~ resource "backup_plan" "standard" {',
        '        # (5 unchanged attributes hidden)',
        '',
        '      ~ rule "daily" {',
        '            # (6 unchanged attributes hidden)',
        '',
        '          ~ lifecycle {',
        '              ~ delete_after_days = 35 -> 40',
        '            }',
        '        }',
        '',
        '        # (1 unchanged block hidden)',
        '    }',
      ),
    );
    expect(text(p)).to.contain('  ~ update in place').and.to.contain('Plan: 0 to add, 1 to change, 0 to destroy, 0 backup jobs to start.');
  });

  it('marks the attribute that forces a replacement, create-first when the name changes', () => {
    const p = makePlan({
      desired: [resourceConfig('backup_vault.main', vaultAttrs({ name: 'main-2' }))],
      prior: [prior('backup_vault.main', 'main', vaultState())],
    });
    const out = text(p);
    expect(section(out, 'backup_vault.main')).to.equal(
      lines(
        '  # backup_vault.main must be replaced: a vault cannot be renamed',
        '+/- resource "backup_vault" "main" {',
        '      ~ arn             = "arn:aws:backup:eu-west-1:123456789012:backup-vault:main" -> (known after apply)',
        '      + lock_date       = (known after apply)',
        '      ~ locked          = false -> (known after apply)',
        '      ~ name            = "main" -> "main-2" # forces replacement',
        '      ~ recovery_points = 0 -> (known after apply)',
        '        # (2 unchanged attributes hidden)',
        '    }',
      ),
    );
    expect(out).to.contain('+/- create replacement and then destroy');
    expect(out).to.contain('Plan: 1 to add, 0 to change, 1 to destroy, 0 backup jobs to start.');
  });

  it('announces a selection replacement with its reason and unknown values', () => {
    const p = makePlan({
      desired: [
        resourceConfig(
          'backup_selection.prod',
          selectionDesired({ plan: UNKNOWN, resources: ['arn:aws:ec2:*:*:instance/*', 'arn:aws:rds:*:*:db:*'] }),
        ),
      ],
      prior: [prior('backup_selection.prod', 's-1', selectionState())],
    });
    const out = text(p);
    expect(section(out, 'backup_selection.prod')).to.equal(
      lines(
        '  # backup_selection.prod must be replaced: backup selections cannot be updated',
        '-/+ resource "backup_selection" "prod" {',
        '      ~ id           = "s-1" -> (known after apply)',
        '      ~ plan         = "p-1" -> (known after apply) # forces replacement',
        '      ~ resources    = [ # forces replacement',
        '          + "arn:aws:rds:*:*:db:*",',
        '            # (1 unchanged element hidden)',
        '        ]',
        '        # (2 unchanged attributes hidden)',
        '',
        '        # (1 unchanged block hidden)',
        '    }',
      ),
    );
    expect(out).to.contain('-/+ destroy and then create replacement');
  });

  it('marks a removed block that forces a replacement', () => {
    const p = makePlan({
      desired: [resourceConfig('backup_selection.prod', selectionDesired({ tag: [] }))],
      prior: [prior('backup_selection.prod', 's-1', selectionState())],
    });
    expect(section(text(p), 'backup_selection.prod')).to.contain(
      lines(
        '      - tag { # forces replacement',
        '          - condition_type = "STRINGEQUALS" -> null',
        '          - key            = "backup" -> null',
        '          - value          = "daily" -> null',
        '        }',
      ),
    );
  });

  it('prints a delete with every attribute going to null, and why', () => {
    const out = text(makePlan({ prior: [prior('backup_vault.main', 'main', vaultState())] }));
    expect(section(out, 'backup_vault.main')).to.equal(
      lines(
        '  # backup_vault.main will be destroyed',
        '  # (because backup_vault.main is not in configuration)',
        '  - resource "backup_vault" "main" {',
        '      - arn             = "arn:aws:backup:eu-west-1:123456789012:backup-vault:main" -> null',
        '      - kms_key_arn     = "arn:aws:kms:eu-west-1:123456789012:key/abc" -> null',
        '      - locked          = false -> null',
        '      - name            = "main" -> null',
        '      - recovery_points = 0 -> null',
        '      - tags            = {',
        '          - "team" = "infra"',
        '        } -> null',
        '    }',
      ),
    );
    expect(out).to.contain('  - destroy').and.to.contain('Plan: 0 to add, 0 to change, 1 to destroy, 0 backup jobs to start.');
    const destroyMode = text(makePlan({ prior: [prior('backup_vault.main', 'main', vaultState())], mode: 'destroy' }));
    expect(destroyMode).to.not.contain('is not in configuration');
  });

  it('shows drift first: a changed and a deleted resource, then the plan that answers it', () => {
    const p = makePlan({
      desired: [
        resourceConfig('backup_vault.main', vaultAttrs()),
        resourceConfig('backup_plan.standard', { name: 'standard', rule: [dailyRule] }),
      ],
      prior: [prior('backup_vault.main', 'main', vaultState()), prior('backup_plan.standard', 'p-1', planState([dailyRule]))],
      refreshed: new Map([
        ['backup_vault.main', vaultState({ tags: { team: 'someone-else' } })],
        ['backup_plan.standard', null],
      ]),
    });
    const out = text(p);
    const [drift, rest] = out.split('─'.repeat(77));
    expect(drift).to.equal(
      lines(
        'Note: Objects have changed outside of bkp',
        '',
        'bkp detected the following changes made outside of bkp since the last "bkp apply" which may have affected this plan:',
        '',
        '  # backup_plan.standard has been deleted outside bkp',
        '  - resource "backup_plan" "standard" {',
        '      - arn         = "arn:aws:backup:eu-west-1:123456789012:backup-plan:p-1" -> null',
        '      - id          = "p-1" -> null',
        '      - name        = "standard" -> null',
        '      - version_id  = "v1" -> null',
        '      - windows_vss = false -> null',
        '',
        '      - rule "daily" {',
        '          - completion_window_minutes = 10080 -> null',
        '          - continuous_backup         = false -> null',
        '          - schedule                  = "cron(0 5 ? * * *)" -> null',
        '          - start_window_minutes      = 480 -> null',
        '          - target_vault              = "main" -> null',
        '          - timezone                  = "Etc/UTC" -> null',
        '',
        '          - lifecycle {',
        '              - delete_after_days = 35 -> null',
        '            }',
        '        }',
        '    }',
        '',
        '  # backup_vault.main has changed outside bkp',
        '  ~ resource "backup_vault" "main" {',
        '      ~ tags            = {',
        '          ~ "team" = "infra" -> "someone-else"',
        '        }',
        '        # (5 unchanged attributes hidden)',
        '    }',
        '',
        'Unless you have made equivalent changes to your configuration, the following plan may include actions to undo or respond to these changes.',
        '',
        '',
      ),
    );
    expect(section(rest!, 'backup_plan.standard')).to.match(/^ {2}# backup_plan.standard will be created\n {2}\+ resource/);
    expect(section(rest!, 'backup_vault.main')).to.contain('          ~ "team" = "someone-else" -> "infra"');
  });

  it('ends a refresh-only plan with the state update it makes', () => {
    const p = makePlan({
      desired: [resourceConfig('backup_vault.main', vaultAttrs())],
      prior: [prior('backup_vault.main', 'main', vaultState())],
      refreshed: new Map([['backup_vault.main', vaultState({ tags: { team: 'x' } })]]),
      mode: 'refresh-only',
    });
    const out = text(p);
    expect(out).to.contain('  # backup_vault.main has changed outside bkp');
    expect(out).to.not.contain('bkp will perform the following actions');
    expect(out.split('\n').at(-1)).to.equal('Your state will be updated to match the account: 1 object changed outside bkp.');
    const clean = makePlan({ prior: [prior('backup_vault.main', 'main', vaultState())], mode: 'refresh-only' });
    expect(text(clean).split('\n')[0]).to.equal('No changes. Your backup policy still matches the configuration.');
  });

  it('never prints a sensitive value', () => {
    const p = makePlan({
      desired: [
        resourceConfig('backup_vault.main', vaultAttrs({ tags: { team: 'infra', secret: 'hunter2' } }), { sensitivePaths: ['/tags/secret'] }),
        resourceConfig(
          'backup_plan.standard',
          { name: 'standard', rule: [{ ...dailyRule, recovery_point_tags: { token: 's3cr3t' } }, monthlyRule] },
          // The pointer names the first rule as written; canonical rules are sorted, so every rule hides it.
          { sensitivePaths: ['/rule/0/recovery_point_tags/token'] },
        ),
      ],
    });
    const out = text(p);
    expect(out).to.not.contain('hunter2').and.to.not.contain('s3cr3t');
    expect(section(out, 'backup_vault.main')).to.contain(
      lines('      + tags            = {', '          + "secret" = (sensitive value)', '          + "team"   = "infra"', '        }'),
    );
    expect(section(out, 'backup_plan.standard')).to.contain('              + "token" = (sensitive value)');
  });

  it('diffs JSON documents line by line, semantically', () => {
    const policy = (action: string) =>
      JSON.stringify({
        Version: '2012-10-17',
        Statement: [{ Sid: 'deny', Effect: 'Deny', Principal: '*', Action: action, Resource: '*' }],
      });
    const p = makePlan({
      desired: [resourceConfig('backup_vault.main', vaultAttrs({ access_policy: policy('backup:DeleteRecoveryPoint') }))],
      prior: [prior('backup_vault.main', 'main', vaultState({ access_policy: policy('backup:DeleteBackupVault') }))],
    });
    expect(section(text(p), 'backup_vault.main')).to.equal(
      lines(
        '  # backup_vault.main will be updated in place',
        '  # (not managed, left as the account has them (the configuration sets none): notifications)',
        '  ~ resource "backup_vault" "main" {',
        '      ~ access_policy   = jsonencode(',
        '            {',
        '              "Statement": [',
        '                {',
        '          -       "Action": "backup:DeleteBackupVault",',
        '          +       "Action": "backup:DeleteRecoveryPoint",',
        '                  "Effect": "Deny",',
        '                  "Principal": "*",',
        '                  "Resource": "*",',
        '                  "Sid": "deny"',
        '                }',
        '              ],',
        '              "Version": "2012-10-17"',
        '            }',
        '        )',
        '        # (6 unchanged attributes hidden)',
        '    }',
      ),
    );
  });

  it('folds long unchanged runs of a JSON document', () => {
    const statements = (last: string) =>
      JSON.stringify({ Version: '2012-10-17', Statement: ['a', 'b', 'c', 'd', 'e', 'f', last].map((Sid) => ({ Sid, Effect: 'Deny' })) });
    const p = makePlan({
      desired: [resourceConfig('backup_vault.main', vaultAttrs({ access_policy: statements('z') }))],
      prior: [prior('backup_vault.main', 'main', vaultState({ access_policy: statements('g') }))],
    });
    const body = section(text(p), 'backup_vault.main');
    expect(body).to.match(/\n {12}# \(\d+ unchanged lines hidden\)\n/);
    expect(body).to.contain('          -       "Sid": "g"').and.to.contain('          +       "Sid": "z"');
  });

  it('matches rules by name: a renamed rule is one removed and one added', () => {
    const p = makePlan({
      desired: [resourceConfig('backup_plan.standard', { name: 'standard', rule: [{ ...dailyRule, name: 'nightly' }, monthlyRule] })],
      prior: [prior('backup_plan.standard', 'p-1', planState([dailyRule, monthlyRule]))],
    });
    const body = section(text(p), 'backup_plan.standard');
    expect(body.match(/^ {6}[-+~] rule .*$/gm)).to.deep.equal(['      - rule "daily" {', '      + rule "nightly" {']);
    expect(body).to.contain('          - schedule                  = "cron(0 5 ? * * *)" -> null');
    expect(body).to.contain('          + schedule                  = "cron(0 5 ? * * *)"');
    expect(body).to.contain('        # (1 unchanged block hidden)');
  });

  it('shows nothing for reordered rules', () => {
    const reordered = makePlan({
      desired: [resourceConfig('backup_plan.standard', { name: 'standard', rule: [monthlyRule, dailyRule] })],
      prior: [prior('backup_plan.standard', 'p-1', planState([dailyRule, monthlyRule]))],
    });
    expect(text(reordered)).to.equal(
      lines(
        'No changes. Your backup policy matches the configuration.',
        '',
        'bkp has compared the account with your configuration and found no differences, so no changes are needed.',
      ),
    );
    const reorderedAndTagged = makePlan({
      desired: [resourceConfig('backup_plan.standard', { name: 'standard', rule: [monthlyRule, dailyRule], tags: { team: 'infra' } })],
      prior: [prior('backup_plan.standard', 'p-1', planState([dailyRule, monthlyRule]))],
    });
    const body = section(text(reorderedAndTagged), 'backup_plan.standard');
    expect(body).to.not.match(/rule "/);
    expect(body).to.contain('        # (2 unchanged blocks hidden)');
  });

  it('updates a repeated unlabelled block in place when only its content changed', () => {
    const dest = 'arn:aws:backup:us-east-1:123456789012:backup-vault:dr';
    const withCopy = (days: number) => ({ ...dailyRule, copy: [{ destination_vault_arn: dest, lifecycle: { delete_after_days: days } }] });
    const p = makePlan({
      desired: [resourceConfig('backup_plan.standard', { name: 'standard', rule: [withCopy(70)] })],
      prior: [prior('backup_plan.standard', 'p-1', planState([withCopy(35)]))],
    });
    expect(section(text(p), 'backup_plan.standard')).to.contain(
      lines(
        '          ~ copy {',
        '                # (1 unchanged attribute hidden)',
        '',
        '              ~ lifecycle {',
        '                  ~ delete_after_days = 35 -> 70',
        '                }',
        '            }',
      ),
    );
  });

  it('says when there is nothing to do, in each mode', () => {
    const same = makePlan({
      desired: [resourceConfig('backup_vault.main', vaultAttrs())],
      prior: [prior('backup_vault.main', 'main', vaultState())],
    });
    expect(text(same).split('\n')[0]).to.equal('No changes. Your backup policy matches the configuration.');
    expect(text(makePlan({ mode: 'destroy' })).split('\n')[0]).to.equal('No changes. No objects need to be destroyed.');
  });

  it('counts backup jobs to start in the summary', () => {
    const p = makePlan({ desired: [resourceConfig('backup_vault.main', vaultAttrs())] });
    expect(text(p, 2).split('\n').at(-1)).to.equal('Plan: 1 to add, 0 to change, 0 to destroy, 2 backup jobs to start.');
    expect(text(p, 1).split('\n').at(-1)).to.equal('Plan: 1 to add, 0 to change, 0 to destroy, 1 backup job to start.');
  });

  it('uses colours only when asked', () => {
    const p = makePlan({
      desired: [resourceConfig('backup_vault.main', vaultAttrs())],
      prior: [prior('backup_vault.old', 'old', vaultState({ name: 'old' }))],
    });
    const ansi = /\u001b\[/;
    expect(text(p)).to.not.match(ansi);
    const coloured = renderPlanHuman(p, { color: true });
    expect(coloured).to.contain('\u001b[32m+\u001b[39m resource').and.to.contain('\u001b[31m-\u001b[39m resource');
    expect(coloured).to.contain('\u001b[1mPlan:\u001b[22m');
  });
});
