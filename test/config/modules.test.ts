// Local modules: reading their directories, evaluating each instance with the call's arguments,
// addresses with the module prefix, outputs read as module.NAME.OUTPUT, providers passed down,
// dependencies across the call, and the diagnostics of calls.
import { expect } from 'chai';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { readConfiguration } from '../../src/config/load.js';
import { resourceEvaluator } from '../../src/config/evaluate.js';
import type { ResourceConfig } from '../../src/config/model.js';
import { UNKNOWN } from '../../src/core/values.js';

const VAULTS = `
variable "env" {
  type = string
}

variable "days" {
  type    = number
  default = 35
  validation {
    condition     = var.days >= 1
    error_message = "days must be at least 1."
  }
}

locals {
  name = "vault-\${var.env}"
}

backup_vault "main" {
  name = local.name
}

backup_plan "daily" {
  name = "daily-\${var.env}"
  rule "daily" {
    target_vault = backup_vault.main.name
    schedule     = "cron(0 5 ? * * *)"
    lifecycle {
      delete_after_days = var.days
    }
  }
}

output "vault_name" {
  value = backup_vault.main.name
}

output "plan_id" {
  value = backup_plan.daily.id
}
`;

describe('local modules', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'bkp-modules-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  function write(files: Record<string, string>): void {
    for (const [path, text] of Object.entries(files)) {
      mkdirSync(dirname(join(dir, path)), { recursive: true });
      writeFileSync(join(dir, path), text);
    }
  }

  async function read(files: Record<string, string>) {
    write(files);
    const result = await readConfiguration({ dir });
    const errors = result.diagnostics.filter((d) => d.severity === 'error');
    return { ...result, errors, addresses: result.config?.resources.map((r) => r.address) ?? [] };
  }

  function find(resources: ResourceConfig[] | undefined, address: string): ResourceConfig {
    const found = resources?.find((r) => r.address === address);
    if (!found) throw new Error(`no ${address} among ${resources?.map((r) => r.address).join(', ')}`);
    return found;
  }

  it('evaluates each for_each instance with its arguments, under module.NAME["KEY"] addresses', async () => {
    const result = await read({
      'main.bkp.hcl': `provider "sandbox" {}
module "env" {
  for_each = { dev = 7, prod = 35 }
  source   = "./modules/vaults"
  env      = each.key
  days     = each.value
}
output "vaults" {
  value = { for k, m in module.env : k => m.vault_name }
}
`,
      'modules/vaults/main.bkp.hcl': VAULTS,
    });
    expect(result.errors).to.deep.equal([]);
    expect(result.addresses).to.deep.equal([
      'module.env["dev"].backup_vault.main',
      'module.env["dev"].backup_plan.daily',
      'module.env["prod"].backup_vault.main',
      'module.env["prod"].backup_plan.daily',
    ]);
    const plan = find(result.config?.resources, 'module.env["prod"].backup_plan.daily');
    expect(plan.kind).to.equal('backup_plan');
    expect(plan.name).to.equal('daily');
    expect((plan.attributes.rule as Array<Record<string, unknown>>)[0]!.lifecycle).to.deep.equal({ delete_after_days: 35 });
    expect(plan.dependencies).to.deep.equal(['module.env["prod"].backup_vault.main']);
    expect(plan.provider).to.equal('sandbox');
    expect(result.config?.outputs.find((o) => o.name === 'vaults')?.value).to.deep.equal({ dev: 'vault-dev', prod: 'vault-prod' });
    // Module files are part of the configuration (plan-file hash, excerpts).
    expect(result.config?.files.map((f) => f.path)).to.include('modules/vaults/main.bkp.hcl');
    expect(result.sources.has('modules/vaults/main.bkp.hcl')).to.equal(true);
  });

  it('evaluates count instances under module.NAME[i] addresses; module.NAME is the list of them, and count = 0 none', async () => {
    const result = await read({
      'main.bkp.hcl': `provider "sandbox" {}
variable "enabled" {
  default = false
}
module "env" {
  count  = 2
  source = "./modules/vaults"
  env    = "e\${count.index}"
}
module "optional" {
  count  = var.enabled ? 1 : 0
  source = "./modules/vaults"
  env    = "optional"
}
output "names" {
  value = module.env[*].vault_name
}
output "second" {
  value = module.env[1].vault_name
}
output "optional" {
  value = module.optional[*].vault_name
}
`,
      'modules/vaults/main.bkp.hcl': VAULTS,
    });
    expect(result.errors).to.deep.equal([]);
    expect(result.addresses).to.deep.equal(['module.env[0].backup_vault.main', 'module.env[0].backup_plan.daily', 'module.env[1].backup_vault.main', 'module.env[1].backup_plan.daily']);
    const outputs = Object.fromEntries(result.config!.outputs.map((o) => [o.name, o.value]));
    expect(outputs).to.deep.equal({ names: ['vault-e0', 'vault-e1'], second: 'vault-e1', optional: [] });
  });

  it('refuses count with for_each on a module, an output read without an index, and an index past the count', async () => {
    const both = await read({
      'main.bkp.hcl': `provider "sandbox" {}\nmodule "env" {\n  count    = 1\n  for_each = toset(["a"])\n  source   = "./modules/vaults"\n  env      = "x"\n}\n`,
      'modules/vaults/main.bkp.hcl': VAULTS,
    });
    expect(both.errors.map((d) => d.summary)).to.deep.equal(['Invalid combination of "count" and "for_each"']);
    expect(both.errors[0]!.range!.start.line).to.equal(3);
    const unindexed = await read({
      'main.bkp.hcl': `provider "sandbox" {}\nmodule "env" {\n  count  = 2\n  source = "./modules/vaults"\n  env    = "x\${count.index}"\n}\noutput "o" {\n  value = module.env.vault_name\n}\n`,
      'modules/vaults/main.bkp.hcl': VAULTS,
    });
    expect(unindexed.errors.map((d) => [d.summary, d.range!.start.line])).to.deep.equal([['Missing module instance key', 8]]);
    expect(unindexed.errors[0]!.detail).to.contain('module.env[0].vault_name');
    const past = await read({
      'main.bkp.hcl': `provider "sandbox" {}\nmodule "env" {\n  count  = 2\n  source = "./modules/vaults"\n  env    = "x\${count.index}"\n}\noutput "p" {\n  value = module.env[2].vault_name\n}\n`,
      'modules/vaults/main.bkp.hcl': VAULTS,
    });
    expect(past.errors.map((d) => d.detail)).to.deep.equal(['module.env has no instance with the index 2. Its count is 2: the indexes are 0 to 1.']);
  });

  it('makes a resource that reads a module output depend on the module\'s resources, and its arguments\' resources a dependency of the module\'s', async () => {
    const result = await read({
      'main.bkp.hcl': `provider "sandbox" {}
backup_vault "shared" {
  name = "shared"
}
module "prod" {
  source = "./modules/vaults"
  env    = backup_vault.shared.name
}
backup_selection "all" {
  plan         = module.prod.plan_id
  name         = "all"
  iam_role_arn = "arn:aws:iam::123456789012:role/backup"
  resources    = ["arn:aws:ec2:*:*:instance/*"]
}
`,
      'modules/vaults/main.bkp.hcl': VAULTS,
    });
    expect(result.errors).to.deep.equal([]);
    expect(find(result.config?.resources, 'backup_selection.all').dependencies).to.deep.equal(['module.prod.backup_plan.daily', 'module.prod.backup_vault.main']);
    expect(find(result.config?.resources, 'module.prod.backup_vault.main').dependencies).to.deep.equal(['backup_vault.shared']);
    expect(find(result.config?.resources, 'backup_selection.all').attributes.plan).to.equal(UNKNOWN);
  });

  it('resolves computed attributes inside a module by the prefixed address when they are known', async () => {
    write({
      'main.bkp.hcl': `provider "sandbox" {}
module "prod" {
  source = "./modules/vaults"
  env    = "prod"
}
output "plan" {
  value = module.prod.plan_id
}
`,
      'modules/vaults/main.bkp.hcl': VAULTS,
    });
    const { config } = await readConfiguration({ dir });
    const evaluate = resourceEvaluator(config!.files, { dir });
    const known = (address: string) => (address === 'module.prod.backup_plan.daily' ? { id: 'plan-123' } : undefined);
    expect(evaluate(known, new Set(['output.plan'])).outputs[0]!.value).to.equal('plan-123');
    const only = evaluate(known, new Set(['module.prod.backup_plan.daily']));
    expect(only.resources.map((r) => r.address)).to.include('module.prod.backup_plan.daily');
  });

  it('passes providers down: the root\'s by default, another one under the module\'s name with providers = { … }', async () => {
    const result = await read({
      'main.bkp.hcl': `provider "sandbox" {}
provider "sandbox" {
  alias = "dr"
}
module "main" {
  source = "./modules/vaults"
  env    = "main"
}
module "dr" {
  source    = "./modules/vaults"
  env       = "dr"
  providers = { sandbox = sandbox.dr }
}
`,
      'modules/vaults/main.bkp.hcl': VAULTS,
    });
    expect(result.errors).to.deep.equal([]);
    expect(find(result.config?.resources, 'module.main.backup_vault.main').provider).to.equal('sandbox');
    expect(find(result.config?.resources, 'module.dr.backup_vault.main').provider).to.equal('sandbox.dr');
  });

  it('evaluates nested modules with addresses of every level, and path.module as the module\'s directory', async () => {
    const result = await read({
      'main.bkp.hcl': `provider "sandbox" {}
module "outer" {
  source = "./modules/outer"
}
`,
      'modules/outer/main.bkp.hcl': `module "inner" {
  source = "../vaults"
  env    = "nested"
}
output "where" {
  value = path.module
}
`,
      'modules/vaults/main.bkp.hcl': VAULTS,
    });
    expect(result.errors).to.deep.equal([]);
    expect(result.addresses).to.deep.equal(['module.outer.module.inner.backup_vault.main', 'module.outer.module.inner.backup_plan.daily']);
    expect(find(result.config?.resources, 'module.outer.module.inner.backup_plan.daily').dependencies).to.deep.equal(['module.outer.module.inner.backup_vault.main']);
  });

  it('reads file() paths in a module from the configuration directory, as Terraform: "${path.module}/x" is a file of the module', async () => {
    const result = await read({
      'main.bkp.hcl': `provider "sandbox" {}
module "m" {
  source = "./mod"
}
output "own" {
  value = module.m.own
}
output "shared" {
  value = module.m.shared
}
`,
      'shared.json': 'root',
      'mod/p.json': 'module',
      'mod/main.bkp.hcl': `output "own" {
  value = file("\${path.module}/p.json")
}
output "shared" {
  value = file("\${path.root}/shared.json")
}
`,
    });
    expect(result.errors).to.deep.equal([]);
    const outputs = Object.fromEntries(result.config!.outputs.map((o) => [o.name, o.value]));
    expect(outputs).to.deep.equal({ own: 'module', shared: 'root' });
  });

  it('says where file() looked when a module names a file by its own directory, and lets a module outside the configuration directory read its own files only', async () => {
    write({
      'env/main.bkp.hcl': `provider "sandbox" {}
module "m" {
  source = "../shared/mod"
}
output "own" {
  value = module.m.own
}
`,
      'shared/mod/p.json': 'module',
      'shared/secret.txt': 'secret',
      'shared/mod/main.bkp.hcl': `output "own" {
  value = file("\${path.module}/p.json")
}
output "bare" {
  value = file("p.json")
}
output "beside" {
  value = file("\${path.module}/../secret.txt")
}
`,
    });
    const result = await readConfiguration({ dir: join(dir, 'env') });
    const details = result.diagnostics.map((d) => d.detail);
    expect(details).to.have.length(2);
    expect(details[0]).to.contain('no file exists at "p.json" (relative paths start at the configuration directory, in a module too: write "${path.module}/NAME" for a file of the module)');
    expect(details[1]).to.contain('cannot read outside the configuration directory or the module\'s directory');
  });

  it('refuses provider, backend and import blocks inside a module, and variable validation runs in the module', async () => {
    const result = await read({
      'main.bkp.hcl': `provider "sandbox" {}
module "prod" {
  source = "./modules/vaults"
  env    = "prod"
  days   = 0
}
`,
      'modules/vaults/main.bkp.hcl': `${VAULTS}
provider "sandbox" {}
import {
  to = backup_vault.main
  id = "x"
}
`,
    });
    const summaries = result.errors.map((d) => `${d.summary} @ ${d.range?.file}:${d.range?.start.line}`);
    expect(summaries).to.include('Provider block in a module @ modules/vaults/main.bkp.hcl:42');
    expect(summaries).to.include('Import block in a module @ modules/vaults/main.bkp.hcl:43');
    const validation = result.errors.find((d) => d.summary === 'Invalid value for variable');
    expect(validation?.detail).to.contain('days must be at least 1.');
    expect(validation?.range?.file).to.equal('modules/vaults/main.bkp.hcl');
  });

  it('reports a missing module directory at the call', async () => {
    const result = await read({ 'main.bkp.hcl': 'provider "sandbox" {}\nmodule "gone" {\n  source = "./modules/gone"\n}\n' });
    expect(result.config).to.equal(undefined);
    expect(result.errors.map((d) => [d.summary, d.detail, d.range?.start.line])).to.deep.equal([
      ['Module not found', 'The module "gone" cannot be read: the directory modules/gone does not exist. Check the source path (it is relative to the directory of the file that calls the module).', 2],
    ]);
  });

  it('reports one error for a mistake in a module used by several instances', async () => {
    const result = await read({
      'main.bkp.hcl': `provider "sandbox" {}
module "env" {
  for_each = toset(["a", "b", "c"])
  source   = "./modules/vaults"
  env      = each.key
}
`,
      'modules/vaults/main.bkp.hcl': VAULTS.replace('local.name', 'local.nme'),
    });
    expect(result.errors.map((d) => d.summary)).to.deep.equal(['Reference to undeclared local value']);
  });

  it('decodes moved blocks, prefixing those declared inside a module', async () => {
    const result = await read({
      'main.bkp.hcl': `provider "sandbox" {}
module "prod" {
  source = "./modules/vaults"
  env    = "prod"
}
moved {
  from = backup_vault.old
  to   = module.prod.backup_vault.main
}
moved {
  from = module.legacy
  to   = module.prod
}
`,
      'modules/vaults/main.bkp.hcl': `${VAULTS}
moved {
  from = backup_plan.nightly
  to   = backup_plan.daily
}
`,
    });
    expect(result.errors).to.deep.equal([]);
    expect(result.config?.moved?.map((m) => [m.from, m.to])).to.deep.equal([
      ['backup_vault.old', 'module.prod.backup_vault.main'],
      ['module.legacy', 'module.prod'],
      ['module.prod.backup_plan.nightly', 'module.prod.backup_plan.daily'],
    ]);
  });

  it('imports into a resource inside a module, and names a target the modules do not declare', async () => {
    const module = { 'modules/vaults/main.bkp.hcl': VAULTS };
    const ok = await read({
      ...module,
      'main.bkp.hcl': 'provider "sandbox" {}\nmodule "prod" {\n  source = "./modules/vaults"\n  env    = "prod"\n}\nimport {\n  to = module.prod.backup_vault.main\n  id = "vault-prod"\n}\n',
    });
    expect(ok.errors).to.deep.equal([]);
    expect(ok.config?.imports.map((i) => [i.to, i.id])).to.deep.equal([['module.prod.backup_vault.main', 'vault-prod']]);
    const wrong = await read({
      ...module,
      'main.bkp.hcl': 'provider "sandbox" {}\nmodule "prod" {\n  source = "./modules/vaults"\n  env    = "prod"\n}\nimport {\n  to = module.prod.backup_vault.mian\n  id = "vault-prod"\n}\n',
    });
    expect(wrong.errors.map((d) => [d.summary, d.range?.start.line])).to.deep.equal([['Invalid import target', 7]]);
    expect(wrong.errors[0]!.detail).to.contain('Did you mean "module.prod.backup_vault.main"?');
  });
});
