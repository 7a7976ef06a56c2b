// restore_testing_plan: comparison rules. Everything but the name is updated in place
// (UpdateRestoreTestingPlan). AWS's documented defaults (a 24-hour start window, a 30-day selection
// window, no excluded vaults) are written out, so a block that leaves them unset does not differ
// from the plan AWS holds. The vault and type lists are sets: AWS keeps no meaning in their order.
import { isObjectValue, isUnknown, type ObjectValue, type Value } from '../../core/values.js';
import { DEFAULT_SELECTION_WINDOW_DAYS, DEFAULT_START_WINDOW_HOURS } from '../../domain/restore-testing.js';
import { stringMap, stringSet } from '../canonical.js';
import type { KindModel } from '../kind-model.js';

function orDefault(v: Value | undefined, fallback: number): Value {
  return v === undefined || v === null ? fallback : v;
}

function canonicalSelection(v: Value | undefined): Value | undefined {
  if (isUnknown(v) || !isObjectValue(v)) return v;
  return {
    algorithm: v.algorithm ?? null,
    include_vaults: stringSet(v.include_vaults),
    exclude_vaults: stringSet(v.exclude_vaults),
    recovery_point_types: stringSet(v.recovery_point_types),
    selection_window_days: orDefault(v.selection_window_days, DEFAULT_SELECTION_WINDOW_DAYS),
  };
}

export const restoreTestingPlanModel: KindModel = {
  kind: 'restore_testing_plan',
  forcesReplacement: new Set(['name']),
  computed: ['arn', 'creation_time', 'last_update_time'],
  // AWS picks the time zone of a plan that names none (UTC): compared only when configured.
  optionalComputed: ['timezone'],
  tagAttributes: ['tags'],
  keyedLists: {},
  jsonAttributes: [],

  canonical(a: ObjectValue): ObjectValue {
    const out: ObjectValue = { ...a, start_window_hours: orDefault(a.start_window_hours, DEFAULT_START_WINDOW_HOURS), tags: stringMap(a.tags) as Value };
    const selection = canonicalSelection(a.recovery_point_selection);
    if (selection === undefined) delete out.recovery_point_selection;
    else out.recovery_point_selection = selection;
    return out;
  },

  replaceReason() {
    return 'must be replaced: a restore testing plan cannot be renamed (its selections are replaced with it)';
  },
};
