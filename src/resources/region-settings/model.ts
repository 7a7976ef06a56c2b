// region_settings: comparison rules. Each preference map is managed key by key, like tags: only the
// resource types the configuration names are compared and written; the account's other types are
// its business and never switched off.
import { isObjectValue, isUnknown, type ObjectValue, type Value } from '../../core/values.js';
import { sortedObject } from '../canonical.js';
import type { KindModel } from '../kind-model.js';

export const PREFERENCE_ATTRIBUTES = ['resource_type_opt_in_preference', 'resource_type_management_preference'] as const;

/** A resource type → enabled map, sorted; unset is the empty map (nothing managed). */
function preferenceMap(v: Value | undefined): Value {
  if (isUnknown(v)) return v as Value;
  if (!isObjectValue(v)) return {};
  return sortedObject(v);
}

export const regionSettingsModel: KindModel = {
  kind: 'region_settings',
  forcesReplacement: new Set(),
  computed: [],
  optionalComputed: [],
  tagAttributes: [...PREFERENCE_ATTRIBUTES],
  // A type the configuration stops naming is left as the account has it: bkp never switches a service off.
  forgetsUnnamedKeys: true,
  keyedLists: {},
  jsonAttributes: [],
  deleteReason: 'will be destroyed: destroying region_settings only stops bkp managing them; the account keeps its settings',

  canonical(a: ObjectValue): ObjectValue {
    const out: ObjectValue = { ...a };
    for (const attribute of PREFERENCE_ATTRIBUTES) out[attribute] = preferenceMap(a[attribute]);
    return out;
  },

  replaceReason() {
    return 'must be replaced: the provider now points at another Region';
  },
};
