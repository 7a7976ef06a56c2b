import { expect } from 'chai';
import { resourceEvaluator } from '../../src/config/evaluate.js';
import { UNKNOWN } from '../../src/core/values.js';
import { covered, load, parseFile, SANDBOX } from './evaluate-helpers.js';

const CONFIG = `${SANDBOX}
variable "env" { default = "prod" }
variable "secret" {
  default   = "s3cr3t"
  sensitive = true
}
backup_vault "main" {
  name = "\${var.env}-vault"
}
output "vault_name" {
  value       = backup_vault.main.name
  description = "The vault's name"
}
output "vault_arn" {
  value = backup_vault.main.arn
}
output "summary" {
  value = { env = var.env, names = [backup_vault.main.name] }
}
output "secret" {
  value     = var.secret
  sensitive = true
}
`;

describe('config/evaluate-outputs', () => {
  it('evaluates outputs in declaration order, with description and sensitivity; computed attributes are unknown until known', () => {
    const loaded = load(CONFIG);
    expect(loaded.errors).to.deep.equal([]);
    const outputs = loaded.config.outputs.map(({ range: _range, ...rest }) => rest);
    expect(outputs).to.deep.equal([
      { name: 'vault_name', value: 'prod-vault', description: "The vault's name", sensitive: false, fromSensitiveVariable: false },
      { name: 'vault_arn', value: UNKNOWN, sensitive: false, fromSensitiveVariable: false },
      { name: 'summary', value: { env: 'prod', names: ['prod-vault'] }, sensitive: false, fromSensitiveVariable: false },
      { name: 'secret', value: 's3cr3t', sensitive: true, fromSensitiveVariable: true },
    ]);
  });

  it('after apply, evaluates only the outputs asked for, with the attributes known by then', () => {
    const evaluate = resourceEvaluator([parseFile('main.bkp.hcl', CONFIG)], { dir: '.' });
    const arn = 'arn:aws:backup:eu-west-1:123456789012:backup-vault:prod-vault';
    const result = evaluate((address) => (address === 'backup_vault.main' ? { id: 'prod-vault', arn } : undefined), new Set(['output.vault_arn']));
    expect(result.diagnostics).to.deep.equal([]);
    expect(result.outputs.map((o) => [o.name, o.value])).to.deep.equal([['vault_arn', arn]]);
    expect(result.resources.map((r) => r.address)).to.deep.equal(['backup_vault.main']);
  });

  it('requires a value, sensitive = true for a sensitive variable, and unique valid names', () => {
    const text = `${SANDBOX}
variable "secret" {
  default   = "x"
  sensitive = true
}
output "leak" {
  value = "token-\${var.secret}"
}
output "empty" {
  description = 1
}
output "leak" {
  value = 1
}
output "9bad" {
  value = 1
}
output "flag" {
  value     = 1
  sensitive = "yes"
  other     = 2
}
`;
    const { errors } = load(text);
    expect(errors.map((e) => [e.summary, covered(text, e)])).to.deep.equal([
      ['Output refers to sensitive values', '"token-${var.secret}"'],
      ['Missing required argument', 'output "empty"'],
      ['Invalid value', '1'],
      ['Duplicate output definition', 'output "leak"'],
      ['Invalid output name', '"9bad"'],
      ['Invalid value', '"yes"'],
      ['Unsupported argument', 'other'],
    ]);
    expect(errors[0]!.detail).to.include('sensitive = true');
  });

  it('checks the references of outputs', () => {
    const { errors } = load(`${SANDBOX}output "x" {\n  value = backup_vault.nope.arn\n}\n`);
    expect(errors.map((e) => e.summary)).to.deep.equal(['Reference to undeclared resource']);
  });
});
