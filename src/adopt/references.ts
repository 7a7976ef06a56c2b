// Shared values become references, not copies: a vault a rule targets or copies into is
// `backup_vault.main.name` / `.arn`, a selection's plan is `backup_plan.daily.id`, and an IAM role
// that several objects use is one `locals` entry. Then renaming a vault in the configuration moves
// every use of it, and a reviewer sees which objects belong together.
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

/** Where a name (not an ARN or id, which are unique enough to be found anywhere) stands for another object. */
const NAME_PATHS: Record<string, { path: string[]; kinds: string[] }[]> = {
  backup_plan: [{ path: ['rule', '*', 'target_vault'], kinds: ['backup_vault'] }],
  tiering_configuration: [{ path: ['backup_vault_name'], kinds: ['backup_vault'] }],
  legal_hold: [{ path: ['recovery_point_selection', 'vault_names', '*'], kinds: ['backup_vault', 'logically_air_gapped_vault'] }],
  restore_testing_selection: [{ path: ['restore_testing_plan_name'], kinds: ['restore_testing_plan'] }],
};

/** Attributes holding an IAM role ARN: shared ones become locals. */
const ROLE_PATHS: Record<string, string[][]> = {
  backup_selection: [['iam_role_arn']],
  restore_testing_selection: [['iam_role_arn']],
  backup_plan: [['scan_setting', '*', 'scanner_role_arn']],
};

/** Kinds whose ARN others refer to, and kinds whose id others refer to. */
const BY_ARN = ['backup_vault', 'logically_air_gapped_vault', 'backup_framework', 'backup_plan', 'restore_testing_plan'];
const BY_ID = ['backup_plan'];

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
    if (BY_ARN.includes(o.kind) && typeof o.read.arn === 'string' && o.read.arn !== '') byArn.set(o.read.arn, { target: o, text: `${address(o)}.arn` });
    if (BY_ID.includes(o.kind)) byId.set(o.id, { target: o, text: `${address(o)}.id` });
    if (typeof o.read.name === 'string') byName.set(`${o.kind}\u0000${o.read.name}`, { target: o, text: `${address(o)}.name` });
  }

  const locals = sharedRoles(objects);
  const localByRole = new Map([...locals].map(([name, arn]) => [arn, new Expression(`local.${name}`)]));

  const result = objects.map((o) => {
    // Never a reference to itself: a vault's access policy naming its own ARN stays text.
    const other = (found: { target: LabelledObject; text: string } | undefined) => (found && found.target !== o ? new Expression(found.text) : undefined);
    let values: HclValue = o.values;
    for (const { path, kinds } of NAME_PATHS[o.kind] ?? []) {
      values = mapAt(values, path, (s) => kinds.map((k) => other(byName.get(`${k}\u0000${s}`))).find((e) => e !== undefined) ?? s);
    }
    for (const path of ROLE_PATHS[o.kind] ?? []) values = mapAt(values, path, (s) => localByRole.get(s) ?? s);
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
    for (const path of ROLE_PATHS[o.kind] ?? []) collectAt(o.values, path, found);
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
