import { expect } from 'chai';
import { join } from 'node:path';
import type { VariableDecl } from '../../src/config/model.js';
import { UNKNOWN } from '../../src/core/values.js';
import { covered, load, tempDir, type Loaded } from './evaluate-helpers.js';

function variable(loaded: Loaded, name: string): VariableDecl {
  const found = loaded.config.variables.find((v) => v.name === name);
  if (!found) throw new Error(`no variable ${name}`);
  return found;
}

describe('config/evaluate-variables', () => {

  describe('declarations', () => {
    it('keeps type, default, description and sensitivity', () => {
      const loaded = load('variable "env" {\n  type = string\n  default = "prod"\n  description = "environment"\n  sensitive = true\n}\n');
      expect(loaded.diagnostics).to.deep.equal([]);
      const v = variable(loaded, 'env');
      expect(v).to.deep.include({ name: 'env', type: 'string', default: 'prod', description: 'environment', sensitive: true, value: 'prod' });
      expect(v.range.start.line).to.equal(1);
    });

    it('converts the default to the type', () => {
      const loaded = load('variable "n" {\n  type = number\n  default = "5"\n}\nvariable "m" {\n  type = map(number)\n  default = { a = "1" }\n}\n');
      expect(variable(loaded, 'n').value).to.equal(5);
      expect(variable(loaded, 'm').value).to.deep.equal({ a: 1 });
      expect(variable(loaded, 'm').type).to.equal('map(number)');
    });

    it('reports a default that does not match the type, at the default', () => {
      const text = 'variable "n" {\n  type = number\n  default = "many"\n}\n';
      const { errors } = load(text);
      expect(errors).to.have.length(1);
      expect(errors[0]!.summary).to.equal('Invalid default value for variable');
      expect(covered(text, errors[0]!)).to.equal('"many"');
    });

    it('refuses a number default with spaces around it, as Terraform does', () => {
      const text = 'variable "n" {\n  type = number\n  default = "  7 "\n}\n';
      const { errors } = load(text);
      expect(errors.map((e) => e.summary)).to.deep.equal(['Invalid default value for variable']);
      expect(covered(text, errors[0]!)).to.equal('"  7 "');
    });

    it('types an untyped variable as any', () => {
      const loaded = load('variable "x" { default = [1, "a"] }\n');
      expect(variable(loaded, 'x')).to.deep.include({ type: 'any', value: [1, 'a'] });
    });

    it('rejects malformed and quoted types', () => {
      const { errors } = load('variable "a" { type = object(string) }\nvariable "b" {\n  type = "string"\n  default = "x"\n}\n', { vars: ['a={}'] });
      expect(errors.map((e) => e.summary)).to.deep.equal(['Invalid type specification', 'Invalid quoted type constraint']);
      expect(errors[0]!.detail).to.contain('object(…) takes one object of attribute types');
    });

    it('converts to object types (optional attributes defaulted, others dropped) and tuple types', () => {
      const text =
        'variable "policy" {\n  type = object({\n    name = string\n    days = optional(number, 35)\n    cold = optional(number)\n    tags = optional(map(string), {})\n  })\n}\n' +
        'variable "pair" { type = tuple([string, number]) }\n';
      const loaded = load(text, { vars: ['policy={ name = "daily", extra = true }', 'pair=["a", "2"]'] });
      expect(loaded.errors).to.deep.equal([]);
      expect(variable(loaded, 'policy').value).to.deep.equal({ name: 'daily', days: 35, cold: null, tags: {} });
      expect(variable(loaded, 'policy').type).to.equal('object({name = string, days = optional(number, 35), cold = optional(number), tags = optional(map(string), {})})');
      expect(variable(loaded, 'pair').value).to.deep.equal(['a', 2]);
    });

    it('refuses values that do not fit an object or tuple type, and optional() out of place', () => {
      const text =
        'variable "policy" {\n  type = object({ name = string, days = optional(number, 35) })\n}\n' +
        'variable "pair" {\n  type = tuple([string, number])\n  default = ["a"]\n}\n' +
        'variable "bad" {\n  type = optional(string)\n  default = "x"\n}\n' +
        'variable "baddefault" {\n  type = object({ days = optional(number, "many") })\n  default = {}\n}\n';
      const { errors } = load(text, { vars: ['policy={ days = 1 }'] });
      expect(errors.map((e) => [e.summary, e.range?.start.line])).to.deep.equal([
        ['Invalid value for input variable', 1],
        ['Invalid default value for variable', 6],
        ['Invalid type specification', 9],
        ['Invalid type specification', 13],
      ]);
      expect(errors[0]!.detail).to.include('attribute "name" is required');
      expect(errors[1]!.detail).to.include('a tuple of 2 elements is required, but this has 1');
      expect(errors[3]!.detail).to.include('"many" is not a number');
    });

    it('reports unknown arguments and wrong values in a variable block', () => {
      const { errors } = load('variable "a" {\n  defualt = 1\n  sensitive = "yes"\n}\n', { vars: ['a=1'] });
      expect(errors.map((e) => e.summary)).to.deep.equal(['Unsupported argument', 'Invalid value']);
      expect(errors[0]!.detail).to.contain('Did you mean "default"?');
    });

    it('requires a value when there is no default', () => {
      const text = 'variable "region" { type = string }\nlocals { r = var.region }\n';
      const loaded = load(text);
      expect(loaded.errors).to.have.length(1);
      expect(loaded.errors[0]!.summary).to.equal('No value for required variable');
      expect(loaded.errors[0]!.detail).to.contain('BKP_VAR_region');
      expect(covered(text, loaded.errors[0]!)).to.equal('variable "region"');
      expect(variable(loaded, 'region').value).to.equal(UNKNOWN);
    });
  });

  describe('values', () => {
    const DECLS = 'variable "n" { type = number }\nvariable "s" { default = "d" }\nvariable "l" { type = list(string) }\n';

    it('applies default < BKP_VAR_ < var files in order < -var in order', () => {
      const dir = tempDir({ 'one.bkpvars.hcl': 's = "file1"\nn = 1\n', 'two.bkpvars.hcl': 's = "file2"\n' });
      const base = { vars: ['n=1', 'l=[]'] };
      expect(variable(load(DECLS, base), 's').value).to.equal('d');
      expect(variable(load(DECLS, { ...base, env: { BKP_VAR_s: 'env' } }), 's').value).to.equal('env');
      const files = [join(dir, 'one.bkpvars.hcl'), join(dir, 'two.bkpvars.hcl')];
      expect(variable(load(DECLS, { ...base, env: { BKP_VAR_s: 'env' }, varFiles: files }), 's').value).to.equal('file2');
      const all = load(DECLS, { vars: ['n=1', 'l=[]', 's=cli1', 's=cli2'], env: { BKP_VAR_s: 'env' }, varFiles: files });
      expect(all.diagnostics).to.deep.equal([]);
      expect(variable(all, 's').value).to.equal('cli2');
    });

    it('converts -var text to the type, and parses collections as HCL', () => {
      const loaded = load(DECLS, { vars: ['n=5', 'l=["a", "b"]'] });
      expect(loaded.diagnostics).to.deep.equal([]);
      expect(variable(loaded, 'n').value).to.equal(5);
      expect(variable(loaded, 'l').value).to.deep.equal(['a', 'b']);
    });

    it('keeps an equals sign inside a -var value', () => {
      expect(variable(load(DECLS, { vars: ['n=1', 'l=[]', 's=a=b'] }), 's').value).to.equal('a=b');
    });

    it('reads maps from BKP_VAR_', () => {
      const loaded = load('variable "m" { type = map(string) }\n', { env: { BKP_VAR_m: '{ team = "infra" }' } });
      expect(loaded.diagnostics).to.deep.equal([]);
      expect(variable(loaded, 'm').value).to.deep.equal({ team: 'infra' });
    });

    it('reports values that do not fit, at the declaration, naming the source', () => {
      const text = DECLS;
      const { errors } = load(text, { vars: ['n=many', 'l=[eu-west-1]'], env: { BKP_VAR_n: 'x' } });
      expect(errors.map((e) => e.summary)).to.deep.equal(['Invalid value for input variable', 'Invalid value for input variable', 'Invalid value for input variable']);
      const details = errors.map((e) => e.detail);
      expect(details.some((d) => d!.includes('BKP_VAR_n') && d!.includes('a number is required'))).to.equal(true);
      expect(details.some((d) => d!.includes('-var "n=…"'))).to.equal(true);
      expect(details.some((d) => d!.includes('var.l') && d!.includes('["a", "b"]'))).to.equal(true);
      expect(covered(text, errors.find((e) => e.detail!.includes('var.l'))!)).to.equal('variable "l"');
    });

    it('refuses -var for an undeclared variable, with a suggestion, and malformed -var options', () => {
      const { errors } = load(DECLS, { vars: ['n=1', 'l=[]', 'nn=2', 'novalue'] });
      expect(errors.map((e) => e.summary)).to.have.members(['Invalid -var option', 'Value for undeclared variable']);
      expect(errors.find((e) => e.summary === 'Value for undeclared variable')!.detail).to.contain('Did you mean "n"?');
    });

    it('ignores BKP_VAR_ for undeclared variables', () => {
      expect(load(DECLS, { vars: ['n=1', 'l=[]'], env: { BKP_VAR_other: 'x' } }).diagnostics).to.deep.equal([]);
    });
  });

  describe('variable files', () => {
    it('reads HCL files, warning about undeclared names', () => {
      const dir = tempDir({ 'prod.bkpvars.hcl': 'n = 3\nl = ["x"]\nregoin = "eu"\n' });
      const loaded = load('variable "n" { type = number }\nvariable "l" { type = list(string) }\nvariable "region" { default = "r" }\n', {
        varFiles: [join(dir, 'prod.bkpvars.hcl')],
        dir: join(dir, 'configuration'),
      });
      expect(loaded.errors).to.deep.equal([]);
      expect(variable(loaded, 'n').value).to.equal(3);
      expect(variable(loaded, 'l').value).to.deep.equal(['x']);
      expect(loaded.warnings).to.have.length(1);
      expect(loaded.warnings[0]!.summary).to.equal('Value for undeclared variable');
      expect(loaded.warnings[0]!.detail).to.contain('Did you mean "region"?');
      // Outside the configuration directory, a file is named as given.
      expect(loaded.warnings[0]!.range!.file).to.equal(join(dir, 'prod.bkpvars.hcl'));
    });

    it('names a file of the configuration directory by its path there, and hands its text over for excerpts', () => {
      const dir = tempDir({ 'prod.bkpvars.hcl': 'n = "x"\n' });
      const variableFileTexts = new Map<string, string>();
      const loaded = load('variable "n" { type = number }\n', { dir, varFiles: [join(dir, 'prod.bkpvars.hcl')], variableFileTexts });
      expect(loaded.errors[0]!.range!.file).to.equal('prod.bkpvars.hcl');
      expect(loaded.errors[0]!.range!.start).to.deep.include({ line: 1, column: 5 });
      expect(variableFileTexts.get('prod.bkpvars.hcl')).to.equal('n = "x"\n');
    });

    it('reports blocks, references and wrong types in HCL files at their place', () => {
      const file = 'n = "many"\ns = var.x\nblock {}\n';
      const dir = tempDir({ 'bad.bkpvars.hcl': file });
      const { errors } = load('variable "n" { type = number }\nvariable "s" { default = "" }\n', { varFiles: [join(dir, 'bad.bkpvars.hcl')] });
      expect(errors.map((e) => e.summary)).to.deep.equal(['Invalid value for input variable', 'Variables not allowed', 'Unexpected block in variable file']);
      expect(covered(file, errors[0]!)).to.equal('"many"');
    });

    it('reads JSON files', () => {
      const dir = tempDir({ 'v.json': '{\n  "n": 4,\n  "m": { "a": "b" },\n  "zz": 1\n}\n' });
      const loaded = load('variable "n" { type = string }\nvariable "m" { type = map(string) }\n', { varFiles: [join(dir, 'v.json')] });
      expect(loaded.errors).to.deep.equal([]);
      expect(variable(loaded, 'n').value).to.equal('4');
      expect(variable(loaded, 'm').value).to.deep.equal({ a: 'b' });
      expect(loaded.warnings).to.have.length(1);
      expect(loaded.warnings[0]!.range!.start.line).to.equal(4);
    });

    it('reports invalid JSON and missing files', () => {
      const dir = tempDir({ 'bad.json': '{\n  "n": 4,\n}\n' });
      const { errors } = load('variable "n" { default = 1 }\n', { varFiles: [join(dir, 'bad.json'), join(dir, 'missing.bkpvars.hcl')] });
      expect(errors.map((e) => e.summary)).to.deep.equal(['Failed to read variable file', 'Invalid JSON in variable file']);
      expect(errors[1]!.range!.start.line).to.equal(3);
    });
  });
});

describe('config/evaluate-variables: validation blocks', () => {
  const DECL = 'variable "days" {\n  type = number\n  default = 35\n  validation {\n    condition     = var.days >= 7\n    error_message = "days must be at least 7."\n  }\n}\n';

  it('accepts a value the condition holds for, and refuses one it does not, with the message', () => {
    expect(load(DECL).errors).to.deep.equal([]);
    const { errors } = load(DECL, { vars: ['days=3'] });
    expect(errors.map((e) => e.summary)).to.deep.equal(['Invalid value for variable']);
    expect(errors[0]!.detail).to.match(/^days must be at least 7\.\n\nThis was checked by the validation rule at main\.bkp\.hcl:4,3\.$/);
    expect(errors[0]!.range!.start.line).to.equal(1);
  });

  it('does not check an unknown value (validate without a value)', () => {
    const text = DECL.replace('  default = 35\n', '');
    expect(load(text, { missingAsUnknown: true }).errors).to.deep.equal([]);
  });

  it('reports a condition that is not a bool, and a block without its arguments', () => {
    const text = 'variable "x" {\n  default = "a"\n  validation {\n    condition = var.x\n    error_message = "m"\n  }\n  validation {\n    condition = true\n  }\n}\n';
    const { errors } = load(text);
    expect(errors.map((e) => [e.summary, e.range!.start.line])).to.deep.equal([
      ['Invalid validation result', 4],
      ['Missing required argument', 7],
    ]);
  });

  it('says that a condition refers to another variable, not that the variable is undeclared', () => {
    const text = 'variable "other" { default = "x" }\nvariable "c" {\n  default = "x"\n  validation {\n    condition     = var.c == var.other\n    error_message = "must match"\n  }\n}\n';
    const { errors } = load(text);
    expect(errors.map((e) => e.summary)).to.deep.equal(['Invalid reference in variable validation']);
    expect(errors[0]!.detail).to.contain('var.other is another input variable').and.not.contain('not been declared');
    expect(covered(text, errors[0]!)).to.equal('var.other');
  });

  it('refuses variable names that are meta-arguments of the module block', () => {
    for (const name of ['count', 'for_each', 'source', 'providers']) {
      const { errors } = load(`variable "${name}" { default = 1 }\n`);
      expect(errors.map((e) => e.summary), name).to.deep.equal(['Invalid variable name']);
      expect(errors[0]!.detail).to.contain(`"${name}" is reserved`);
    }
    expect(load('variable "counter" { default = 1 }\n').errors).to.deep.equal([]);
  });
});
