// Refresh: read what the account holds for every resource in state. List-first: one listing per
// kind and provider (each kind's handler pages through its own List call) answers existence, and
// often everything, so most resources need no per-object read.
import type { ObjectValue } from '../core/values.js';
import type { HandlerContext, Listing } from '../resources/handler.js';
import { handlerCallError } from '../resources/kind.js';
import { resourceKind } from '../resources/registry.js';
import type { PriorResource } from './planner.js';
import type { HandlerContexts } from './handler-contexts.js';
import { locationKey } from './locations.js';

export interface RefreshProgress {
  (done: number, total: number): void;
}

/**
 * Reads every prior resource. Returns attributes by address, or null for objects that are gone.
 */
export async function refresh(prior: readonly PriorResource[], contexts: HandlerContexts, progress?: RefreshProgress): Promise<Map<string, ObjectValue | null>> {
  const result = new Map<string, ObjectValue | null>();
  const groups = new Map<string, PriorResource[]>();
  for (const r of prior) {
    if (!resourceKind(r.kind)) continue;
    // Each object is read where it lives, also after its provider's region changed.
    const key = `${r.provider}\u0000${r.kind}\u0000${locationKey(r.location)}`;
    const group = groups.get(key) ?? [];
    group.push(r);
    groups.set(key, group);
  }
  const total = [...groups.values()].reduce((n, g) => n + g.length, 0);
  let done = 0;

  await Promise.all(
    [...groups.values()].map(async (resources) => {
      const { kind: kindName, provider, location } = resources[0]!;
      const { handler } = resourceKind(kindName)!;
      const ctx = await contexts.context(provider, location);
      let listing: Listing<unknown> | undefined;
      if (handler.list) {
        try {
          listing = await handler.list(ctx, resources);
        } catch (e) {
          throw handlerCallError(e, `Listing the ${kindName.replace(/_/g, ' ')}s of`, `provider "${provider}"`);
        }
      }
      await Promise.all(resources.map((r) => ctx.limit(() => read(ctx, r, listing))));

      async function read(context: HandlerContext, r: PriorResource, list: Listing<unknown> | undefined): Promise<void> {
        try {
          result.set(r.address, await handler.read(context, r.id, r.attributes, list));
        } catch (e) {
          throw handlerCallError(e, 'Refreshing', r.address);
        }
        progress?.(++done, total);
      }
    }),
  );
  return result;
}
