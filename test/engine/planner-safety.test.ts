// Plan-time refusals that concern only what the (targeted) plan changes, and the vault's
// force_destroy opt-in.
import { expect } from 'chai';
import type { ObjectValue } from '../../src/core/values.js';
import { plan, type PlannerInput, type PriorResource } from '../../src/engine/planner.js';
import { resourceConfig } from '../support/resource-config.js';

const now = new Date('2026-11-25T12:00:00Z');

function prior(address: string, id: string, attributes: ObjectValue, dependencies: string[] = []): PriorResource {
  const [kind, name] = address.split('.') as [string, string];
  return { address, kind, name, provider: 'sandbox', id, attributes, dependencies };
}

function run(input: Partial<PlannerInput>) {
  return plan({ desired: [], prior: [], refreshed: new Map(), now, mode: 'normal', ...input });
}

const vault = (name: string, extra: ObjectValue = {}): ObjectValue => ({
  name,
  tags: {},
  arn: `arn:aws:backup:us-east-1:123456789012:backup-vault:${name}`,
  recovery_points: 0,
  ...extra,
});
const rule = { name: 'daily', target_vault: 'main', schedule: 'cron(0 5 ? * * *)', lifecycle: { delete_after_days: 35 } };
const planAttrs: ObjectValue = { name: 'daily', rule: [rule], id: 'p-1', arn: 'arn:aws:backup:us-east-1:123456789012:backup-plan:p-1', version_id: 'v1' };
const selectionAttrs: ObjectValue = { plan: 'p-1', name: 'all', iam_role_arn: 'arn:aws:iam::123456789012:role/backup', resources: ['arn:aws:ec2:*:*:instance/*'], id: 's-1' };

/** A vault holding recovery points, a plan targeting it, a selection of the plan, and an unrelated full vault. */
const estate = (): PriorResource[] => [
  prior('backup_vault.main', 'main', vault('main', { recovery_points: 4 })),
  prior('backup_vault.archive', 'archive', vault('archive', { recovery_points: 9 })),
  prior('backup_plan.daily', 'p-1', planAttrs, ['backup_vault.main']),
  prior('backup_selection.all', 'p-1/s-1', selectionAttrs, ['backup_plan.daily']),
];

const errors = (p: ReturnType<typeof run>) => p.diagnostics.filter((d) => d.severity === 'error');

describe('planner safety: refusals follow -target', () => {
  it('destroys a targeted selection although vaults elsewhere hold recovery points, and leaves what it depends on', () => {
    const p = run({ mode: 'destroy', prior: estate(), targets: ['backup_selection.all'] });
    expect(errors(p)).to.deep.equal([]);
    expect(p.changes.map((c) => `${c.action} ${c.address}`)).to.deep.equal(['delete backup_selection.all']);
  });

  it('still refuses when the targeted destroy reaches the vault that holds recovery points', () => {
    const p = run({ mode: 'destroy', prior: estate(), targets: ['backup_vault.main'] });
    expect(p.changes.map((c) => c.address)).to.deep.equal(['backup_plan.daily', 'backup_selection.all', 'backup_vault.main']);
    expect(errors(p).map((d) => d.summary)).to.deep.equal(['Refusing to destroy backup_vault.main']);
  });

  it('refuses an untargeted destroy once per vault that holds recovery points', () => {
    const p = run({ mode: 'destroy', prior: estate() });
    expect(errors(p).map((d) => d.summary).sort()).to.deep.equal(['Refusing to destroy backup_vault.archive', 'Refusing to destroy backup_vault.main']);
  });

  it('ignores prevent_destroy and update refusals of resources left out by -target', () => {
    const desired = [
      resourceConfig('backup_vault.main', { name: 'main', tags: {} }, { lifecycle: { prevent_destroy: true } }),
      resourceConfig('backup_vault.locked', { name: 'locked', tags: {}, lock: { min_retention_days: 9, max_retention_days: 30 } }),
      resourceConfig('backup_vault.new', { name: 'new', tags: {} }),
    ];
    const locked = vault('locked', { lock: { min_retention_days: 7, max_retention_days: 30, changeable_for_days: 3 }, lock_date: '2026-01-01T00:00:00.000Z' });
    const priorState = [prior('backup_vault.main', 'main', vault('main')), prior('backup_vault.locked', 'locked', locked)];
    const replaceMain = { desired, prior: priorState, replace: ['backup_vault.main'] };
    expect(errors(run(replaceMain)).map((d) => d.summary).sort()).to.deep.equal(['Cannot update backup_vault.locked', 'Instance cannot be destroyed']);
    const targeted = run({ ...replaceMain, targets: ['backup_vault.new'] });
    expect(errors(targeted)).to.deep.equal([]);
    expect(targeted.changes.map((c) => `${c.action} ${c.address}`)).to.deep.equal(['create backup_vault.new']);
  });
});

describe('planner safety: force_destroy', () => {
  it('plans the destroy of a vault with force_destroy and says how many recovery points go with it', () => {
    const p = run({ prior: [prior('backup_vault.scratch', 'scratch', vault('scratch', { recovery_points: 3, force_destroy: true }))] });
    expect(errors(p)).to.deep.equal([]);
    const change = p.changes[0]!;
    expect(change.action).to.equal('delete');
    expect(change.reason).to.equal('force_destroy deletes the 3 recovery points of backup vault "scratch"');
    const warning = p.diagnostics.find((d) => d.severity === 'warning')!;
    expect(warning.summary).to.equal('backup_vault.scratch: force_destroy deletes the 3 recovery points of backup vault "scratch"');
    expect(warning.detail).to.include('cannot be restored');
  });

  it('takes the count from the refresh, not from the last apply', () => {
    const recorded = vault('scratch', { recovery_points: 0, force_destroy: true });
    const p = run({
      prior: [prior('backup_vault.scratch', 'scratch', recorded)],
      refreshed: new Map([['backup_vault.scratch', { ...recorded, recovery_points: 12 }]]),
    });
    expect(p.changes[0]!.reason).to.include('the 12 recovery points');
  });

  it('refuses force_destroy while a vault lock with a minimum retention protects the recovery points', () => {
    const locked = vault('scratch', { recovery_points: 2, force_destroy: true, lock: { min_retention_days: 7, max_retention_days: 30 } });
    const p = run({ mode: 'destroy', prior: [prior('backup_vault.scratch', 'scratch', locked)] });
    expect(errors(p)).to.have.length(1);
    expect(errors(p)[0]!.detail).to.include('vault lock keeps every recovery point at least 7 days');
  });

  it('needs no notice for an empty vault, and still refuses a full vault without force_destroy with the way out', () => {
    expect(run({ prior: [prior('backup_vault.scratch', 'scratch', vault('scratch', { force_destroy: true }))] }).diagnostics).to.deep.equal([]);
    const refused = run({ prior: [prior('backup_vault.main', 'main', vault('main', { recovery_points: 1 }))] });
    expect(errors(refused)[0]!.detail).to.include('set force_destroy = true');
  });

  it('treats force_destroy = false like unset, and a change of it as an in-place update', () => {
    const same = run({ desired: [resourceConfig('backup_vault.main', { name: 'main', tags: {}, force_destroy: false })], prior: [prior('backup_vault.main', 'main', vault('main'))] });
    expect(same.changes[0]!.action).to.equal('no-op');
    const on = run({ desired: [resourceConfig('backup_vault.main', { name: 'main', tags: {}, force_destroy: true })], prior: [prior('backup_vault.main', 'main', vault('main'))] });
    expect(on.changes[0]!.action).to.equal('update');
    expect(on.changes[0]!.after!.force_destroy).to.equal(true);
  });
});
