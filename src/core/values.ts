// Runtime values of the configuration language. Plain JSON-like data, plus Unknown for values
// that exist only after apply (an ARN, a plan id): they print as "(known after apply)".

export class Unknown {
  static readonly instance = new Unknown();
  private constructor() {}
  toString(): string {
    return '(known after apply)';
  }
  toJSON(): string {
    return '(known after apply)';
  }
}

export const UNKNOWN = Unknown.instance;

export type Value = string | number | boolean | null | Unknown | Value[] | { [key: string]: Value };

/**
 * The numbers a Value holds, in words for messages: doubles (Terraform's are arbitrary-precision).
 * Past them a number is Infinity, which no AWS field takes and JSON cannot write.
 */
export const NUMBER_RANGE = 'about -1.8e308 to 1.8e308';
export type ObjectValue = { [key: string]: Value };

export function isUnknown(v: unknown): v is Unknown {
  return v instanceof Unknown;
}

export function isObjectValue(v: Value | undefined): v is ObjectValue {
  return typeof v === 'object' && v !== null && !Array.isArray(v) && !(v instanceof Unknown);
}

/** True when the value or anything inside it is unknown. */
export function containsUnknown(v: Value): boolean {
  if (v instanceof Unknown) return true;
  if (Array.isArray(v)) return v.some(containsUnknown);
  if (isObjectValue(v)) return Object.values(v).some(containsUnknown);
  return false;
}

/** The language's type name of a value, as used in error messages. */
export function typeName(v: Value): string {
  if (v === null) return 'null';
  if (v instanceof Unknown) return 'unknown';
  if (Array.isArray(v)) return 'list';
  if (typeof v === 'object') return 'map';
  return typeof v === 'number' ? 'number' : typeof v === 'boolean' ? 'bool' : 'string';
}
