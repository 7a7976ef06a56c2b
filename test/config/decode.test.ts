import { expect } from 'chai';
import { covered, load, SANDBOX } from './evaluate-helpers.js';

function errorsOf(text: string): Array<{ summary: string; detail: string; covered: string; context?: string }> {
  return load(text).errors.map((d) => ({ summary: d.summary, detail: d.detail ?? '', covered: covered(text, d), context: d.context }));
}

describe('config/decode', () => {

  it('reports an unknown block type with a suggestion', () => {
    const [e, ...rest] = errorsOf('backup_vaults "x" {}\n');
    expect(rest).to.deep.equal([]);
    expect(e!.summary).to.equal('Unsupported block type');
    expect(e!.detail).to.contain('Did you mean "backup_vault"?');
    expect(e!.covered).to.equal('backup_vaults');
  });

  it('explains the Terraform resource keyword', () => {
    const [e] = errorsOf('resource "backup_vault" "x" {}\n');
    expect(e!.detail).to.contain('backup_vault "x" { … }');
  });

  it('reports top-level arguments, naming blocks written as arguments', () => {
    const errors = errorsOf('locals = { a = 1 }\nregion = "eu"\n');
    expect(errors.map((e) => e.summary)).to.deep.equal(['Unsupported argument', 'Unsupported argument']);
    expect(errors[0]!.detail).to.equal('locals is a block, write `locals { … }`.');
    expect(errors[1]!.covered).to.equal('region');
  });

  it('reports wrong label counts', () => {
    const errors = errorsOf('backup_vault {}\nlocals "x" {}\nvariable "a" "b" {}\n');
    expect(errors.map((e) => e.summary)).to.deep.equal(['Missing name for backup_vault', 'Extraneous label for locals', 'Extraneous label for variable']);
    expect(errors[1]!.covered).to.equal('"x"');
    expect(errors[2]!.covered).to.equal('"b"');
  });

  it('reports invalid resource and variable names', () => {
    const errors = errorsOf(`${SANDBOX}backup_vault "9lives" { name = "x" }\nvariable "a b" {}\n`);
    expect(errors.map((e) => e.summary)).to.deep.equal(['Invalid resource name', 'Invalid variable name']);
  });

  it('reports duplicate resources, variables, locals and policies at the second one', () => {
    const text = `${SANDBOX}backup_vault "v" { name = "a" }\nbackup_vault "v" { name = "b" }\nvariable "x" { default = 1 }\nvariable "x" { default = 2 }\nlocals { l = 1 }\nlocals { l = 2 }\npolicy "p" {}\npolicy "p" {}\n`;
    const errors = errorsOf(text);
    expect(errors.map((e) => e.summary)).to.deep.equal([
      'Duplicate backup_vault configuration',
      'Duplicate variable declaration',
      'Duplicate local value definition',
      'Duplicate policy',
    ]);
    expect(errors[0]!.detail).to.contain('main.bkp.hcl:2,1');
    expect(errors[0]!.covered).to.equal('backup_vault "v"');
    expect(errors[0]!.context).to.equal('backup_vault "v"');
    expect(errors[2]!.covered).to.equal('l');
  });

  it('accepts one provider per type and alias, and reports duplicates', () => {
    const ok = load('provider "aws" { region = "eu-west-1" }\nprovider "aws" {\n  alias = "dr"\n  region = "us-east-1"\n}\n');
    expect(ok.errors).to.deep.equal([]);
    expect(ok.config.providers.map((p) => [p.key, p.type, p.alias])).to.deep.equal([
      ['aws', 'aws', undefined],
      ['aws.dr', 'aws', 'dr'],
    ]);
    const errors = errorsOf('provider "aws" {}\nprovider "aws" {}\nprovider "aws" { alias = "dr" }\nprovider "aws" { alias = "dr" }\n');
    expect(errors.map((e) => e.summary)).to.deep.equal(['Duplicate provider configuration', 'Duplicate provider configuration']);
    expect(errors[1]!.covered).to.equal('"dr"');
  });

  it('reports unknown provider and backend types with suggestions, and a computed alias', () => {
    const errors = errorsOf('provider "awss" {}\nbackend "s4" {}\nvariable "a" { default = "x" }\nprovider "sandbox" { alias = var.a }\n');
    expect(errors.map((e) => e.summary)).to.deep.equal(['Unsupported provider type', 'Unsupported backend type', 'Invalid provider alias']);
    expect(errors[0]!.detail).to.contain('Did you mean "aws"?');
    expect(errors[1]!.detail).to.contain('Did you mean "s3"?');
  });

  it('says what to do instead of Terraform blocks bkp does not have, instead of suggesting a near name', () => {
    const [removed] = errorsOf('removed {\n  from = backup_vault.x\n}\n');
    expect(removed!.detail).to.contain('bkp has no removed block').and.contain('bkp state rm').and.not.contain('Did you mean');
    const [terraform] = errorsOf('terraform {\n  required_version = ">= 1.5"\n}\n');
    expect(terraform!.detail).to.contain('write the backend block at the top level');
  });

  it('allows one backend', () => {
    const errors = errorsOf('backend "local" { path = "a" }\nbackend "local" { path = "b" }\n');
    expect(errors.map((e) => e.summary)).to.deep.equal(['Duplicate backend configuration']);
  });

  it('reports blocks inside locals', () => {
    expect(errorsOf('locals {\n  x {}\n}\n').map((e) => e.summary)).to.deep.equal(['Unsupported block type']);
  });

  it('reads declarations spread over several files', () => {
    const loaded = load({ 'a.bkp.hcl': `${SANDBOX}locals { a = 1 }\n`, 'b.bkp.hcl': 'locals { b = local.a + 1 }\nbackup_vault "v" { name = "v${local.b}" }\n' });
    expect(loaded.errors).to.deep.equal([]);
    expect(loaded.resource('backup_vault.v').attributes.name).to.equal('v2');
  });
});
