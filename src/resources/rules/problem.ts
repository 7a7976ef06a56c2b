// What semantic rules report: a problem at a JSON Pointer into the evaluated attributes. Rules are
// pure (values in, problems out); src/resources/validate.ts turns problems into positioned
// diagnostics through the resource's path ranges.
import type { Severity } from '../../core/diagnostics.js';
import { isUnknown, type ObjectValue, type Value } from '../../core/values.js';

export interface Problem {
  severity: Severity;
  /** JSON Pointer of the offending value, in ajv's instancePath format ("/rule/0/schedule"). */
  path: string;
  summary: string;
  /** What is wrong, what AWS accepts, and how to fix it. */
  detail: string;
}

export const error = (path: string, summary: string, detail: string): Problem => ({ severity: 'error', path, summary, detail });
export const warning = (path: string, summary: string, detail: string): Problem => ({ severity: 'warning', path, summary, detail });

// Accessors that return undefined for unset, unknown or wrongly typed values: a rule checks only
// what is known and well typed (the schema reports wrong types).

export function knownString(v: Value | undefined): string | undefined {
  return typeof v === 'string' ? v : undefined;
}

export function knownNumber(v: Value | undefined): number | undefined {
  return typeof v === 'number' && Number.isFinite(v) ? v : undefined;
}

export function knownBoolean(v: Value | undefined): boolean | undefined {
  return typeof v === 'boolean' ? v : undefined;
}

export function knownObject(v: Value | undefined): ObjectValue | undefined {
  return typeof v === 'object' && v !== null && !Array.isArray(v) && !isUnknown(v) ? v : undefined;
}

export function knownList(v: Value | undefined): Value[] | undefined {
  return Array.isArray(v) ? v : undefined;
}

/** A lifecycle day count: AWS treats 0 and unset alike ("no value"). */
export function dayCount(v: Value | undefined): number | undefined {
  const n = knownNumber(v);
  return n === undefined || n === 0 ? undefined : n;
}

/** "1 day" / "3 days". */
export function days(n: number): string {
  return `${n} ${n === 1 ? 'day' : 'days'}`;
}

/** True when a day count is unset or a known number; false for unknown or wrongly typed values. */
export function isKnownDayCount(v: Value | undefined): boolean {
  return v === undefined || v === null || knownNumber(v) !== undefined;
}
