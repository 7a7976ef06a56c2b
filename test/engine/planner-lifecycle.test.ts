// lifecycle { ignore_changes, create_before_destroy } in the planner.
import { expect } from 'chai';
import type { ObjectValue } from '../../src/core/values.js';
import { plan, type PlannerInput, type PriorResource } from '../../src/engine/planner.js';
import type { ResourceLifecycle } from '../../src/config/model.js';
import { resourceConfig } from '../support/resource-config.js';

const now = new Date('2026-11-25T12:00:00Z');
const at = { file: 'main.bkp.hcl', start: { line: 7, column: 29, offset: 90 }, end: { line: 7, column: 33, offset: 94 } };

function prior(address: string, id: string, attributes: ObjectValue): PriorResource {
  const [kind, name] = address.split('.') as [string, string];
  return { address, kind, name, provider: 'sandbox', id, attributes, dependencies: [] };
}

function run(input: Partial<PlannerInput>) {
  return plan({ desired: [], prior: [], refreshed: new Map(), now, mode: 'normal', ...input });
}

const dailyRule = { name: 'daily', target_vault: 'main', schedule: 'cron(0 5 ? * * *)', lifecycle: { delete_after_days: 35 } };
const planState: ObjectValue = { name: 'standard', rule: [dailyRule], tags: { team: 'infra' }, id: 'p-1', arn: 'arn:aws:backup:eu-west-1:123456789012:backup-plan:p-1', version_id: 'v1' };
const vaultState: ObjectValue = {
  name: 'main',
  tags: { team: 'infra' },
  kms_key_arn: 'arn:aws:kms:eu-west-1:123456789012:key/abc',
  arn: 'arn:aws:backup:eu-west-1:123456789012:backup-vault:main',
  recovery_points: 0,
};

function planWith(attributes: ObjectValue, lifecycle: ResourceLifecycle, ranges = new Map([['', at]])) {
  return run({ desired: [resourceConfig('backup_plan.standard', attributes, { lifecycle, ranges })], prior: [prior('backup_plan.standard', 'p-1', planState)] });
}

describe('planner: lifecycle', () => {
  const changedTagsAndRule = { name: 'standard', rule: [{ ...dailyRule, lifecycle: { delete_after_days: 90 } }], tags: { team: 'data' } };

  it('ignore_changes keeps the object\'s value of the attributes it names, and compares the others', () => {
    const tagsOnly = planWith(changedTagsAndRule, { prevent_destroy: false, ignore_changes: ['tags'] }).changes[0]!;
    expect(tagsOnly.action).to.equal('update');
    expect(tagsOnly.after!.tags).to.deep.equal({ team: 'infra' });
    const both = planWith(changedTagsAndRule, { prevent_destroy: false, ignore_changes: ['tags', 'rule'] }).changes[0]!;
    expect(both.action).to.equal('no-op');
  });

  it('ignore_changes = all ignores every attribute, even one that forces replacement; a new object is created as configured', () => {
    const renamed = planWith({ ...changedTagsAndRule, name: 'renamed' }, { prevent_destroy: false, ignore_changes: 'all' }).changes[0]!;
    expect(renamed.action).to.equal('no-op');
    const created = run({ desired: [resourceConfig('backup_plan.standard', changedTagsAndRule, { lifecycle: { prevent_destroy: false, ignore_changes: 'all' } })] }).changes[0]!;
    expect(created.action).to.equal('create');
    expect(created.after!.tags).to.deep.equal({ team: 'data' });
  });

  it('create_before_destroy: a replacement with a new name creates first', () => {
    const p = planWith({ ...changedTagsAndRule, name: 'renamed' }, { prevent_destroy: false, create_before_destroy: true });
    expect(p.diagnostics.filter((d) => d.severity === 'error')).to.deep.equal([]);
    expect(p.changes[0]!.replaceOrder).to.equal('create-first');
  });

  it('create_before_destroy: a replacement that keeps its name is an error at the setting', () => {
    const ranges = new Map([['', at], ['/lifecycle/create_before_destroy', at]]);
    const desired = { name: 'main', tags: { team: 'infra' }, kms_key_arn: 'arn:aws:kms:eu-west-1:123456789012:key/other' };
    const p = run({
      desired: [resourceConfig('backup_vault.main', desired, { lifecycle: { prevent_destroy: false, create_before_destroy: true }, ranges })],
      prior: [prior('backup_vault.main', 'main', vaultState)],
    });
    expect(p.changes[0]!.action).to.equal('replace');
    const errors = p.diagnostics.filter((d) => d.severity === 'error');
    expect(errors.map((e) => e.summary)).to.deep.equal(['Cannot create backup_vault.main before destroying it']);
    expect(errors[0]!.detail).to.include('keeps the name "main"');
    expect(errors[0]!.range).to.deep.equal(at);
  });
});
