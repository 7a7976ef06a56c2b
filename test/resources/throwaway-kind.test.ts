// Adding a kind touches its folder, its schema and one registry line, never the engine: a kind
// made up here (an in-memory "widget" with a listing, a replacement-forcing attribute and a
// computed one) is registered and driven through refresh, plan and apply by the unchanged engine.
import { expect } from 'chai';
import type { ObjectValue } from '../../src/core/values.js';
import { applyChanges } from '../../src/engine/apply.js';
import { HandlerContexts } from '../../src/engine/handler-contexts.js';
import { Limiter } from '../../src/engine/limiter.js';
import { actionable } from '../../src/engine/plan-model.js';
import { desiredResolver, makePlan, type Evaluator } from '../../src/engine/workflow.js';
import type { ProviderAccess, ProviderClientSet } from '../../src/resources/handler.js';
import type { ResourceKind } from '../../src/resources/kind.js';
import { RESOURCE_KINDS } from '../../src/config/block-schema.js';
import { registerKind, resourceKind, resourceKinds } from '../../src/resources/registry.js';
import { memoryStateSession } from '../../src/simulation/memory-state.js';
import { resourceConfig } from '../support/resource-config.js';

/** The "account" of the made-up service: widgets by id. */
const widgets = new Map<string, ObjectValue>();
const calls: string[] = [];
let nextId = 1;

const throwawayWidget: ResourceKind = {
  name: 'test_widget',
  model: {
    kind: 'test_widget',
    forcesReplacement: new Set(['shape']),
    computed: ['serial'],
    optionalComputed: [],
    tagAttributes: [],
    keyedLists: {},
    jsonAttributes: [],
    canonical: (attributes) => ({ ...attributes, size: attributes.size ?? 1 }),
    replaceReason: () => 'must be replaced: a widget cannot change shape',
  },
  validate: () => [],
  handler: {
    async list() {
      calls.push('list');
      return new Map(widgets);
    },
    async read(_ctx, id, _prior, listing) {
      calls.push(`read ${id}`);
      const found = listing === undefined ? widgets.get(id) : (listing.get(id) as ObjectValue | undefined);
      return found === undefined ? null : { ...found };
    },
    async create(_ctx, _address, desired) {
      const id = `w-${nextId++}`;
      const attributes = { ...desired, serial: id.toUpperCase() };
      widgets.set(id, attributes);
      calls.push(`create ${id}`);
      return { id, attributes };
    },
    async update(_ctx, id, _before, after) {
      const attributes = { ...after, serial: id.toUpperCase() };
      widgets.set(id, attributes);
      calls.push(`update ${id}`);
      return attributes;
    },
    async delete(_ctx, id) {
      widgets.delete(id);
      calls.push(`delete ${id}`);
    },
  },
};

/** No AWS: the made-up handler ignores its clients. */
const noClients: ProviderAccess = {
  async clients(): Promise<ProviderClientSet> {
    return { backup: undefined as never, tagging: async () => undefined as never, organizations: async () => undefined as never, settings: { region: 'us-east-1' } };
  },
};

describe('a resource kind added with registerKind alone', () => {
  let unregister: () => void;
  before(() => {
    unregister = registerKind(throwawayWidget);
  });
  after(() => unregister());

  it('is found by the registry, and gone once unregistered', () => {
    expect(resourceKind('test_widget')).to.equal(throwawayWidget);
    const again = registerKind({ ...throwawayWidget, name: 'test_gadget', model: { ...throwawayWidget.model, kind: 'test_gadget' } });
    expect(resourceKind('test_gadget')?.name).to.equal('test_gadget');
    again();
    expect(resourceKind('test_gadget')).to.equal(undefined);
  });

  it('is created, updated in place, replaced and destroyed by the unchanged engine', async () => {
    const session = memoryStateSession();
    let desired: ObjectValue | undefined = { shape: 'round', colour: 'red' };
    const evaluate: Evaluator = () => ({ resources: desired ? [resourceConfig('test_widget.main', desired)] : [], diagnostics: [] });
    const run = async () => {
      const limiter = new Limiter(4);
      const contexts = new HandlerContexts(noClients, limiter, session.current().lineage);
      const { plan } = await makePlan(session.current(), evaluate, contexts, { mode: 'normal', refresh: true });
      const result = await applyChanges({ changes: actionable(plan), session, contexts, limiter, resolveDesired: desiredResolver(evaluate) });
      expect(result.failed).to.deep.equal([]);
      return plan.changes.map((c) => c.action);
    };

    expect(await run()).to.deep.equal(['create']);
    const created = session.current().resources[0]!;
    expect(created).to.include({ address: 'test_widget.main', kind: 'test_widget', id: 'w-1' });
    expect(created.attributes).to.deep.include({ shape: 'round', colour: 'red', size: 1, serial: 'W-1' });

    expect(await run()).to.deep.equal(['no-op']);

    desired = { shape: 'round', colour: 'blue' };
    expect(await run()).to.deep.equal(['update']);
    expect(widgets.get('w-1')).to.deep.include({ colour: 'blue' });

    desired = { shape: 'square', colour: 'blue' };
    expect(await run()).to.deep.equal(['replace']);
    expect([...widgets.keys()]).to.deep.equal(['w-2']);

    // Drift: the widget changed behind bkp's back is read back through the kind's listing.
    widgets.set('w-2', { ...widgets.get('w-2')!, colour: 'green' });
    expect(await run()).to.deep.equal(['update']);
    expect(widgets.get('w-2')).to.deep.include({ colour: 'blue' });

    desired = undefined;
    expect(await run()).to.deep.equal(['delete']);
    expect(widgets.size).to.equal(0);
    expect(session.current().resources).to.deep.equal([]);
    expect(calls).to.include.members(['list', 'create w-1', 'update w-1', 'create w-2', 'delete w-1', 'delete w-2']);
  });
});

describe('the resource kinds', () => {
  it('are the same in the registry and in the configuration language (each kind has a schema that declares it)', () => {
    const registered = resourceKinds().map((k) => k.name);
    expect([...RESOURCE_KINDS].sort()).to.deep.equal(registered.sort());
  });
});
