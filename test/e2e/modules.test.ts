// Local modules and moved blocks end to end through bin/bkp.js on the sandbox: examples/team (a
// module per environment) applies and plans clean; a root resource moved into a module plans as a
// move (0 to add, 0 to destroy) and applies as a state rewrite, the object in the account untouched.
import { expect } from 'chai';
import { cp, mkdir, rm, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { runBkp, tempDir } from '../support/cli.js';

const TEAM = resolve(import.meta.dirname, '../../examples/team');

const ENVIRONMENT_MODULE = `variable "env" {
  type = string
}

backup_vault "main" {
  name = "\${var.env}-vault"
}

backup_plan "daily" {
  name = "\${var.env}-daily"
  rule "daily" {
    target_vault = backup_vault.main.name
    schedule     = "cron(0 3 ? * * *)"
    lifecycle {
      delete_after_days = 35
    }
  }
}

output "vault_name" {
  value = backup_vault.main.name
}
`;

describe('local modules and moved blocks end to end (sandbox)', function () {
  this.timeout(180_000);
  let dir: string;
  let cleanup: () => Promise<void>;
  beforeEach(async () => ({ dir, cleanup } = await tempDir('bkp-modules-')));
  afterEach(async () => cleanup());
  const bkp = (...args: string[]) => runBkp(args, { cwd: dir });

  it('examples/team (a module per environment, outputs, data sources) validates, applies, reports its outputs and plans no change', async () => {
    await cp(TEAM, dir, { recursive: true });
    await rm(join(dir, '.bkp'), { recursive: true, force: true });
    expect((await bkp('fmt', '-check', '-recursive')).code).to.equal(0);
    const validate = await bkp('validate');
    expect(validate.code, validate.stderr).to.equal(0);
    const apply = await bkp('apply', '-auto-approve', '-no-color');
    expect(apply.code, apply.stderr).to.equal(0);
    expect(apply.stdout).to.include('Apply complete! Resources: 9 added, 0 changed, 0 destroyed.');
    expect(apply.stdout).to.include('module.environment["prod"].backup_selection.tagged: Creation complete');
    const outputs = JSON.parse((await bkp('output', '-json')).stdout) as Record<string, { value: unknown }>;
    expect(outputs.vault_names!.value).to.deep.equal({ dev: 'dev-vault', prod: 'prod-vault', staging: 'staging-vault' });
    // Data sources read at plan time: the caller's account, and the IAM role every environment's selection uses.
    expect(outputs.account_id!.value).to.equal('123456789012');
    const selection = (await bkp('state', 'show', 'module.environment["dev"].backup_selection.tagged')).stdout;
    expect(selection).to.match(/iam_role_arn\s+= "arn:aws:iam::123456789012:role\/service-role\/AWSBackupDefaultServiceRole"/);
    const again = await bkp('plan', '-detailed-exitcode');
    expect(again.code, again.stdout + again.stderr).to.equal(0);
    const list = await bkp('state', 'list');
    expect(list.stdout.split('\n')).to.include('module.environment["staging"].backup_plan.daily');
  });

  it('reads the data blocks of module instances, nested ones included, before planning what uses them', async () => {
    // An account-named vault per instance: data.caller_identity inside the module, and a role
    // looked up by a name that the calling module passes in, one level further down.
    await mkdir(join(dir, 'modules/account/role'), { recursive: true });
    await writeFile(
      join(dir, 'modules/account/main.bkp.hcl'),
      `variable "env" {\n  type = string\n}\n\ndata "caller_identity" "me" {}\n\nmodule "role" {\n  source = "./role"\n  name   = "AWSBackupDefaultServiceRole"\n}\n\n` +
        `backup_vault "main" {\n  name = "\${var.env}-\${data.caller_identity.me.account_id}"\n}\n\noutput "vault_name" {\n  value = backup_vault.main.name\n}\n\noutput "role_arn" {\n  value = module.role.arn\n}\n`,
    );
    await writeFile(join(dir, 'modules/account/role/main.bkp.hcl'), `variable "name" {\n  type = string\n}\n\ndata "iam_role" "backup" {\n  name = var.name\n}\n\noutput "arn" {\n  value = data.iam_role.backup.arn\n}\n`);
    await writeFile(
      join(dir, 'main.bkp.hcl'),
      `provider "sandbox" {}\n\nmodule "env" {\n  for_each = toset(["dev", "prod"])\n  source   = "./modules/account"\n  env      = each.key\n}\n\n` +
        `output "vaults" {\n  value = { for k, m in module.env : k => m.vault_name }\n}\n\noutput "roles" {\n  value = { for k, m in module.env : k => m.role_arn }\n}\n`,
    );
    const plan = await bkp('plan', '-no-color');
    expect(plan.code, plan.stderr).to.equal(0);
    expect(plan.stdout).to.match(/name += "dev-123456789012"/);
    const apply = await bkp('apply', '-auto-approve', '-no-color');
    expect(apply.code, apply.stdout + apply.stderr).to.equal(0);
    expect(apply.stdout).to.include('Resources: 2 added, 0 changed, 0 destroyed.');
    const outputs = JSON.parse((await bkp('output', '-json')).stdout) as Record<string, { value: unknown }>;
    expect(outputs.vaults!.value).to.deep.equal({ dev: 'dev-123456789012', prod: 'prod-123456789012' });
    expect(outputs.roles!.value).to.deep.equal({
      dev: 'arn:aws:iam::123456789012:role/service-role/AWSBackupDefaultServiceRole',
      prod: 'arn:aws:iam::123456789012:role/service-role/AWSBackupDefaultServiceRole',
    });
    const again = await bkp('plan', '-detailed-exitcode');
    expect(again.code, again.stdout + again.stderr).to.equal(0);
  });

  it('applies count instances of a module (module.env[0], [1]) and destroys the last when count goes down', async () => {
    await mkdir(join(dir, 'modules/environment'), { recursive: true });
    await writeFile(join(dir, 'modules/environment/main.bkp.hcl'), ENVIRONMENT_MODULE);
    const root = (count: string) =>
      writeFile(
        join(dir, 'main.bkp.hcl'),
        `provider "sandbox" {}\n\nvariable "with_dr" {\n  default = false\n}\n\nmodule "env" {\n  count  = ${count}\n  source = "./modules/environment"\n  env    = "e\${count.index}"\n}\n\n` +
          `output "names" {\n  value = module.env[*].vault_name\n}\n`,
      );
    await root('2');
    const apply = await bkp('apply', '-auto-approve', '-no-color');
    expect(apply.code, apply.stdout + apply.stderr).to.equal(0);
    expect((await bkp('state', 'list')).stdout.split('\n').filter(Boolean)).to.deep.equal([
      'module.env[0].backup_plan.daily',
      'module.env[0].backup_vault.main',
      'module.env[1].backup_plan.daily',
      'module.env[1].backup_vault.main',
    ]);
    expect(JSON.parse((await bkp('output', '-json', 'names')).stdout)).to.deep.equal(['e0-vault', 'e1-vault']);
    // count from an untyped variable given as -var: "true" is the bool, as in Terraform.
    await root('var.with_dr ? 2 : 1');
    const plan = await bkp('plan', '-json');
    const changes = (JSON.parse(plan.stdout) as { resource_changes: Array<{ address: string; change: { actions: string[] } }> }).resource_changes;
    expect(changes.filter((c) => c.change.actions.includes('delete')).map((c) => c.address).sort()).to.deep.equal(['module.env[1].backup_plan.daily', 'module.env[1].backup_vault.main']);
    const same = await bkp('plan', '-detailed-exitcode', '-var', 'with_dr=true');
    expect(same.code, same.stdout + same.stderr).to.equal(0);
  });

  it('moves a root vault into a module instance without destroying or creating anything', async () => {
    await mkdir(join(dir, 'modules/environment'), { recursive: true });
    await writeFile(join(dir, 'modules/environment/main.bkp.hcl'), ENVIRONMENT_MODULE);
    const root = (body: string) =>
      writeFile(join(dir, 'main.bkp.hcl'), `provider "sandbox" {}\n\nmodule "env" {\n  for_each = toset(["dev", "staging"])\n  source   = "./modules/environment"\n  env      = each.key\n}\n\n${body}`);
    await root('backup_vault "prod" {\n  name = "prod-vault"\n}\n');
    expect((await bkp('apply', '-auto-approve')).code).to.equal(0);
    const before = JSON.parse((await bkp('state', 'pull')).stdout) as { resources: Array<{ address: string; id: string; attributes: { arn: string } }> };
    const vault = before.resources.find((r) => r.address === 'backup_vault.prod')!;

    await root('module "prod" {\n  source = "./modules/environment"\n  env    = "prod"\n}\n\nmoved {\n  from = backup_vault.prod\n  to   = module.prod.backup_vault.main\n}\n');
    const plan = await bkp('plan', '-json');
    const json = JSON.parse(plan.stdout) as { summary: Record<string, number>; resource_changes: Array<Record<string, unknown> & { change: { actions: string[] } }> };
    expect(json.summary).to.include({ destroy: 0, move: 1 });
    // The module's plan is new; the vault is only moved.
    expect(json.summary.add).to.equal(1);
    const moved = json.resource_changes.find((c) => c.address === 'module.prod.backup_vault.main')!;
    expect(moved).to.include({ previous_address: 'backup_vault.prod', module_address: 'module.prod', type: 'backup_vault', name: 'main' });
    expect(moved.change.actions).to.deep.equal(['no-op']);
    const human = await bkp('plan', '-no-color');
    expect(human.stdout).to.include('# backup_vault.prod has moved to module.prod.backup_vault.main');

    const apply = await bkp('apply', '-auto-approve', '-no-color');
    expect(apply.code, apply.stderr).to.equal(0);
    expect(apply.stdout).to.not.match(/backup_vault\.(prod|main): (Destroying|Creating|Modifying)/);
    expect(apply.stdout).to.include('Resources: 1 added, 0 changed, 0 destroyed.');
    const after = JSON.parse((await bkp('state', 'pull')).stdout) as typeof before;
    const movedVault = after.resources.find((r) => r.address === 'module.prod.backup_vault.main')!;
    expect([movedVault.id, movedVault.attributes.arn]).to.deep.equal([vault.id, vault.attributes.arn]);
    expect(after.resources.some((r) => r.address === 'backup_vault.prod')).to.equal(false);
    const again = await bkp('plan', '-detailed-exitcode');
    expect(again.code, again.stdout + again.stderr).to.equal(0);
  });
});
