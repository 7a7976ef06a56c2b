// Leaves out what the configuration need not say: attributes and nested blocks whose absence means
// the same to bkp, decided by the kind's own canonical form (the one the planner compares), so that
// no default is repeated here. A value is left out only when the canonical form without it is equal.
import { isObjectValue, type ObjectValue } from '../core/values.js';
import { valuesEqual } from '../resources/canonical.js';
import type { KindModel } from '../resources/kind-model.js';
import type { BodySpec } from '../config/block-schema.js';

/** The configurable part of what a handler read: no computed or unmodelled attributes, no `id`. */
export function configurablePart(model: KindModel, spec: BodySpec, attributes: ObjectValue): ObjectValue {
  const configurable = new Set([...spec.attributes, ...Object.keys(spec.blocks)]);
  const computed = new Set([...model.computed, 'id', ...(model.unmodelled ? [model.unmodelled.attribute] : [])]);
  const out: ObjectValue = {};
  for (const [key, value] of Object.entries(attributes)) {
    if (configurable.has(key) && !computed.has(key) && value !== undefined) out[key] = value;
  }
  return out;
}

/**
 * `attributes` without the members whose absence the canonical form cannot tell apart: top-level
 * attributes and blocks first, then, inside each remaining block, its own members.
 */
export function withoutDefaults(model: KindModel, spec: BodySpec, attributes: ObjectValue): ObjectValue {
  const reference = model.canonical(attributes);
  const current: ObjectValue = structuredClone(attributes);
  const same = () => valuesEqual(model.canonical(current), reference);
  elideIn(current, spec, same);
  return current;
}

function elideIn(object: ObjectValue, spec: BodySpec, same: () => boolean): void {
  for (const key of Object.keys(object)) {
    const value = object[key]!;
    delete object[key];
    if (same()) continue;
    object[key] = value;
    const block = spec.blocks[key];
    if (!block) continue;
    const members = Array.isArray(value) ? value : [value];
    for (const member of members) if (isObjectValue(member)) elideIn(member, block.body, same);
  }
}
