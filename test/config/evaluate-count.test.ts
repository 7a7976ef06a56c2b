import { expect } from 'chai';
import { parseAddress, formatAddress } from '../../src/state/model.js';
import { covered, load, SANDBOX } from './evaluate-helpers.js';

const vaults = (count: string, prelude = ''): string => `${SANDBOX}${prelude}backup_vault "copies" {\n  count = ${count}\n  name  = "copy-\${count.index}"\n}\n`;

function errorsOf(text: string, options: Parameters<typeof load>[1] = {}): Array<{ summary: string; detail: string; covered: string }> {
  return load(text, options).errors.map((d) => ({ summary: d.summary, detail: d.detail ?? '', covered: covered(text, d) }));
}

describe('config/evaluate-count', () => {
  it('makes N numbered instances with count.index, addressed kind.name[i]', () => {
    const loaded = load(vaults('2'));
    expect(loaded.errors).to.deep.equal([]);
    expect(loaded.config.resources.map((r) => [r.address, r.key, r.name, r.attributes.name])).to.deep.equal([
      ['backup_vault.copies[0]', 0, 'copies', 'copy-0'],
      ['backup_vault.copies[1]', 1, 'copies', 'copy-1'],
    ]);
    expect(loaded.resource('backup_vault.copies[1]').context).to.equal('backup_vault "copies" (instance 1)');
  });

  it('makes no instance for count = 0, and reads count from a variable, converting "2" as Terraform does', () => {
    expect(load(vaults('0')).config.resources).to.deep.equal([]);
    const fromVar = load(vaults('var.n', 'variable "n" {}\n'), { vars: ['n=2'] });
    expect(fromVar.errors).to.deep.equal([]);
    expect(fromVar.config.resources.map((r) => r.address)).to.deep.equal(['backup_vault.copies[0]', 'backup_vault.copies[1]']);
    expect(load(vaults('var.on ? 1 : 0', 'variable "on" { default = false }\n')).config.resources).to.deep.equal([]);
  });

  it('refuses non-whole, negative, null, non-number, sensitive and after-apply counts at the count expression', () => {
    const only = (count: string, prelude = '') => {
      const errors = errorsOf(vaults(count, prelude));
      expect(errors, JSON.stringify(errors)).to.have.length(1);
      expect(errors[0]!.summary).to.equal('Invalid count argument');
      expect(errors[0]!.covered).to.equal(count);
      return errors[0]!.detail;
    };
    expect(only('1.5')).to.contain('whole number, but this is 1.5');
    expect(only('-1')).to.contain('cannot be negative');
    expect(only('null')).to.contain('null');
    expect(only('"two"')).to.contain('needs a whole number, but this is "two"');
    expect(only('var.n', 'variable "n" {\n  default   = 2\n  sensitive = true\n}\n')).to.contain('sensitive');
    expect(only('length(backup_vault.main.arn)', 'backup_vault "main" { name = "m" }\n')).to.contain('known only after apply');
    expect(only('20000')).to.contain('at most 10,000 instances');
  });

  it('refuses count together with for_each, keeping for_each', () => {
    const text = `${SANDBOX}backup_vault "v" {\n  for_each = toset(["a"])\n  count    = 2\n  name     = each.key\n}\n`;
    const loaded = load(text);
    expect(loaded.errors.map((e) => [e.summary, covered(text, e)])).to.deep.equal([['Invalid combination of "count" and "for_each"', 'count']]);
    expect(loaded.errors[0]!.detail).to.contain('for_each is at main.bkp.hcl:3,3');
    expect(loaded.config.resources.map((r) => r.address)).to.deep.equal(['backup_vault.v["a"]']);
  });

  it('under validate, a count from a variable without a value makes no instance and reports nothing', () => {
    const loaded = load(vaults('var.n', 'variable "n" { type = number }\n'), { missingAsUnknown: true });
    expect(loaded.errors).to.deep.equal([]);
    expect(loaded.config.resources).to.deep.equal([]);
  });

  it('resolves kind.name[i].attr, kind.name[count.index], and kind.name alone as the list of instances', () => {
    const text = `${vaults('2')}backup_plan "p" {
  count = 2
  name  = "p-\${backup_vault.copies[count.index].name}"
  rule "r" {
    target_vault = backup_vault.copies[0].name
  }
  tags = { all = join(",", [for v in backup_vault.copies : v.name]), n = length(backup_vault.copies) }
}
`;
    const loaded = load(text);
    expect(loaded.errors).to.deep.equal([]);
    expect(loaded.resource('backup_plan.p[1]').attributes).to.deep.include({ name: 'p-copy-1', tags: { all: 'copy-0,copy-1', n: '2' } });
    expect(loaded.resource('backup_plan.p[0]').dependencies).to.deep.equal(['backup_vault.copies']);
  });

  it('reports references that leave out the index, give one to a single resource, or are out of range', () => {
    const text = `${vaults('2')}backup_vault "single" { name = "s" }\nlocals {\n  a = backup_vault.copies.name\n  b = backup_vault.single[0].name\n  c = backup_vault.copies[2].name\n  d = backup_vault.copies["x"].name\n}\n`;
    const errors = errorsOf(text);
    expect(errors.map((e) => [e.summary, e.covered])).to.deep.equal([
      ['Missing resource instance key', 'backup_vault.copies.name'],
      ['Unexpected resource instance key', 'backup_vault.single[0]'],
      ['Invalid index', '2'],
      ['Invalid index', '"x"'],
    ]);
    expect(errors[0]!.detail).to.contain('backup_vault.copies[0].name (or [count.index]');
    expect(errors[2]!.detail).to.equal('backup_vault.copies has no instance with the index 2. Its count is 2: the indexes are 0 to 1.');
  });

  it('reports count outside a counted resource, and attributes count does not have', () => {
    const text = `${SANDBOX}backup_vault "v" {\n  name = "v-\${count.index}"\n}\nbackup_vault "w" {\n  count = 1\n  name  = "w-\${count.idx}"\n}\n`;
    const errors = errorsOf(text);
    expect(errors.map((e) => [e.summary, e.covered])).to.deep.equal([
      ['Reference to "count" in non-counted context', 'count.index'],
      ['Invalid "count" attribute', 'count.idx'],
    ]);
  });

  it('imports into a count instance by index', () => {
    const text = `${vaults('2')}import {\n  to = backup_vault.copies[1]\n  id = "copy-1"\n}\nimport {\n  to = backup_vault.copies[5]\n  id = "x"\n}\nimport {\n  to = backup_vault.copies\n  id = "y"\n}\n`;
    const loaded = load(text);
    expect(loaded.config.imports.map((i) => i.to)).to.deep.equal(['backup_vault.copies[1]']);
    expect(loaded.errors.map((e) => e.detail)).to.deep.equal([
      'backup_vault.copies has no instance with the index 5. Its count is 2: the indexes are 0 to 1.',
      'backup_vault.copies has count set: import into one instance, like to = backup_vault.copies[0].',
    ]);
  });

  it('parses and formats count addresses for state commands', () => {
    expect(parseAddress('backup_vault.copies[0]')).to.deep.equal({ kind: 'backup_vault', name: 'copies', key: 0 });
    expect(parseAddress('backup_vault.copies[12]')).to.deep.equal({ kind: 'backup_vault', name: 'copies', key: 12 });
    expect(parseAddress('backup_vault.copies["0"]')).to.deep.equal({ kind: 'backup_vault', name: 'copies', key: '0' });
    expect(formatAddress({ kind: 'backup_vault', name: 'copies', key: 3 })).to.equal('backup_vault.copies[3]');
    expect(() => parseAddress('backup_vault.copies[01]')).to.throw('is not a resource address');
    expect(() => parseAddress('backup_vault.copies[-1]')).to.throw('is not a resource address');
  });

  it('reads the instances of a counted resource with a splat, and depends on them', () => {
    const loaded = load(`${SANDBOX}
backup_vault "team" {
  count = 2
  name  = "team-\${count.index}"
}
backup_vault "all" {
  name = join("-", backup_vault.team[*].name)
}
`);
    expect(loaded.errors).to.deep.equal([]);
    expect(loaded.resource('backup_vault.all').attributes.name).to.equal('team-0-team-1');
    expect(loaded.resource('backup_vault.all').dependencies).to.deep.equal(['backup_vault.team']);
  });
});
