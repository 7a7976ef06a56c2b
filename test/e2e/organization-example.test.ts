// examples/organization on a fresh sandbox: a root backup policy and a production OU override,
// and a module per member account applied through a role bkp assumes there; applied by the built
// CLI, planned clean, changed (the override's retention, seen in the member account's own plan),
// and destroyed;
// the AWS CLI through `bkp sandbox serve` sees the policies, the accounts, and each member
// account's effective policy merged by Organizations' rules. The AWS CLI part is skipped, with a
// message, on a machine without the `aws` command.
import { expect } from 'chai';
import { BackupClient, DeleteBackupPlanCommand, GetBackupPlanCommand, ListBackupPlansCommand, ListBackupVaultsCommand, type BackupRule } from '@aws-sdk/client-backup';
import { fromTemporaryCredentials } from '@aws-sdk/credential-providers';
import type { AwsCredentialIdentity } from '@smithy/types';
import { sandboxClientSettings } from '../../src/app/sandbox-provider.js';
import { cp, readFile, writeFile } from 'node:fs/promises';
import { basename, join, resolve } from 'node:path';
import { awsCliInstalled, runAwsCli } from '../support/aws-cli.js';
import { runBkp, tempDir } from '../support/cli.js';
import { serveSandbox, type ServedSandbox } from '../support/sandbox-serve.js';

const EXAMPLE = resolve(import.meta.dirname, '../../examples/organization');
const REGION = 'eu-west-1';

describe('examples/organization on a fresh sandbox', function () {
  this.timeout(180_000);
  let dir: string;
  let cleanup: () => Promise<void>;
  const bkp = (...args: string[]) => runBkp([`-chdir=${dir}`, ...args, '-no-color'], { cwd: dir });

  /** A Backup client of a member account in eu-west-1, signed with a role assumed there, as in AWS. */
  async function memberBackup(accountId: string): Promise<BackupClient> {
    const settings = sandboxClientSettings({ path: join(dir, '.bkp/sandbox.json'), region: REGION });
    const credentials = fromTemporaryCredentials({
      params: { RoleArn: `arn:aws:iam::${accountId}:role/OrganizationAccountAccessRole`, RoleSessionName: 'test' },
      masterCredentials: settings.credentials as AwsCredentialIdentity,
      clientConfig: { region: REGION, requestHandler: settings.requestHandler },
    });
    return new BackupClient({ ...settings, credentials });
  }

  /** The "daily" plan AWS Backup holds in a member account's eu-west-1 from its effective policy. */
  async function memberPlan(accountId: string): Promise<{ planId: string; versionId: string; rule: BackupRule }> {
    const client = await memberBackup(accountId);
    try {
      const plans = (await client.send(new ListBackupPlansCommand({}))).BackupPlansList ?? [];
      expect(plans.map((p) => p.BackupPlanName)).to.deep.equal(['daily']);
      const plan = await client.send(new GetBackupPlanCommand({ BackupPlanId: plans[0]!.BackupPlanId }));
      return { planId: plan.BackupPlanId!, versionId: plan.VersionId!, rule: plan.BackupPlan!.Rules!.find((r) => r.RuleName === 'nightly')! };
    } finally {
      client.destroy();
    }
  }

  before(async () => {
    ({ dir, cleanup } = await tempDir());
    await cp(EXAMPLE, dir, { recursive: true, filter: (src) => basename(src) !== '.bkp' && !/\.state\.json/.test(basename(src)) });
  });
  after(async () => cleanup());

  // Suites, not tests, so they run in this order (mocha runs a suite's own tests before its child suites).
  describe('apply', () => {
    it('plans the backup plans each account gets from the merged policies', async () => {
      const plan = await bkp('plan');
      expect(plan.code, plan.stdout + plan.stderr).to.equal(0);
      const effect = plan.stdout.slice(plan.stdout.indexOf('Effect on other objects'));
      expect(effect).to.include('account 111111111111 (shop-prod)');
      expect(effect).to.include('+ plan "daily" in us-east-1: rule "nightly" cron(0 3 ? * * *), into "Default", delete after 365 days');
      expect(effect).to.include('account 222222222222 (shop-dev)');
      expect(effect).to.include('+ plan "daily" in eu-central-1: rule "nightly" cron(0 3 ? * * *), into "Default", delete after 35 days, copy to arn:aws:backup:eu-central-1:222222222222:backup-vault:dr');
      const json = JSON.parse((await bkp('plan', '-json')).stdout) as { effects: Array<{ subject: string; changes: Array<{ summary: string }> }> };
      const dev = json.effects.find((e) => e.subject === 'account 222222222222 (shop-dev)')!;
      expect(dev.changes.map((c) => c.summary.split(':')[0])).to.deep.equal(['plan "daily" in eu-west-1', 'plan "daily" in eu-central-1']);
    });

    it('plans each member account through the role it assumes there, with one line per account', async () => {
      const plan = await bkp('plan');
      const perAccount = plan.stdout.slice(plan.stdout.indexOf('Per account:'));
      expect(perAccount).to.include('sandbox, account 123456789012, eu-west-1: 4 to add, 0 to change, 0 to destroy');
      expect(perAccount).to.include('sandbox.member["shop-prod"], account 111111111111, eu-west-1: 1 to add, 0 to change, 0 to destroy, 1 backup job to start');
      expect(perAccount).to.include('sandbox.member["shop-dev"], account 222222222222, eu-west-1: 1 to add, 0 to change, 0 to destroy, 1 backup job to start');
      const json = JSON.parse((await bkp('plan', '-json')).stdout) as { accounts: Array<{ provider: string; account_id?: string; add: number; jobs: number }> };
      expect(json.accounts.map((a) => [a.provider, a.account_id, a.add, a.jobs]).sort()).to.deep.equal([
        ['sandbox', '123456789012', 4, 0],
        ['sandbox.member["shop-dev"]', '222222222222', 1, 1],
        ['sandbox.member["shop-prod"]', '111111111111', 1, 1],
      ]);
    });

    it('applies the policies and their attachments, then plans no changes', async () => {
      const apply = await bkp('apply', '-auto-approve');
      expect(apply.code, apply.stdout + apply.stderr).to.equal(0);
      expect(apply.stdout).to.include('Apply complete! Resources: 6 added, 0 changed, 0 destroyed.');
      expect(apply.stdout).to.include('2 backup jobs started');
      expect(apply.stdout).to.include('Per account:\n');
      expect(apply.stdout).to.include('sandbox.member["shop-prod"], account 111111111111, eu-west-1: 1 added, 0 changed, 0 destroyed, 1 backup job started');
      const plan = await bkp('plan', '-detailed-exitcode');
      expect(plan.code, plan.stdout + plan.stderr).to.equal(0);
      expect(plan.stdout).to.include('No changes.');
    });
  });

  describe('seen by the AWS CLI through bkp sandbox serve', () => {
    let server: ServedSandbox | undefined;
    const organizations = async (...args: string[]): Promise<any> => {
      const run = await runAwsCli(server!.endpoint, dir, REGION, ['organizations', ...args]);
      expect(run.code, `aws organizations ${args.join(' ')}\n${run.stderr}`).to.equal(0);
      return JSON.parse(run.stdout);
    };
    const effective = async (account: string) =>
      JSON.parse((await organizations('describe-effective-policy', '--policy-type', 'BACKUP_POLICY', '--target-id', account)).EffectivePolicy.PolicyContent);

    before(async function () {
      if (!awsCliInstalled()) {
        process.stdout.write('skipped: the AWS CLI is not installed (aws --version)\n');
        this.skip();
      }
      server = await serveSandbox(dir);
    });
    after(async () => {
      await server?.stop();
    });

    it('lists the backup policies and the accounts', async () => {
      const policies = await organizations('list-policies', '--filter', 'BACKUP_POLICY');
      expect(policies.Policies.map((p: { Name: string }) => p.Name).sort()).to.deep.equal(['backup-baseline', 'backup-production']);
      const accounts = await organizations('list-accounts');
      expect(accounts.Accounts.map((a: { Id: string }) => a.Id).sort()).to.deep.equal(['111111111111', '123456789012', '222222222222']);
    });

    it("merges the root policy and the production override into each member account's effective policy", async () => {
      const prod = await effective('111111111111');
      expect(Object.keys(prod.plans)).to.deep.equal(['daily']);
      expect(prod.plans.daily.regions).to.deep.equal(['eu-west-1', 'eu-central-1', 'us-east-1']);
      expect(prod.plans.daily.rules.nightly.lifecycle.delete_after_days).to.equal('365');
      const dev = await effective('222222222222');
      expect(dev.plans.daily.regions).to.deep.equal(['eu-west-1', 'eu-central-1']);
      expect(dev.plans.daily.rules.nightly.lifecycle.delete_after_days).to.equal('35');
      expect(dev.plans.daily.selections.tags.tagged.iam_role_arn).to.equal('arn:aws:iam::$account:role/service-role/AWSBackupDefaultServiceRole');
    });
  });

  describe("the member accounts' own AWS Backup", () => {
    it("holds the policy's plans, read-only, beside the module's locked vault", async () => {
      const prod = await memberPlan('111111111111');
      expect(prod.rule.Lifecycle?.DeleteAfterDays).to.equal(365);
      expect(prod.rule.TargetBackupVaultName).to.equal('Default');
      expect((await memberPlan('222222222222')).rule.Lifecycle?.DeleteAfterDays).to.equal(35);
      const client = await memberBackup('111111111111');
      try {
        const vaults = (await client.send(new ListBackupVaultsCommand({}))).BackupVaultList ?? [];
        expect(vaults.map((v) => [v.BackupVaultName, v.Locked, v.MinRetentionDays, v.MaxRetentionDays])).to.deep.equal([['Default', true, 7, 400]]);
        const refused = await client.send(new DeleteBackupPlanCommand({ BackupPlanId: prod.planId })).then(
          () => undefined,
          (error: Error) => error,
        );
        expect(refused?.name).to.equal('InvalidRequestException');
      } finally {
        client.destroy();
      }
    });
  });

  describe('change', () => {
    it('plans a change of the override as an update of its document, and applies it', async () => {
      const file = join(dir, 'main.bkp.hcl');
      await writeFile(file, (await readFile(file, 'utf8')).replace('delete_after_days = 365', 'delete_after_days = 730'));
      const plan = await bkp('plan');
      expect(plan.code, plan.stdout + plan.stderr).to.equal(0);
      expect(plan.stdout).to.include('# org_backup_policy.production will be updated in place');
      expect(plan.stdout).to.match(/-\s+"@@assign": "365"/);
      expect(plan.stdout).to.match(/\+\s+"@@assign": "730"/);
      expect(plan.stdout).to.include('Plan: 0 to add, 1 to change, 0 to destroy');
      // The effect: production's accounts keep their points longer; the others do not change.
      expect(plan.stdout).to.include('account 111111111111 (shop-prod)\n    ~ plan "daily" in eu-west-1 rule "nightly": delete after 365 days → 730 days');
      expect(plan.stdout).to.not.include('(shop-dev)');
      const json = JSON.parse((await bkp('plan', '-json')).stdout) as { effects: Array<{ subject: string; causes: string[]; changes: Array<{ action: string }> }> };
      expect(json.effects.map((e) => e.subject)).to.deep.equal(['account 111111111111 (shop-prod)']);
      expect(json.effects[0]!.causes).to.deep.equal(['org_backup_policy.production']);
      expect(json.effects[0]!.changes).to.have.length(3);
      const before = await memberPlan('111111111111');
      const apply = await bkp('apply', '-auto-approve');
      expect(apply.code, apply.stdout + apply.stderr).to.equal(0);
      const again = await bkp('plan', '-detailed-exitcode');
      expect(again.code, again.stdout + again.stderr).to.equal(0);
      // AWS Backup in the production account now holds the changed plan; development's is as it was.
      const after = await memberPlan('111111111111');
      expect(after.rule.Lifecycle?.DeleteAfterDays).to.equal(730);
      expect(after.versionId).to.not.equal(before.versionId);
      expect((await memberPlan('222222222222')).rule.Lifecycle?.DeleteAfterDays).to.equal(35);
    });
  });

  describe('an override that leaves a plan incomplete', () => {
    it("is refused at plan time, naming the account whose merged plan has no vault", async () => {
      const file = join(dir, 'main.bkp.hcl');
      const text = await readFile(file, 'utf8');
      // Production's override names a second rule that only exists there, without a vault.
      await writeFile(file, text.replace('      child_operators = ["none"]\n    }', '      child_operators = ["none"]\n    }\n\n    rule "hourly" {\n      schedule = "cron(0 * ? * * *)"\n    }'));
      const plan = await bkp('plan');
      expect(plan.code, plan.stdout + plan.stderr).to.equal(1);
      expect(plan.stderr).to.include('Incomplete backup plan in account 111111111111 (shop-prod)');
      expect(plan.stderr).to.include('"hourly" has no "target_backup_vault_name" once the policies are merged');
      await writeFile(file, text);
    });
  });

  describe('destroy', () => {
    it('detaches the policies before deleting them', async () => {
      const destroy = await bkp('destroy', '-auto-approve');
      expect(destroy.code, destroy.stdout + destroy.stderr).to.equal(0);
      expect(destroy.stdout).to.include('Apply complete! Resources: 0 added, 0 changed, 8 destroyed.');
      const detached = destroy.stdout.indexOf('org_policy_attachment.production: Destruction complete');
      const deleted = destroy.stdout.indexOf('org_backup_policy.production: Destruction complete');
      expect(detached).to.be.greaterThan(-1);
      expect(deleted).to.be.greaterThan(detached);
    });
  });
});
