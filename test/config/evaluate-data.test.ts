// data blocks in the evaluator: declared under `data.KIND.NAME` with their kind `data.KIND` and
// their provider, their attributes unknown until the known attributes supply them (a read), and
// never a dependency of the resources that refer to them (nothing is applied for them).
import { expect } from 'chai';
import { isUnknown } from '../../src/core/values.js';
import { load, SANDBOX } from './evaluate-helpers.js';

const CONFIG = `${SANDBOX}
provider "sandbox" {
  alias  = "dr"
  region = "us-west-2"
}

variable "vault" {
  default = "shared"
}

data "backup_vault" "shared" {
  name = var.vault
}

data "region" "dr" {
  provider = sandbox.dr
}

locals {
  copy_to = data.backup_vault.shared.arn
}

backup_vault "main" {
  name = "main-\${data.region.dr.name}"
  tags = { copy_to = local.copy_to, shared = data.backup_vault.shared.name }
}
`;

describe('config: data blocks', () => {
  it('are evaluated into config.dataSources with their arguments, kind and provider', () => {
    const { config, errors } = load(CONFIG);
    expect(errors).to.deep.equal([]);
    expect(config.dataSources!.map((d) => [d.address, d.kind, d.provider, d.context])).to.deep.equal([
      ['data.backup_vault.shared', 'data.backup_vault', 'sandbox', 'data "backup_vault" "shared"'],
      ['data.region.dr', 'data.region', 'sandbox.dr', 'data "region" "dr"'],
    ]);
    expect(config.dataSources![0]!.attributes).to.deep.equal({ name: 'shared' });
    expect(config.resources.map((r) => r.address)).to.deep.equal(['backup_vault.main']);
  });

  it('leave read attributes unknown without a read, and arguments known', () => {
    const main = load(CONFIG).resource('backup_vault.main');
    expect(isUnknown(main.attributes.name)).to.equal(true);
    const tags = main.attributes.tags as Record<string, unknown>;
    expect(isUnknown(tags.copy_to)).to.equal(true);
    expect(tags.shared).to.equal('shared');
  });

  it('take their attributes from the known attributes, through locals too, and are no dependency of a resource', () => {
    const known: Record<string, Record<string, string>> = {
      'data.backup_vault.shared': { arn: 'arn:aws:backup:us-east-1:123456789012:backup-vault:shared' },
      'data.region.dr': { name: 'us-west-2' },
    };
    const main = load(CONFIG, { knownAttributes: (address) => known[address] }).resource('backup_vault.main');
    expect(main.attributes.name).to.equal('main-us-west-2');
    expect((main.attributes.tags as Record<string, unknown>).copy_to).to.equal(known['data.backup_vault.shared']!.arn);
    expect(main.dependencies).to.deep.equal([]);
  });

  it('order data blocks that refer to each other, and report a cycle between them', () => {
    const { errors } = load(`${SANDBOX}
data "iam_role" "a" {
  name = data.iam_role.b.name
}

data "iam_role" "b" {
  name = data.iam_role.a.name
}
`);
    expect(errors.map((e) => e.summary)).to.include('Cycle in references');
  });
});
