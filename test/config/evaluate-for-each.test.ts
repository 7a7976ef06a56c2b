import { expect } from 'chai';
import { covered, load, SANDBOX } from './evaluate-helpers.js';

const vaults = (forEach: string, prelude = ''): string => `${SANDBOX}${prelude}backup_vault "regional" {\n  for_each = ${forEach}\n  name = "v-\${each.key}"\n  tags = { value = jsonencode(each.value) }\n}\n`;

function onlyError(text: string): { summary: string; detail: string; covered: string } {
  const { errors, diagnostics } = load(text);
  expect(errors, JSON.stringify(diagnostics, null, 1)).to.have.length(1);
  return { summary: errors[0]!.summary, detail: errors[0]!.detail ?? '', covered: covered(text, errors[0]!) };
}

describe('config/evaluate-for-each', () => {

  it('makes one instance per map key, in key order, with each.key and each.value', () => {
    const loaded = load(vaults('{ us = { n = 2 }, eu = { n = 1 } }'));
    expect(loaded.errors).to.deep.equal([]);
    expect(loaded.config.resources.map((r) => [r.address, r.key, r.name])).to.deep.equal([
      ['backup_vault.regional["eu"]', 'eu', 'regional'],
      ['backup_vault.regional["us"]', 'us', 'regional'],
    ]);
    expect(loaded.resource('backup_vault.regional["us"]').attributes).to.deep.equal({ name: 'v-us', tags: { value: '{"n":2}' } });
  });

  it('accepts a set or a list of strings, where each.value is the key', () => {
    const set = load(vaults('toset(["b", "a", "b"])'));
    expect(set.errors).to.deep.equal([]);
    expect(set.config.resources.map((r) => r.key)).to.deep.equal(['a', 'b']);
    expect(set.resource('backup_vault.regional["a"]').attributes.tags).to.deep.equal({ value: '"a"' });
    const list = load(vaults('["eu-west-1", "us-east-1"]'));
    expect(list.config.resources.map((r) => r.address)).to.deep.equal(['backup_vault.regional["eu-west-1"]', 'backup_vault.regional["us-east-1"]']);
  });

  it('reads for_each from a variable', () => {
    const loaded = load(vaults('var.envs', 'variable "envs" { type = map(number) }\n'), { vars: ['envs={ prod = 35 }'] });
    expect(loaded.errors).to.deep.equal([]);
    expect(loaded.resource('backup_vault.regional["prod"]').attributes.tags).to.deep.equal({ value: '35' });
  });

  it('makes no instance for an empty map', () => {
    const loaded = load(vaults('{}'));
    expect(loaded.errors).to.deep.equal([]);
    expect(loaded.config.resources).to.deep.equal([]);
  });

  it('escapes keys in addresses', () => {
    const loaded = load(vaults('toset(["a\\"b"])'));
    expect(loaded.config.resources[0]!.address).to.equal('backup_vault.regional["a\\"b"]');
  });

  it('reports duplicates in a list', () => {
    const e = onlyError(vaults('["a", "a"]'));
    expect(e.summary).to.equal('Invalid for_each argument');
    expect(e.detail).to.contain('toset');
    expect(e.covered).to.equal('["a", "a"]');
  });

  it('reports values that are not a map or strings', () => {
    expect(onlyError(vaults('"eu"')).detail).to.contain('needs a map');
    expect(onlyError(vaults('[{ a = 1 }]')).detail).to.contain('must be a string');
    expect(onlyError(vaults('null')).detail).to.contain('null');
  });

  it('reports a for_each known only after apply', () => {
    const e = onlyError(vaults('toset([backup_vault.main.arn])', 'backup_vault "main" { name = "m" }\n'));
    expect(e.summary).to.equal('Invalid for_each argument');
    expect(e.detail).to.contain('known only after apply');
  });

  it('refuses a sensitive for_each', () => {
    const e = onlyError(vaults('var.keys', 'variable "keys" {\n  type = set(string)\n  default = ["a"]\n  sensitive = true\n}\n'));
    expect(e.detail).to.contain('sensitive');
  });

  it('does not add a second error when the for_each expression itself failed', () => {
    const { errors } = load(vaults('toset(var.nope)'));
    expect(errors.map((e) => e.summary)).to.deep.equal(['Reference to undeclared input variable']);
  });
});
