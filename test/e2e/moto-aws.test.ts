// The same reconciler against an AWS-compatible endpoint: provider "aws" pointed at moto.
// moto implements vaults, plans, tags and vault lock, so this is the scenario that runs there.
import { expect } from 'chai';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { requireMoto, type MotoServer } from '../support/moto.js';
import { runBkp, tempDir } from '../support/cli.js';

// moto has no UpdateBackupPlan: in-place changes here are tag changes, which use TagResource.
const config = (endpoint: string, team: string) => `
provider "aws" {
  region   = "us-east-1"
  endpoint = "${endpoint}"
}

backup_vault "main" {
  name = "moto-main"
  tags = { team = "infra", env = "test" }
  lock {
    min_retention_days = 7
    max_retention_days = 400
  }
}

backup_plan "daily" {
  name = "moto-daily"
  rule "daily" {
    target_vault = backup_vault.main.name
    schedule     = "cron(0 5 ? * * *)"
    lifecycle {
      delete_after_days = 35
    }
  }
  tags = { team = "${team}" }
}
`;

describe('reconciler against moto (provider "aws")', function () {
  this.timeout(120_000);
  let moto: MotoServer;
  let dir: string;
  let cleanup: () => Promise<void>;
  const env = { AWS_ACCESS_KEY_ID: 'testing', AWS_SECRET_ACCESS_KEY: 'testing', AWS_REGION: 'us-east-1', AWS_EC2_METADATA_DISABLED: 'true' };
  const bkp = (...args: string[]) => runBkp(args, { cwd: dir, env });

  before(async function () {
    moto = await requireMoto(this);
    ({ dir, cleanup } = await tempDir());
  });
  after(async () => {
    await cleanup?.();
    await moto?.stop();
  });

  it('creates the vault (with lock and tags) and the plan, then converges to no changes', async () => {
    await writeFile(join(dir, 'main.bkp.hcl'), config(moto.endpoint, 'infra'));
    const apply = await bkp('apply', '-auto-approve');
    expect(apply.code, apply.stdout + apply.stderr).to.equal(0);
    expect(apply.stdout).to.include('Apply complete! Resources: 2 added, 0 changed, 0 destroyed.');
    const plan = await bkp('plan', '-detailed-exitcode');
    expect(plan.code, plan.stdout + plan.stderr).to.equal(0);
    expect(plan.stdout).to.include('No changes.');
  });

  it('updates plan tags in place and converges again', async () => {
    await writeFile(join(dir, 'main.bkp.hcl'), config(moto.endpoint, 'platform'));
    const plan = await bkp('plan', '-detailed-exitcode');
    expect(plan.code, plan.stdout + plan.stderr).to.equal(2);
    expect(plan.stdout).to.include('# backup_plan.daily will be updated in place');
    expect(plan.stdout).to.match(/~ "team" = "infra" -> "platform"/);
    const apply = await bkp('apply', '-auto-approve');
    expect(apply.code, apply.stdout + apply.stderr).to.equal(0);
    const again = await bkp('plan', '-detailed-exitcode');
    expect(again.code, again.stdout + again.stderr).to.equal(0);
  });

  it('destroys what it created', async () => {
    const destroy = await bkp('destroy', '-auto-approve');
    expect(destroy.code, destroy.stdout + destroy.stderr).to.equal(0);
    expect(destroy.stdout).to.include('2 destroyed');
  });

  it('refuses at plan time a vault whose name a vault outside the state holds', async () => {
    await writeFile(join(dir, 'main.bkp.hcl'), `provider "aws" {\n  region   = "us-east-1"\n  endpoint = "${moto.endpoint}"\n}\n\nbackup_vault "kept" {\n  name = "moto-taken"\n}\n`);
    expect((await bkp('apply', '-auto-approve')).code).to.equal(0);
    expect((await bkp('state', 'rm', 'backup_vault.kept')).code).to.equal(0);
    const plan = await bkp('plan');
    expect(plan.code, plan.stdout + plan.stderr).to.equal(1);
    expect(plan.stderr).to.include('backup_vault.kept cannot be created: a vault named "moto-taken" already exists');
    expect(plan.stderr).to.include('in us-east-1 (arn:aws:backup:us-east-1:').and.include('`bkp import backup_vault.kept moto-taken`');
  });
});
