// Type constraints of variables and function parameters (`string`, `list(string)`, `map(number)`…),
// and the conversions the language performs implicitly: "5" → 5 for a number, 5 → "5" for a string.
import type { SourceRange } from '../core/diagnostics.js';
import type { Expr } from './ast.js';
import { compareStrings, setKey, valueFromJson } from './evaluate-values.js';
import { isObjectValue, isUnknown, typeName, type ObjectValue, type Value } from '../core/values.js';

export type PrimitiveKind = 'string' | 'number' | 'bool';
export type TypeConstraint =
  | { kind: PrimitiveKind | 'any' }
  | { kind: 'list' | 'set' | 'map'; element: TypeConstraint };

export const ANY_TYPE: TypeConstraint = { kind: 'any' };
export const STRING_TYPE: TypeConstraint = { kind: 'string' };
export const NUMBER_TYPE: TypeConstraint = { kind: 'number' };
export const BOOL_TYPE: TypeConstraint = { kind: 'bool' };

export function listOf(element: TypeConstraint): TypeConstraint {
  return { kind: 'list', element };
}
export function mapOf(element: TypeConstraint): TypeConstraint {
  return { kind: 'map', element };
}

export function isPrimitiveType(t: TypeConstraint): boolean {
  return t.kind === 'string' || t.kind === 'number' || t.kind === 'bool';
}

export function typeToString(t: TypeConstraint): string {
  return 'element' in t ? `${t.kind}(${typeToString(t.element)})` : t.kind;
}

const COLLECTION_KINDS = new Set(['list', 'set', 'map']);
const UNSUPPORTED_KINDS = new Set(['object', 'tuple', 'optional']);
const FIX_HINT = 'Use string, number, bool, any, list(T), set(T) or map(T).';

export type TypeParseResult = { ok: true; type: TypeConstraint } | { ok: false; message: string; range: SourceRange };

/** Reads a type expression as written in HCL: `string`, `list(string)`, `map(any)`. */
export function typeFromExpr(expr: Expr): TypeParseResult {
  if (expr.kind === 'variable') return typeFromKeyword(expr.name, expr.range);
  if (expr.kind === 'call') {
    if (UNSUPPORTED_KINDS.has(expr.name)) {
      return fail(`${expr.name}(…) types are not supported in bkp. Use map(T) for maps or any for structured values.`, expr.range);
    }
    if (!COLLECTION_KINDS.has(expr.name)) return fail(`"${expr.name}" is not a type. ${FIX_HINT}`, expr.nameRange);
    if (expr.args.length !== 1 || expr.expandFinal) {
      return fail(`${expr.name}(…) takes exactly one element type, like ${expr.name}(string).`, expr.range);
    }
    const element = typeFromExpr(expr.args[0]!);
    if (!element.ok) return element;
    return { ok: true, type: { kind: expr.name as 'list' | 'set' | 'map', element: element.type } };
  }
  return fail(`A type constraint is a type name, not a value. ${FIX_HINT}`, expr.range);
}

function typeFromKeyword(name: string, range: SourceRange): TypeParseResult {
  switch (name) {
    case 'string':
    case 'number':
    case 'bool':
    case 'any':
      return { ok: true, type: { kind: name } };
    // Terraform's shorthand: a bare `list` or `map` means a collection of any element type.
    case 'list':
    case 'set':
    case 'map':
      return { ok: true, type: { kind: name, element: ANY_TYPE } };
    default:
      if (UNSUPPORTED_KINDS.has(name)) return fail(`${name} types are not supported in bkp. ${FIX_HINT}`, range);
      return fail(`"${name}" is not a type. ${FIX_HINT}`, range);
  }
}

function fail(message: string, range: SourceRange): TypeParseResult {
  return { ok: false, message, range };
}

/**
 * Reads a type constraint written as a string, as JSON configurations write it
 * (`"type": "list(string)"`).
 */
export function typeFromString(text: string): { ok: true; type: TypeConstraint } | { ok: false; message: string } {
  const tokens = text.match(/[A-Za-z_][A-Za-z0-9_]*|\S/g) ?? [];
  let at = 0;
  const parse = (): TypeConstraint | string => {
    const word = tokens[at++];
    if (word === undefined || !/^[A-Za-z_]/.test(word)) return `expected a type name in "${text}". ${FIX_HINT}`;
    if (tokens[at] !== '(') {
      if (['string', 'number', 'bool', 'any'].includes(word)) return { kind: word as PrimitiveKind | 'any' };
      if (COLLECTION_KINDS.has(word)) return { kind: word as 'list', element: ANY_TYPE };
      return `"${word}" is not a supported type. ${FIX_HINT}`;
    }
    if (!COLLECTION_KINDS.has(word)) return `${word}(…) types are not supported in bkp. ${FIX_HINT}`;
    at++;
    const element = parse();
    if (typeof element === 'string') return element;
    if (tokens[at++] !== ')') return `expected ")" in "${text}".`;
    return { kind: word as 'list' | 'set' | 'map', element };
  };
  const type = parse();
  if (typeof type === 'string') return { ok: false, message: type };
  if (at !== tokens.length) return { ok: false, message: `unexpected "${tokens[at]}" in type "${text}". ${FIX_HINT}` };
  return { ok: true, type };
}

export type ConversionResult = { ok: true; value: Value } | { ok: false; message: string };

const NUMBER_TEXT = /^-?(\d+(\.\d*)?|\.\d+)([eE][-+]?\d+)?$/;

/** The number a string stands for, as Terraform converts "42" to 42; undefined when it is no number. */
export function numberFromText(text: string): number | undefined {
  return NUMBER_TEXT.test(text.trim()) ? Number(text.trim()) : undefined;
}

/**
 * Converts a value to a type as the language does implicitly. Null and unknown values convert to
 * any type (whether null is acceptable is the caller's decision). The message of a `sensitive`
 * value names its type but never its content (nor the keys of a sensitive map).
 */
export function convertValue(value: Value, type: TypeConstraint, sensitive = false): ConversionResult {
  if (value === null || isUnknown(value) || type.kind === 'any') return { ok: true, value };
  switch (type.kind) {
    case 'string':
      if (typeof value === 'string') return { ok: true, value };
      if (typeof value === 'number' || typeof value === 'boolean') return { ok: true, value: String(value) };
      return { ok: false, message: `a string is required, but this is ${article(value, sensitive)}` };
    case 'number':
      if (typeof value === 'number') return { ok: true, value };
      if (typeof value === 'string') {
        const number = numberFromText(value);
        if (number !== undefined) return { ok: true, value: number };
      }
      if (typeof value === 'string' && !sensitive) return { ok: false, message: `a number is required, but "${value}" is not a number` };
      return { ok: false, message: `a number is required, but this is ${article(value, sensitive)}` };
    case 'bool':
      if (typeof value === 'boolean') return { ok: true, value };
      if (value === 'true' || value === 'false') return { ok: true, value: value === 'true' };
      return { ok: false, message: `a bool (true or false) is required, but this is ${article(value, sensitive)}` };
    case 'list':
    case 'set':
      return convertSequence(value, type.kind, type.element, sensitive);
    case 'map':
      return convertMap(value, type.element, sensitive);
  }
}

function convertSequence(value: Value, kind: 'list' | 'set', element: TypeConstraint, sensitive: boolean): ConversionResult {
  if (!Array.isArray(value)) return { ok: false, message: `a ${kind} is required, but this is ${article(value, sensitive)}` };
  const out: Value[] = [];
  for (let i = 0; i < value.length; i++) {
    const converted = convertValue(value[i]!, element, sensitive);
    if (!converted.ok) return { ok: false, message: `element ${i}: ${converted.message}` };
    out.push(converted.value);
  }
  return { ok: true, value: kind === 'set' ? toSetOrder(out) : out };
}

function convertMap(value: Value, element: TypeConstraint, sensitive: boolean): ConversionResult {
  if (!isObjectValue(value)) return { ok: false, message: `a map is required, but this is ${article(value, sensitive)}` };
  const out: ObjectValue = {};
  for (const key of Object.keys(value)) {
    const converted = convertValue(value[key]!, element, sensitive);
    if (!converted.ok) return { ok: false, message: `${sensitive ? 'an element' : `element ${JSON.stringify(key)}`}: ${converted.message}` };
    setKey(out, key, converted.value);
  }
  return { ok: true, value: out };
}

/**
 * Sets have no duplicates and iterate in a stable order (strings lexicographically, numbers
 * numerically), as Terraform's sets do; unknown elements stay at the end.
 */
export function toSetOrder(items: readonly Value[]): Value[] {
  const seen = new Set<string>();
  const unique: Value[] = [];
  for (const item of items) {
    if (isUnknown(item)) {
      unique.push(item);
      continue;
    }
    const key = JSON.stringify(item);
    if (seen.has(key)) continue;
    seen.add(key);
    unique.push(item);
  }
  if (unique.every((v) => typeof v === 'string')) return (unique as string[]).sort(compareStrings);
  if (unique.every((v) => typeof v === 'number')) return (unique as number[]).sort((a, b) => a - b);
  return unique;
}

function article(value: Value, sensitive: boolean): string {
  if (value === null) return 'null';
  if (sensitive && typeof value !== 'object') return `a ${typeName(value)} (sensitive value)`;
  if (isUnknown(value)) return 'an unknown value';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'a map';
  if (typeof value === 'string') return `the string ${JSON.stringify(value)}`;
  return `the ${typeof value === 'number' ? 'number' : 'bool'} ${String(value)}`;
}

/** Parses JSON text into a value, or says where it is broken. */
export function parseJsonValue(text: string): { ok: true; value: Value } | { ok: false; message: string } {
  try {
    return { ok: true, value: valueFromJson(JSON.parse(text)) };
  } catch (e) {
    return { ok: false, message: (e as Error).message };
  }
}
