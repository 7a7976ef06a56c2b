// moved blocks applied to the state (engine/moves.ts) and shown in the plan: a label rename, a
// move into a module, a for_each key move and a whole module call; chains; a target already taken.
import { expect } from 'chai';
import { applyMoves, implicitCountMoves, markMoves, withMoves } from '../../src/engine/moves.js';
import type { Plan, ResourceChange } from '../../src/engine/plan-model.js';
import { planToJson } from '../../src/render/plan-json.js';
import { renderPlanHuman } from '../../src/render/plan-human.js';
import { newState, moveResource, type StateDocument, type StateResource } from '../../src/state/model.js';

function resource(address: string, kind: string, name: string, extra: Partial<StateResource> = {}): StateResource {
  return { address, kind, name, provider: 'sandbox', id: `${name}-id`, attributes: { name }, dependencies: [], ...extra };
}

function state(resources: StateResource[]): StateDocument {
  return { ...newState('test'), resources };
}

describe('moved blocks in the engine', () => {
  it('moves a root resource into a module, its instance fields and the dependencies on it following', () => {
    const doc = state([
      resource('backup_vault.legacy', 'backup_vault', 'legacy'),
      resource('backup_plan.daily', 'backup_plan', 'daily', { dependencies: ['backup_vault.legacy'] }),
    ]);
    const { state: moved, moved: records, diagnostics } = applyMoves(doc, [{ from: 'backup_vault.legacy', to: 'module.env["prod"].backup_vault.main' }]);
    expect(diagnostics).to.deep.equal([]);
    expect(records).to.deep.equal([{ from: 'backup_vault.legacy', to: 'module.env["prod"].backup_vault.main' }]);
    expect(moved.resources.map((r) => [r.address, r.name, r.id])).to.deep.equal([
      ['backup_plan.daily', 'daily', 'daily-id'],
      ['module.env["prod"].backup_vault.main', 'main', 'legacy-id'],
    ]);
    expect(moved.resources[0]!.dependencies).to.deep.equal(['module.env["prod"].backup_vault.main']);
    // The input is never changed.
    expect(doc.resources[0]!.address).to.equal('backup_vault.legacy');
  });

  it('moves every instance of a resource, a for_each key, a whole module call, and follows chains', () => {
    const doc = state([
      resource('backup_vault.a["x"]', 'backup_vault', 'a', { key: 'x' }),
      resource('backup_vault.a["y"]', 'backup_vault', 'a', { key: 'y' }),
      resource('backup_vault.k["old"]', 'backup_vault', 'k', { key: 'old' }),
      resource('module.legacy.backup_plan.p', 'backup_plan', 'p'),
      resource('backup_vault.first', 'backup_vault', 'first'),
    ]);
    const { state: moved } = applyMoves(doc, [
      { from: 'backup_vault.a', to: 'backup_vault.b' },
      { from: 'backup_vault.k["old"]', to: 'backup_vault.k["new"]' },
      { from: 'module.legacy', to: 'module.env["prod"]' },
      { from: 'backup_vault.first', to: 'backup_vault.second' },
      { from: 'backup_vault.second', to: 'backup_vault.third' },
    ]);
    expect(moved.resources.map((r) => [r.address, r.name, r.key])).to.deep.equal([
      ['backup_vault.b["x"]', 'b', 'x'],
      ['backup_vault.b["y"]', 'b', 'y'],
      ['backup_vault.k["new"]', 'k', 'new'],
      ['backup_vault.third', 'third', undefined],
      ['module.env["prod"].backup_plan.p', 'p', undefined],
    ]);
  });

  it('leaves an object in place, with a warning, when its new address is taken; a from the state lacks is nothing to do', () => {
    const doc = state([resource('backup_vault.a', 'backup_vault', 'a'), resource('backup_vault.b', 'backup_vault', 'b')]);
    const { state: moved, moved: records, diagnostics } = applyMoves(doc, [
      { from: 'backup_vault.a', to: 'backup_vault.b' },
      { from: 'backup_vault.gone', to: 'backup_vault.c' },
    ]);
    expect(records).to.deep.equal([]);
    expect(moved).to.equal(doc);
    expect(diagnostics.map((d) => [d.severity, d.summary])).to.deep.equal([['warning', 'Moved object still in the state']]);
  });

  it('applies a saved plan\'s moves again to the state apply starts from, once', () => {
    const doc = state([resource('backup_vault.a', 'backup_vault', 'a')]);
    const once = withMoves(doc, [{ from: 'backup_vault.a', to: 'module.m.backup_vault.a' }]);
    expect(once.resources.map((r) => r.address)).to.deep.equal(['module.m.backup_vault.a']);
    expect(withMoves(once, [{ from: 'backup_vault.a', to: 'module.m.backup_vault.a' }])).to.equal(once);
  });

  it('shows a move as "has moved to", counted apart, with module_address and previous_address in JSON', () => {
    const change: ResourceChange = {
      address: 'module.env["prod"].backup_vault.main',
      kind: 'backup_vault',
      name: 'main',
      provider: 'sandbox',
      action: 'no-op',
      before: { name: 'vault-prod' },
      after: { name: 'vault-prod' },
      replacePaths: [],
      id: 'vault-prod',
      dependencies: [],
      sensitivePaths: [],
    };
    const plan: Plan = { mode: 'normal', changes: [change], drift: [], diagnostics: [], refreshedState: [], targeted: false };
    markMoves(plan, [{ from: 'backup_vault.legacy', to: change.address }]);
    const text = renderPlanHuman(plan, { color: false });
    expect(text).to.contain('# backup_vault.legacy has moved to module.env["prod"].backup_vault.main');
    expect(text).to.contain('0 to add, 0 to change, 0 to destroy, 0 backup jobs to start, 1 to move.');
    const json = planToJson(plan);
    expect(json.resource_changes[0]).to.include({ address: 'module.env["prod"].backup_vault.main', module_address: 'module.env["prod"]', previous_address: 'backup_vault.legacy', type: 'backup_vault', name: 'main' });
    expect(json.resource_changes[0]!.change.actions).to.deep.equal(['no-op']);
    expect(json.summary).to.include({ add: 0, destroy: 0, move: 1 });
    expect(json.applyable).to.equal(true);
  });

  it('bkp state mv moves a module call with everything in it, and a resource into a module', () => {
    const doc = state([resource('module.old.backup_vault.v', 'backup_vault', 'v'), resource('backup_plan.p', 'backup_plan', 'p')]);
    const moved = moveResource(moveResource(doc, 'module.old', 'module.new["a"]'), 'backup_plan.p', 'module.new["a"].backup_plan.q');
    expect(moved.resources.map((r) => [r.address, r.name])).to.deep.equal([
      ['module.new["a"].backup_plan.q', 'q'],
      ['module.new["a"].backup_vault.v', 'v'],
    ]);
    expect(() => moveResource(doc, 'module.old', 'backup_vault.x')).to.throw(/a module can only move to another module address/);
    expect(() => moveResource(doc, 'backup_plan.p', 'backup_plan.p')).to.throw('Cannot move backup_plan.p to backup_plan.p: it is the same address.');
  });
});

describe('implicit moves when count is added or removed (as Terraform makes them)', () => {
  it('moves the object without an index to [0] when count is added, and back when it is removed', () => {
    expect(implicitCountMoves(['backup_vault.v[0]'], ['backup_vault.v'], [])).to.deep.equal([{ from: 'backup_vault.v', to: 'backup_vault.v[0]' }]);
    expect(implicitCountMoves(['backup_vault.v'], ['backup_vault.v[0]'], [])).to.deep.equal([{ from: 'backup_vault.v[0]', to: 'backup_vault.v' }]);
  });

  it('moves the resources of a module call the same way, at the call\'s step of the address', () => {
    expect(implicitCountMoves(['module.env[0].backup_vault.main', 'module.env[0].backup_plan.daily'], ['module.env.backup_vault.main', 'module.env.backup_plan.daily'], [])).to.deep.equal([
      { from: 'module.env.backup_vault.main', to: 'module.env[0].backup_vault.main' },
      { from: 'module.env.backup_plan.daily', to: 'module.env[0].backup_plan.daily' },
    ]);
    expect(implicitCountMoves(['module.env.backup_vault.main'], ['module.env[0].backup_vault.main'], [])).to.deep.equal([{ from: 'module.env[0].backup_vault.main', to: 'module.env.backup_vault.main' }]);
  });

  it('moves nothing where the new address is taken, the old one is still configured, a moved block speaks of it, or the key is no count index', () => {
    expect(implicitCountMoves(['backup_vault.v[0]'], ['backup_vault.v', 'backup_vault.v[0]'], [])).to.deep.equal([]);
    expect(implicitCountMoves(['backup_vault.v[0]', 'backup_vault.v'], ['backup_vault.v'], [])).to.deep.equal([]);
    expect(implicitCountMoves(['backup_vault.v[0]'], ['backup_vault.v'], [{ from: 'backup_vault.v', to: 'backup_vault.w' }])).to.deep.equal([]);
    expect(implicitCountMoves(['module.env[0].backup_vault.main'], ['module.env.backup_vault.main'], [{ from: 'module.env', to: 'module.other' }])).to.deep.equal([]);
    expect(implicitCountMoves(['backup_vault.v[1]', 'backup_vault.v["0"]'], ['backup_vault.v'], [])).to.deep.equal([]);
    expect(implicitCountMoves(['backup_vault.v["a.b[0]"]'], ['backup_vault.v["a.b"]'], [])).to.deep.equal([]);
  });
});
