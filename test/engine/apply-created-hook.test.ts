// A create's `created` hook records the object in the state without making the handler wait for
// that write: the handler's follow-up calls (policy, lock, read-back) go on while it is written.
// Waiting held a slot of the concurrency limit through a whole paced state write, which made the
// first apply of 5,000 resources take twice as long. What the hook promised stays true: an object
// whose follow-up call fails is in the state the apply leaves, and a state write that fails fails
// the apply.
import { expect } from 'chai';
import type { ObjectValue } from '../../src/core/values.js';
import { applyChanges, type ApplyResult } from '../../src/engine/apply.js';
import { HandlerContexts } from '../../src/engine/handler-contexts.js';
import { Limiter } from '../../src/engine/limiter.js';
import { actionable } from '../../src/engine/plan-model.js';
import { withRefreshedState } from '../../src/engine/refreshed-state.js';
import { desiredResolver, makePlan, type Evaluator } from '../../src/engine/workflow.js';
import type { ResourceKind } from '../../src/resources/kind.js';
import { registerKind } from '../../src/resources/registry.js';
import { memoryStateSession } from '../../src/simulation/memory-state.js';
import type { NextState } from '../../src/state/backend.js';
import type { LowStateSession } from '../../src/state/low-session.js';
import { resourceConfig } from '../support/resource-config.js';
import { noClients, plainModel } from '../support/test-kind.js';

const ADDRESS = 'test_created_hook_widget.main';

/** What the made-up handler saw and does after `created`. */
const run = {
  /** Resources in the durable state when the follow-up call started. */
  durableAtFollowUp: [] as string[],
  followUp: async (): Promise<void> => undefined,
};
let session: LowStateSession;

const widgetKind: ResourceKind = {
  name: 'test_created_hook_widget',
  model: plainModel('test_created_hook_widget'),
  validate: () => [],
  handler: {
    async read() {
      return null;
    },
    async create(_ctx, _address, desired, hooks) {
      // Awaited as a handler may: the hook must not hand back the write to wait for.
      // eslint-disable-next-line @typescript-eslint/await-thenable
      await hooks.created('w-1', { ...desired, policy: 'none' });
      run.durableAtFollowUp = session.current().resources.map((r) => r.address);
      await run.followUp(); // the follow-up call: a policy put, a lock, the read-back
      return { id: 'w-1', attributes: { ...desired, policy: 'set' } };
    },
    async update(_ctx, _id, _before, after) {
      return { ...after };
    },
    async delete() {},
  },
};

const evaluate: Evaluator = () => ({ resources: [resourceConfig(ADDRESS, { name: 'one' })], diagnostics: [] });

async function applyNow(): Promise<ApplyResult> {
  const limiter = new Limiter(4);
  const contexts = new HandlerContexts(noClients, limiter, session.current().lineage);
  const { plan } = await makePlan(session.current(), evaluate, contexts, { mode: 'normal', refresh: true });
  await session.persist(withRefreshedState(session.current(), plan));
  return applyChanges({ changes: actionable(plan), session, contexts, limiter, resolveDesired: desiredResolver(evaluate) });
}

/** Makes every write whose document holds the widget wait `ms` before it is written, or fail. */
function slowWritesOfTheWidget(how: { ms: number } | { fail: Error }): void {
  const persist = session.persist.bind(session);
  session.persist = (next: NextState) => {
    const doc = typeof next === 'function' ? next() : next;
    if (!doc.resources.some((r) => r.address === ADDRESS)) return persist(next);
    if ('fail' in how) return Promise.reject(how.fail);
    return new Promise((resolve) => setTimeout(resolve, how.ms)).then(() => persist(next));
  };
}

describe('engine: a create\'s `created` hook', () => {
  let unregister: () => void;
  before(() => {
    unregister = registerKind(widgetKind);
  });
  after(() => unregister());
  beforeEach(() => {
    session = memoryStateSession();
    run.durableAtFollowUp = [];
    run.followUp = async () => undefined;
  });

  it('does not make the handler wait for the state write: its follow-up calls start at once', async () => {
    slowWritesOfTheWidget({ ms: 100 });
    const result = await applyNow();
    expect(result.failed).to.deep.equal([]);
    expect(run.durableAtFollowUp, 'the follow-up started before the write recording the widget ended').to.deep.equal([]);
    expect(session.current().resources.map((r) => [r.address, r.id, r.attributes.policy])).to.deep.equal([[ADDRESS, 'w-1', 'set']]);
    expect(session.current().intents).to.equal(undefined);
  });

  it('an object whose follow-up call fails is in the state the failed apply leaves, its intent cleared', async () => {
    slowWritesOfTheWidget({ ms: 50 });
    run.followUp = async () => {
      throw new Error('AccessDeniedException: not allowed to put the policy');
    };
    const result = await applyNow();
    expect(result.failed).to.have.length(1);
    expect(result.failed[0]!.error.message).to.include('AccessDeniedException');
    expect(session.current().resources.map((r) => [r.address, r.id, r.attributes.policy])).to.deep.equal([[ADDRESS, 'w-1', 'none']]);
    expect(session.current().intents).to.equal(undefined);
  });

  it('a state write that fails fails the apply, even when nothing awaited it and no later write came', async () => {
    const diskFull = new Error('ENOSPC: no space left on device');
    slowWritesOfTheWidget({ fail: diskFull });
    run.followUp = async () => {
      throw new Error('AccessDeniedException: not allowed to put the policy');
    };
    let thrown: unknown;
    await applyNow().catch((error: unknown) => (thrown = error));
    expect(thrown).to.equal(diskFull);
    // The intent written before the create call is what the next run finds the widget by.
    expect(session.current().intents?.map((i) => i.address)).to.deep.equal([ADDRESS]);
  });
});
