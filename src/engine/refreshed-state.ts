// The state a plan's refresh leads to, before any change is applied: objects an `import` block
// adopts added, attributes refresh found changed recorded, objects found gone dropped. Values of
// sensitive variables are stored as markers only, also where refresh or an import read them.
import type { ObjectValue } from '../core/values.js';
import { unionOfPointers } from '../config/sensitive-paths.js';
import { findResource, withoutIntents, withoutResource, withResource, type JsonObject, type StateDocument } from '../state/model.js';
import { toJson } from './apply.js';
import type { Plan } from './plan-model.js';
import { redactSensitive } from './sensitive-values.js';
import { withMoves } from './moves.js';

export function withRefreshedState(doc: StateDocument, plan: Plan): StateDocument {
  let next = withMoves(doc, plan.moved);
  for (const { adopted: _adopted, ...r } of plan.imported ?? []) next = withResource(next, { ...r, attributes: toJson(r.attributes) });
  if (plan.settledIntents) next = withoutIntents(next, new Set(plan.settledIntents));
  for (const r of plan.refreshedState) {
    const existing = findResource(next, r.address);
    if (!existing) continue;
    next = r.attributes === null ? withoutResource(next, r.address) : withResource(next, { ...existing, attributes: toJson(r.attributes) });
  }
  // Every resource the configuration marks sensitive values in, not only those just read: a variable
  // marked sensitive since the last apply leaves the state now, not at the next change.
  const configured = new Map(plan.changes.map((c) => [c.address, c.sensitivePaths]));
  for (const resource of next.resources) {
    const sensitive = unionOfPointers(resource.sensitive_paths, configured.get(resource.address));
    if (sensitive.length === 0) continue;
    const attributes = redactSensitive(resource.attributes as ObjectValue, sensitive, { lineage: doc.lineage, address: resource.address });
    if (attributes !== resource.attributes || sensitive.length !== (resource.sensitive_paths?.length ?? 0)) {
      next = withResource(next, { ...resource, attributes: attributes as JsonObject, sensitive_paths: sensitive });
    }
  }
  return next;
}
