// Provider blocks with for_each (one configuration per key, `aws.account["prod"]`, as OpenTofu 1.9
// allows), the references that choose an instance from resources, data blocks and module calls,
// and every diagnostic of those, with its position.
import { expect } from 'chai';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import type { Diagnostic } from '../../src/core/diagnostics.js';
import { readConfiguration } from '../../src/config/load.js';
import { validateConfig } from '../../src/resources/validate.js';
import { resourceEvaluator } from '../../src/config/evaluate.js';
import { load, parseFile } from './evaluate-helpers.js';

const ACCOUNTS = `variable "accounts" {
  type = map(object({ id = string, region = string }))
  default = {
    prod    = { id = "111111111111", region = "eu-west-1" }
    staging = { id = "222222222222", region = "us-east-1" }
  }
}

provider "aws" {
  alias    = "account"
  for_each = var.accounts
  region   = each.value.region
  assume_role {
    role_arn = "arn:aws:iam::\${each.value.id}:role/bkp"
  }
}
`;

/** The one error of a load, with where it points. */
function onlyError(errors: Diagnostic[]): Diagnostic & { at: string } {
  expect(errors, JSON.stringify(errors, null, 1)).to.have.length(1);
  const e = errors[0]!;
  return { ...e, at: e.range ? `${e.range.file}:${e.range.start.line}:${e.range.start.column}` : '' };
}

describe('provider for_each', () => {
  it('makes one provider configuration per key, keyed aws.ALIAS["KEY"], with each.key and each.value in its arguments', () => {
    const { config, errors } = load(`${ACCOUNTS}
backup_vault "main" {
  provider = aws.account["prod"]
  name     = "main"
}
`);
    expect(errors).to.deep.equal([]);
    expect(config.providers.map((p) => [p.key, p.type, p.alias, p.instanceKey])).to.deep.equal([
      ['aws.account["prod"]', 'aws', 'account', 'prod'],
      ['aws.account["staging"]', 'aws', 'account', 'staging'],
    ]);
    expect(config.providers[0]!.attributes).to.deep.equal({ alias: 'account', region: 'eu-west-1', assume_role: { role_arn: 'arn:aws:iam::111111111111:role/bkp' } });
    expect(config.providers[1]!.attributes.region).to.equal('us-east-1');
    expect(config.resources[0]!.provider).to.equal('aws.account["prod"]');
  });

  it('expands a set of strings from a local, each.key being each.value', () => {
    const { config, errors } = load(`locals {
  regions = toset(["us-east-1", "eu-west-1"])
}
provider "sandbox" {
  alias    = "region"
  for_each = local.regions
  region   = each.key
}
`);
    expect(errors).to.deep.equal([]);
    expect(config.providers.map((p) => [p.key, p.attributes.region])).to.deep.equal([
      ['sandbox.region["eu-west-1"]', 'eu-west-1'],
      ['sandbox.region["us-east-1"]', 'us-east-1'],
    ]);
  });

  it('gives each instance of a resource with for_each the provider instance its index names, and orders nothing after the provider', () => {
    const { config, errors } = load(`${ACCOUNTS}
backup_vault "per_account" {
  for_each = var.accounts
  provider = aws.account[each.key]
  name     = "vault-\${each.key}"
}
data "backup_vault" "prod" {
  provider = aws.account["prod"]
  name     = "existing"
}
backup_vault "numbered" {
  count    = 1
  provider = aws.account[["prod"][count.index]]
  name     = "numbered"
}
`);
    expect(errors).to.deep.equal([]);
    expect(config.resources.map((r) => [r.address, r.provider])).to.deep.equal([
      ['backup_vault.per_account["prod"]', 'aws.account["prod"]'],
      ['backup_vault.per_account["staging"]', 'aws.account["staging"]'],
      ['backup_vault.numbered[0]', 'aws.account["prod"]'],
    ]);
    expect(config.resources.every((r) => r.dependencies.length === 0)).to.equal(true);
    expect(config.dataSources!.map((d) => d.provider)).to.deep.equal(['aws.account["prod"]']);
  });

  it('expands the provider again when apply evaluates only one resource instance', () => {
    const files = [parseFile('main.bkp.hcl', `${ACCOUNTS}
backup_vault "per_account" {
  for_each = var.accounts
  provider = aws.account[each.key]
  name     = "vault-\${each.key}"
}
backup_vault "wrong" {
  provider = aws.account["nope"]
  name     = "wrong"
}
`)];
    const evaluate = resourceEvaluator(files, { dir: tmpdir() });
    const evaluation = evaluate(undefined, new Set(['backup_vault.per_account["staging"]']));
    expect(evaluation.diagnostics).to.deep.equal([]);
    expect(evaluation.resources.map((r) => [r.address, r.provider])).to.deep.include(['backup_vault.per_account["staging"]', 'aws.account["staging"]']);
    // The instance keys are checked there too, which needs the provider's for_each evaluated.
    const wrong = evaluate(undefined, new Set(['backup_vault.wrong']));
    expect(wrong.diagnostics.map((d) => d.summary)).to.deep.equal(['Provider instance not present']);
  });

  describe('diagnostics', () => {
    it('refuses for_each without an alias, at for_each', () => {
      const e = onlyError(load('provider "aws" {\n  for_each = toset(["a"])\n  region = "eu-west-1"\n}\n').errors);
      expect(e.summary).to.equal('Provider for_each without an alias');
      expect(e.at).to.equal('main.bkp.hcl:2:3');
      expect(e.detail).to.contain('add alias = "NAME"');
    });

    it('refuses keys that are not strings, and for_each values that are not maps or sets', () => {
      const list = onlyError(load('provider "aws" {\n  alias = "a"\n  for_each = [1, [2]]\n}\n').errors);
      expect(list.summary).to.equal('Invalid for_each argument');
      expect(list.at).to.equal('main.bkp.hcl:3:14');
      expect(list.detail).to.contain('must be a string');
      const scalar = onlyError(load('provider "aws" {\n  alias = "a"\n  for_each = 3\n}\n').errors);
      expect(scalar.detail).to.contain('for_each needs a map, or a set or list of strings');
    });

    it('refuses a for_each known only after apply, and refers to resources and data sources not at all', () => {
      const { errors } = load(`backup_vault "v" {
  provider = aws.x["a"]
  name = "v"
}
provider "aws" {
  alias    = "x"
  for_each = toset([backup_vault.v.arn])
}
`);
      expect(errors.map((e) => [e.summary, `${e.range!.start.line}:${e.range!.start.column}`])).to.deep.include(['Invalid reference', '7:21']);
      expect(errors.find((e) => e.summary === 'Invalid reference')!.detail).to.contain('not to resources or data sources');
    });

    it('names the closest instance when an index names none, at the index', () => {
      const e = onlyError(load(`${ACCOUNTS}
backup_vault "main" {
  provider = aws.account["prdo"]
  name     = "main"
}
`).errors);
      expect(e.summary).to.equal('Provider instance not present');
      expect(e.at).to.equal('main.bkp.hcl:19:26');
      expect(e.detail).to.equal('The provider "aws.account" has no instance "prdo": its instances are "prod", "staging". Did you mean "prod"?');
    });

    it('asks to choose an instance when a for_each provider is named without an index', () => {
      const e = onlyError(load(`${ACCOUNTS}
backup_vault "main" {
  provider = aws.account
  name     = "main"
}
`).errors);
      expect(e.summary).to.equal('Provider instance not chosen');
      expect(e.at).to.equal('main.bkp.hcl:19:14');
      expect(e.detail).to.contain('choose an instance, like aws.account["prod"]');
    });

    it('refuses an index on a provider without for_each', () => {
      const e = onlyError(load('provider "aws" {\n  alias = "dr"\n  region = "eu-west-1"\n}\nbackup_vault "main" {\n  provider = aws.dr["x"]\n  name = "main"\n}\n').errors);
      expect(e.summary).to.equal('Unexpected provider instance key');
      expect(e.at).to.equal('main.bkp.hcl:6:14');
      expect(e.detail).to.contain('has no for_each');
    });

    it('refuses an index that is not a string, or known only after apply', () => {
      const number = onlyError(load(`${ACCOUNTS}
backup_vault "main" {
  provider = aws.account[1]
  name     = "main"
}
`).errors);
      expect(number.summary).to.equal('Invalid provider instance key');
      expect(number.detail).to.contain('but this key is not a string: 1.');
      const late = load(`${ACCOUNTS}
backup_vault "a" {
  provider = aws.account["prod"]
  name     = "a"
}
backup_vault "b" {
  provider = aws.account[backup_vault.a.arn]
  name     = "b"
}
`).errors;
      const e = onlyError(late);
      expect(e.summary).to.equal('Invalid provider instance key');
      expect(e.at).to.equal('main.bkp.hcl:23:26');
      expect(e.detail).to.contain('known when the configuration is loaded');
    });

    it('allows each.key in the index only where the block has for_each', () => {
      const e = onlyError(load(`${ACCOUNTS}
backup_vault "main" {
  provider = aws.account[each.key]
  name     = "main"
}
`).errors);
      expect(e.at).to.equal('main.bkp.hcl:19:26');
      expect(e.summary).to.contain('each');
    });

    it('says an unknown for_each (a variable without a value under bkp validate) must be known, without failing otherwise', () => {
      const { errors, config } = load(
        `variable "regions" {
  type = set(string)
}
provider "sandbox" {
  alias    = "region"
  for_each = var.regions
  region   = each.key
}
backup_vault "main" {
  provider = sandbox.region["eu-west-1"]
  name     = "main"
}
`,
        { missingAsUnknown: true },
      );
      const e = onlyError(errors);
      expect(e.summary).to.equal('Invalid for_each argument');
      expect(e.at).to.equal('main.bkp.hcl:6:14');
      expect(e.detail).to.contain('depends on a variable that has no value here');
      expect(config.providers).to.deep.equal([]);
      expect(config.resources[0]!.provider).to.equal('sandbox.region["eu-west-1"]');
    });
  });
});

describe('provider assume_role', () => {
  /** The diagnostics of a provider with this assume_role body, after the schema ran as `bkp validate` runs it. */
  function problems(type: 'aws' | 'sandbox', body: string): (Diagnostic & { at: string })[] {
    const { config, errors } = load(`provider "${type}" {\n  region = "eu-west-1"\n  assume_role {\n${body}\n  }\n}\n`);
    return [...errors, ...validateConfig(config)].map((e) => ({ ...e, at: e.range ? `${e.range.start.line}:${e.range.start.column}` : '' }));
  }

  it('reaches the provider as an object with the arguments given, on both provider types', () => {
    for (const type of ['aws', 'sandbox'] as const) {
      const { config, errors } = load(`provider "${type}" {
  assume_role {
    role_arn         = "arn:aws:iam::123456789012:role/ops/bkp"
    external_id      = "tenant:42/a"
    session_name     = "bkp@ci"
    duration_seconds = 900
  }
}
`);
      expect(errors).to.deep.equal([]);
      expect(validateConfig(config)).to.deep.equal([]);
      expect(config.providers[0]!.attributes.assume_role).to.deep.equal({
        role_arn: 'arn:aws:iam::123456789012:role/ops/bkp',
        external_id: 'tenant:42/a',
        session_name: 'bkp@ci',
        duration_seconds: 900,
      });
    }
    expect(problems('aws', '    role_arn = "arn:aws-us-gov:iam::123456789012:role/bkp"')).to.deep.equal([]);
  });

  it('checks each argument as AWS STS does, at the argument', () => {
    const cases: [string, string, string][] = [
      ['role_arn = "arn:aws:iam::123456789012:user/bkp"', '4:16', 'IAM role'],
      ['role_arn = "arn:aws:iam::12345:role/bkp"', '4:16', 'IAM role'],
      ['role_arn = "arn:aws:s3:::bucket/role/bkp"', '4:16', 'IAM role'],
      ['role_arn = "arn:aws:iam::123456789012:role/x"\n    session_name = "a"', '5:20', 'at least 2 characters'],
      ['role_arn = "arn:aws:iam::123456789012:role/x"\n    session_name = "has space"', '5:20', '2 to 64 characters'],
      [`role_arn = "arn:aws:iam::123456789012:role/x"\n    session_name = "${'s'.repeat(65)}"`, '5:20', 'at most 64'],
      ['role_arn = "arn:aws:iam::123456789012:role/x"\n    external_id = "no*star"', '5:19', '2 to 1224 characters'],
      [`role_arn = "arn:aws:iam::123456789012:role/x"\n    external_id = "${'e'.repeat(1225)}"`, '5:19', 'at most 1224'],
      ['role_arn = "arn:aws:iam::123456789012:role/x"\n    duration_seconds = 899', '5:24', 'at least 900'],
      ['role_arn = "arn:aws:iam::123456789012:role/x"\n    duration_seconds = 43201', '5:24', 'at most 43200'],
    ];
    for (const [body, at, words] of cases) {
      const found = problems('aws', `    ${body}`);
      expect(found.map((p) => [p.at, p.summary]), body).to.deep.equal([[at, 'Invalid value']]);
      expect(found[0]!.detail, body).to.contain(words);
    }
  });

  it('requires role_arn and allows one assume_role block', () => {
    const missing = problems('sandbox', '    session_name = "bkp"');
    expect(missing.map((p) => [p.summary, p.detail])).to.deep.equal([['Missing required argument', 'The argument "role_arn" is required, but no definition was found.']]);
    const { errors } = load('provider "aws" {\n  assume_role {\n    role_arn = "arn:aws:iam::123456789012:role/a"\n  }\n  assume_role {\n    role_arn = "arn:aws:iam::123456789012:role/b"\n  }\n}\n');
    const e = onlyError(errors);
    expect(e.summary).to.equal('Duplicate assume_role block');
    expect(e.at).to.equal('main.bkp.hcl:5:3');
  });
});

describe('provider instances given to modules', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'bkp-provider-for-each-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  async function read(files: Record<string, string>) {
    for (const [path, text] of Object.entries(files)) {
      mkdirSync(dirname(join(dir, path)), { recursive: true });
      writeFileSync(join(dir, path), text);
    }
    const result = await readConfiguration({ dir });
    return { ...result, errors: result.diagnostics.filter((d) => d.severity === 'error') };
  }

  const VAULT_MODULE = 'variable "name" {\n  type = string\n}\nbackup_vault "main" {\n  name = var.name\n}\n';
  const REGIONS = `provider "sandbox" {
  alias    = "region"
  for_each = toset(["us-east-1", "eu-west-1"])
  region   = each.key
}
`;

  it('gives each module instance the provider instance of providers = { sandbox = sandbox.region[each.key] }', async () => {
    const { config, errors } = await read({
      'main.bkp.hcl': `${REGIONS}module "regional" {
  source    = "./modules/vault"
  for_each  = toset(["us-east-1", "eu-west-1"])
  providers = { sandbox = sandbox.region[each.key] }
  name      = "vault-\${each.key}"
}
`,
      'modules/vault/main.bkp.hcl': VAULT_MODULE,
    });
    expect(errors).to.deep.equal([]);
    expect(config!.resources.map((r) => [r.address, r.provider])).to.deep.equal([
      ['module.regional["eu-west-1"].backup_vault.main', 'sandbox.region["eu-west-1"]'],
      ['module.regional["us-east-1"].backup_vault.main', 'sandbox.region["us-east-1"]'],
    ]);
  });

  it('reads aws.account["prod"] written as a string in a JSON configuration', async () => {
    const { config, errors } = await read({
      'main.bkp.hcl': REGIONS,
      'vault.bkp.json': JSON.stringify({ backup_vault: { main: { provider: 'sandbox.region["us-east-1"]', name: 'main' } } }),
    });
    expect(errors).to.deep.equal([]);
    expect(config!.resources[0]!.provider).to.equal('sandbox.region["us-east-1"]');
  });

  it('lets a module name an instance of a provider it inherits', async () => {
    const { config, errors } = await read({
      'main.bkp.hcl': `${REGIONS}module "one" {
  source = "./modules/pinned"
}
`,
      'modules/pinned/main.bkp.hcl': 'backup_vault "main" {\n  provider = sandbox.region["eu-west-1"]\n  name = "pinned"\n}\n',
    });
    expect(errors).to.deep.equal([]);
    expect(config!.resources[0]!.provider).to.equal('sandbox.region["eu-west-1"]');
  });

  it('reports, at the providers map, a module given a for_each provider without an instance, and an instance key that is none', async () => {
    const whole = await read({
      'main.bkp.hcl': `${REGIONS}module "m" {
  source    = "./modules/vault"
  providers = { sandbox = sandbox.region }
  name      = "x"
}
`,
      'modules/vault/main.bkp.hcl': VAULT_MODULE,
    });
    const e = onlyError(whole.errors);
    expect(e.summary).to.equal('Provider instance not chosen');
    expect(e.at).to.equal('main.bkp.hcl:8:27');
    const wrong = await read({
      'main.bkp.hcl': `${REGIONS}module "m" {
  source    = "./modules/vault"
  for_each  = toset(["us-east-1", "eu-west-2"])
  providers = { sandbox = sandbox.region[each.key] }
  name      = "x"
}
`,
      'modules/vault/main.bkp.hcl': VAULT_MODULE,
    });
    const w = onlyError(wrong.errors);
    expect(w.summary).to.equal('Provider instance not present');
    expect(w.at).to.equal('main.bkp.hcl:9:42');
    expect(w.detail).to.contain('no instance "eu-west-2"');
    expect(w.detail).to.contain('Did you mean "eu-west-1"?');
  });
});
