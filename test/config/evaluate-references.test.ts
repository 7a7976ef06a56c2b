import { expect } from 'chai';
import { UNKNOWN } from '../../src/core/values.js';
import { covered, load, SANDBOX } from './evaluate-helpers.js';

const VAULTS = `${SANDBOX}
backup_vault "main" {
  name = "main-vault"
  tags = { team = "infra" }
}
backup_vault "regional" {
  for_each = { eu = "eu-west-1", us = "us-east-1" }
  name     = "vault-\${each.value}"
}
backup_plan "daily" {
  name = "daily"
  rule "r" { target_vault = backup_vault.main.name }
}
`;

describe('config/evaluate-references', () => {

  it('gives configured attributes their evaluated value', () => {
    const { config, errors } = load(`${VAULTS}locals {\n  n = backup_vault.main.name\n  t = backup_vault.main.tags.team\n  missing = backup_vault.main.kms_key_arn\n}\n`);
    expect(errors).to.deep.equal([]);
    expect(config.locals).to.deep.include({ n: 'main-vault', t: 'infra', missing: null });
  });

  it('gives computed attributes UNKNOWN, or the known value from state', () => {
    const text = `${VAULTS}locals {\n  arn = backup_vault.main.arn\n  id = backup_plan.daily.id\n}\n`;
    expect(load(text).config.locals).to.deep.include({ arn: UNKNOWN, id: UNKNOWN });
    const known = load(text, { knownAttributes: (address) => (address === 'backup_plan.daily' ? { id: 'plan-123' } : undefined) });
    expect(known.config.locals).to.deep.include({ arn: UNKNOWN, id: 'plan-123' });
  });

  it('makes a whole-resource reference mean its id', () => {
    const text = `${VAULTS}backup_selection "s" {\n  plan = backup_plan.daily\n  name = "s"\n  iam_role_arn = "arn:aws:iam::123456789012:role/r"\n}\nlocals { vault = backup_vault.main }\n`;
    const known = load(text, { knownAttributes: (address) => (address === 'backup_plan.daily' ? { id: 'plan-123' } : undefined) });
    expect(known.errors).to.deep.equal([]);
    expect(known.resource('backup_selection.s').attributes.plan).to.equal('plan-123');
    expect(load(text).resource('backup_selection.s').attributes.plan).to.equal(UNKNOWN);
    // AWS Backup identifies vaults by name.
    expect(known.config.locals.vault).to.equal('main-vault');
  });

  it('reads one instance of a for_each resource by key', () => {
    const text = `${VAULTS}locals {\n  eu = backup_vault.regional["eu"].name\n  whole = backup_vault.regional["us"]\n}\n`;
    const { config, errors } = load(text);
    expect(errors).to.deep.equal([]);
    expect(config.locals).to.deep.include({ eu: 'vault-eu-west-1', whole: 'vault-us-east-1' });
  });

  it('gives a for_each resource without a key as a map of its instances', () => {
    const { config } = load(`${VAULTS}locals { all = backup_vault.regional }\n`);
    const all = config.locals.all as Record<string, Record<string, unknown>>;
    expect(Object.keys(all)).to.deep.equal(['eu', 'us']);
    expect(all.eu!.name).to.equal('vault-eu-west-1');
    expect(all.eu!.arn).to.equal(UNKNOWN);
  });

  it('supports for expressions over the instances', () => {
    const { config } = load(`${VAULTS}locals { names = [for k, v in backup_vault.regional : v.name] }\n`);
    expect(config.locals.names).to.deep.equal(['vault-eu-west-1', 'vault-us-east-1']);
  });

  it('reports a key that is not an instance, with a suggestion', () => {
    const text = `${VAULTS}locals { x = backup_vault.regional["eux"].name }\n`;
    const { errors } = load(text);
    expect(errors).to.have.length(1);
    expect(errors[0]!.summary).to.equal('Invalid index');
    expect(errors[0]!.detail).to.contain('Did you mean "eu"?');
    expect(covered(text, errors[0]!)).to.equal('"eux"');
  });

  it('correlates for_each instances with each.key', () => {
    const text = `${VAULTS}backup_plan "per_region" {\n  for_each = backup_vault.regional\n  name = "plan-\${each.key}"\n  rule "r" { target_vault = backup_vault.regional[each.key].name }\n}\n`;
    const loaded = load(text);
    expect(loaded.errors).to.deep.equal([]);
    const rule = (loaded.resource('backup_plan.per_region["us"]').attributes.rule as Array<Record<string, unknown>>)[0]!;
    expect(rule.target_vault).to.equal('vault-us-east-1');
  });

  it('collects dependencies without instance keys, also through locals and depends_on', () => {
    const text = `${VAULTS}locals { target = backup_vault.regional["eu"].name }\nbackup_plan "p" {\n  name = "p"\n  rule "r" { target_vault = local.target }\n  depends_on = [backup_vault.main]\n}\n`;
    const loaded = load(text);
    expect(loaded.errors).to.deep.equal([]);
    expect(loaded.resource('backup_plan.p').dependencies).to.deep.equal(['backup_vault.main', 'backup_vault.regional']);
    expect(loaded.resource('backup_plan.daily').dependencies).to.deep.equal(['backup_vault.main']);
    expect(loaded.resource('backup_vault.main').dependencies).to.deep.equal([]);
  });

  it('reports depends_on entries that are not resources', () => {
    const text = `${VAULTS}backup_vault "x" {\n  name = "x"\n  depends_on = [backup_vault.nope, "backup_vault.main", backup_vault.main.name]\n}\n`;
    const { errors } = load(text);
    expect(errors.map((e) => e.summary)).to.deep.equal(['Reference to undeclared resource', 'Invalid depends_on entry', 'Invalid depends_on entry']);
  });
});
