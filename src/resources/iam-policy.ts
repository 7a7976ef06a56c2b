// IAM policy documents in one canonical form, so that forms IAM treats as equal never show as a
// change: a one-item list and its string (`"Action": "backup:*"`), `"Principal": "*"` and
// `{"AWS": "*"}`, a single statement object and a list of one, the order of actions, resources,
// principals and condition values, key order and whitespace. Where two forms are equal, the
// canonical one is the shorter form people write, so plans show documents much as written.
import { isUnknown, type Value } from '../core/values.js';

const LIST_MEMBERS = ['Action', 'NotAction', 'Resource', 'NotResource'];
const PRINCIPAL_MEMBERS = ['Principal', 'NotPrincipal'];

/** Strings sorted and de-duplicated; one string alone is written as itself, the form people write. */
function sortedSet(v: unknown): unknown {
  const items = Array.isArray(v) ? v : [v];
  if (!items.every((item) => typeof item === 'string')) return v;
  const sorted = [...new Set(items as string[])].sort();
  return sorted.length === 1 ? sorted[0] : sorted;
}

function canonicalPrincipal(v: unknown): unknown {
  if (!v || typeof v !== 'object' || Array.isArray(v)) return v;
  const principal = Object.fromEntries(Object.entries(v as Record<string, unknown>).map(([type, ids]) => [type, sortedSet(ids)]));
  return Object.keys(principal).length === 1 && principal.AWS === '*' ? '*' : principal;
}

function canonicalCondition(v: unknown): unknown {
  if (!v || typeof v !== 'object' || Array.isArray(v)) return v;
  return Object.fromEntries(
    Object.entries(v as Record<string, unknown>).map(([operator, keys]) => [
      operator,
      keys && typeof keys === 'object' && !Array.isArray(keys)
        ? Object.fromEntries(Object.entries(keys as Record<string, unknown>).map(([key, values]) => [key, sortedSet(values)]))
        : keys,
    ]),
  );
}

function canonicalStatement(v: unknown): unknown {
  if (!v || typeof v !== 'object' || Array.isArray(v)) return v;
  const out: Record<string, unknown> = { ...(v as Record<string, unknown>) };
  for (const member of LIST_MEMBERS) if (member in out) out[member] = sortedSet(out[member]);
  for (const member of PRINCIPAL_MEMBERS) if (member in out) out[member] = canonicalPrincipal(out[member]);
  if ('Condition' in out) out.Condition = canonicalCondition(out.Condition);
  return out;
}

function sortKeys(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(sortKeys);
  if (v && typeof v === 'object') {
    return Object.fromEntries(
      Object.keys(v as object)
        .sort()
        .map((k) => [k, sortKeys((v as Record<string, unknown>)[k])]),
    );
  }
  return v;
}

/**
 * A policy document (JSON text or object) as canonical JSON text. A document that is not JSON
 * stays as written; one that is JSON but not a policy gets sorted keys only.
 */
export function canonicalPolicyDocument(v: Value | undefined): Value | undefined {
  if (v === undefined || v === null) return undefined;
  if (isUnknown(v)) return v;
  const text = typeof v === 'string' ? v : JSON.stringify(v);
  let document: unknown;
  try {
    document = JSON.parse(text);
  } catch {
    return text;
  }
  if (document && typeof document === 'object' && !Array.isArray(document) && 'Statement' in document) {
    const policy = document as Record<string, unknown>;
    const statements = Array.isArray(policy.Statement) ? policy.Statement : [policy.Statement];
    document = { ...policy, Statement: statements.map(canonicalStatement) };
  }
  return JSON.stringify(sortKeys(document));
}
