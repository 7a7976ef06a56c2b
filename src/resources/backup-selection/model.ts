// backup_selection: comparison rules. AWS has no UpdateBackupSelection, so every change replaces.
import { isObjectValue, isUnknown, type ObjectValue, type Value } from '../../core/values.js';
import { sortedObject, stringSet } from '../canonical.js';
import type { KindModel } from '../kind-model.js';

export const CONDITION_OPERATORS = ['string_equals', 'string_not_equals', 'string_like', 'string_not_like'] as const;

function canonicalTags(v: Value | undefined): Value {
  if (isUnknown(v) || !Array.isArray(v)) return isUnknown(v) ? v! : [];
  const tags = v.map((t) =>
    isObjectValue(t) ? { key: t.key ?? null, value: t.value ?? null, condition_type: t.condition_type ?? 'STRINGEQUALS' } : t,
  );
  if (tags.some((t) => !isObjectValue(t) || isUnknown(t.key) || isUnknown(t.value))) return tags;
  return tags.sort((a, b) => (JSON.stringify(a) < JSON.stringify(b) ? -1 : 1));
}

/** Several condition blocks AND together, so they are one set of conditions: merged. */
function canonicalConditions(v: Value | undefined): Value {
  if (isUnknown(v)) return v!;
  const blocks = Array.isArray(v) ? v : [];
  const merged: Record<string, Record<string, Value>> = {};
  for (const block of blocks) {
    if (!isObjectValue(block)) continue;
    for (const op of CONDITION_OPERATORS) {
      const entries = block[op];
      if (isObjectValue(entries)) merged[op] = { ...(merged[op] ?? {}), ...entries };
    }
  }
  const present = Object.fromEntries(
    Object.entries(merged)
      .filter(([, m]) => Object.keys(m).length > 0)
      .map(([op, m]) => [op, sortedObject(m)]),
  );
  return Object.keys(present).length > 0 ? [sortedObject(present)] : [];
}

export const backupSelectionModel: KindModel = {
  kind: 'backup_selection',
  forcesReplacement: new Set(['plan', 'name', 'iam_role_arn', 'resources', 'not_resources', 'tag', 'condition']),
  computed: ['id'],
  optionalComputed: [],
  tagAttributes: [],
  keyedLists: {},
  jsonAttributes: [],

  canonical(a: ObjectValue): ObjectValue {
    return {
      ...a,
      resources: stringSet(a.resources),
      not_resources: stringSet(a.not_resources),
      tag: canonicalTags(a.tag),
      condition: canonicalConditions(a.condition),
    };
  },

  replaceReason() {
    return 'must be replaced: backup selections cannot be updated';
  },
};
