// Reading a configuration's data blocks (app/data-sources.ts) on a sandbox account: data blocks
// that refer to other data blocks are read in rounds, for_each instances and aliased providers
// each read their own object, and what cannot be read is a configuration error at the block.
import { expect } from 'chai';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadValidConfig } from '../../src/app/configuration.js';
import { readDataSources } from '../../src/app/data-sources.js';
import { ProviderClients } from '../../src/app/providers.js';
import { ConfigError } from '../../src/core/errors.js';

const PROVIDERS = `provider "sandbox" {
  path   = "sandbox.json"
  region = "eu-west-1"
}

provider "sandbox" {
  alias  = "us"
  path   = "sandbox.json"
  region = "us-east-2"
}
`;

describe('app: reading data sources', function () {
  this.timeout(60_000);
  let dir: string;

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'bkp-data-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  async function readAll(config: string) {
    writeFileSync(join(dir, 'main.bkp.hcl'), PROVIDERS + config);
    const options = { dir, env: {} };
    const loaded = await loadValidConfig(options);
    const clients = new ProviderClients(loaded.config);
    try {
      return await readDataSources(loaded.config, options, clients, loaded.sources);
    } finally {
      clients.destroy();
    }
  }

  it('reads a data block whose argument comes from another data block, and each for_each instance and provider', async () => {
    const values = await readAll(`
data "caller_identity" "me" {}

data "region" "here" {}

data "region" "there" {
  provider = sandbox.us
}

locals {
  role = data.caller_identity.me.account_id == "123456789012" ? "AWSBackupDefaultServiceRole" : "other"
}

data "iam_role" "backup" {
  name = local.role
}

data "kms_key" "by_service" {
  for_each = toset(["backup", "ebs"])
  key_id   = "alias/aws/\${each.key}"
}
`);
    expect(values.get('data.region.here')).to.deep.equal({ name: 'eu-west-1' });
    expect(values.get('data.region.there')).to.deep.equal({ name: 'us-east-2' });
    expect(values.get('data.iam_role.backup')?.path).to.equal('/service-role/');
    const backup = values.get('data.kms_key.by_service["backup"]');
    const ebs = values.get('data.kms_key.by_service["ebs"]');
    expect(backup?.arn).to.match(/^arn:aws:kms:eu-west-1:123456789012:key\//);
    expect(ebs?.arn).to.match(/^arn:aws:kms:eu-west-1:/).and.not.equal(backup?.arn);
  });

  it('reports every missing object at its block, in one error', async () => {
    let error: unknown;
    try {
      await readAll(`
data "backup_vault" "gone" {
  name = "gone"
}

data "iam_role" "gone" {
  name = "gone"
}
`);
    } catch (e) {
      error = e;
    }
    expect(error).to.be.instanceOf(ConfigError);
    const diagnostics = (error as ConfigError).diagnostics!;
    expect(diagnostics.map((d) => [d.summary, d.range?.start.line, d.context])).to.deep.equal([
      ['Data source object not found', 13, 'data "backup_vault" "gone"'],
      ['Data source object not found', 17, 'data "iam_role" "gone"'],
    ]);
    expect(diagnostics[0]!.detail).to.include('There is no backup vault named "gone" in eu-west-1.');
  });

  it('makes no call and reads nothing for a configuration without data blocks', async () => {
    expect((await readAll('backup_vault "main" {\n  name = "main"\n}\n')).size).to.equal(0);
  });
});
