// Shared values become references, not copies: a vault a rule targets or copies into is
// `backup_vault.main.name` / `.arn`, a selection's plan is `backup_plan.daily.id`, and an IAM role
// that several objects use is one `locals` entry. Then renaming a vault in the configuration moves
// every use of it, and a reviewer sees which objects belong together.
import type { AdoptedReferences } from '../resources/adoption.js';
import { resourceKind } from '../resources/registry.js';
import { snakeCase } from './naming.js';
import { Expression, type HclValue } from './hcl-document.js';

/** An object with its label, its attributes to write and its identity. */
export interface LabelledObject {
  kind: string;
  label: string;
  id: string;
  /** Attributes as read: its own name and ARN, which others may refer to. */
  read: { [key: string]: unknown };
  values: { [key: string]: HclValue };
}

/** How `kind`'s objects refer to others, and are referred to (each kind's adoption.generate.references). */
function referencesOf(kind: string): AdoptedReferences {
  return resourceKind(kind)?.adoption?.generate?.references ?? {};
}

/** Applies `fn` to the strings at `path` ('*' = every element or key) of `value`. */
function mapAt(value: HclValue, path: readonly string[], fn: (s: string) => HclValue): HclValue {
  if (path.length === 0) return typeof value === 'string' ? fn(value) : value;
  const [head, ...rest] = path;
  if (Array.isArray(value)) return head === '*' ? value.map((v) => mapAt(v, rest, fn)) : value;
  if (value === null || typeof value !== 'object' || value instanceof Expression) return value;
  const out = { ...value };
  for (const key of head === '*' ? Object.keys(out) : [head!]) if (out[key] !== undefined) out[key] = mapAt(out[key]!, rest, fn);
  return out;
}

/** Every string anywhere in `value`, mapped. */
function mapAll(value: HclValue, fn: (s: string) => HclValue): HclValue {
  if (typeof value === 'string') return fn(value);
  if (Array.isArray(value)) return value.map((v) => mapAll(v, fn));
  if (value === null || typeof value !== 'object' || value instanceof Expression) return value;
  return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, mapAll(v, fn)]));
}

function collectAt(value: HclValue, path: readonly string[], found: string[]): void {
  mapAt(value, path, (s) => (found.push(s), s));
}

export interface ReferencedObjects {
  objects: LabelledObject[];
  /** `locals` entries: name → value. */
  locals: Map<string, string>;
}

/** The objects with references in place of the values they share. */
export function withReferences(objects: readonly LabelledObject[]): ReferencedObjects {
  const address = (o: LabelledObject) => `${o.kind}.${o.label}`;
  const byArn = new Map<string, { target: LabelledObject; text: string }>();
  const byId = new Map<string, { target: LabelledObject; text: string }>();
  const byName = new Map<string, { target: LabelledObject; text: string }>();
  for (const o of objects) {
    const { byArn: referredByArn, byId: referredById } = referencesOf(o.kind);
    if (referredByArn && typeof o.read.arn === 'string' && o.read.arn !== '') byArn.set(o.read.arn, { target: o, text: `${address(o)}.arn` });
    if (referredById) byId.set(o.id, { target: o, text: `${address(o)}.id` });
    if (typeof o.read.name === 'string') byName.set(`${o.kind}\u0000${o.read.name}`, { target: o, text: `${address(o)}.name` });
  }

  const locals = sharedRoles(objects);
  const localByRole = new Map([...locals].map(([name, arn]) => [arn, new Expression(`local.${name}`)]));

  const result = objects.map((o) => {
    // Never a reference to itself: a vault's access policy naming its own ARN stays text.
    const other = (found: { target: LabelledObject; text: string } | undefined) => (found && found.target !== o ? new Expression(found.text) : undefined);
    let values: HclValue = o.values;
    const { names = [], roles = [] } = referencesOf(o.kind);
    for (const { path, kinds } of names) {
      values = mapAt(values, path, (s) => kinds.map((k) => other(byName.get(`${k}\u0000${s}`))).find((e) => e !== undefined) ?? s);
    }
    for (const path of roles) values = mapAt(values, path, (s) => localByRole.get(s) ?? s);
    values = mapAll(values, (s) => other(byArn.get(s)) ?? other(byId.get(s)) ?? s);
    return { ...o, values: values as LabelledObject['values'] };
  });
  return { objects: result, locals };
}

/** IAM roles used by more than one object: local name → role ARN, named after the role. */
function sharedRoles(objects: readonly LabelledObject[]): Map<string, string> {
  const uses = new Map<string, number>();
  for (const o of objects) {
    const found: string[] = [];
    for (const path of referencesOf(o.kind).roles ?? []) collectAt(o.values, path, found);
    for (const arn of found) uses.set(arn, (uses.get(arn) ?? 0) + 1);
  }
  const locals = new Map<string, string>();
  for (const [arn, count] of [...uses].sort(([a], [b]) => a.localeCompare(b))) {
    if (count < 2) continue;
    const role = arn.slice(arn.lastIndexOf('/') + 1);
    const base = `${snakeCase(role)}_arn`;
    let name = base;
    for (let n = 2; locals.has(name); n++) name = `${base}_${n}`;
    locals.set(name, arn);
  }
  return locals;
}
