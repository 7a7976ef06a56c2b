// bkp console through the built CLI, as a script uses it: expressions piped in, one value per
// line on stdout, diagnostics on stderr, exit 1 when any expression failed; computed attributes
// come from the state once applied.
import { expect } from 'chai';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { runBkp, tempDir } from '../support/cli.js';

const CONFIG = `provider "sandbox" {}

variable "env" {
  default = "prod"
}

variable "token" {
  default   = "hunter2"
  sensitive = true
}

locals {
  days = 35
}

backup_vault "main" {
  name = "\${var.env}-vault"
  tags = { env = var.env }
}
`;

describe('bkp console (CLI)', function () {
  this.timeout(120_000);
  let dir: string;
  let cleanup: () => Promise<void>;
  const bkp = (args: string[], input: string) => runBkp(args, { cwd: dir, input });

  before(async () => {
    ({ dir, cleanup } = await tempDir());
    await writeFile(join(dir, 'main.bkp.hcl'), CONFIG);
  });
  after(async () => cleanup());

  it('prints each value of piped expressions in HCL syntax and exits 0', async () => {
    const run = await bkp(['console', '-var', 'env=dev'], 'var.env\nlocal.days + 1\nbackup_vault.main.tags\nvar.token\nbackup_vault.main.arn\n');
    expect(run.code, run.stderr).to.equal(0);
    expect(run.stdout).to.equal('"dev"\n36\n{\n  "env" = "dev"\n}\n(sensitive value)\n(known after apply)\n');
    expect(run.stderr).to.equal('');
  });

  it('reports a failing expression at <console>:line:column, goes on, and exits 1', async () => {
    const run = await bkp(['console'], 'var.nope\nupper(var.env)\n');
    expect(run.code).to.equal(1);
    expect(run.stdout).to.equal('"PROD"\n');
    expect(run.stderr).to.include('Reference to undeclared input variable');
    expect(run.stderr).to.include('on <console> line 1');
    expect(run.stderr).to.not.include('bkp_console_expression');
  });

  it('reads computed attributes from the state after apply', async () => {
    const apply = await runBkp(['apply', '-auto-approve'], { cwd: dir });
    expect(apply.code, apply.stderr).to.equal(0);
    const run = await bkp(['console'], 'backup_vault.main.arn\n');
    expect(run.code, run.stderr).to.equal(0);
    expect(run.stdout).to.match(/^"arn:aws:backup:[a-z0-9-]+:\d{12}:backup-vault:prod-vault"\n$/);
  });
});
