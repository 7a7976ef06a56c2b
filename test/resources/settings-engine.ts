// Drives account-settings kinds through the unchanged engine (refresh, plan, apply) against an
// in-process sandbox account reached through the real SDK clients.
import { expect } from 'chai';
import type { ObjectValue } from '../../src/core/values.js';
import { applyChanges } from '../../src/engine/apply.js';
import { HandlerContexts } from '../../src/engine/handler-contexts.js';
import { Limiter } from '../../src/engine/limiter.js';
import { actionable } from '../../src/engine/plan-model.js';
import { withRefreshedState } from '../../src/engine/refreshed-state.js';
import type { Plan } from '../../src/engine/plan-model.js';
import { desiredResolver, makePlan, type Evaluator } from '../../src/engine/workflow.js';
import type { ProviderAccess } from '../../src/resources/handler.js';
import { sandboxClientSettings } from '../../src/app/sandbox-provider.js';
import { memoryStateSession } from '../../src/simulation/memory-state.js';
import { REGION, type SandboxFixture } from '../sandbox/fixture.js';
import { resourceConfig } from '../support/resource-config.js';

export interface SettingsRun {
  /** Plans (and applies) the configuration `blocks` (address → attributes); returns the plan. */
  run(blocks: Record<string, ObjectValue>, options?: { mode?: Plan['mode']; apply?: boolean }): Promise<Plan>;
  state(): ReturnType<ReturnType<typeof memoryStateSession>['current']>;
}

export function settingsRun(sb: SandboxFixture): SettingsRun {
  const session = memoryStateSession();
  const access: ProviderAccess = {
    async clients() {
      return { backup: sb.client, tagging: async () => undefined as never, organizations: async () => undefined as never, settings: sandboxClientSettings({ region: REGION, path: sb.path }) };
    },
  };
  return {
    async run(blocks, options = {}) {
      const evaluate: Evaluator = () => ({ resources: Object.entries(blocks).map(([address, attributes]) => resourceConfig(address, attributes)), diagnostics: [] });
      const limiter = new Limiter(4);
      const contexts = new HandlerContexts(access, limiter, session.current().lineage);
      const { plan } = await makePlan(session.current(), evaluate, contexts, { mode: options.mode ?? 'normal', refresh: true });
      if (options.apply !== false) {
        // As `bkp apply` does: what refresh found goes into the state first.
        await session.persist(withRefreshedState(session.current(), plan));
        const result = await applyChanges({ changes: actionable(plan), session, contexts, limiter, resolveDesired: desiredResolver(evaluate) });
        expect(result.failed).to.deep.equal([]);
      }
      return plan;
    },
    state: () => session.current(),
  };
}
