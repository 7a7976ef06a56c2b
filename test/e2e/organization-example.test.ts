// examples/organization on a fresh sandbox: a root backup policy and a production OU override,
// applied by the built CLI, planned clean, changed (the override's retention), and destroyed;
// the AWS CLI through `bkp sandbox serve` sees the policies, the accounts, and each member
// account's effective policy merged by Organizations' rules. The AWS CLI part is skipped, with a
// message, on a machine without the `aws` command.
import { expect } from 'chai';
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

  before(async () => {
    ({ dir, cleanup } = await tempDir());
    await cp(EXAMPLE, dir, { recursive: true, filter: (src) => basename(src) !== '.bkp' && !/\.state\.json/.test(basename(src)) });
  });
  after(async () => cleanup());

  // Suites, not tests, so they run in this order (mocha runs a suite's own tests before its child suites).
  describe('apply', () => {
    it('applies the policies and their attachments, then plans no changes', async () => {
      const apply = await bkp('apply', '-auto-approve');
      expect(apply.code, apply.stdout + apply.stderr).to.equal(0);
      expect(apply.stdout).to.include('Apply complete! Resources: 4 added, 0 changed, 0 destroyed.');
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
      const apply = await bkp('apply', '-auto-approve');
      expect(apply.code, apply.stdout + apply.stderr).to.equal(0);
      const again = await bkp('plan', '-detailed-exitcode');
      expect(again.code, again.stdout + again.stderr).to.equal(0);
    });
  });

  describe('destroy', () => {
    it('detaches the policies before deleting them', async () => {
      const destroy = await bkp('destroy', '-auto-approve');
      expect(destroy.code, destroy.stdout + destroy.stderr).to.equal(0);
      expect(destroy.stdout).to.include('Apply complete! Resources: 0 added, 0 changed, 4 destroyed.');
      const detached = destroy.stdout.indexOf('org_policy_attachment.production: Destruction complete');
      const deleted = destroy.stdout.indexOf('org_backup_policy.production: Destruction complete');
      expect(detached).to.be.greaterThan(-1);
      expect(deleted).to.be.greaterThan(detached);
    });
  });
});
