// Small helpers over runtime values shared by the evaluator, the functions and the decoder.
import type { SourceRange } from '../core/diagnostics.js';
import { isObjectValue, isUnknown, typeName, type ObjectValue, type Value } from '../core/values.js';

/**
 * Sets a key on a plain object. A key named "__proto__" must become an own property, not the
 * prototype, so that a tag with that name cannot change how the object behaves.
 */
export function setKey(target: ObjectValue, key: string, value: Value): void {
  if (key === '__proto__') {
    Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
  } else {
    target[key] = value;
  }
}

export function hasKey(target: ObjectValue, key: string): boolean {
  return Object.prototype.hasOwnProperty.call(target, key);
}

/** Map keys in the language's iteration order (lexicographic, as Terraform iterates maps). */
export function sortedKeys(target: ObjectValue): string[] {
  return Object.keys(target).sort(compareStrings);
}

export function compareStrings(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Structural equality; callers check for unknown values first. */
export function valuesEqual(a: Value, b: Value): boolean {
  if (a === b) return true;
  if (Array.isArray(a)) {
    return Array.isArray(b) && a.length === b.length && a.every((item, i) => valuesEqual(item, b[i]!));
  }
  if (isObjectValue(a)) {
    if (!isObjectValue(b)) return false;
    const keys = Object.keys(a);
    return keys.length === Object.keys(b).length && keys.every((k) => hasKey(b, k) && valuesEqual(a[k]!, b[k]!));
  }
  return false;
}

/** How a primitive prints inside a template or through tostring(). */
export function primitiveToString(v: string | number | boolean): string {
  if (typeof v === 'number') return numberToString(v);
  return typeof v === 'string' ? v : String(v);
}

/**
 * A number as Terraform writes it in text and JSON: every digit, never an exponent (1e21 is
 * "1000000000000000000000", 1e-7 "0.0000001"), and -0 keeps its sign.
 */
export function numberToString(n: number): string {
  if (Object.is(n, -0)) return '-0';
  const text = String(n);
  if (!text.includes('e')) return text;
  // The shortest digits that give back the number, laid out without the exponent.
  const [mantissa = '', exponent = ''] = Math.abs(n).toExponential().split('e');
  const digits = mantissa.replace('.', '');
  const point = 1 + Number(exponent);
  const sign = n < 0 ? '-' : '';
  if (point >= digits.length) return sign + digits + '0'.repeat(point - digits.length);
  if (point <= 0) return `${sign}0.${'0'.repeat(-point)}${digits}`;
  return `${sign}${digits.slice(0, point)}.${digits.slice(point)}`;
}

/** What messages print instead of a value that depends on a sensitive variable. */
export const SENSITIVE_VALUE = '(sensitive value)';

/**
 * The message with every text form of the scalar values in `secrets` replaced by the placeholder.
 * Only values are secret, never map keys, and a text counts only as a whole word: a secret "a"
 * must not turn "map" into "m(sensitive value)p".
 */
export function redactSecrets(message: string, secrets: readonly Value[]): string {
  const texts = new Set<string>();
  const collect = (value: Value): void => {
    if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') {
      const text = String(value);
      texts.add(text);
      texts.add(JSON.stringify(text).slice(1, -1));
      // describeValue shortens long strings to their first 37 characters.
      if (text.length > 40) texts.add(text.slice(0, 37));
    } else if (Array.isArray(value)) value.forEach(collect);
    else if (value !== null && !isUnknown(value)) Object.values(value).forEach(collect);
  };
  secrets.forEach(collect);
  const found = [...texts].filter((t) => t !== '' && message.includes(t));
  if (found.length === 0) return message;
  // One pass, longest first, so that a secret containing another is replaced whole and the
  // placeholder itself is never matched again.
  const escaped = found.sort((a, b) => b.length - a.length).map((t) => t.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
  return message.replace(new RegExp(`(?<!\\w)(?:${escaped.join('|')})(?!\\w)`, 'g'), SENSITIVE_VALUE);
}

/**
 * A short rendering of a value for messages: `"eu-west-1"`, `5`, `list of 3`, `map`. A sensitive
 * value shows only its type: `a string (sensitive value)`.
 */
export function describeValue(v: Value, sensitive = false): string {
  if (sensitive && v !== null && !isUnknown(v)) return `a ${typeName(v)} ${SENSITIVE_VALUE}`;
  if (typeof v === 'string') return JSON.stringify(v.length > 40 ? `${v.slice(0, 37)}...` : v);
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  if (v === null || isUnknown(v)) return typeName(v);
  if (Array.isArray(v)) return `a list of ${v.length} element${v.length === 1 ? '' : 's'}`;
  return 'a map';
}

/** Converts parsed JSON (or any plain data) into a Value, giving every object a safe shape. */
export function valueFromJson(data: unknown): Value {
  if (data === null || typeof data === 'string' || typeof data === 'number' || typeof data === 'boolean') return data;
  if (Array.isArray(data)) return data.map(valueFromJson);
  if (typeof data === 'object') {
    const out: ObjectValue = {};
    for (const [k, v] of Object.entries(data as Record<string, unknown>)) setKey(out, k, valueFromJson(v));
    return out;
  }
  return null;
}

/**
 * The range of the last `length` characters of a range on one line: the `.name` part of
 * `backup_vault.main.name`, which the AST does not store separately.
 */
export function tailRange(range: SourceRange, length: number): SourceRange {
  if (range.start.line !== range.end.line || range.end.column - length < range.start.column) return range;
  return {
    file: range.file,
    start: { line: range.end.line, column: range.end.column - length, offset: range.end.offset - length },
    end: range.end,
  };
}

/** From the start of `from` to the end of `to` (same file). */
export function spanRange(from: SourceRange, to: SourceRange): SourceRange {
  return { file: from.file, start: from.start, end: to.end };
}

/** `file:line,column` for "already declared at …" messages. */
export function formatPosition(range: SourceRange): string {
  return `${range.file}:${range.start.line},${range.start.column}`;
}
