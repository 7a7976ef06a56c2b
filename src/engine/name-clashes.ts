// Physical names one plan frees and takes again: renaming a block label (`KIND "a"` → `KIND "b"`,
// same physical name) plans a delete and a create of the same AWS name. AWS refuses
// the create while the old object exists, so the delete must come first.
import { isUnknown, type ObjectValue } from '../core/values.js';
import { resourceKind } from '../resources/registry.js';
import { sameLocation } from './locations.js';
import type { ResourceChange } from './plan-model.js';

export interface NameClash {
  /** The change that creates an object with the name (a create, or a replacement's create). */
  create: ResourceChange;
  /** The change that deletes the object holding it now (a delete, or a replacement's delete). */
  delete: ResourceChange;
  /** The physical name (the kind handler's identity()). */
  identity: string;
}

function identityOf(change: ResourceChange, attributes: ObjectValue | null): string | undefined {
  if (!attributes || isUnknown(attributes)) return undefined;
  return resourceKind(change.kind)?.handler.identity?.(attributes);
}

const creates = (c: ResourceChange) => c.action === 'create' || c.action === 'replace';
const deletes = (c: ResourceChange) => c.action === 'delete' || c.action === 'replace';

/** The same name under another provider is another object (and so in another recorded region, below). */
const placeOf = (c: ResourceChange, identity: string) => `${c.kind}\u0000${c.provider}\u0000${identity}`;

/** Every pair of changes at different addresses where one creates the name the other deletes. */
export function nameClashes(changes: readonly ResourceChange[]): NameClash[] {
  const deleting = new Map<string, ResourceChange[]>();
  for (const c of changes) {
    if (!deletes(c)) continue;
    const identity = identityOf(c, c.before);
    if (identity === undefined) continue;
    const key = placeOf(c, identity);
    deleting.set(key, [...(deleting.get(key) ?? []), c]);
  }
  const clashes: NameClash[] = [];
  if (deleting.size === 0) return clashes;
  for (const c of changes) {
    if (!creates(c)) continue;
    const identity = identityOf(c, c.after);
    if (identity === undefined) continue;
    for (const d of deleting.get(placeOf(c, identity)) ?? []) {
      const elsewhere = c.location !== undefined && d.priorLocation !== undefined && !sameLocation(c.location, d.priorLocation);
      if (d.address !== c.address && !elsewhere) clashes.push({ create: c, delete: d, identity });
    }
  }
  return clashes;
}
