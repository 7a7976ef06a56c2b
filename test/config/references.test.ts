import { expect } from 'chai';
import { covered, load, SANDBOX } from './evaluate-helpers.js';

const PLAN = (name: string, body = ''): string => `backup_plan "${name}" {\n  name = "${name}"\n  rule "r" { target_vault = "v" }\n${body}}\n`;

/** Loads a configuration and returns its single error with the text it points at. */
function onlyError(text: string): { summary: string; detail: string; covered: string; context?: string } {
  const { errors, diagnostics } = load(text);
  expect(errors, JSON.stringify(diagnostics, null, 1)).to.have.length(1);
  const d = errors[0]!;
  return { summary: d.summary, detail: d.detail ?? '', covered: covered(text, d), context: d.context };
}

describe('config/references', () => {

  it('reports an undeclared variable with a suggestion', () => {
    const text = `${SANDBOX}variable "environment" { default = "x" }\nbackup_vault "v" { name = var.enviroment }\n`;
    const e = onlyError(text);
    expect(e.summary).to.equal('Reference to undeclared input variable');
    expect(e.detail).to.contain('Did you mean "environment"?');
    expect(e.covered).to.equal('var.enviroment');
    expect(e.context).to.equal('backup_vault "v"');
  });

  it('reports a missing local with a suggestion', () => {
    const e = onlyError(`${SANDBOX}locals { retention = 5 }\nbackup_vault "v" { name = "x-\${local.retension}" }\n`);
    expect(e.summary).to.equal('Reference to undeclared local value');
    expect(e.detail).to.contain('Did you mean "retention"?');
  });

  it('reports an undeclared resource with a suggestion', () => {
    const text = `${SANDBOX}backup_vault "main" { name = "m" }\nbackup_vault "other" { name = backup_vault.mian.name }\n`;
    const e = onlyError(text);
    expect(e.summary).to.equal('Reference to undeclared resource');
    expect(e.detail).to.contain('Did you mean "backup_vault.main"?');
    expect(e.covered).to.equal('backup_vault.mian');
  });

  it('reports an attribute the kind does not have, with a suggestion', () => {
    const text = `${SANDBOX}backup_vault "main" { name = "m" }\nbackup_vault "other" { name = backup_vault.main.nmae }\n`;
    const e = onlyError(text);
    expect(e.summary).to.equal('Unsupported attribute');
    expect(e.detail).to.contain('Did you mean "name"?');
    expect(e.covered).to.equal('nmae');
  });

  it('accepts computed attributes and nested block names of a kind', () => {
    const text = `${SANDBOX}backup_vault "main" { name = "m" }\nlocals {\n  a = backup_vault.main.arn\n  b = backup_vault.main.lock\n}\n`;
    expect(load(text).errors).to.deep.equal([]);
  });

  it('reports a misspelt resource kind', () => {
    const e = onlyError(`${SANDBOX}locals { a = backup_vaul.main.name }\n`);
    expect(e.summary).to.equal('Invalid reference');
    expect(e.detail).to.contain('Did you mean "backup_vault"?');
  });

  it('explains a bare word that was meant as a string', () => {
    const e = onlyError(`${SANDBOX}locals { a = prod }\n`);
    expect(e.summary).to.equal('Invalid reference');
    expect(e.detail).to.contain('quote it: "prod"');
  });

  it('refuses each outside a for_each block', () => {
    const e = onlyError(`${SANDBOX}backup_vault "v" { name = each.key }\n`);
    expect(e.summary).to.equal('Reference to "each" in context without for_each');
    expect(e.covered).to.equal('each.key');
  });

  it('refuses each in the for_each expression and unknown each attributes', () => {
    const { errors } = load(`${SANDBOX}backup_vault "v" {\n  for_each = each.value\n  name = each.name\n}\n`);
    expect(errors.map((e) => e.summary)).to.include.members(['Reference to "each" in context without for_each', 'Invalid "each" attribute']);
  });

  it('requires an instance key on a for_each resource and refuses one elsewhere', () => {
    const text = `${SANDBOX}backup_vault "r" {\n  for_each = toset(["a"])\n  name = each.key\n}\nbackup_vault "s" { name = "s" }\nlocals {\n  a = backup_vault.r.name\n  b = backup_vault.s["x"].name\n}\n`;
    const { errors } = load(text);
    expect(errors.map((e) => e.summary)).to.deep.equal(['Missing resource instance key', 'Unexpected resource instance key']);
    expect(errors[0]!.detail).to.contain('backup_vault.r[each.key].name');
  });

  it('refuses references in variable defaults', () => {
    const e = onlyError(`variable "a" { default = "x" }\nvariable "b" { default = var.a }\n`);
    expect(e.summary).to.equal('Variables not allowed');
    expect(e.context).to.equal('variable "b"');
  });

  it('refuses resource references in providers', () => {
    const text = `provider "sandbox" { path = backup_vault.v.name }\nbackup_vault "v" { name = "v" }\n`;
    const e = onlyError(text);
    expect(e.summary).to.equal('Invalid reference');
    expect(e.detail).to.contain('not to resources');
  });

  it('checks references in both branches of a conditional', () => {
    const e = onlyError(`${SANDBOX}locals { a = true ? 1 : var.nope }\n`);
    expect(e.summary).to.equal('Reference to undeclared input variable');
  });

  it('treats for-expression names as bound, not as references', () => {
    const { errors } = load(`${SANDBOX}locals { a = [for var in [1] : var] }\n`);
    expect(errors).to.deep.equal([]);
  });

  it('supports path.module for file()', () => {
    const { errors, config } = load(`${SANDBOX}locals { p = "\${path.module}/x" }\n`);
    expect(errors).to.deep.equal([]);
    expect(config.locals.p).to.equal('./x');
  });

  it('reports every bad reference in one run', () => {
    const text = `${SANDBOX}${PLAN('p', '  tags = { a = var.x, b = local.y, c = backup_vault.z.name }\n')}`;
    const { errors } = load(text);
    expect(errors.map((e) => e.summary)).to.deep.equal([
      'Reference to undeclared input variable',
      'Reference to undeclared local value',
      'Reference to undeclared resource',
    ]);
  });
});
