// AWS Organizations' inheritance for management policies (backup, tag, AI opt-out … policies):
// how the policies attached to the root, each OU on the way down and the account merge into the
// account's effective policy. Pure: documents in, effective document and notes out.
//
// The rules, as Organizations documents them ("Inheritance operators", "Understanding management
// policy inheritance"):
// - A policy is a JSON object. A key whose value holds a value-setting operator is a setting:
//   `@@assign` overwrites what was inherited (an array as a whole), `@@append` adds values to an
//   inherited array, `@@remove` takes values out of it. Other keys are containers, merged key by key.
// - `@@operators_allowed_for_child_policies` on an object limits which value-setting operators
//   the policies BELOW that level may use there and in everything under it (`@@all` by default,
//   `@@none` locks the values). A limit can only narrow further down, never widen again.
// - A child's setting that uses an operator its parents forbid does not reach the effective
//   policy; AWS accepts the policy and ignores that setting for the account. bkp reports it.
// - The effective policy carries values only: operators are gone.

export const VALUE_OPERATORS = ['@@assign', '@@append', '@@remove'] as const;
export type ValueOperator = (typeof VALUE_OPERATORS)[number];
export const CHILD_CONTROL = '@@operators_allowed_for_child_policies';

export type PolicyJson = string | number | boolean | null | PolicyJson[] | { [key: string]: PolicyJson };
export type PolicyObject = { [key: string]: PolicyJson };

/** A value of the effective policy: a plain string/array, or an object of them. */
export type EffectiveValue = string | number | boolean | null | EffectiveValue[] | { [key: string]: EffectiveValue };
export type EffectiveObject = { [key: string]: EffectiveValue };

export interface AttachedPolicy {
  /** The policy id (`p-…`) or, before it exists, its address in the configuration. */
  id: string;
  name: string;
  content: PolicyObject;
}

/** One node of the path from the root to the account, with the policies attached directly to it. */
export interface PolicyLevel {
  /** `r-…`, `ou-…` or the 12-digit account id. */
  targetId: string;
  policies: readonly AttachedPolicy[];
}

export interface InheritanceNote {
  kind: 'operator-not-allowed' | 'same-level-overwrite';
  /** Keys from the document root to the setting. */
  path: readonly string[];
  policyId: string;
  targetId: string;
  message: string;
}

export interface EffectivePolicyResult {
  policy: EffectiveObject;
  notes: InheritanceNote[];
}

/** A JSON object (not an array, not null): a container or a setting of a policy document. */
export const isPolicyObject = (v: unknown): v is PolicyObject => typeof v === 'object' && v !== null && !Array.isArray(v);

/** True when the object is a setting (it holds a value-setting operator) rather than a container. */
export function isSetting(node: PolicyObject): boolean {
  return VALUE_OPERATORS.some((op) => op in node);
}

/** Which value-setting operators are allowed below a node; `undefined` = all of them. */
type Allowed = ReadonlySet<ValueOperator> | undefined;

function narrow(allowed: Allowed, declared: PolicyJson): Allowed {
  if (!Array.isArray(declared)) return allowed;
  const names = declared.filter((d): d is string => typeof d === 'string');
  if (names.includes('@@all')) return allowed;
  const next = new Set<ValueOperator>(names.includes('@@none') ? [] : VALUE_OPERATORS.filter((op) => names.includes(op)));
  return allowed === undefined ? next : new Set([...next].filter((op) => allowed.has(op)));
}

/** The limits in force, as a tree mirroring the document: each node's own limit and its children's. */
interface LimitNode {
  allowed: Allowed;
  /** The policy that set the limit (for the note). */
  setBy?: string;
  children: Map<string, LimitNode>;
}

const limitRoot = (): LimitNode => ({ allowed: undefined, children: new Map() });

function limitChild(node: LimitNode, key: string): LimitNode {
  let child = node.children.get(key);
  if (!child) {
    child = { allowed: node.allowed, setBy: node.setBy, children: new Map() };
    node.children.set(key, child);
  }
  return child;
}

function asArray(value: PolicyJson): EffectiveValue[] {
  return Array.isArray(value) ? (value as EffectiveValue[]) : [value as EffectiveValue];
}

const sameValue = (a: EffectiveValue, b: EffectiveValue) => JSON.stringify(a) === JSON.stringify(b);

/** The effective value of a setting after one policy's operators. */
function applySetting(inherited: EffectiveValue | undefined, setting: PolicyObject, permitted: (op: ValueOperator) => boolean): EffectiveValue | undefined {
  let value = inherited;
  if ('@@assign' in setting && permitted('@@assign')) value = stripOperators(setting['@@assign']!);
  if ('@@append' in setting && permitted('@@append')) {
    const base = value === undefined ? [] : asArray(value as PolicyJson);
    value = [...base, ...asArray(setting['@@append']!).filter((v) => !base.some((b) => sameValue(b, v)))];
  }
  if ('@@remove' in setting && permitted('@@remove') && value !== undefined) {
    const removed = asArray(setting['@@remove']!);
    value = asArray(value as PolicyJson).filter((v) => !removed.some((r) => sameValue(r, v)));
  }
  return value;
}

function stripOperators(value: PolicyJson): EffectiveValue {
  if (Array.isArray(value)) return value.map(stripOperators);
  if (!isPolicyObject(value)) return value;
  if (isSetting(value)) return applySetting(undefined, value, () => true) ?? null;
  const out: EffectiveObject = {};
  for (const [key, child] of Object.entries(value)) if (!key.startsWith('@@')) out[key] = stripOperators(child);
  return out;
}

interface MergeContext {
  policy: AttachedPolicy;
  targetId: string;
  notes: InheritanceNote[];
  /** Limits set by this level, applied once the level is done (they bind children, not siblings). */
  pendingLimits: Array<() => void>;
  /** Settings already assigned at this level, by path, with the policy that assigned them. */
  assignedAtLevel: Map<string, string>;
}

/** Narrows the limit at `limits` (and below) once the current level is done: it binds children, not siblings. */
function scheduleLimit(limits: LimitNode, declared: PolicyJson, ctx: MergeContext): void {
  const policyId = ctx.policy.id;
  ctx.pendingLimits.push(() => {
    const narrowAll = (node: LimitNode) => {
      const narrowed = narrow(node.allowed, declared);
      if (narrowed === node.allowed) return;
      node.allowed = narrowed;
      node.setBy = policyId;
      for (const child of node.children.values()) narrowAll(child);
    };
    narrowAll(limits);
  });
}

function mergeObject(target: EffectiveObject, source: PolicyObject, limits: LimitNode, path: string[], ctx: MergeContext): void {
  if (CHILD_CONTROL in source) scheduleLimit(limits, source[CHILD_CONTROL]!, ctx);
  for (const [key, value] of Object.entries(source)) {
    if (key.startsWith('@@')) continue;
    const childPath = [...path, key];
    const childLimits = limitChild(limits, key);
    if (isPolicyObject(value) && isSetting(value)) {
      mergeSetting(target, key, value, childLimits, childPath, ctx);
      if (CHILD_CONTROL in value) scheduleLimit(childLimits, value[CHILD_CONTROL]!, ctx);
    } else if (isPolicyObject(value)) {
      const existing = target[key];
      const container: EffectiveObject = isPolicyObject(existing as PolicyJson) ? (existing as EffectiveObject) : {};
      mergeObject(container, value, childLimits, childPath, ctx);
      if (existing !== undefined || Object.keys(container).length > 0 || hasSettings(value)) target[key] = container;
    } else {
      // A bare value is an implicit @@assign (Organizations accepts it for some policy types).
      mergeSetting(target, key, { '@@assign': value }, childLimits, childPath, ctx);
    }
  }
}

function hasSettings(node: PolicyObject): boolean {
  return Object.entries(node).some(([k, v]) => !k.startsWith('@@') && (isPolicyObject(v) ? isSetting(v) || hasSettings(v) : true));
}

function mergeSetting(target: EffectiveObject, key: string, setting: PolicyObject, limits: LimitNode, path: string[], ctx: MergeContext): void {
  const permitted = (op: ValueOperator) => {
    if (limits.allowed === undefined || limits.allowed.has(op)) return true;
    ctx.notes.push({
      kind: 'operator-not-allowed',
      path,
      policyId: ctx.policy.id,
      targetId: ctx.targetId,
      message: `${op} on ${path.join('.')} in policy "${ctx.policy.name}" is ignored: policy ${limits.setBy ?? 'a parent policy'} allows ${describeAllowed(limits.allowed)} below it`,
    });
    return false;
  };
  const pathKey = path.join('\u0000');
  if ('@@assign' in setting) {
    const earlier = ctx.assignedAtLevel.get(pathKey);
    if (earlier !== undefined && earlier !== ctx.policy.id) {
      ctx.notes.push({
        kind: 'same-level-overwrite',
        path,
        policyId: ctx.policy.id,
        targetId: ctx.targetId,
        message: `${path.join('.')} is assigned by two policies attached to ${ctx.targetId} (${earlier} and ${ctx.policy.id}); the later one wins`,
      });
    }
    ctx.assignedAtLevel.set(pathKey, ctx.policy.id);
  }
  const value = applySetting(target[key], setting, permitted);
  if (value === undefined) delete target[key];
  else target[key] = value;
}

function describeAllowed(allowed: ReadonlySet<ValueOperator>): string {
  return allowed.size === 0 ? 'no operator (@@none)' : [...allowed].join(', ');
}

/**
 * The effective policy of the account at the end of `levels` (root first). Policies attached to the
 * same target are applied in the order given (AWS orders them by attachment; a later @@assign wins,
 * which is why bkp notes two policies assigning the same setting at one level).
 */
export function effectivePolicy(levels: readonly PolicyLevel[]): EffectivePolicyResult {
  const policy: EffectiveObject = {};
  const notes: InheritanceNote[] = [];
  const limits = limitRoot();
  for (const level of levels) {
    const pendingLimits: Array<() => void> = [];
    const assignedAtLevel = new Map<string, string>();
    for (const attached of level.policies) {
      mergeObject(policy, attached.content, limits, [], { policy: attached, targetId: level.targetId, notes, pendingLimits, assignedAtLevel });
    }
    for (const apply of pendingLimits) apply();
  }
  return { policy, notes };
}
