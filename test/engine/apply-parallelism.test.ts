// `-parallelism=N` is a promise about AWS: never more than N calls in flight during an apply. Each
// operation holds a slot while it runs and makes its AWS calls through the handler context's
// limit, as the real handlers do; a slot freed by one operation went, now and then, to a call of
// another operation as well as to the operation waiting for it, and a 5,000-resource apply at
// parallelism 10 had up to 191 calls in flight.
import { expect } from 'chai';
import type { ObjectValue } from '../../src/core/values.js';
import { applyChanges } from '../../src/engine/apply.js';
import { HandlerContexts } from '../../src/engine/handler-contexts.js';
import { Limiter } from '../../src/engine/limiter.js';
import { actionable } from '../../src/engine/plan-model.js';
import { withRefreshedState } from '../../src/engine/refreshed-state.js';
import { desiredResolver, makePlan, type Evaluator } from '../../src/engine/workflow.js';
import type { ProviderAccess, ProviderClientSet } from '../../src/resources/handler.js';
import type { ResourceKind } from '../../src/resources/kind.js';
import { registerKind } from '../../src/resources/registry.js';
import { memoryStateSession } from '../../src/simulation/memory-state.js';
import { resourceConfig } from '../support/resource-config.js';

const calls = { inFlight: 0, most: 0, made: 0 };

// Replies arrive together, as the sandbox answers every call of one group commit at once: the
// operations they resume then free and ask for slots within the same turn of the event loop.
let waitingReplies: Array<() => void> = [];

/** One AWS call: in flight until the next group of replies. */
async function awsCall(): Promise<void> {
  calls.most = Math.max(calls.most, ++calls.inFlight);
  calls.made++;
  if (waitingReplies.length === 0) {
    setImmediate(() => {
      const replies = waitingReplies;
      waitingReplies = [];
      for (const reply of replies) reply();
    });
  }
  await new Promise<void>((resolve) => waitingReplies.push(resolve));
  calls.inFlight--;
}

const gadgetKind: ResourceKind = {
  name: 'test_parallel_gadget',
  model: {
    kind: 'test_parallel_gadget',
    forcesReplacement: new Set(),
    computed: [],
    optionalComputed: [],
    tagAttributes: [],
    keyedLists: {},
    jsonAttributes: [],
    canonical: (attributes) => attributes,
    replaceReason: () => 'never replaced',
  },
  validate: () => [],
  handler: {
    async read() {
      return null;
    },
    // A create, then a call that completes the object (its tags), one after the other.
    async create(ctx, address, desired) {
      for (let i = 0; i < 2; i++) await ctx.limit(awsCall);
      return { id: address, attributes: { ...desired } };
    },
    async update(_ctx, _id, _before, after) {
      return { ...after };
    },
    async delete() {},
  },
};

const noClients: ProviderAccess = {
  async clients(): Promise<ProviderClientSet> {
    return { backup: undefined as never, tagging: async () => undefined as never, organizations: async () => undefined as never, settings: { region: 'us-east-1' } };
  },
};

describe('engine: apply parallelism', () => {
  before(() => registerKind(gadgetKind));

  for (const parallelism of [1, 3, 10]) {
    it(`never has more than ${parallelism} AWS call(s) in flight at -parallelism=${parallelism}`, async () => {
      Object.assign(calls, { inFlight: 0, most: 0, made: 0 });
      const session = memoryStateSession();
      const desired: ObjectValue[] = [...Array(400).keys()].map((i) => ({ name: `g${i}` }));
      const evaluate: Evaluator = () => ({ resources: desired.map((d) => resourceConfig(`test_parallel_gadget.${String(d.name)}`, d)), diagnostics: [] });
      const limiter = new Limiter(parallelism);
      const contexts = new HandlerContexts(noClients, limiter, session.current().lineage);
      const { plan } = await makePlan(session.current(), evaluate, contexts, { mode: 'normal', refresh: false });
      await session.persist(withRefreshedState(session.current(), plan));

      const result = await applyChanges({ changes: actionable(plan), session, contexts, limiter, resolveDesired: desiredResolver(evaluate) });

      expect(result.failed).to.deep.equal([]);
      expect(result.completed).to.have.length(400);
      expect(calls.made).to.equal(800);
      expect(calls.most).to.be.at.most(parallelism);
      // And the limit is used: the calls do not run one at a time when more may.
      expect(calls.most).to.equal(parallelism);
    });
  }
});
