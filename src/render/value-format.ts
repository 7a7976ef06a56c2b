// How single values print in plan views: HCL-like literals, plus the placeholders Terraform uses
// for values that cannot be shown.
import { isObjectValue, isUnknown, type Value } from '../core/values.js';

export const UNKNOWN_TEXT = '(known after apply)';
export const SENSITIVE_TEXT = '(sensitive value)';

/** A string literal as HCL would read it back; `${` is escaped so it never looks like a template. */
export function quoteString(s: string): string {
  // A function as replacement: in a replacement string `$$` would stand for one `$`.
  return JSON.stringify(s).replace(/\$\{/g, () => '$${').replace(/%\{/g, () => '%%{');
}

/** A value on one line: `"text"`, `35`, `true`, `null`, `(known after apply)`, `["a", "b"]`, `{ "k" = "v" }`. */
export function formatInline(v: Value | undefined): string {
  if (v === undefined || v === null) return 'null';
  if (isUnknown(v)) return UNKNOWN_TEXT;
  if (typeof v === 'string') return quoteString(v);
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  if (Array.isArray(v)) return `[${v.map(formatInline).join(', ')}]`;
  const entries = Object.keys(v)
    .sort()
    .map((k) => `${quoteString(k)} = ${formatInline(v[k])}`);
  return entries.length === 0 ? '{}' : `{ ${entries.join(', ')} }`;
}

/**
 * Unset, null, an empty list and an empty map all mean "nothing configured" to the planner, so
 * the views treat them alike: such an attribute is simply not there.
 */
export function isAbsent(v: Value | undefined): boolean {
  if (v === undefined || v === null) return true;
  if (Array.isArray(v)) return v.length === 0;
  if (isObjectValue(v)) return Object.keys(v).length === 0;
  return false;
}

/** A JSON document held in a string, pretty-printed with two-space indents; undefined when it is not JSON. */
export function prettyJsonDocument(v: Value | undefined): string | undefined {
  if (typeof v !== 'string') return undefined;
  try {
    return JSON.stringify(JSON.parse(v), null, 2);
  } catch {
    return undefined;
  }
}

/** "1 element" / "3 elements". */
export function plural(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? '' : 's'}`;
}
