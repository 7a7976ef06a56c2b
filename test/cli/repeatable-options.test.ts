// Repeatable options (-var, -var-file, -target, -replace, -metadata…) take one value per
// occurrence, so options may come before the arguments, in Terraform's order.
import { expect } from 'chai';
import yargs from 'yargs';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { needsValues } from '../../src/cli/commands/option-values.js';
import { runInProcess } from '../reliability/support/in-process.js';
import { tempDir } from '../support/cli.js';

describe('repeatable options', function () {
  this.timeout(60_000);

  it('needsValues: one value per occurrence, the occurrences collected, the next word left to the arguments', async () => {
    const parse = (args: string[]) => yargs(args).option('var', { type: 'string', ...needsValues('-var', 'a value') }).parseSync();
    const once = parse(['--var', 'a=1', 'p.plan']);
    expect(once.var).to.deep.equal(['a=1']);
    expect(once._).to.deep.equal(['p.plan']);
    const twice = parse(['--var', 'a=1', '--var=b=2', 'x', 'y']);
    expect(twice.var).to.deep.equal(['a=1', 'b=2']);
    expect(twice._).to.deep.equal(['x', 'y']);
  });

  describe('on the command line', () => {
    let dir: string;
    let cleanup: () => Promise<void>;
    const bkp = (...args: string[]) => runInProcess(dir, ['-no-color', ...args]);

    beforeEach(async () => {
      ({ dir, cleanup } = await tempDir());
      await writeFile(
        join(dir, 'main.bkp.hcl'),
        `provider "sandbox" { path = ".bkp/sandbox.json" }
variable "owner" { type = string }
variable "token" {
  type      = string
  sensitive = true
  default   = "none"
}
backup_vault "v" {
  name = "v1"
  tags = { owner = var.owner }
}
`,
      );
      await writeFile(join(dir, 'o.bkpvars.hcl'), 'owner = "bob"\n');
    });
    afterEach(async () => cleanup());

    it('apply -var NAME=VALUE PLANFILE and apply -var-file=FILE PLANFILE apply the plan file', async () => {
      const plan = await bkp('plan', '-var', 'owner=bob', '-out=p.plan');
      expect(plan.code, plan.stderr).to.equal(0);
      const apply = await bkp('apply', '-var', 'owner=bob', 'p.plan');
      expect(apply.code, apply.stderr).to.equal(0);
      expect(apply.stdout).to.include('1 added');
      const again = await bkp('plan', '-var-file=o.bkpvars.hcl', '-out=q.plan');
      expect(again.code, again.stderr).to.equal(0);
      const applyFile = await bkp('apply', '-var-file=o.bkpvars.hcl', 'q.plan');
      expect(applyFile.code, applyFile.stderr).to.equal(0);
    });

    it('import -var NAME=VALUE ADDRESS ID takes both arguments', async () => {
      // The vault exists in the account but not in the state: applied, then forgotten.
      expect((await bkp('apply', '-auto-approve', '-var', 'owner=bob')).code).to.equal(0);
      expect((await bkp('state', 'rm', 'backup_vault.v')).code).to.equal(0);
      const imported = await bkp('import', '-var', 'owner=bob', 'backup_vault.v', 'v1');
      expect(imported.code, imported.stderr).to.equal(0);
    });

    it('plan -out repeats the -var-file and the sensitive -var that apply needs again', async () => {
      const plan = await bkp('plan', '-var-file=o.bkpvars.hcl', '-var', 'token=s3cret', '-var', 'owner=bob', '-out=p.plan');
      expect(plan.code, plan.stderr).to.equal(0);
      expect(plan.stdout).to.include("bkp apply -var-file=o.bkpvars.hcl -var 'token=…' p.plan");
      expect(plan.stdout).not.to.include('s3cret');
      const plain = await bkp('plan', '-var', 'owner=bob', '-out=saved plan');
      expect(plain.stdout).to.include("bkp apply 'saved plan'");
    });
  });
});
