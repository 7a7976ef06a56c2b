// Objects live where their provider pointed when bkp made them: a provider whose region (or
// sandbox account) changed plans a replacement, created where it points now and deleted where the
// object lives; states without a recorded location keep the old behaviour.
import { expect } from 'chai';
import type { ObjectValue } from '../../src/core/values.js';
import { buildOperations } from '../../src/engine/apply.js';
import { plan, type PlannerInput, type PriorResource } from '../../src/engine/planner.js';
import { newState, type ResourceLocation } from '../../src/state/model.js';
import { resourceConfig } from '../support/resource-config.js';

const EU: ResourceLocation = { region: 'eu-west-1', account_id: '123456789012' };
const US: ResourceLocation = { region: 'us-east-1', account_id: '123456789012' };

const vaultState: ObjectValue = { name: 'main', tags: {}, arn: 'arn:aws:backup:eu-west-1:123456789012:backup-vault:main', recovery_points: 0, kms_key_arn: 'arn:aws:kms:eu-west-1:123456789012:key/k' };
const priorVault = (location?: ResourceLocation): PriorResource => ({
  address: 'backup_vault.main', kind: 'backup_vault', name: 'main', provider: 'sandbox', id: 'main', attributes: vaultState, dependencies: [],
  ...(location ? { location } : {}),
});

function run(input: Partial<PlannerInput>, here: ResourceLocation | undefined) {
  return plan({ desired: [resourceConfig('backup_vault.main', { name: 'main', tags: {} })], prior: [], refreshed: new Map(), now: new Date('2026-11-25T12:00:00Z'), mode: 'normal', locationOf: () => here, ...input });
}

describe('planner: objects whose provider now points elsewhere', () => {
  it('replaces an object whose provider region changed, creating first, saying why', () => {
    const p = run({ prior: [priorVault(EU)] }, US);
    const change = p.changes[0]!;
    expect(change.action).to.equal('replace');
    expect(change.replaceOrder).to.equal('create-first');
    expect(change.reason).to.equal("must be replaced: the provider's region changed from eu-west-1 to us-east-1");
    expect(change.location).to.deep.equal(US);
    expect(change.priorLocation).to.deep.equal(EU);
    // The old region's key is not carried to the new vault.
    expect(change.after!.kms_key_arn).to.not.equal(vaultState.kms_key_arn);
    expect(p.diagnostics.filter((d) => d.severity === 'error')).to.deep.equal([]);
  });

  it('replaces an object whose sandbox account changed', () => {
    const p = run({ prior: [priorVault(EU)] }, { region: 'eu-west-1', account_id: '210987654321' });
    expect(p.changes[0]!.reason).to.equal("must be replaced: the provider's account changed from 123456789012 to 210987654321");
  });

  it('is a no-op where the provider still points, and keeps an old state without location as it was', () => {
    expect(run({ prior: [priorVault(EU)] }, EU).changes[0]!.action).to.equal('no-op');
    const old = run({ prior: [priorVault()] }, US).changes[0]!;
    expect(old.action).to.equal('no-op');
    expect(old.priorLocation).to.equal(undefined);
  });

  it('deletes a removed object where it lives', () => {
    const p = run({ desired: [], prior: [priorVault(EU)] }, US);
    expect(p.changes[0]!.action).to.equal('delete');
    expect(p.changes[0]!.priorLocation).to.deep.equal(EU);
  });

  it('still refuses to delete the old vault when it holds recovery points', () => {
    const p = run({ prior: [{ ...priorVault(EU), attributes: { ...vaultState, recovery_points: 2 } }] }, US);
    expect(p.diagnostics.filter((d) => d.severity === 'error').map((d) => d.summary)).to.deep.equal(['Refusing to replace backup_vault.main']);
  });

  it('does not order a create after the delete of the same name in another region', () => {
    const moved = run({ desired: [resourceConfig('backup_vault.b', { name: 'main', tags: {} })], prior: [priorVault(EU)] }, US);
    expect(moved.diagnostics.filter((d) => d.summary.includes('takes the name'))).to.deep.equal([]);
    const ops = buildOperations(moved.changes, newState('test'));
    expect(ops.find((op) => op.key === 'create backup_vault.b')!.after.size).to.equal(0);
  });
});
