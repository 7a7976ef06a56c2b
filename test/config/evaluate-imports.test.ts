import { expect } from 'chai';
import { load, SANDBOX } from './evaluate-helpers.js';

const VAULTS = `${SANDBOX}backup_vault "main" { name = "main" }\nbackup_vault "regional" {\n  for_each = toset(["eu", "us"])\n  name = each.key\n}\nvariable "vault_name" { default = "main" }\n`;

describe('config/evaluate-imports', () => {

  it('reads the target address without evaluating it, and evaluates the id', () => {
    const text = `${VAULTS}import {\n  to = backup_vault.main\n  id = var.vault_name\n}\nimport {\n  to = backup_vault.regional["eu"]\n  id = "eu"\n}\n`;
    const loaded = load(text);
    expect(loaded.diagnostics).to.deep.equal([]);
    expect(loaded.config.imports.map((i) => [i.to, i.id])).to.deep.equal([
      ['backup_vault.main', 'main'],
      ['backup_vault.regional["eu"]', 'eu'],
    ]);
    const range = loaded.config.imports[0]!.range;
    expect(text.slice(range.start.offset, range.end.offset)).to.match(/^import \{[\s\S]*\}$/);
  });

  it('reports targets that are not declared, quoted in HCL, or missing their key', () => {
    const text = `${VAULTS}import {\n  to = backup_vault.mian\n  id = "x"\n}\nimport {\n  to = "backup_vault.main"\n  id = "x"\n}\nimport {\n  to = backup_vault.regional\n  id = "x"\n}\nimport {\n  to = backup_vault.regional["asia"]\n  id = "x"\n}\n`;
    const { errors } = load(text);
    expect(errors.map((e) => e.summary)).to.deep.equal(['Reference to undeclared resource', 'Invalid import target', 'Invalid import target', 'Invalid import target']);
    expect(errors[0]!.detail).to.contain('Did you mean "backup_vault.main"?');
    expect(errors[1]!.detail).to.contain('without quotes');
    expect(errors[2]!.detail).to.contain('for_each');
    expect(errors[3]!.detail).to.contain('"asia"');
  });

  it('reports missing arguments, unknown arguments and duplicate targets', () => {
    const text = `${VAULTS}import {\n  to = backup_vault.main\n}\nimport {\n  id = "x"\n  ids = "y"\n}\nimport {\n  to = backup_vault.main\n  id = "z"\n}\n`;
    const { errors } = load(text);
    expect(errors.map((e) => e.summary)).to.deep.equal(['Missing required argument', 'Missing required argument', 'Unsupported argument', 'Duplicate import target']);
    expect(errors[0]!.detail).to.contain('"id" is required');
    expect(errors[1]!.detail).to.contain('"to" is required');
  });

  it('refuses an id known only after apply', () => {
    const { errors } = load(`${VAULTS}import {\n  to = backup_vault.main\n  id = local.arn\n}\nlocals { arn = backup_vault.main.arn }\n`);
    expect(errors.map((e) => e.summary)).to.deep.equal(['Invalid import id']);
  });

  it('refuses an empty id, which no AWS object has', () => {
    const { errors } = load(`${VAULTS}import {\n  to = backup_vault.main\n  id = " "\n}\n`);
    expect(errors.map((e) => `${e.summary}: ${e.detail}`)).to.deep.equal(['Invalid import id: The import id is empty: give the AWS identifier of the object to import (a vault name, a plan id, …).']);
  });
});
