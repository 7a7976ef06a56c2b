// A block label renamed with the same physical name: the delete of the old address goes before the
// create of the new one (run together, AWS answers AlreadyExistsException), and the plan suggests
// `bkp state mv` to keep the object.
import { expect } from 'chai';
import { buildOperations, type Operation } from '../../src/engine/apply.js';
import type { ChangeAction, ResourceChange } from '../../src/engine/plan-model.js';
import { plan } from '../../src/engine/planner.js';
import type { ObjectValue } from '../../src/core/values.js';
import { newState } from '../../src/state/model.js';
import { resourceConfig } from '../support/resource-config.js';

function change(address: string, action: ChangeAction, before: ObjectValue | null, after: ObjectValue | null, extra: Partial<ResourceChange> = {}): ResourceChange {
  const [kind, name] = address.split('.') as [string, string];
  return { address, kind, name, provider: 'sandbox', action, before, after, replacePaths: [], dependencies: [], sensitivePaths: [], ...extra };
}

const waits = (ops: Operation[]) => Object.fromEntries(ops.map((op) => [op.key, [...op.after].sort()]));

describe('renamed block label with the same physical name', () => {
  it('creates the new address only after the old one is deleted', () => {
    const ops = buildOperations(
      [change('backup_vault.b', 'create', null, { name: 'main' }), change('backup_vault.a', 'delete', { name: 'main', arn: 'arn:x' }, null)],
      newState('test'),
    );
    expect(waits(ops)).to.deep.equal({ 'create backup_vault.b': ['delete backup_vault.a'], 'delete backup_vault.a': [] });
  });

  it('leaves different names, other kinds and other providers to run in parallel', () => {
    const ops = buildOperations(
      [
        change('backup_vault.b', 'create', null, { name: 'other' }),
        change('backup_vault.c', 'create', null, { name: 'main' }, { provider: 'sandbox.dr' }),
        change('backup_plan.p', 'create', null, { name: 'main' }),
        change('backup_vault.a', 'delete', { name: 'main' }, null),
      ],
      newState('test'),
    );
    expect(Object.values(waits(ops)).flat()).to.deep.equal([]);
  });

  it('orders a replacement\'s create after the delete of the address whose name it takes', () => {
    const ops = buildOperations(
      [
        change('backup_vault.b', 'replace', { name: 'old' }, { name: 'main' }, { replaceOrder: 'create-first' }),
        change('backup_vault.a', 'delete', { name: 'main' }, null),
      ],
      newState('test'),
    );
    expect(waits(ops)['create backup_vault.b']).to.deep.equal(['delete backup_vault.a']);
  });

  it('plans the rename as a destroy and a create, with a hint to use bkp state mv', () => {
    const p = plan({
      desired: [resourceConfig('backup_vault.b', { name: 'main', tags: {} })],
      prior: [{ address: 'backup_vault.a', kind: 'backup_vault', name: 'a', provider: 'sandbox', id: 'main', attributes: { name: 'main', tags: {}, arn: 'arn:x', recovery_points: 0 }, dependencies: [] }],
      refreshed: new Map(),
      now: new Date('2026-11-25T12:00:00Z'),
      mode: 'normal',
    });
    expect(p.changes.map((c) => `${c.action} ${c.address}`)).to.deep.equal(['delete backup_vault.a', 'create backup_vault.b']);
    const hint = p.diagnostics.find((d) => d.severity === 'warning')!;
    expect(hint.summary).to.equal('backup_vault.b takes the name "main" of backup_vault.a, which this plan destroys');
    expect(hint.detail).to.include('bkp state mv backup_vault.a backup_vault.b');
  });

  it('single-quotes instance addresses in the suggested command, so a shell keeps their quotes', () => {
    const p = plan({
      desired: [resourceConfig('backup_vault.v["x"]', { name: 'main', tags: {} })],
      prior: [{ address: 'backup_vault.v["a"]', kind: 'backup_vault', name: 'v', provider: 'sandbox', id: 'main', attributes: { name: 'main', tags: {}, arn: 'arn:x', recovery_points: 0 }, dependencies: [] }],
      refreshed: new Map(),
      now: new Date('2026-11-25T12:00:00Z'),
      mode: 'normal',
    });
    const hint = p.diagnostics.find((d) => d.severity === 'warning')!;
    expect(hint.detail).to.include(`bkp state mv 'backup_vault.v["a"]' 'backup_vault.v["x"]'`);
  });
});
