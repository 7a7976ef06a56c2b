// Adoption end to end, as a team would do it: an account populated by hand through the real AWS CLI
// (against `bkp sandbox serve`, a child process stopped by its PID) with every kind bkp manages, then
// `bkp generate` → `bkp plan` shows only imports; and a Terraform configuration with a hand-written
// state of objects made the same way, then `bkp convert` → `bkp plan` shows only imports. Skipped,
// with a message, on a machine without the `aws` command.
import { expect } from 'chai';
import { readdir, readFile, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { awsCliInstalled, runAwsCli } from '../support/aws-cli.js';
import { runBkp, tempDir } from '../support/cli.js';
import { serveSandbox, type ServedSandbox } from '../support/sandbox-serve.js';

const REGION = 'eu-west-1';
const ACCOUNT = '123456789012';
const ROLE = `arn:aws:iam::${ACCOUNT}:role/service-role/AWSBackupDefaultServiceRole`;
const TERRAFORM = resolve(import.meta.dirname, '../fixtures/terraform/backup-basic');
const CREDENTIALS = { AWS_ACCESS_KEY_ID: 'AKIASANDBOX', AWS_SECRET_ACCESS_KEY: 'sandbox', AWS_CONFIG_FILE: '/dev/null', AWS_SHARED_CREDENTIALS_FILE: '/dev/null' };

describe('adoption: bkp generate and bkp convert against an account made with the AWS CLI', function () {
  this.timeout(600_000);
  let dir: string;
  let cleanup: () => Promise<void>;
  let server: ServedSandbox | undefined;

  const aws = async (...args: string[]): Promise<Record<string, unknown>> => {
    const run = await runAwsCli(server!.endpoint, dir, REGION, ['backup', ...args]);
    expect(run.code, `aws backup ${args.join(' ')}\n${run.stderr}`).to.equal(0);
    return run.stdout.trim() === '' ? {} : (JSON.parse(run.stdout) as Record<string, unknown>);
  };
  const json = (value: unknown) => JSON.stringify(value);
  const bkp = (args: string[]) => runBkp(args, { cwd: dir, env: CREDENTIALS });

  before(async function () {
    if (!awsCliInstalled()) {
      process.stdout.write('skipped: the AWS CLI is not installed (aws --version)\n');
      this.skip();
    }
    ({ dir, cleanup } = await tempDir());
    await writeFile(join(dir, 'main.bkp.hcl'), `provider "sandbox" {\n  path   = ".bkp/sandbox.json"\n  region = "${REGION}"\n}\n`);
    server = await serveSandbox(dir);
  });
  after(async () => {
    if (server) expect((await server.stop()).code).to.equal(0);
    await cleanup?.();
  });

  it('generate: every kind, made with the AWS CLI, plans as imports only', async () => {
    await aws('create-backup-vault', '--backup-vault-name', 'Prod-Main', '--backup-vault-tags', json({ team: 'infra' }));
    await aws('put-backup-vault-lock-configuration', '--backup-vault-name', 'Prod-Main', '--min-retention-days', '7', '--max-retention-days', '3650');
    await aws('put-backup-vault-notifications', '--backup-vault-name', 'Prod-Main', '--sns-topic-arn', `arn:aws:sns:${REGION}:${ACCOUNT}:backup`, '--backup-vault-events', 'BACKUP_JOB_FAILED', 'BACKUP_JOB_EXPIRED');
    await aws('create-backup-vault', '--backup-vault-name', 'dr');
    await aws('create-logically-air-gapped-backup-vault', '--backup-vault-name', 'isolated', '--min-retention-days', '7', '--max-retention-days', '365');
    const drArn = `arn:aws:backup:${REGION}:${ACCOUNT}:backup-vault:dr`;
    const plan = await aws(
      'create-backup-plan',
      '--backup-plan',
      json({
        BackupPlanName: 'daily',
        Rules: [
          {
            RuleName: 'daily',
            TargetBackupVaultName: 'Prod-Main',
            ScheduleExpression: 'cron(0 5 ? * * *)',
            ScheduleExpressionTimezone: 'Europe/Paris',
            StartWindowMinutes: 60,
            Lifecycle: { DeleteAfterDays: 35 },
            CopyActions: [{ DestinationBackupVaultArn: drArn, Lifecycle: { DeleteAfterDays: 90 } }],
          },
        ],
      }),
      '--backup-plan-tags',
      json({ team: 'infra' }),
    );
    const planId = String(plan.BackupPlanId);
    for (const name of ['tagged', 'by-arn']) {
      const selection = name === 'tagged' ? { ListOfTags: [{ ConditionType: 'STRINGEQUALS', ConditionKey: 'backup', ConditionValue: 'daily' }] } : { Resources: ['arn:aws:ec2:*:*:volume/*'] };
      await aws('create-backup-selection', '--backup-plan-id', planId, '--backup-selection', json({ SelectionName: name, IamRoleArn: ROLE, ...selection }));
    }
    await aws('update-region-settings', '--resource-type-opt-in-preference', json({ DSQL: true }));
    await aws('update-global-settings', '--global-settings', json({ isCrossAccountBackupEnabled: 'true' }));
    await aws(
      'create-tiering-configuration',
      '--tiering-configuration',
      json({ TieringConfigurationName: 'archive', BackupVaultName: 'Prod-Main', ResourceSelection: [{ Resources: ['*'], TieringDownSettingsInDays: 365, ResourceType: 'S3' }] }),
    );
    await aws('create-legal-hold', '--title', 'audit', '--description', 'Keep everything during the audit', '--recovery-point-selection', json({ VaultNames: ['Prod-Main'] }));
    await aws(
      'create-restore-testing-plan',
      '--restore-testing-plan',
      json({ RestoreTestingPlanName: 'weekly_restore', ScheduleExpression: 'cron(0 1 ? * SUN *)', RecoveryPointSelection: { Algorithm: 'LATEST_WITHIN_WINDOW', IncludeVaults: ['*'], RecoveryPointTypes: ['SNAPSHOT'] } }),
    );
    await aws(
      'create-restore-testing-selection',
      '--restore-testing-plan-name',
      'weekly_restore',
      '--restore-testing-selection',
      json({ RestoreTestingSelectionName: 'volumes', ProtectedResourceType: 'EBS', IamRoleArn: ROLE, ProtectedResourceArns: ['*'] }),
    );
    await aws(
      'create-framework',
      '--framework-name',
      'retention',
      '--framework-controls',
      json([{ ControlName: 'BACKUP_RECOVERY_POINT_MINIMUM_RETENTION_CHECK', ControlInputParameters: [{ ParameterName: 'requiredRetentionDays', ParameterValue: '35' }] }]),
    );
    await aws(
      'create-report-plan',
      '--report-plan-name',
      'jobs',
      '--report-delivery-channel',
      json({ S3BucketName: 'reports', Formats: ['CSV'] }),
      '--report-setting',
      json({ ReportTemplate: 'BACKUP_JOB_REPORT' }),
    );

    const generate = await bkp(['generate', '-out=adopted', `-region=${REGION}`, `-endpoint=${server!.endpoint}`]);
    expect(generate.code, generate.stdout + generate.stderr).to.equal(0);
    expect(generate.stdout).to.match(/backup_selection\s+2/);
    expect(generate.stdout, generate.stdout).to.include('14 import blocks.');
    const out = join(dir, 'adopted');
    const files = (await readdir(out)).sort();
    expect(files).to.include.members(['main.bkp.hcl', 'imports.bkp.hcl', 'vaults.bkp.hcl', 'plans.bkp.hcl']);
    const plans = await readFile(join(out, 'plans.bkp.hcl'), 'utf8');
    // Shared values are references: the vault a rule targets and copies to, the plan of each selection, the role.
    expect(plans, plans).to.match(/target_vault +\= backup_vault\.prod_main\.name/);
    expect(plans).to.match(/destination_vault_arn +\= backup_vault\.dr\.arn/);
    expect(plans.match(/plan +\= backup_plan\.daily\.id/g)).to.have.length(2);
    expect(plans.match(/iam_role_arn += local\.aws_backup_default_service_role_arn/g)).to.have.length(2);
    // Defaults are left out: the rule's completion window (10080) is AWS's default.
    expect(plans).not.to.include('completion_window_minutes');

    const plan2 = await bkp(['-chdir=adopted', 'plan', '-detailed-exitcode']);
    expect(plan2.stdout + plan2.stderr).to.include('Plan: 14 to import, 0 to add, 0 to change, 0 to destroy');
    expect(plan2.stdout).not.to.match(/will be (created|updated|destroyed|replaced)/);
    const fmt = await bkp(['-chdir=adopted', 'fmt', '-check']);
    expect(fmt.code, fmt.stdout + fmt.stderr).to.equal(0);

    const again = await bkp(['generate', '-out=adopted', `-region=${REGION}`, `-endpoint=${server!.endpoint}`]);
    expect(again.code).to.equal(1);
    expect(again.stderr).to.include('is not empty');
  });

  it('convert: a Terraform configuration and its state plan as imports only', async () => {
    await aws('create-backup-vault', '--backup-vault-name', 'tf-main-prod', '--backup-vault-tags', json({ team: 'infra', env: 'prod' }));
    await aws('put-backup-vault-lock-configuration', '--backup-vault-name', 'tf-main-prod', '--min-retention-days', '7', '--max-retention-days', '365');
    await aws('create-backup-vault', '--backup-vault-name', 'tf-dr');
    const plan = await aws(
      'create-backup-plan',
      '--backup-plan',
      json({
        BackupPlanName: 'tf-daily',
        Rules: [
          {
            RuleName: 'daily',
            TargetBackupVaultName: 'tf-main-prod',
            ScheduleExpression: 'cron(0 5 ? * * *)',
            ScheduleExpressionTimezone: 'Europe/Paris',
            StartWindowMinutes: 60,
            Lifecycle: { DeleteAfterDays: 35 },
            CopyActions: [{ DestinationBackupVaultArn: `arn:aws:backup:${REGION}:${ACCOUNT}:backup-vault:tf-dr`, Lifecycle: { DeleteAfterDays: 70 } }],
          },
        ],
      }),
      '--backup-plan-tags',
      json({ team: 'infra', env: 'prod' }),
    );
    const planId = String(plan.BackupPlanId);
    const selection = await aws(
      'create-backup-selection',
      '--backup-plan-id',
      planId,
      '--backup-selection',
      json({
        SelectionName: 'tf-tagged',
        IamRoleArn: `arn:aws:iam::${ACCOUNT}:role/tf-backup`,
        ListOfTags: [{ ConditionType: 'STRINGEQUALS', ConditionKey: 'backup', ConditionValue: 'daily' }],
        Conditions: { StringEquals: [{ ConditionKey: 'aws:ResourceTag/env', ConditionValue: 'prod' }] },
      }),
    );
    const template = await readFile(join(TERRAFORM, 'terraform.tfstate.template'), 'utf8');
    await writeFile(join(dir, 'terraform.tfstate'), template.replaceAll('@PLAN_ID@', planId).replaceAll('@SELECTION_ID@', String(selection.SelectionId)));

    const convert = await bkp(['convert', TERRAFORM, '-out=converted', '-state=terraform.tfstate']);
    expect(convert.code, convert.stdout + convert.stderr).to.equal(0);
    expect(convert.stdout).to.include('4 import blocks.');
    // The output Terraform computes from path.module has no bkp equivalent: a comment and a warning at its line.
    expect(convert.stdout).to.match(/main\.tf:\d+: path\.module: bkp has no such value/);
    const plans = await readFile(join(dir, 'converted', 'plans.bkp.hcl'), 'utf8');
    expect(plans).to.match(new RegExp(`iam_role_arn += "arn:aws:iam::${ACCOUNT}:role/tf-backup"`));

    const planned = await bkp(['-chdir=converted', 'plan', `-var=backup_endpoint=${server!.endpoint}`]);
    expect(planned.stdout + planned.stderr).to.include('Plan: 4 to import, 0 to add, 0 to change, 0 to destroy');
    const fmt = await bkp(['-chdir=converted', 'fmt', '-check']);
    expect(fmt.code, fmt.stdout + fmt.stderr).to.equal(0);
  });
});
