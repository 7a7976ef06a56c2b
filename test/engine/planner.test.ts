import { expect } from 'chai';
import { UNKNOWN, type ObjectValue } from '../../src/core/values.js';
import { plan, type PlannerInput, type PriorResource } from '../../src/engine/planner.js';
import { planSummary } from '../../src/engine/plan-model.js';
import { resourceConfig } from '../support/resource-config.js';

const now = new Date('2026-11-25T12:00:00Z');

function prior(address: string, id: string, attributes: ObjectValue, dependencies: string[] = []): PriorResource {
  const [kind, name] = address.split('.') as [string, string];
  return { address, kind, name, provider: 'sandbox', id, attributes, dependencies };
}

function run(input: Partial<PlannerInput>) {
  return plan({ desired: [], prior: [], refreshed: new Map(), now, mode: 'normal', ...input });
}

const vaultAttrs = (extra: ObjectValue = {}): ObjectValue => ({ name: 'main', tags: { team: 'infra' }, ...extra });
const vaultState = (extra: ObjectValue = {}): ObjectValue => ({
  ...vaultAttrs(),
  kms_key_arn: 'arn:aws:kms:eu-west-1:123456789012:key/abc',
  arn: 'arn:aws:backup:eu-west-1:123456789012:backup-vault:main',
  recovery_points: 0,
  ...extra,
});

const dailyRule = { name: 'daily', target_vault: 'main', schedule: 'cron(0 5 ? * * *)', lifecycle: { delete_after_days: 35 } };
const monthlyRule = { name: 'monthly', target_vault: 'main', schedule: 'cron(0 3 1 * ? *)', lifecycle: { delete_after_days: 365 } };
const planState = (rules: ObjectValue[], extra: ObjectValue = {}): ObjectValue => ({
  name: 'standard',
  rule: rules,
  id: 'p-1',
  arn: 'arn:aws:backup:eu-west-1:123456789012:backup-plan:p-1',
  version_id: 'v1',
  ...extra,
});

function only(p: ReturnType<typeof run>, address: string) {
  const change = p.changes.find((c) => c.address === address);
  expect(change, `a change for ${address}`).to.not.equal(undefined);
  return change!;
}

describe('planner', () => {
  it('creates what the state lacks, with computed attributes unknown', () => {
    const p = run({ desired: [resourceConfig('backup_vault.main', vaultAttrs())] });
    const change = only(p, 'backup_vault.main');
    expect(change.action).to.equal('create');
    expect(change.after!.arn).to.equal(UNKNOWN);
    expect(change.after!.kms_key_arn).to.equal(UNKNOWN);
    expect(planSummary(p)).to.deep.equal({ add: 1, change: 0, destroy: 0, import: 0 });
  });

  it('is a no-op when the account matches, ignoring AWS-chosen optional values', () => {
    const p = run({
      desired: [resourceConfig('backup_vault.main', vaultAttrs())],
      prior: [prior('backup_vault.main', 'main', vaultState())],
    });
    expect(only(p, 'backup_vault.main').action).to.equal('no-op');
  });

  it('treats rule reordering as no change: rules are matched by name', () => {
    const p = run({
      desired: [resourceConfig('backup_plan.standard', { name: 'standard', rule: [monthlyRule, dailyRule] })],
      prior: [prior('backup_plan.standard', 'p-1', planState([dailyRule, monthlyRule]))],
    });
    expect(only(p, 'backup_plan.standard').action).to.equal('no-op');
  });

  it('treats zero and unset lifecycle values as the same', () => {
    const desiredRule = { ...dailyRule, lifecycle: { delete_after_days: 35, cold_storage_after_days: 0 } };
    const p = run({
      desired: [resourceConfig('backup_plan.standard', { name: 'standard', rule: [desiredRule] })],
      prior: [prior('backup_plan.standard', 'p-1', planState([dailyRule]))],
    });
    expect(only(p, 'backup_plan.standard').action).to.equal('no-op');
  });

  it('applies AWS rule defaults on both sides', () => {
    const stateRule = { ...dailyRule, timezone: 'Etc/UTC', start_window_minutes: 480, completion_window_minutes: 10080 };
    const p = run({
      desired: [resourceConfig('backup_plan.standard', { name: 'standard', rule: [dailyRule] })],
      prior: [prior('backup_plan.standard', 'p-1', planState([stateRule]))],
    });
    expect(only(p, 'backup_plan.standard').action).to.equal('no-op');
  });

  it('lets a copy without a lifecycle inherit the rule lifecycle', () => {
    const dest = 'arn:aws:backup:us-east-1:123456789012:backup-vault:dr';
    const desiredRule = { ...dailyRule, copy: [{ destination_vault_arn: dest }] };
    const stateRule = { ...dailyRule, copy: [{ destination_vault_arn: dest, lifecycle: { delete_after_days: 35 } }] };
    const p = run({
      desired: [resourceConfig('backup_plan.standard', { name: 'standard', rule: [desiredRule] })],
      prior: [prior('backup_plan.standard', 'p-1', planState([stateRule]))],
    });
    expect(only(p, 'backup_plan.standard').action).to.equal('no-op');
    const differentCopy = { ...dailyRule, copy: [{ destination_vault_arn: dest, lifecycle: { delete_after_days: 70 } }] };
    const p2 = run({
      desired: [resourceConfig('backup_plan.standard', { name: 'standard', rule: [desiredRule] })],
      prior: [prior('backup_plan.standard', 'p-1', planState([differentCopy]))],
    });
    expect(only(p2, 'backup_plan.standard').action).to.equal('update');
  });

  it('updates a plan in place when only a rule lifecycle changes, keeping its id', () => {
    const p = run({
      desired: [
        resourceConfig('backup_plan.standard', { name: 'standard', rule: [{ ...dailyRule, lifecycle: { delete_after_days: 40 } }] }),
      ],
      prior: [prior('backup_plan.standard', 'p-1', planState([dailyRule]))],
    });
    const change = only(p, 'backup_plan.standard');
    expect(change.action).to.equal('update');
    expect(change.after!.id).to.equal('p-1');
    expect(planSummary(p)).to.deep.equal({ add: 0, change: 1, destroy: 0, import: 0 });
  });

  it('replaces a plan whose name changes, creating the new one first', () => {
    const p = run({
      desired: [resourceConfig('backup_plan.standard', { name: 'renamed', rule: [dailyRule] })],
      prior: [prior('backup_plan.standard', 'p-1', planState([dailyRule]))],
    });
    const change = only(p, 'backup_plan.standard');
    expect(change.action).to.equal('replace');
    expect(change.replacePaths).to.deep.equal([['name']]);
    expect(change.replaceOrder).to.equal('create-first');
    expect(change.after!.id).to.equal(UNKNOWN);
  });

  const selectionState = (extra: ObjectValue = {}): ObjectValue => ({
    plan: 'p-1',
    name: 'tagged',
    iam_role_arn: 'arn:aws:iam::123456789012:role/backup',
    resources: ['arn:aws:ec2:*:*:instance/*'],
    tag: [{ key: 'backup', value: 'daily', condition_type: 'STRINGEQUALS' }],
    condition: [{ string_equals: { 'aws:ResourceTag/env': 'prod' } }],
    id: 's-1',
    ...extra,
  });

  it('replaces a selection on any change, saying why', () => {
    const desired: ObjectValue = { ...selectionState(), resources: ['arn:aws:rds:*:*:db:*'] };
    delete desired.id;
    const p = run({
      desired: [resourceConfig('backup_selection.tagged', desired)],
      prior: [prior('backup_selection.tagged', 's-1', selectionState())],
    });
    const change = only(p, 'backup_selection.tagged');
    expect(change.action).to.equal('replace');
    expect(change.reason).to.equal('must be replaced: backup selections cannot be updated');
    expect(change.replaceOrder).to.equal('delete-first');
  });

  it('sees a removed condition block as a change', () => {
    const desired = selectionState();
    delete desired.id;
    delete desired.condition;
    const p = run({
      desired: [resourceConfig('backup_selection.tagged', desired)],
      prior: [prior('backup_selection.tagged', 's-1', selectionState())],
    });
    expect(only(p, 'backup_selection.tagged').action).to.equal('replace');
    expect(only(p, 'backup_selection.tagged').replacePaths).to.deep.equal([['condition']]);
  });

  it('sees a removed tag block as a change, and reordered ARNs as none', () => {
    const base = selectionState({ resources: ['arn:aws:ec2:*:*:instance/*', 'arn:aws:rds:*:*:db:*'] });
    const reordered: ObjectValue = { ...base, resources: ['arn:aws:rds:*:*:db:*', 'arn:aws:ec2:*:*:instance/*'] };
    delete reordered.id;
    expect(
      only(run({ desired: [resourceConfig('backup_selection.tagged', reordered)], prior: [prior('backup_selection.tagged', 's-1', base)] }), 'backup_selection.tagged')
        .action,
    ).to.equal('no-op');
    const noTag = { ...reordered, tag: [] };
    expect(
      only(run({ desired: [resourceConfig('backup_selection.tagged', noTag)], prior: [prior('backup_selection.tagged', 's-1', base)] }), 'backup_selection.tagged')
        .action,
    ).to.equal('replace');
  });

  it('replaces a selection whose plan id is unknown (its plan is being replaced)', () => {
    const desired: ObjectValue = { ...selectionState(), plan: UNKNOWN };
    delete desired.id;
    const p = run({
      desired: [resourceConfig('backup_selection.tagged', desired)],
      prior: [prior('backup_selection.tagged', 's-1', selectionState())],
    });
    expect(only(p, 'backup_selection.tagged').action).to.equal('replace');
  });

  it('compares JSON documents semantically', () => {
    const written = '{ "Version": "2012-10-17",\n  "Statement": [] }';
    const stored = '{"Statement":[],"Version":"2012-10-17"}';
    const p = run({
      desired: [resourceConfig('backup_vault.main', vaultAttrs({ access_policy: written }))],
      prior: [prior('backup_vault.main', 'main', vaultState({ access_policy: stored }))],
    });
    expect(only(p, 'backup_vault.main').action).to.equal('no-op');
    const p2 = run({
      desired: [resourceConfig('backup_vault.main', vaultAttrs({ access_policy: '{"Version":"2012-10-17","Statement":[{"Effect":"Deny"}]}' }))],
      prior: [prior('backup_vault.main', 'main', vaultState({ access_policy: stored }))],
    });
    expect(only(p2, 'backup_vault.main').action).to.equal('update');
  });

  it('ignores tags the account added that bkp does not manage', () => {
    const refreshed = new Map([['backup_vault.main', vaultState({ tags: { team: 'infra', 'aws:cloudformation:stack': 'x' } })]]);
    const p = run({
      desired: [resourceConfig('backup_vault.main', vaultAttrs())],
      prior: [prior('backup_vault.main', 'main', vaultState())],
      refreshed,
    });
    expect(only(p, 'backup_vault.main').action).to.equal('no-op');
    expect(p.drift).to.have.length(0);
  });

  it('reports a managed tag changed outside bkp as drift and plans to restore it', () => {
    const refreshed = new Map([['backup_vault.main', vaultState({ tags: { team: 'someone-else' } })]]);
    const p = run({
      desired: [resourceConfig('backup_vault.main', vaultAttrs())],
      prior: [prior('backup_vault.main', 'main', vaultState())],
      refreshed,
    });
    expect(p.drift.map((d) => [d.address, d.action])).to.deep.equal([['backup_vault.main', 'update']]);
    expect(only(p, 'backup_vault.main').action).to.equal('update');
  });

  it('reports a resource deleted outside bkp and plans to create it again', () => {
    const p = run({
      desired: [resourceConfig('backup_vault.main', vaultAttrs())],
      prior: [prior('backup_vault.main', 'main', vaultState())],
      refreshed: new Map([['backup_vault.main', null]]),
    });
    expect(p.drift.map((d) => d.action)).to.deep.equal(['delete']);
    expect(only(p, 'backup_vault.main').action).to.equal('create');
  });

  it('refuses to destroy a vault that holds recovery points', () => {
    const p = run({ prior: [prior('backup_vault.main', 'main', vaultState({ recovery_points: 3 }))] });
    expect(only(p, 'backup_vault.main').action).to.equal('delete');
    const errors = p.diagnostics.filter((d) => d.severity === 'error');
    expect(errors).to.have.length(1);
    expect(errors[0]!.detail).to.match(/holds 3 recovery points; bkp never deletes recovery points/);
  });

  it('refuses any plan that would destroy a resource under prevent_destroy', () => {
    const config = resourceConfig('backup_vault.main', vaultAttrs(), { lifecycle: { prevent_destroy: true } });
    const p = run({ desired: [config], prior: [prior('backup_vault.main', 'main', vaultState())], mode: 'destroy' });
    expect(p.diagnostics.map((d) => d.summary)).to.include('Instance cannot be destroyed');
    const renamed = resourceConfig('backup_vault.main', vaultAttrs({ name: 'other' }), { lifecycle: { prevent_destroy: true } });
    const p2 = run({ desired: [renamed], prior: [prior('backup_vault.main', 'main', vaultState())] });
    expect(p2.diagnostics.map((d) => d.summary)).to.include('Instance cannot be destroyed');
  });

  it('refuses to change a vault lock after its lock date, and allows it before', () => {
    const locked = vaultState({ lock: { min_retention_days: 7, max_retention_days: 365 }, lock_date: '2026-11-01T00:00:00Z' });
    const desired = resourceConfig('backup_vault.main', vaultAttrs({ lock: { min_retention_days: 1, max_retention_days: 365 } }));
    const p = run({ desired: [desired], prior: [prior('backup_vault.main', 'main', locked)] });
    expect(p.diagnostics.filter((d) => d.severity === 'error').map((d) => d.detail)).to.have.length(1);
    const notYet = { ...locked, lock_date: '2026-12-01T00:00:00Z' };
    const p2 = run({ desired: [desired], prior: [prior('backup_vault.main', 'main', notYet)] });
    expect(p2.diagnostics.filter((d) => d.severity === 'error')).to.have.length(0);
    expect(only(p2, 'backup_vault.main').action).to.equal('update');
  });

  it('plans only the state update in refresh-only mode', () => {
    const p = run({
      desired: [resourceConfig('backup_vault.main', vaultAttrs({ name: 'changed' }))],
      prior: [prior('backup_vault.main', 'main', vaultState())],
      refreshed: new Map([['backup_vault.main', vaultState({ tags: { team: 'x' } })]]),
      mode: 'refresh-only',
    });
    expect(p.changes).to.have.length(0);
    expect(p.drift).to.have.length(1);
    expect(p.refreshedState.map((r) => r.address)).to.deep.equal(['backup_vault.main']);
  });

  it('forces a replacement with -replace', () => {
    const p = run({
      desired: [resourceConfig('backup_vault.main', vaultAttrs())],
      prior: [prior('backup_vault.main', 'main', vaultState())],
      replace: ['backup_vault.main'],
    });
    expect(only(p, 'backup_vault.main').action).to.equal('replace');
    expect(only(p, 'backup_vault.main').reason).to.equal('replacement requested with -replace');
  });

  it('warns when a -replace address is no resource instance of the configuration, naming the instances of a block', () => {
    const p = run({
      desired: [
        resourceConfig('backup_vault.main', vaultAttrs()),
        resourceConfig('backup_vault.v["a"]', vaultAttrs({ name: 'a' })),
        resourceConfig('backup_vault.v["b"]', vaultAttrs({ name: 'b' })),
      ],
      prior: [prior('backup_vault.main', 'main', vaultState())],
      replace: ['backup_vault.main', 'backup_vault.v', 'backup_vault.mian'],
    });
    expect(only(p, 'backup_vault.main').action).to.equal('replace');
    const warnings = p.diagnostics.filter((d) => d.severity === 'warning').map((d) => `${d.summary} | ${d.detail}`);
    expect(warnings).to.deep.equal([
      `-replace=backup_vault.v replaces nothing | backup_vault.v is a block of 2 instances, and -replace takes one instance: -replace='backup_vault.v["a"]' -replace='backup_vault.v["b"]'.`,
      '-replace=backup_vault.mian replaces nothing | The configuration has no resource backup_vault.mian; `bkp state list` lists the addresses bkp manages.',
    ]);
  });

  it('refuses to destroy a resource of a kind it does not know, unless -target leaves it alone', () => {
    const input = {
      desired: [resourceConfig('backup_vault.main', vaultAttrs())],
      prior: [prior('backup_vault.main', 'main', vaultState()), prior('future_kind.x', 'x-1', { name: 'x' })],
      refreshed: new Map([['future_kind.x', { name: 'x' }]]),
    };
    const refused = run(input).diagnostics.filter((d) => d.severity === 'error');
    expect(refused.map((d) => d.summary)).to.deep.equal(['Cannot destroy future_kind.x: bkp does not know the kind future_kind']);
    expect(refused[0]!.detail).to.contain('bkp state rm future_kind.x');
    expect(run({ ...input, targets: ['backup_vault.main'] }).diagnostics.filter((d) => d.severity === 'error')).to.deep.equal([]);
  });

  it('limits the plan to -target and its dependencies', () => {
    const p = run({
      desired: [
        resourceConfig('backup_vault.main', vaultAttrs()),
        resourceConfig('backup_vault.other', vaultAttrs({ name: 'other' })),
        resourceConfig('backup_plan.standard', { name: 'standard', rule: [dailyRule] }, { dependencies: ['backup_vault.main'] }),
      ],
      targets: ['backup_plan.standard'],
    });
    expect(p.changes.map((c) => c.address)).to.deep.equal(['backup_plan.standard', 'backup_vault.main']);
    expect(p.targeted).to.equal(true);
  });

  it('deletes what the configuration no longer has, and everything in destroy mode', () => {
    const p = run({ prior: [prior('backup_vault.main', 'main', vaultState())] });
    expect(planSummary(p)).to.deep.equal({ add: 0, change: 0, destroy: 1, import: 0 });
  });
});
