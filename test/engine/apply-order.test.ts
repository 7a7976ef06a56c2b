import { expect } from 'chai';
import { buildOperations, type Operation } from '../../src/engine/apply.js';
import type { ChangeAction, ResourceChange } from '../../src/engine/plan-model.js';
import { newState, type StateDocument, type StateResource } from '../../src/state/model.js';

function change(address: string, action: ChangeAction, dependencies: string[] = [], extra: Partial<ResourceChange> = {}): ResourceChange {
  const [kind, rest] = address.split('.') as [string, string];
  return { address, kind, name: rest.replace(/\[.*$/, ''), provider: 'aws', action, before: null, after: null, replacePaths: [], dependencies, sensitivePaths: [], ...extra };
}

function stateWith(resources: Array<Pick<StateResource, 'address' | 'dependencies'>>): StateDocument {
  const doc = newState('test');
  return {
    ...doc,
    resources: resources.map((r) => ({ ...r, kind: r.address.split('.')[0]!, name: 'x', provider: 'aws', id: r.address, attributes: {} })),
  };
}

/** `key → sorted keys it waits for`, for readable assertions. */
function waits(ops: Operation[]): Record<string, string[]> {
  return Object.fromEntries(ops.map((op) => [op.key, [...op.after].sort()]));
}

describe('apply operation order', () => {
  it('creates wait for what they refer to, including every instance of a for_each resource', () => {
    const ops = buildOperations(
      [
        change('backup_vault.env["dev"]', 'create'),
        change('backup_vault.env["prod"]', 'create'),
        change('backup_vault.other', 'create'),
        change('backup_plan.daily', 'create', ['backup_vault.env']),
        change('backup_selection.tagged["dev"]', 'update', ['backup_plan.daily', 'backup_vault.env["dev"]']),
      ],
      newState('test'),
    );
    expect(waits(ops)).to.deep.equal({
      'create backup_vault.env["dev"]': [],
      'create backup_vault.env["prod"]': [],
      'create backup_vault.other': [],
      'create backup_plan.daily': ['create backup_vault.env["dev"]', 'create backup_vault.env["prod"]'],
      'update backup_selection.tagged["dev"]': ['create backup_plan.daily', 'create backup_vault.env["dev"]'],
    });
  });

  it('deletes wait for the deletes and updates of what depends on them, per the prior state or the configuration', () => {
    const prior = stateWith([
      { address: 'backup_vault.main', dependencies: [] },
      { address: 'backup_plan.daily', dependencies: ['backup_vault.main'] },
      { address: 'backup_selection.all["a"]', dependencies: ['backup_plan.daily'] },
      { address: 'backup_selection.all["b"]', dependencies: ['backup_plan.daily'] },
    ]);
    const ops = buildOperations(
      [
        change('backup_vault.main', 'delete'),
        change('backup_plan.daily', 'delete', ['backup_vault.main']),
        change('backup_selection.all["a"]', 'delete', ['backup_plan.daily']),
        change('backup_selection.all["b"]', 'delete'),
        change('backup_plan.other', 'update', ['backup_vault.main']),
        change('backup_plan.unrelated', 'update'),
      ],
      prior,
    );
    expect(waits(ops)).to.deep.equal({
      'delete backup_vault.main': ['delete backup_plan.daily', 'update backup_plan.other'],
      'delete backup_plan.daily': ['delete backup_selection.all["a"]', 'delete backup_selection.all["b"]'],
      'delete backup_selection.all["a"]': [],
      'delete backup_selection.all["b"]': [],
      'update backup_plan.other': [],
      'update backup_plan.unrelated': [],
    });
  });

  it('a replacement orders its own create and delete, and a keyed delete waits for dependents of the whole resource', () => {
    const prior = stateWith([
      { address: 'backup_vault.env["dev"]', dependencies: [] },
      { address: 'backup_plan.p', dependencies: ['backup_vault.env'] },
    ]);
    const ops = buildOperations(
      [
        change('backup_vault.env["dev"]', 'replace', [], { replaceOrder: 'create-first' }),
        change('backup_plan.p', 'replace', ['backup_vault.env'], { replaceOrder: 'delete-first' }),
      ],
      prior,
    );
    expect(waits(ops)).to.deep.equal({
      'create backup_vault.env["dev"]': [],
      'delete backup_vault.env["dev"]': ['create backup_vault.env["dev"]', 'delete backup_plan.p'],
      'create backup_plan.p': ['create backup_vault.env["dev"]', 'delete backup_plan.p'],
      'delete backup_plan.p': [],
    });
  });
});
