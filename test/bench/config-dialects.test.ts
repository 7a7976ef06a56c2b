import { expect } from 'chai';
import { attribute, block, bkpDialect, terraformDialect, type ResourceSpec } from '../../bench/lib/config-dialects.js';
import { generateConfig } from '../../bench/lib/generate-config.js';

const selection: ResourceSpec = {
  kind: 'backup_selection',
  name: 'g0009_tagged',
  forEach: 'local.g0009',
  provider: 'sandbox.r2',
  body: [
    attribute('plan', bkpDialect.reference('backup_plan', 'g0009', '[each.key]')),
    attribute('name', '"tagged-${each.key}"'),
    block('tag', [attribute('key', '"backup"'), attribute('value', '"unit-${each.key}"')]),
  ],
};

describe('bench: the generated configuration in bkp and in Terraform', () => {
  it('writes a resource as a bkp block, attributes aligned', () => {
    expect(bkpDialect.resource(selection)).to.equal(
      [
        'backup_selection "g0009_tagged" {',
        '  for_each = local.g0009',
        '  provider = sandbox.r2',
        '  plan     = backup_plan.g0009[each.key]',
        '  name     = "tagged-${each.key}"',
        '  tag {',
        '    key   = "backup"',
        '    value = "unit-${each.key}"',
        '  }',
        '}',
        '',
      ].join('\n'),
    );
  });

  it('writes the same resource as terraform_data: nested blocks become lists of objects in its input, labels their name', () => {
    const spec: ResourceSpec = {
      ...selection,
      body: [attribute('plan', terraformDialect.reference('backup_plan', 'g0009', '[each.key]')), block('rule', [attribute('schedule', '"cron(0 5 ? * * *)"')], 'daily')],
    };
    expect(terraformDialect.resource(spec)).to.equal(
      [
        'resource "terraform_data" "backup_selection_g0009_tagged" {',
        '  for_each = local.g0009',
        '  input = {',
        '    provider = "sandbox.r2"',
        '    plan     = terraform_data.backup_plan_g0009[each.key].id',
        '    rule = [',
        '      {',
        '        name     = "daily"',
        '        schedule = "cron(0 5 ? * * *)"',
        '      },',
        '    ]',
        '  }',
        '}',
        '',
      ].join('\n'),
    );
    expect(terraformDialect.reference('backup_vault', 'v0001', '', 'arn')).to.equal('terraform_data.backup_vault_v0001.output.arn');
  });

  it('generates one terraform_data resource per bkp resource block, every reference to a declared one, and the same variables, locals and for_each', () => {
    const bkp = [...generateConfig({ units: 120 }).files.values()].join('\n');
    const terraform = generateConfig({ units: 120, dialect: terraformDialect });
    expect([...terraform.files.keys()]).to.deep.equal(['main.tf', 'units-0001.tf', 'units-0002.tf', 'units-0003.tf']);
    const text = [...terraform.files.values()].join('\n');
    const declared = [...text.matchAll(/^resource "terraform_data" "(\w+)"/gm)].map((m) => m[1]);
    expect(declared).to.have.length(terraform.blocks);
    const referenced = new Set([...text.matchAll(/terraform_data\.(\w+)/g)].map((m) => m[1]));
    for (const name of referenced) expect(declared, name).to.include(name);
    expect(text).to.not.contain('provider "sandbox"');
    for (const shared of ['variable "prefix"', 'locals {\n  daily_days', 'for_each = local.g0009', 'merge(local.common_tags', 'var.env', 'each.value * 2']) {
      expect(bkp, shared).to.contain(shared);
      expect(text, shared).to.contain(shared);
    }
  });
});
