// Type constraints of variables and function parameters (`string`, `list(string)`, `map(number)`…),
// and the conversions the language performs implicitly: "5" → 5 for a number, 5 → "5" for a string.
import type { SourceRange } from '../core/diagnostics.js';
import { jsonDepthExceeds } from '../core/json-depth.js';
import type { Expr } from './ast.js';
import { compareStrings, primitiveToString, setKey, valueFromJson } from './evaluate-values.js';
import { containsUnknown, isObjectValue, isUnknown, NUMBER_RANGE, typeName, type ObjectValue, type Value } from '../core/values.js';

export type PrimitiveKind = 'string' | 'number' | 'bool';
export type TypeConstraint =
  | { kind: PrimitiveKind | 'any' }
  | { kind: 'list' | 'set' | 'map'; element: TypeConstraint }
  | { kind: 'object'; attributes: Record<string, ObjectAttributeType> }
  | { kind: 'tuple'; elements: TypeConstraint[] };

/** An attribute of an object type: `optional(T, default)` may be left out. */
export interface ObjectAttributeType {
  type: TypeConstraint;
  optional: boolean;
  /** The value an omitted optional attribute takes (null without one). */
  default?: Value;
}

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
  if (t.kind === 'object') {
    const attributes = Object.keys(t.attributes).map((name) => {
      const a = t.attributes[name]!;
      const type = typeToString(a.type);
      return `${name} = ${a.optional ? `optional(${type}${a.default !== undefined ? `, ${JSON.stringify(a.default)}` : ''})` : type}`;
    });
    return `object({${attributes.join(', ')}})`;
  }
  if (t.kind === 'tuple') return `tuple([${t.elements.map(typeToString).join(', ')}])`;
  return 'element' in t ? `${t.kind}(${typeToString(t.element)})` : t.kind;
}

const COLLECTION_KINDS = new Set(['list', 'set', 'map']);
const STRUCTURAL_KINDS = new Set(['object', 'tuple', 'optional']);
const FIX_HINT = 'Use string, number, bool, any, list(T), set(T), map(T), object({ name = T, … }) or tuple([T, …]).';

/** Evaluates the default of `optional(T, default)`; the caller reports what is wrong with it. */
export type DefaultEvaluator = (expr: Expr) => Value;

export type TypeParseResult = { ok: true; type: TypeConstraint } | { ok: false; message: string; range: SourceRange };

/** Reads a type expression as written in HCL: `string`, `list(string)`, `object({ name = string })`. */
export function typeFromExpr(expr: Expr, evaluateDefault?: DefaultEvaluator): TypeParseResult {
  if (expr.kind === 'variable') return typeFromKeyword(expr.name, expr.range);
  if (expr.kind === 'call') {
    if (expr.name === 'object') return objectType(expr.args, expr.range, evaluateDefault);
    if (expr.name === 'tuple') return tupleType(expr.args, expr.range, evaluateDefault);
    if (expr.name === 'optional') return fail('optional(…) marks an attribute of an object type, like object({ days = optional(number, 35) }); it cannot stand on its own.', expr.range);
    if (!COLLECTION_KINDS.has(expr.name)) return fail(`"${expr.name}" is not a type. ${FIX_HINT}`, expr.nameRange);
    if (expr.args.length !== 1 || expr.expandFinal) {
      return fail(`${expr.name}(…) takes exactly one element type, like ${expr.name}(string).`, expr.range);
    }
    const element = typeFromExpr(expr.args[0]!, evaluateDefault);
    if (!element.ok) return element;
    return { ok: true, type: { kind: expr.name as 'list' | 'set' | 'map', element: element.type } };
  }
  return fail(`A type constraint is a type name, not a value. ${FIX_HINT}`, expr.range);
}

function objectType(args: readonly Expr[], range: SourceRange, evaluateDefault: DefaultEvaluator | undefined): TypeParseResult {
  const spec = args[0];
  if (args.length !== 1 || spec?.kind !== 'object') return fail('object(…) takes one object of attribute types, like object({ name = string, days = optional(number, 35) }).', range);
  const attributes: Record<string, ObjectAttributeType> = {};
  for (const item of spec.items) {
    const name = item.key.kind === 'literal' && typeof item.key.value === 'string' ? item.key.value : undefined;
    if (name === undefined) return fail('An attribute name of an object type is written as a bare name, like name = string.', item.key.range);
    if (Object.hasOwn(attributes, name)) return fail(`The attribute "${name}" is declared twice in this object type.`, item.key.range);
    const value = item.value;
    if (value.kind === 'call' && value.name === 'optional') {
      if (value.args.length < 1 || value.args.length > 2) return fail('optional(…) takes a type and, if wanted, a default: optional(number) or optional(number, 35).', value.range);
      const type = typeFromExpr(value.args[0]!, evaluateDefault);
      if (!type.ok) return type;
      const attribute: ObjectAttributeType = { type: type.type, optional: true };
      const defaultExpr = value.args[1];
      if (defaultExpr) {
        const given = evaluateDefault ? evaluateDefault(defaultExpr) : null;
        if (containsUnknown(given)) return fail(`The default of the optional attribute "${name}" must be a literal value: it cannot refer to variables, locals or resources.`, defaultExpr.range);
        const converted = convertValue(given, type.type);
        if (!converted.ok) return fail(`The default of the optional attribute "${name}" does not match its type ${typeToString(type.type)}: ${converted.message}.`, defaultExpr.range);
        if (converted.value !== null) attribute.default = converted.value;
      }
      setAttribute(attributes, name, attribute);
      continue;
    }
    const type = typeFromExpr(value, evaluateDefault);
    if (!type.ok) return type;
    setAttribute(attributes, name, { type: type.type, optional: false });
  }
  return { ok: true, type: { kind: 'object', attributes } };
}

function setAttribute(attributes: Record<string, ObjectAttributeType>, name: string, attribute: ObjectAttributeType): void {
  Object.defineProperty(attributes, name, { value: attribute, enumerable: true, writable: true, configurable: true });
}

function tupleType(args: readonly Expr[], range: SourceRange, evaluateDefault: DefaultEvaluator | undefined): TypeParseResult {
  const spec = args[0];
  if (args.length !== 1 || spec?.kind !== 'tuple') return fail('tuple(…) takes one list of element types, like tuple([string, number]).', range);
  const elements: TypeConstraint[] = [];
  for (const item of spec.items) {
    const type = typeFromExpr(item, evaluateDefault);
    if (!type.ok) return type;
    elements.push(type.type);
  }
  return { ok: true, type: { kind: 'tuple', elements } };
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
      if (STRUCTURAL_KINDS.has(name)) return fail(`${name} needs its ${name === 'tuple' ? 'element types' : 'attribute types'}: ${name === 'tuple' ? 'tuple([string, number])' : name === 'object' ? 'object({ name = string })' : 'optional(number, 35) inside object({ … })'}.`, range);
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
    if (!COLLECTION_KINDS.has(word)) return `${word}(…) types are written without quotes in an HCL file (*.bkp.hcl); a JSON configuration can use string, number, bool, any, list(T), set(T) and map(T).`;
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

// As cty's: an optional sign, no surrounding spaces (" 5" is no number in Terraform).
const NUMBER_TEXT = /^[-+]?(\d+(\.\d*)?|\.\d+)([eE][-+]?\d+)?$/;

/**
 * The number a string stands for, as Terraform converts "42" to 42; undefined when it is no number,
 * or one beyond a double (Terraform's numbers are arbitrary-precision, bkp's are not).
 */
export function numberFromText(text: string): number | undefined {
  const number = NUMBER_TEXT.test(text) ? Number(text) : undefined;
  return number !== undefined && Number.isFinite(number) ? number : undefined;
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
      if (typeof value === 'number' || typeof value === 'boolean') return { ok: true, value: primitiveToString(value) };
      return { ok: false, message: `a string is required, but this is ${article(value, sensitive)}` };
    case 'number':
      if (typeof value === 'number') return { ok: true, value };
      if (typeof value === 'string') {
        const number = numberFromText(value);
        if (number !== undefined) return { ok: true, value: number };
      }
      if (typeof value === 'string' && !sensitive) {
        const outOfRange = NUMBER_TEXT.test(value);
        return { ok: false, message: outOfRange ? `"${value}" is out of range: bkp holds numbers from ${NUMBER_RANGE}` : `a number is required, but "${value}" is not a number` };
      }
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
    case 'object':
      return convertObject(value, type.attributes, sensitive);
    case 'tuple':
      return convertTuple(value, type.elements, sensitive);
  }
}

/** As Terraform converts to an object type: declared attributes converted, optional ones defaulted, others dropped. */
function convertObject(value: Value, attributes: Record<string, ObjectAttributeType>, sensitive: boolean): ConversionResult {
  if (!isObjectValue(value)) return { ok: false, message: `an object is required, but this is ${article(value, sensitive)}` };
  const out: ObjectValue = {};
  for (const name of Object.keys(attributes)) {
    const attribute = attributes[name]!;
    const given = Object.hasOwn(value, name) ? value[name]! : undefined;
    if (given === undefined || given === null) {
      if (!attribute.optional && given === undefined) return { ok: false, message: `attribute "${name}" is required` };
      setKey(out, name, attribute.default ?? null);
      continue;
    }
    const converted = convertValue(given, attribute.type, sensitive);
    if (!converted.ok) return { ok: false, message: `attribute "${name}": ${converted.message}` };
    setKey(out, name, converted.value);
  }
  return { ok: true, value: out };
}

function convertTuple(value: Value, elements: readonly TypeConstraint[], sensitive: boolean): ConversionResult {
  if (!Array.isArray(value)) return { ok: false, message: `a tuple is required, but this is ${article(value, sensitive)}` };
  if (value.length !== elements.length) return { ok: false, message: `a tuple of ${elements.length} elements is required, but this has ${value.length}` };
  const out: Value[] = [];
  for (let i = 0; i < elements.length; i++) {
    const converted = convertValue(value[i]!, elements[i]!, sensitive);
    if (!converted.ok) return { ok: false, message: `element ${i}: ${converted.message}` };
    out.push(converted.value);
  }
  return { ok: true, value: out };
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

/** JSON.parse reads 1e400 as Infinity, which bkp cannot hold (nor write back into JSON). */
function rejectOutOfRange(_key: string, value: unknown): unknown {
  if (typeof value === 'number' && !Number.isFinite(value)) throw new RangeError(`it holds a number out of range (bkp holds numbers from ${NUMBER_RANGE})`);
  return value;
}

/** How deep jsondecode() and JSON variable files nest, as configuration files (.bkp.json) may. */
export const JSON_VALUE_DEPTH = 200;

/** Parses JSON text into a value, or says where it is broken (`tooDeep`: valid JSON, nested too deeply). */
export function parseJsonValue(text: string): { ok: true; value: Value } | { ok: false; message: string; tooDeep?: true } {
  if (jsonDepthExceeds(text, JSON_VALUE_DEPTH)) {
    return { ok: false, message: `the JSON is nested more than ${JSON_VALUE_DEPTH} levels deep, the most bkp reads`, tooDeep: true };
  }
  try {
    return { ok: true, value: valueFromJson(JSON.parse(text, rejectOutOfRange)) };
  } catch (e) {
    return { ok: false, message: (e as Error).message };
  }
}
