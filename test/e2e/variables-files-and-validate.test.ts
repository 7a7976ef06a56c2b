// `bkp validate` without values for required variables (unknown, as Terraform's validate), while
// plan still requires them; and the variable files bkp reads on its own (bkp.bkpvars.hcl,
// *.auto.bkpvars.hcl) below -var-file and -var.
import { expect } from 'chai';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { runBkp, tempDir } from '../support/cli.js';

const CONFIG = `provider "sandbox" {}

variable "env" {}

backup_vault "main" {
  name = "\${var.env}-vault"
}

backup_plan "daily" {
  name = "daily-\${var.env}"
  rule "daily" {
    target_vault         = backup_vault.main.name
    start_window_minutes = 30
  }
}
`;

/** The environment without BKP_VAR_*, so that the machine's variables cannot change the result. */
function cleanEnv(): NodeJS.ProcessEnv {
  return Object.fromEntries(Object.entries(process.env).map(([k, v]) => [k, k.startsWith('BKP_VAR_') ? undefined : v]));
}

describe('required variables in validate, and auto-loaded variable files', function () {
  this.timeout(60_000);
  let dir: string;
  let cleanup: () => Promise<void>;
  const bkp = (...args: string[]) => runBkp(['-chdir=' + dir, ...args], { cwd: dir, env: cleanEnv() });

  beforeEach(async () => {
    ({ dir, cleanup } = await tempDir());
  });
  afterEach(async () => cleanup());

  it('validate checks everything else when a required variable has no value; plan still requires it', async () => {
    await writeFile(join(dir, 'main.bkp.hcl'), CONFIG);
    const validate = await bkp('validate');
    expect(validate.code, validate.stderr).to.equal(1);
    expect(validate.stderr).to.include('Start window too short').and.not.include('No value for required variable');
    await writeFile(join(dir, 'main.bkp.hcl'), CONFIG.replace('start_window_minutes = 30', 'start_window_minutes = 60'));
    const valid = await bkp('validate');
    expect(valid.code, valid.stderr).to.equal(0);
    expect(valid.stdout).to.include('Success!');
    const plan = await bkp('plan');
    expect(plan.code).to.equal(1);
    expect(plan.stderr).to.include('No value for required variable');
  });

  it('reads bkp.bkpvars.hcl, then *.auto.bkpvars.hcl / .json in lexical order, then -var-file, then -var', async () => {
    await writeFile(join(dir, 'main.bkp.hcl'), 'provider "sandbox" {}\nvariable "a" {}\nvariable "b" {}\nvariable "c" {}\nvariable "d" {}\nvariable "e" {}\noutput "all" {\n  value = [var.a, var.b, var.c, var.d, var.e]\n}\n');
    await writeFile(join(dir, 'bkp.bkpvars.hcl'), 'a = "main"\nb = "main"\nc = "main"\nd = "main"\ne = "main"\n');
    await writeFile(join(dir, '1.auto.bkpvars.hcl'), 'b = "auto1"\nc = "auto1"\nd = "auto1"\ne = "auto1"\n');
    await writeFile(join(dir, '2.auto.bkpvars.json'), '{ "c": "auto2", "d": "auto2", "e": "auto2" }\n');
    await writeFile(join(dir, 'given.bkpvars.hcl'), 'd = "file"\ne = "file"\n');
    const apply = await bkp('apply', '-auto-approve', '-var-file=given.bkpvars.hcl', '-var', 'e=cli');
    expect(apply.code, apply.stdout + apply.stderr).to.equal(0);
    expect(apply.stdout).to.include('all = ["main", "auto1", "auto2", "file", "cli"]');
  });

  it('reports a problem in an auto-loaded file at its position', async () => {
    await writeFile(join(dir, 'main.bkp.hcl'), 'provider "sandbox" {}\nvariable "days" { type = number }\n');
    await writeFile(join(dir, 'prod.auto.bkpvars.hcl'), 'days = "many"\n');
    const validate = await bkp('validate');
    expect(validate.code).to.equal(1);
    expect(validate.stderr).to.include('Invalid value for input variable').and.include('prod.auto.bkpvars.hcl');
  });
});
