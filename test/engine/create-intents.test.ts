// The life of a create intent, with a made-up kind whose "account" honours creation tokens as AWS
// honours CreatorRequestId: recorded durably before the create call, cleared in the write that
// records the object, kept with its token when the reply is lost, and resolved at the next plan
// (adopted, dropped, or refused as a conflict) so an address never gets a second object.
import { expect } from 'chai';
import type { ObjectValue } from '../../src/core/values.js';
import { applyChanges, type ApplyResult } from '../../src/engine/apply.js';
import { HandlerContexts } from '../../src/engine/handler-contexts.js';
import { Limiter } from '../../src/engine/limiter.js';
import { actionable, adoptionCount, type Plan } from '../../src/engine/plan-model.js';
import { withRefreshedState } from '../../src/engine/refreshed-state.js';
import { desiredResolver, makePlan, type Evaluator } from '../../src/engine/workflow.js';
import type { AdoptOutcome } from '../../src/resources/handler.js';
import type { ResourceKind } from '../../src/resources/kind.js';
import { registerKind } from '../../src/resources/registry.js';
import { memoryStateSession } from '../../src/simulation/memory-state.js';
import type { StateDocument } from '../../src/state/model.js';
import { resourceConfig } from '../support/resource-config.js';
import { noClients, plainModel } from '../support/test-kind.js';

interface Widget {
  id: string;
  token: string;
  attributes: ObjectValue;
}

/** The made-up account: widgets, and what the next create does with its reply. */
const account = { widgets: [] as Widget[], loseNextReply: false, tokensSent: [] as string[], intentsSeenAtCreate: [] as string[] };
let nextId = 1;
let session = memoryStateSession();

const widgetKind: ResourceKind = {
  name: 'test_intent_widget',
  model: plainModel('test_intent_widget'),
  validate: () => [],
  handler: {
    identity: (desired) => String(desired.name),
    async adopt(_ctx, intents) {
      const outcomes = new Map<string, AdoptOutcome>();
      for (const intent of intents) {
        const made = account.widgets.filter((w) => w.token === intent.token);
        if (made.length === 0) outcomes.set(intent.address, { outcome: 'missing' });
        else if (made.length > 1) outcomes.set(intent.address, { outcome: 'conflict', arns: made.map((w) => w.id), detail: 'two widgets carry the token' });
        else outcomes.set(intent.address, { outcome: 'found', id: made[0]!.id, attributes: { ...made[0]!.attributes } });
      }
      return outcomes;
    },
    async read(_ctx, id) {
      const found = account.widgets.find((w) => w.id === id);
      return found ? { ...found.attributes } : null;
    },
    async create(_ctx, address, desired, hooks) {
      account.tokensSent.push(hooks.token);
      account.intentsSeenAtCreate.push(...(session.current().intents ?? []).filter((i) => i.address === address).map((i) => i.token));
      let widget = account.widgets.find((w) => w.token === hooks.token);
      if (!widget) {
        widget = { id: `w-${nextId++}`, token: hooks.token, attributes: { ...desired } };
        account.widgets.push(widget);
      }
      if (account.loseNextReply) {
        account.loseNextReply = false;
        throw new Error('socket hang up');
      }
      // As the real handlers do: report the object at once, and answer with what was asked for.
      // The account, like AWS, answers a repeated token with the object as that create made it.
      hooks.created(widget.id, { ...desired });
      return { id: widget.id, attributes: { ...desired } };
    },
    async update(_ctx, id, _before, after) {
      account.widgets.find((w) => w.id === id)!.attributes = { ...after };
      return { ...after };
    },
    async delete(_ctx, id) {
      account.widgets = account.widgets.filter((w) => w.id !== id);
    },
  },
};

let desired: ObjectValue = { name: 'one', size: 1 };
const evaluate: Evaluator = () => ({ resources: [resourceConfig('test_intent_widget.main', desired)], diagnostics: [] });

async function planNow(refresh = true): Promise<{ plan: Plan; contexts: HandlerContexts; limiter: Limiter }> {
  const limiter = new Limiter(4);
  const contexts = new HandlerContexts(noClients, limiter, session.current().lineage);
  const { plan } = await makePlan(session.current(), evaluate, contexts, { mode: 'normal', refresh });
  return { plan, contexts, limiter };
}

/** What `bkp apply` does: plan, record what refresh found (adoptions included), apply. */
async function applyNow(refresh = true): Promise<{ plan: Plan; result: ApplyResult }> {
  const { plan, contexts, limiter } = await planNow(refresh);
  await session.persist(withRefreshedState(session.current(), plan));
  const result = await applyChanges({ changes: actionable(plan), session, contexts, limiter, resolveDesired: desiredResolver(evaluate) });
  return { plan, result };
}

/** Every document the session writes, to check what each write held. */
function recordWrites(): StateDocument[] {
  const written: StateDocument[] = [];
  const persist = session.persist.bind(session);
  session.persist = async (next) => {
    await persist(next);
    written.push(session.current());
  };
  return written;
}

describe('engine: create intents', () => {
  let unregister: () => void;
  before(() => {
    unregister = registerKind(widgetKind);
  });
  after(() => unregister());
  beforeEach(() => {
    account.widgets = [];
    account.loseNextReply = false;
    account.tokensSent = [];
    account.intentsSeenAtCreate = [];
    nextId = 1;
    session = memoryStateSession();
    desired = { name: 'one', size: 1 };
  });

  it('records the intent durably before the create call and clears it in the write that records the object', async () => {
    const written = recordWrites();
    const { result } = await applyNow();
    expect(result.failed).to.deep.equal([]);
    expect(account.intentsSeenAtCreate, 'the intent with the token sent was in state before the call').to.deep.equal(account.tokensSent);
    const withIntent = written.filter((doc) => (doc.intents ?? []).length > 0);
    expect(withIntent.map((doc) => doc.intents)).to.deep.equal([
      [{ address: 'test_intent_widget.main', kind: 'test_intent_widget', provider: 'sandbox', token: account.tokensSent[0], identity: 'one', recorded_at: withIntent[0]!.intents![0]!.recorded_at }],
    ]);
    expect(withIntent[0]!.resources, 'no document holds both the object and its intent').to.deep.equal([]);
    expect(session.current().intents).to.equal(undefined);
    expect(session.current().resources.map((r) => r.id)).to.deep.equal(['w-1']);
  });

  it('a lost reply leaves the intent; after an edit the next plan adopts the object and updates it: one widget', async () => {
    account.loseNextReply = true;
    const failed = await applyNow();
    expect(failed.result.failed).to.have.length(1);
    expect(session.current().resources).to.deep.equal([]);
    expect(session.current().intents?.map((i) => i.token)).to.deep.equal(account.tokensSent);

    desired = { name: 'one', size: 42 };
    const { plan, result } = await applyNow();
    expect(plan.changes.map((c) => [c.action, c.adopted, c.importId])).to.deep.equal([['update', true, 'w-1']]);
    expect(adoptionCount(plan)).to.equal(1);
    expect(plan.settledIntents).to.deep.equal(['test_intent_widget.main']);
    expect(result.failed).to.deep.equal([]);
    expect(account.widgets.map((w) => [w.id, w.attributes.size])).to.deep.equal([['w-1', 42]]);
    expect(session.current().intents).to.equal(undefined);
    expect((await planNow()).plan.changes.map((c) => c.action)).to.deep.equal(['no-op']);
  });

  it('without refresh the intent stays, and the retried create sends its token again, even after an edit', async () => {
    account.loseNextReply = true;
    await applyNow();
    desired = { name: 'one', size: 7 };
    const written = recordWrites();
    const { plan, result } = await applyNow(false);
    expect(plan.changes.map((c) => c.action)).to.deep.equal(['create']);
    expect(result.failed).to.deep.equal([]);
    expect(account.tokensSent).to.have.length(2);
    expect(account.tokensSent[1]).to.equal(account.tokensSent[0]);
    expect(account.widgets.map((w) => [w.id, w.attributes.size])).to.deep.equal([['w-1', 1]]);
    expect(session.current().intents).to.equal(undefined);
    // The reply to a token an earlier run sent is the widget that create made: state records it as
    // read back, never the edit it does not hold (in no write: a crash must not leave that claim).
    expect(written.flatMap((doc) => doc.resources.map((r) => r.attributes.size))).to.not.include(7);
    expect(session.current().resources.map((r) => [r.id, r.attributes.size])).to.deep.equal([['w-1', 1]]);
    expect((await planNow()).plan.changes.map((c) => c.action)).to.deep.equal(['update']);
  });

  it('an intent whose create never reached the account is dropped and the create planned as usual', async () => {
    account.loseNextReply = true;
    await applyNow();
    account.widgets = [];
    const { plan, result } = await applyNow();
    expect(plan.changes.map((c) => [c.action, c.adopted])).to.deep.equal([['create', undefined]]);
    expect(plan.settledIntents).to.deep.equal(['test_intent_widget.main']);
    expect(result.failed).to.deep.equal([]);
    expect(account.widgets).to.have.length(1);
    expect(session.current().intents).to.equal(undefined);
  });

  it('two objects for one intent: the plan is refused naming both, and nothing is created', async () => {
    account.loseNextReply = true;
    await applyNow();
    account.widgets.push({ id: 'w-other', token: account.tokensSent[0]!, attributes: { name: 'one', size: 1 } });
    const { plan } = await planNow();
    const errors = plan.diagnostics.filter((d) => d.severity === 'error');
    expect(errors).to.have.length(1);
    expect(errors[0]!.summary).to.include('test_intent_widget.main');
    expect(errors[0]!.detail).to.include('w-1').and.to.include('w-other').and.to.include('bkp import test_intent_widget.main');
    expect(plan.settledIntents ?? []).to.deep.equal([]);
  });

  it('an object found for an address no longer configured is adopted, then planned for destruction', async () => {
    account.loseNextReply = true;
    await applyNow();
    const gone: Evaluator = () => ({ resources: [], diagnostics: [] });
    const limiter = new Limiter(4);
    const contexts = new HandlerContexts(noClients, limiter, session.current().lineage);
    const { plan } = await makePlan(session.current(), gone, contexts, { mode: 'normal', refresh: true });
    expect(plan.changes.map((c) => [c.address, c.action, c.adopted])).to.deep.equal([['test_intent_widget.main', 'delete', true]]);
  });
});
