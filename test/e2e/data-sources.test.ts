// data blocks end to end on the sandbox: a configuration whose resources refer to an existing
// vault, the default backup role and the caller's account applies, then plans clean; validate
// reads nothing; a data block naming what does not exist fails at its position, without a stack;
// BKP_LOG=debug shows the reads, and the state records nothing of them.
import { expect } from 'chai';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { runBkp, tempDir } from '../support/cli.js';

const EXISTING = `provider "sandbox" { path = "../.bkp/sandbox.json" }

backup_vault "existing" {
  name = "existing"
  tags = { team = "storage" }
}
`;

const CONFIG = `provider "sandbox" {}

data "backup_vault" "existing" {
  name = "existing"
}

data "iam_role" "backup" {
  name = "AWSBackupDefaultServiceRole"
}

data "caller_identity" "me" {}

data "kms_key" "backup" {
  key_id = "alias/aws/backup"
}

data "region" "current" {}

backup_vault "main" {
  name = "main-\${data.caller_identity.me.account_id}"
  tags = {
    copies_to = data.backup_vault.existing.arn
    team      = data.backup_vault.existing.tags["team"]
    region    = data.region.current.name
  }
}

backup_plan "daily" {
  name = "daily"
  rule "daily" {
    target_vault = backup_vault.main.name
    schedule     = "cron(0 5 ? * * *)"
    lifecycle { delete_after_days = 35 }
    copy { destination_vault_arn = data.backup_vault.existing.arn }
  }
}

backup_selection "all" {
  plan         = backup_plan.daily
  name         = "all"
  iam_role_arn = data.iam_role.backup.arn
  resources    = ["arn:aws:ec2:*:*:instance/*"]
}

output "account" {
  value = data.caller_identity.me.account_id
}

output "backup_key" {
  value = data.kms_key.backup.arn
}
`;

describe('data sources on the sandbox', function () {
  this.timeout(180_000);
  let dir: string;
  let cleanup: () => Promise<void>;
  const bkp = (args: string[], env: NodeJS.ProcessEnv = {}) => runBkp(['-chdir=' + dir, ...args], { cwd: dir, env });

  before(async () => {
    ({ dir, cleanup } = await tempDir());
    // The vault the data block reads is made by another configuration (its own directory and
    // state, the same sandbox account), as another team's would be.
    const other = join(dir, 'storage');
    await mkdir(other);
    await writeFile(join(other, 'main.bkp.hcl'), EXISTING);
    const made = await runBkp(['-chdir=' + other, 'apply', '-auto-approve'], { cwd: other });
    expect(made.code, made.stdout + made.stderr).to.equal(0);
    await writeFile(join(dir, 'main.bkp.hcl'), CONFIG);
  });
  after(async () => cleanup());

  it('validate reads no data source: their attributes are unknown and the configuration is valid', async () => {
    const result = await bkp(['validate'], { BKP_LOG: 'debug' });
    expect(result.code, result.stdout + result.stderr).to.equal(0);
    expect(result.stderr).to.not.include('bkp data:').and.not.include('bkp aws:');
  });

  it('apply resolves data.backup_vault, data.iam_role and data.caller_identity in resources and outputs', async () => {
    const apply = await bkp(['apply', '-auto-approve']);
    expect(apply.code, apply.stdout + apply.stderr).to.equal(0);
    expect(apply.stdout).to.match(/account = "123456789012"/);
    expect(apply.stdout).to.match(/backup_key = "arn:aws:kms:us-east-1:123456789012:key\/[0-9a-f-]{36}"/);
    // The state records the resources (and outputs) made from the data, nothing of the data blocks.
    const text = await readFile(join(dir, 'bkp.state.json'), 'utf8');
    expect(text).to.not.include('data.');
    expect(text).to.include('main-123456789012');
    expect(text).to.include('arn:aws:iam::123456789012:role/service-role/AWSBackupDefaultServiceRole');
    expect(text).to.include('arn:aws:backup:us-east-1:123456789012:backup-vault:existing');
  });

  it('the next plan shows no change, and shows the reads only in the BKP_LOG=debug log', async () => {
    const plan = await bkp(['plan', '-detailed-exitcode'], { BKP_LOG: 'debug' });
    expect(plan.code, plan.stdout + plan.stderr).to.equal(0);
    expect(plan.stdout).to.include('No changes').and.not.include('data.');
    for (const address of ['data.backup_vault.existing', 'data.iam_role.backup', 'data.caller_identity.me', 'data.kms_key.backup', 'data.region.current']) {
      expect(plan.stderr).to.include(`bkp data: ${address} read`);
    }
    expect(plan.stderr).to.include('STS.GetCallerIdentity').and.include('IAM.GetRole').and.include('KMS.DescribeKey');
  });

  it('a data block naming a vault that does not exist fails the plan at its name, without a stack', async () => {
    await writeFile(join(dir, 'main.bkp.hcl'), CONFIG.replace('name = "existing"', 'name = "missing"'));
    const plan = await bkp(['plan']);
    expect(plan.code).to.equal(1);
    expect(plan.stderr).to.include('Data source object not found');
    expect(plan.stderr).to.include('There is no backup vault named "missing" in us-east-1.');
    expect(plan.stderr).to.match(/main\.bkp\.hcl line 4/);
    expect(plan.stderr).to.not.match(/\n\s+at /);
    // The state was not locked and is unchanged: the read failed before it was opened.
    await writeFile(join(dir, 'main.bkp.hcl'), CONFIG);
    const again = await bkp(['plan', '-detailed-exitcode']);
    expect(again.code, again.stdout + again.stderr).to.equal(0);
  });
});
