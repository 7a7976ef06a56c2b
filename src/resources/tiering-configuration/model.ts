// tiering_configuration: comparison rules. Resource selections are a set (AWS keeps no meaning in
// their order), and so are the resources of each.
import { isObjectValue, isUnknown, type ObjectValue, type Value } from '../../core/values.js';
import { stringMap, stringSet } from '../canonical.js';
import type { KindModel } from '../kind-model.js';

function canonicalSelection(selection: Value): Value {
  if (!isObjectValue(selection)) return selection;
  return {
    resources: stringSet(selection.resources),
    tiering_down_settings_in_days: selection.tiering_down_settings_in_days ?? null,
    resource_type: selection.resource_type ?? null,
  };
}

function canonicalSelections(v: Value | undefined): Value {
  if (isUnknown(v)) return v!;
  if (!Array.isArray(v)) return [];
  const selections = v.map(canonicalSelection);
  if (selections.some((s) => isUnknown(s) || (isObjectValue(s) && Object.values(s).some(isUnknown)))) return selections;
  return selections.sort((a, b) => (JSON.stringify(a) < JSON.stringify(b) ? -1 : 1));
}

export const tieringConfigurationModel: KindModel = {
  kind: 'tiering_configuration',
  forcesReplacement: new Set(['name']),
  computed: ['arn', 'creation_time', 'last_updated_time'],
  optionalComputed: [],
  tagAttributes: ['tags'],
  keyedLists: {},
  jsonAttributes: [],

  canonical(a: ObjectValue): ObjectValue {
    return { ...a, resource_selection: canonicalSelections(a.resource_selection), tags: stringMap(a.tags) as Value };
  },

  replaceReason() {
    return 'must be replaced: a tiering configuration cannot be renamed';
  },
};
