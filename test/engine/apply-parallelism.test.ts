// `-parallelism=N` is a promise about AWS: never more than N calls in flight during an apply. Each
// operation holds a slot while it runs and makes its AWS calls through the handler context's
// limit, as the real handlers do, and the replies arrive in groups, as the sandbox's do. The
// limiter's own tests reproduce the race that once let a 5,000-resource apply at parallelism 10
// have up to 191 calls in flight; this one checks the apply end to end: every operation goes
// through the limit, and the limit is used.
import { expect } from 'chai';
import type { ObjectValue } from '../../src/core/values.js';
import { applyChanges } from '../../src/engine/apply.js';
import { HandlerContexts } from '../../src/engine/handler-contexts.js';
import { Limiter } from '../../src/engine/limiter.js';
import { actionable } from '../../src/engine/plan-model.js';
import { withRefreshedState } from '../../src/engine/refreshed-state.js';
import { desiredResolver, makePlan, type Evaluator } from '../../src/engine/workflow.js';
import type { ResourceKind } from '../../src/resources/kind.js';
import { registerKind } from '../../src/resources/registry.js';
import { memoryStateSession } from '../../src/simulation/memory-state.js';
import { groupedCalls, type GroupedCalls } from '../support/grouped-replies.js';
import { resourceConfig } from '../support/resource-config.js';
import { noClients, plainModel } from '../support/test-kind.js';

let aws: GroupedCalls = groupedCalls();

const gadgetKind: ResourceKind = {
  name: 'test_parallel_gadget',
  model: plainModel('test_parallel_gadget'),
  validate: () => [],
  handler: {
    async read() {
      return null;
    },
    // A create, then a call that completes the object (its tags), one after the other.
    async create(ctx, address, desired) {
      for (let i = 0; i < 2; i++) await ctx.limit(aws.call);
      return { id: address, attributes: { ...desired } };
    },
    async update(_ctx, _id, _before, after) {
      return { ...after };
    },
    async delete() {},
  },
};

describe('engine: apply parallelism', () => {
  let unregister: () => void;
  before(() => {
    unregister = registerKind(gadgetKind);
  });
  after(() => unregister());

  for (const parallelism of [1, 3, 10]) {
    it(`never has more than ${parallelism} AWS call(s) in flight at -parallelism=${parallelism}`, async () => {
      aws = groupedCalls();
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
      expect(aws.counts.made).to.equal(800);
      expect(aws.counts.most).to.be.at.most(parallelism);
      // And the limit is used: the calls do not run one at a time when more may.
      expect(aws.counts.most).to.equal(parallelism);
    });
  }
});
