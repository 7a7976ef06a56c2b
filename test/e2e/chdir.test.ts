// -chdir=DIR as Terraform's: every relative path a command is given is relative to DIR.
import { expect } from 'chai';
import { existsSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { runBkp, tempDir } from '../support/cli.js';

const config = `
provider "sandbox" {
  path = ".bkp/sandbox.json"
}

variable "days" {
  type = number
}

backup_vault "main" {
  name = "main"
}

backup_plan "daily" {
  name = "daily"
  rule "daily" {
    target_vault = backup_vault.main.name
    lifecycle {
      delete_after_days = var.days
    }
  }
}

policy "company" {
  control "backup_plan_min_frequency_and_min_retention" {
    required_retention_days = 7
  }
}
`;

describe('-chdir: relative paths are relative to the directory', function () {
  this.timeout(120_000);
  let root: string;
  let cleanup: () => Promise<void>;
  const inRoot = (...args: string[]) => runBkp(args, { cwd: root });

  before(async () => {
    ({ dir: root, cleanup } = await tempDir());
    await mkdir(join(root, 'env'));
    await writeFile(join(root, 'env', 'main.bkp.hcl'), config);
    await writeFile(join(root, 'env', 'prod.bkpvars.hcl'), 'days = 35\n');
  });
  after(async () => cleanup());

  it('-var-file, plan -out, show PLANFILE and apply PLANFILE all read and write inside DIR', async () => {
    const plan = await inRoot('-chdir=env', 'plan', '-var-file=prod.bkpvars.hcl', '-out=saved.plan');
    expect(plan.code, plan.stdout + plan.stderr).to.equal(0);
    expect(existsSync(join(root, 'env', 'saved.plan'))).to.equal(true);
    expect(existsSync(join(root, 'saved.plan'))).to.equal(false);
    const show = await inRoot('-chdir=env', 'show', 'saved.plan');
    expect(show.code, show.stderr).to.equal(0);
    expect(show.stdout).to.include('backup_plan.daily will be created');
    const apply = await inRoot('-chdir=env', 'apply', 'saved.plan');
    expect(apply.code, apply.stdout + apply.stderr).to.equal(0);
    expect(apply.stdout).to.include('Resources: 2 added');
  });

  it('check -out writes the report inside DIR', async () => {
    const check = await inRoot('-chdir=env', 'check', '-var-file=prod.bkpvars.hcl', '-format=sarif', '-out=report.sarif');
    expect(check.code, check.stdout + check.stderr).to.equal(0);
    expect(existsSync(join(root, 'env', 'report.sarif'))).to.equal(true);
    expect(existsSync(join(root, 'report.sarif'))).to.equal(false);
  });
});
