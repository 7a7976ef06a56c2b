// restore_testing_selection: comparison rules. AWS updates a selection in place
// (UpdateRestoreTestingSelection) except its name, its plan and its resource type, which replace
// it. ARNs and conditions are sets. The validation window and the metadata overrides are compared
// only when configured: AWS picks the former, and overrides set outside bkp are kept (set
// restore_metadata_overrides = {} to remove them).
import { isObjectValue, isUnknown, type ObjectValue, type Value } from '../../core/values.js';
import { compact, stringMap, stringSet } from '../canonical.js';
import type { KindModel } from '../kind-model.js';

function canonicalPairs(v: Value | undefined): Value | undefined {
  if (isUnknown(v)) return v;
  if (!Array.isArray(v) || v.length === 0) return undefined;
  const pairs = v.map((p) => (isObjectValue(p) ? { key: p.key ?? null, value: p.value ?? null } : p));
  if (pairs.some((p) => isUnknown(p) || (isObjectValue(p) && (isUnknown(p.key) || isUnknown(p.value))))) return pairs;
  return pairs.sort((a, b) => (JSON.stringify(a) < JSON.stringify(b) ? -1 : 1));
}

/** Conditions without any key-value pair are no conditions (AWS answers empty lists for them). */
export function canonicalConditions(v: Value | undefined): Value | undefined {
  if (isUnknown(v) || !isObjectValue(v)) return isUnknown(v) ? v : undefined;
  return compact({ string_equals: canonicalPairs(v.string_equals), string_not_equals: canonicalPairs(v.string_not_equals) });
}

export const restoreTestingSelectionModel: KindModel = {
  kind: 'restore_testing_selection',
  forcesReplacement: new Set(['name', 'restore_testing_plan_name', 'protected_resource_type']),
  computed: ['creation_time'],
  optionalComputed: ['validation_window_hours', 'restore_metadata_overrides'],
  tagAttributes: [],
  keyedLists: {},
  jsonAttributes: [],

  canonical(a: ObjectValue): ObjectValue {
    const out: ObjectValue = { ...a, protected_resource_arns: stringSet(a.protected_resource_arns) };
    const conditions = canonicalConditions(a.protected_resource_conditions);
    if (conditions === undefined) delete out.protected_resource_conditions;
    else out.protected_resource_conditions = conditions;
    // null (AWS holds none) stays null: the planner then carries it instead of showing "(known after apply)".
    if (isObjectValue(a.restore_metadata_overrides) || isUnknown(a.restore_metadata_overrides)) out.restore_metadata_overrides = stringMap(a.restore_metadata_overrides) as Value;
    return out;
  },

  replaceReason(paths) {
    const what = paths.includes('restore_testing_plan_name') ? 'moved to another plan' : paths.includes('protected_resource_type') ? 'given another resource type' : 'renamed';
    return `must be replaced: a restore testing selection cannot be ${what}`;
  },
};
