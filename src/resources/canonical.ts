// Canonical forms shared by the resource models: values that mean the same compare equal.
import { isObjectValue, isUnknown, type ObjectValue, type Value } from '../core/values.js';

/** Deep equality of values; UNKNOWN equals nothing but itself. */
export function valuesEqual(a: Value | undefined, b: Value | undefined): boolean {
  if (a === b) return true;
  if (a === undefined || b === undefined) return false;
  if (isUnknown(a) || isUnknown(b)) return false;
  if (Array.isArray(a)) {
    return Array.isArray(b) && a.length === b.length && a.every((item, i) => valuesEqual(item, b[i]));
  }
  if (isObjectValue(a)) {
    if (!isObjectValue(b)) return false;
    const keysA = Object.keys(a).filter((k) => a[k] !== undefined);
    const keysB = Object.keys(b).filter((k) => b[k] !== undefined);
    return keysA.length === keysB.length && keysA.every((k) => valuesEqual(a[k], b[k]));
  }
  return false;
}

/** An object with keys in sorted order and undefined members dropped (stable JSON, stable display). */
export function sortedObject<T extends Value>(o: Record<string, T | undefined>): Record<string, T> {
  const out: Record<string, T> = {};
  for (const key of Object.keys(o).sort()) {
    const v = o[key];
    if (v !== undefined) out[key] = v;
  }
  return out;
}

/** A map of strings as AWS keeps it (tags, recovery point tags): non-strings stringified, sorted. */
export function stringMap(v: Value | undefined): Record<string, string> | Value {
  if (isUnknown(v)) return v as Value;
  if (!isObjectValue(v)) return {};
  const out: Record<string, Value> = {};
  for (const key of Object.keys(v).sort()) {
    const item = v[key];
    out[key] = isUnknown(item) || typeof item === 'string' ? item! : JSON.stringify(item);
  }
  return out as Record<string, string>;
}

/** A positive number, or undefined for 0, null and unset (AWS treats them alike). */
export function positiveOrUnset(v: Value | undefined): number | undefined | Value {
  if (isUnknown(v)) return v as Value;
  return typeof v === 'number' && v > 0 ? v : undefined;
}

/** Strings sorted and de-duplicated (sets such as selection ARNs or notification events). */
export function stringSet(v: Value | undefined): Value {
  if (isUnknown(v)) return v as Value;
  if (!Array.isArray(v)) return [];
  if (v.some(isUnknown)) return v;
  return [...new Set(v.map((x) => String(x)))].sort();
}

export function objectOrUndefined(v: Value | undefined): ObjectValue | undefined {
  return isObjectValue(v) ? v : undefined;
}

/** Drops members whose value is undefined; returns undefined when nothing is left. */
export function compact(o: Record<string, Value | undefined>): ObjectValue | undefined {
  const out: ObjectValue = {};
  for (const [k, v] of Object.entries(o)) if (v !== undefined) out[k] = v;
  return Object.keys(out).length > 0 ? out : undefined;
}

/**
 * A lifecycle (of a rule, a copy action or an on-demand backup) as AWS keeps it: 0 or unset days
 * are the same, and the archive opt-in counts only when true.
 */
export function canonicalLifecycle(v: Value | undefined): Value | undefined {
  if (isUnknown(v)) return v;
  if (!isObjectValue(v)) return undefined;
  return compact({
    cold_storage_after_days: positiveOrUnset(v.cold_storage_after_days),
    delete_after_days: positiveOrUnset(v.delete_after_days),
    opt_in_to_archive_for_supported_resources: v.opt_in_to_archive_for_supported_resources === true ? true : undefined,
  });
}
