// bkp never removes what it does not manage. Changes are made behind its back with the real AWS CLI
// over `bkp sandbox serve` (a tag, a vault access policy, a plan edited in the console's manner with
// settings bkp does not model); `plan` says what it keeps, and `apply` leaves all of it in place.
// Skipped, with a message, on a machine without the `aws` command.
import { expect } from 'chai';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { startSandboxServer, type RunningSandboxServer } from '../../src/sandbox/server.js';
import { awsCliInstalled, runAwsCli } from '../support/aws-cli.js';
import { runBkp, tempDir } from '../support/cli.js';

const REGION = 'eu-west-1';
const SCANNER_ROLE = 'arn:aws:iam::123456789012:role/scanner';
const config = (days: number, team: string) => `
provider "sandbox" {
  path   = ".bkp/sandbox.json"
  region = "${REGION}"
}

backup_vault "main" {
  name = "main"
  tags = { team = "${team}" }
}

backup_plan "daily" {
  name = "daily"
  rule "daily" {
    target_vault = backup_vault.main.name
    lifecycle {
      delete_after_days = ${days}
    }
  }
  tags = { team = "${team}" }
}
`;

const DENY_DELETE = JSON.stringify({
  Version: '2012-10-17',
  Statement: [{ Sid: 'no-delete', Effect: 'Deny', Principal: '*', Action: 'backup:DeleteRecoveryPoint', Resource: '*' }],
});

describe('unmanaged settings survive bkp (drift made with the AWS CLI over sandbox serve)', function () {
  this.timeout(180_000);
  let dir: string;
  let cleanup: () => Promise<void>;
  let server: RunningSandboxServer;
  const bkp = (...args: string[]) => runBkp(args, { cwd: dir });

  async function aws(...args: string[]): Promise<unknown> {
    const run = await runAwsCli(server.endpoint, dir, REGION, args);
    if (run.code !== 0) throw new Error(`aws ${args.join(' ')} exited ${run.code}: ${run.stderr}`);
    return run.stdout.trim() === '' ? undefined : JSON.parse(run.stdout);
  }

  before(async function () {
    if (!awsCliInstalled()) {
      process.stdout.write('skipped: the AWS CLI is not installed (aws --version)\n');
      this.skip();
    }
    ({ dir, cleanup } = await tempDir());
    await writeFile(join(dir, 'main.bkp.hcl'), config(35, 'infra'));
    const first = await bkp('apply', '-auto-approve');
    expect(first.code, first.stdout + first.stderr).to.equal(0);
    server = await startSandboxServer({ path: join(dir, '.bkp/sandbox.json'), region: REGION });
  });
  after(async () => {
    await server?.close();
    await cleanup?.();
  });

  let planId: string;
  let vaultArn: string;

  it('someone tags the vault, adds an access policy and edits the plan in the console; plan changes nothing', async () => {
    const vault = (await aws('backup', 'describe-backup-vault', '--backup-vault-name', 'main')) as { BackupVaultArn: string };
    vaultArn = vault.BackupVaultArn;
    await aws('backup', 'tag-resource', '--resource-arn', vaultArn, '--tags', 'cost=center-1');
    await aws('backup', 'put-backup-vault-access-policy', '--backup-vault-name', 'main', '--policy', DENY_DELETE);
    const plans = (await aws('backup', 'list-backup-plans')) as { BackupPlansList: Array<{ BackupPlanId: string }> };
    planId = plans.BackupPlansList[0]!.BackupPlanId;
    const current = (await aws('backup', 'get-backup-plan', '--backup-plan-id', planId)) as { BackupPlan: { Rules: Array<Record<string, unknown>> } & Record<string, unknown> };
    const { Rules, ...rest } = current.BackupPlan;
    const edited = {
      ...rest,
      Rules: Rules.map(({ RuleId: _id, ...rule }) => ({ ...rule, IndexActions: [{ ResourceTypes: ['EBS'] }] })),
      ScanSettings: [{ MalwareScanner: 'GUARDDUTY', ResourceTypes: ['EBS'], ScannerRoleArn: SCANNER_ROLE }],
      AdvancedBackupSettings: [{ ResourceType: 'S3', BackupOptions: { BackupACLs: 'disabled' } }],
    };
    await writeFile(join(dir, 'console-plan.json'), JSON.stringify(edited));
    await aws('backup', 'update-backup-plan', '--backup-plan-id', planId, '--backup-plan', `file://${join(dir, 'console-plan.json')}`);

    const plan = await bkp('plan', '-detailed-exitcode');
    expect(plan.code, plan.stdout + plan.stderr).to.equal(0);
    expect(plan.stdout).to.include('No changes.');
  });

  it('an edit of managed settings plans the update and names what it keeps', async () => {
    await writeFile(join(dir, 'main.bkp.hcl'), config(42, 'storage'));
    const plan = await bkp('plan');
    expect(plan.code, plan.stdout + plan.stderr).to.equal(0);
    // bkp models these settings but manages them only once the configuration sets them: named, kept.
    for (const setting of ['scan_setting', 'advanced_backup_setting', 'index_action of rule "daily"']) {
      expect(plan.stderr).to.include(`backup_plan.daily: ${setting} set outside bkp`);
    }
    expect(plan.stdout).to.include('not managed, left as the account has them (the configuration sets none): access_policy, notifications');
    expect(plan.stdout).to.not.match(/-\s+"cost"/);
    expect(plan.stdout).to.include('Plan: 0 to add, 2 to change, 0 to destroy');
  });

  it('apply leaves every unmanaged field, tag and the policy in place, also on the next update', async () => {
    for (const [days, team] of [
      [42, 'storage'],
      [43, 'platform'],
    ] as const) {
      await writeFile(join(dir, 'main.bkp.hcl'), config(days, team));
      const apply = await bkp('apply', '-auto-approve');
      expect(apply.code, apply.stdout + apply.stderr).to.equal(0);
      const plan = (await aws('backup', 'get-backup-plan', '--backup-plan-id', planId)) as {
        BackupPlan: { Rules: Array<{ IndexActions?: unknown; Lifecycle?: { DeleteAfterDays?: number } }>; ScanSettings?: unknown; AdvancedBackupSettings?: unknown };
      };
      expect(plan.BackupPlan.Rules[0]!.Lifecycle?.DeleteAfterDays).to.equal(days);
      expect(plan.BackupPlan.Rules[0]!.IndexActions).to.deep.equal([{ ResourceTypes: ['EBS'] }]);
      expect(plan.BackupPlan.ScanSettings).to.deep.equal([{ MalwareScanner: 'GUARDDUTY', ResourceTypes: ['EBS'], ScannerRoleArn: SCANNER_ROLE }]);
      expect(plan.BackupPlan.AdvancedBackupSettings).to.deep.equal([{ ResourceType: 'S3', BackupOptions: { BackupACLs: 'disabled' } }]);
      const tags = (await aws('backup', 'list-tags', '--resource-arn', vaultArn)) as { Tags: Record<string, string> };
      expect(tags.Tags).to.deep.equal({ team, cost: 'center-1' });
      const policy = (await aws('backup', 'get-backup-vault-access-policy', '--backup-vault-name', 'main')) as { Policy: string };
      expect(JSON.parse(policy.Policy)).to.deep.equal(JSON.parse(DENY_DELETE));
    }
    const again = await bkp('plan', '-detailed-exitcode');
    expect(again.code, again.stdout + again.stderr).to.equal(0);
  });
});
