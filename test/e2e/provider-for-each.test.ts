// A provider block with for_each end to end through bin/bkp.js on the sandbox: one sandbox
// configuration per region, a module instance per region given its region's configuration
// (providers = { sandbox = sandbox.region[each.key] }); apply creates a vault in each region, the
// state records the provider instance of each, and a second plan is clean.
import { expect } from 'chai';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { runBkp, tempDir } from '../support/cli.js';

const ROOT = `locals {
  regions = toset(["us-east-1", "eu-west-1"])
}

provider "sandbox" {
  alias    = "region"
  for_each = local.regions
  region   = each.key
}

module "regional" {
  source    = "./modules/vault"
  for_each  = local.regions
  providers = { sandbox = sandbox.region[each.key] }
  region    = each.key
}
`;

const VAULT_MODULE = `variable "region" {
  type = string
}

backup_vault "main" {
  name = "vault-\${var.region}"
}
`;

interface StateResource {
  address: string;
  provider: string;
  id: string;
  location?: { region: string; account_id?: string };
}

describe('provider for_each end to end (sandbox)', function () {
  this.timeout(180_000);
  let dir: string;
  let cleanup: () => Promise<void>;
  beforeEach(async () => ({ dir, cleanup } = await tempDir('bkp-provider-for-each-')));
  afterEach(async () => cleanup());
  const bkp = (...args: string[]) => runBkp(args, { cwd: dir });

  it('creates a vault in each region through a module instance per provider instance, and plans clean afterwards', async () => {
    await mkdir(join(dir, 'modules/vault'), { recursive: true });
    await writeFile(join(dir, 'modules/vault/main.bkp.hcl'), VAULT_MODULE);
    await writeFile(join(dir, 'main.bkp.hcl'), ROOT);

    const validate = await bkp('validate');
    expect(validate.code, validate.stdout + validate.stderr).to.equal(0);
    const apply = await bkp('apply', '-auto-approve', '-no-color');
    expect(apply.code, apply.stdout + apply.stderr).to.equal(0);
    expect(apply.stdout).to.include('Apply complete! Resources: 2 added, 0 changed, 0 destroyed.');

    const state = JSON.parse((await bkp('state', 'pull')).stdout) as { resources: StateResource[] };
    const recorded = state.resources.map((r) => [r.address, r.provider, r.id, r.location?.region]).sort();
    expect(recorded).to.deep.equal([
      ['module.regional["eu-west-1"].backup_vault.main', 'sandbox.region["eu-west-1"]', 'vault-eu-west-1', 'eu-west-1'],
      ['module.regional["us-east-1"].backup_vault.main', 'sandbox.region["us-east-1"]', 'vault-us-east-1', 'us-east-1'],
    ]);
    const shown = await bkp('state', 'show', 'module.regional["eu-west-1"].backup_vault.main');
    expect(shown.stdout).to.match(/arn\s+= "arn:aws:backup:eu-west-1:123456789012:backup-vault:vault-eu-west-1"/);
    // The account file itself holds each vault in its own region.
    const account = await readFile(join(dir, '.bkp/sandbox.json'), 'utf8');
    expect(account).to.include('arn:aws:backup:eu-west-1:123456789012:backup-vault:vault-eu-west-1');
    expect(account).to.include('arn:aws:backup:us-east-1:123456789012:backup-vault:vault-us-east-1');

    const again = await bkp('plan', '-detailed-exitcode', '-no-color');
    expect(again.code, again.stdout + again.stderr).to.equal(0);
  });

  it('explains, with its position, a reference to the provider without an instance', async () => {
    await writeFile(join(dir, 'main.bkp.hcl'), `${ROOT.split('module')[0]}backup_vault "main" {\n  provider = sandbox.region\n  name     = "main"\n}\n`);
    const validate = await bkp('validate', '-no-color');
    expect(validate.code).to.equal(1);
    expect(validate.stdout + validate.stderr).to.include('choose an instance, like sandbox.region["prod"]');
    expect(validate.stdout + validate.stderr).to.include('on main.bkp.hcl line 12, in backup_vault "main"');
    expect(validate.stderr).not.to.match(/\n\s+at /);
  });
});
