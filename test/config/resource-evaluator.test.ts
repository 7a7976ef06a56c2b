// resourceEvaluator: the apply's re-evaluation of resources as their dependencies are created.
import { expect } from 'chai';
import { tmpdir } from 'node:os';
import { resourceEvaluator } from '../../src/config/evaluate.js';
import { UNKNOWN } from '../../src/core/values.js';
import { parseFile, SANDBOX } from './evaluate-helpers.js';

const CONFIG = `${SANDBOX}
locals {
  role = "arn:aws:iam::123456789012:role/backup"
}
backup_vault "main" {
  name = "main"
}
backup_plan "daily" {
  name = "daily"
  rule "daily" {
    target_vault = backup_vault.main.name
  }
}
backup_selection "app" {
  name         = "app"
  plan         = backup_plan.daily.id
  iam_role_arn = local.role
  resources    = ["arn:aws:ec2:eu-west-1:123456789012:volume/vol-1"]
}
backup_vault "other" {
  for_each = toset(["a", "b"])
  name     = "other-\${each.key}"
}
`;

describe('config/resourceEvaluator', () => {
  const evaluate = resourceEvaluator([parseFile('main.bkp.hcl', CONFIG)], { dir: tmpdir() });

  it('evaluates every resource without `only`, with the computed attributes known now', () => {
    const before = evaluate(() => undefined);
    expect(before.diagnostics).to.deep.equal([]);
    expect(before.resources.map((r) => r.address)).to.deep.equal([
      'backup_vault.main',
      'backup_plan.daily',
      'backup_selection.app',
      'backup_vault.other["a"]',
      'backup_vault.other["b"]',
    ]);
    expect(before.resources.find((r) => r.address === 'backup_selection.app')!.attributes.plan).to.equal(UNKNOWN);
  });

  it('evaluates only the resources asked for and those they refer to', () => {
    const known = (address: string) => (address === 'backup_plan.daily' ? { id: 'plan-1' } : undefined);
    const result = evaluate(known, new Set(['backup_selection.app']));
    expect(result.resources.map((r) => r.address)).to.have.members(['backup_vault.main', 'backup_plan.daily', 'backup_selection.app']);
    const selection = result.resources.find((r) => r.address === 'backup_selection.app')!;
    expect(selection.attributes.plan).to.equal('plan-1');
    expect(selection.attributes.iam_role_arn).to.equal('arn:aws:iam::123456789012:role/backup');
  });

  it('takes instance addresses, evaluating the block they come from', () => {
    const result = evaluate(() => undefined, new Set(['backup_vault.other["b"]']));
    expect(result.resources.map((r) => r.address)).to.deep.equal(['backup_vault.other["a"]', 'backup_vault.other["b"]']);
  });

  it('gives each call its own known attributes', () => {
    const first = evaluate((a) => (a === 'backup_plan.daily' ? { id: 'p-1' } : undefined), new Set(['backup_selection.app']));
    const second = evaluate((a) => (a === 'backup_plan.daily' ? { id: 'p-2' } : undefined), new Set(['backup_selection.app']));
    const plan = (r: typeof first) => r.resources.find((x) => x.address === 'backup_selection.app')!.attributes.plan;
    expect([plan(first), plan(second)]).to.deep.equal(['p-1', 'p-2']);
  });
});
