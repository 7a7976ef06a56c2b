// legal_hold: comparison rules. AWS cannot update a legal hold (only its tags): a changed title,
// description or selection replaces it — a new hold is created first, then the old one cancelled,
// so the recovery points are never unprotected in between. cancel_description and
// retain_record_days are bkp's own settings for that cancellation, kept in state.
import { isObjectValue, isUnknown, type ObjectValue, type Value } from '../../core/values.js';
import { compact, stringMap, stringSet } from '../canonical.js';
import type { KindModel } from '../kind-model.js';

/** A configured or read date as one text: ISO 8601 in UTC, to the millisecond. */
export function canonicalDate(v: Value | undefined): Value | undefined {
  if (typeof v !== 'string') return v;
  const ms = Date.parse(v);
  return Number.isNaN(ms) ? v : new Date(ms).toISOString();
}

function nonEmptySet(v: Value | undefined): Value | undefined {
  const set = stringSet(v);
  return Array.isArray(set) && set.length === 0 ? undefined : set;
}

function canonicalSelection(v: Value | undefined): Value | undefined {
  if (isUnknown(v)) return v;
  if (!isObjectValue(v)) return undefined;
  const range = v.date_range;
  return compact({
    vault_names: nonEmptySet(v.vault_names),
    resource_identifiers: nonEmptySet(v.resource_identifiers),
    date_range: isObjectValue(range) ? { from_date: canonicalDate(range.from_date) ?? null, to_date: canonicalDate(range.to_date) ?? null } : isUnknown(range) ? range : undefined,
  });
}

export const legalHoldModel: KindModel = {
  kind: 'legal_hold',
  forcesReplacement: new Set(['title', 'description', 'recovery_point_selection']),
  computed: ['id', 'arn', 'status', 'creation_date', 'cancellation_date'],
  optionalComputed: [],
  tagAttributes: ['tags'],
  keyedLists: {},
  jsonAttributes: [],
  replaceCreatesFirst: true,
  deleteReason: 'cancels the legal hold (AWS keeps its record; the recovery points it held follow their lifecycle again)',

  canonical(a: ObjectValue): ObjectValue {
    const out: ObjectValue = { ...a, tags: stringMap(a.tags) as Value };
    const selection = canonicalSelection(a.recovery_point_selection);
    if (selection === undefined) delete out.recovery_point_selection;
    else out.recovery_point_selection = selection;
    if (a.retain_record_days === null || a.retain_record_days === undefined) delete out.retain_record_days;
    return out;
  },

  replaceReason() {
    return 'must be replaced: AWS cannot update a legal hold; the new hold is created first, then this one is cancelled with its cancel_description';
  },
};
