// What bkp manages of an object, and only that: the tag keys its configuration names, and the
// attributes a kind manages only once they are set (a vault's access policy). A tag key or policy
// someone else added (a cost tool, a tag policy, a colleague) is never compared, recorded or removed.
import { isObjectValue, type ObjectValue } from '../core/values.js';
import type { KindModel, UnmanagedPart } from './kind-model.js';

/**
 * `attributes` with its tag maps cut down to the keys present in any of `managedSources`
 * (the configuration, the last-applied state).
 */
export function withManagedTags(model: KindModel, attributes: ObjectValue, managedSources: readonly ObjectValue[]): ObjectValue {
  if (model.tagAttributes.length === 0) return attributes;
  const out = { ...attributes };
  for (const attr of model.tagAttributes) {
    const tags = attributes[attr];
    if (!isObjectValue(tags)) continue;
    const managed = new Set<string>();
    for (const source of managedSources) {
      const t = source[attr];
      if (isObjectValue(t)) for (const k of Object.keys(t)) managed.add(k);
    }
    out[attr] = Object.fromEntries(Object.entries(tags).filter(([k]) => managed.has(k)));
  }
  return out;
}

/** The managed part of what the account holds, and the managed-when-set attributes left out of it. */
export interface ManagedPart {
  attributes: ObjectValue;
  /** Attributes the account has but neither `managedSources` sets: the account's business. */
  unmanaged: UnmanagedPart[];
}

/** Tags as withManagedTags; each of the kind's `managedWhenSet` attributes only when a source sets it. */
export function managedPart(model: KindModel, attributes: ObjectValue, managedSources: readonly ObjectValue[]): ManagedPart {
  const out = withManagedTags(model, attributes, managedSources);
  const unmanaged: UnmanagedPart[] = [];
  for (const attr of model.managedWhenSet ?? []) {
    if (out[attr] === undefined || out[attr] === null) continue;
    if (managedSources.some((source) => source[attr] !== undefined && source[attr] !== null)) continue;
    delete out[attr];
    unmanaged.push({ attribute: attr });
  }
  if (!model.managedWithin) return { attributes: out, unmanaged };
  const within = model.managedWithin(out, managedSources);
  return { attributes: within.attributes, unmanaged: [...unmanaged, ...within.unmanaged] };
}
