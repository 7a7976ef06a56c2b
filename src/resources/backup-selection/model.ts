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

/** One condition as AWS holds it: an operator, a condition key and a value. */
export interface ConditionEntry {
  operator: (typeof CONDITION_OPERATORS)[number];
  key: string;
  value: Value;
}

/**
 * Condition entries as `condition` blocks: AWS keeps a list of key/value pairs per operator, so one
 * key may appear twice under one operator (`string_not_like` "test*" and "dev*"). Entries are
 * sorted and exact repeats dropped (conditions AND together); each goes into the first block whose
 * map for its operator lacks its key, so a configuration without repeated keys is one block.
 */
export function conditionBlocks(entries: readonly ConditionEntry[]): ObjectValue[] {
  const seen = new Set<string>();
  const unique = entries.filter((e) => {
    const id = JSON.stringify([e.operator, e.key, e.value]);
    if (seen.has(id)) return false;
    seen.add(id);
    return true;
  });
  unique.sort((a, b) => {
    const x = JSON.stringify([a.operator, a.key, a.value]);
    const y = JSON.stringify([b.operator, b.key, b.value]);
    return x < y ? -1 : x > y ? 1 : 0;
  });
  const blocks: Array<Record<string, Record<string, Value>>> = [];
  for (const entry of unique) {
    let block = blocks.find((b) => !(entry.key in (b[entry.operator] ?? {})));
    if (!block) {
      block = {};
      blocks.push(block);
    }
    (block[entry.operator] ??= {})[entry.key] = entry.value;
  }
  return blocks.map((block) => sortedObject(Object.fromEntries(Object.entries(block).map(([op, m]) => [op, sortedObject(m)]))));
}

/** The entries of configured `condition` blocks, every pair of every block. */
export function conditionEntries(blocks: readonly Value[]): ConditionEntry[] {
  const entries: ConditionEntry[] = [];
  for (const block of blocks) {
    if (!isObjectValue(block)) continue;
    for (const operator of CONDITION_OPERATORS) {
      const map = block[operator];
      if (isObjectValue(map)) for (const [key, value] of Object.entries(map)) entries.push({ operator, key, value });
    }
  }
  return entries;
}

/** Several condition blocks AND together, so their entries are one set: regrouped canonically. */
function canonicalConditions(v: Value | undefined): Value {
  if (isUnknown(v)) return v!;
  const blocks = Array.isArray(v) ? v : [];
  if (blocks.some((b) => isUnknown(b) || (isObjectValue(b) && CONDITION_OPERATORS.some((op) => isUnknown(b[op]))))) return blocks;
  return conditionBlocks(conditionEntries(blocks));
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
