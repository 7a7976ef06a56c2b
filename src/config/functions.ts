// The built-in functions of the configuration language, with Terraform's semantics.
import { realpathSync } from 'node:fs';
import { isAbsolute, relative, resolve, sep } from 'node:path';
import { compareStrings, describeValue, hasKey, primitiveToString, setKey, sortedKeys, valuesEqual } from './evaluate-values.js';
import { FunctionError, FunctionLimitError } from './function-error.js';
import { EVALUATION_LIMITS } from './evaluation-limits.js';
import { compileRe2, expandGoReplacement } from './regex-re2.js';
import { formatString } from './functions-format.js';
import { ANY_TYPE, BOOL_TYPE, convertValue, listOf, mapOf, NUMBER_TYPE, parseJsonValue, STRING_TYPE, toSetOrder, type TypeConstraint } from './type-constraint.js';
import { FileRefusedError, READ_LIMITS, readTextFileLimitedSync } from '../core/read-file.js';
import { isObjectValue, isUnknown, typeName, UNKNOWN, type ObjectValue, type Value } from '../core/values.js';

export { FunctionError, FunctionLimitError };

export interface FunctionParam {
  name: string;
  type: TypeConstraint;
  allowNull?: boolean;
  optional?: boolean;
}

export interface FunctionContext {
  /** The configuration directory (absolute): relative paths start here, in a module too, as in Terraform. */
  dir: string;
  /**
   * In a module, its directory (absolute). A module may live outside the configuration directory
   * (source = "../../modules/x"), and "${path.module}/policy.json" must still reach its own files.
   */
  moduleDir?: string;
}

export interface FunctionDef {
  params: FunctionParam[];
  variadic?: FunctionParam;
  /**
   * When the result is UNKNOWN without calling the function: 'deep' when any argument contains an
   * unknown value (the default), 'shallow' when an argument itself is unknown (the function only
   * looks at the structure), 'self' when the function handles unknowns itself.
   */
  unknowns?: 'deep' | 'shallow' | 'self';
  /**
   * try() and can(): their arguments are expressions to attempt, not values, so the evaluator
   * calls them itself (evaluate-try.ts); `impl` is never called.
   */
  attempts?: true;
  impl(args: Value[], ctx: FunctionContext): Value;
}

const param = (name: string, type: TypeConstraint = ANY_TYPE, extra: Partial<FunctionParam> = {}): FunctionParam => ({ name, type, ...extra });
const str = (name: string): FunctionParam => param(name, STRING_TYPE);

function isOutside(dir: string, full: string): boolean {
  const inside = relative(dir, full);
  return inside === '..' || inside.startsWith(`..${sep}`) || isAbsolute(inside);
}

function readConfigFile(path: string, ctx: FunctionContext): string {
  const full = isAbsolute(path) ? path : resolve(ctx.dir, path);
  // A relative path may reach the configuration directory and the reading module's own directory.
  const roots = ctx.moduleDir === undefined ? [ctx.dir] : [ctx.dir, ctx.moduleDir];
  const outside = () =>
    new FunctionError(
      `cannot read outside the configuration directory${ctx.moduleDir === undefined ? '' : ' or the module\'s directory'}; give an absolute path if you mean it.`,
      0,
    );
  if (!isAbsolute(path) && roots.every((root) => isOutside(root, full))) throw outside();
  try {
    // A relative path must stay inside once symbolic links are followed too: a link in the
    // configuration directory must not read a file elsewhere that the user never named.
    if (!isAbsolute(path) && roots.every((root) => isOutside(realpathSync(root), realpathSync(full)))) throw outside();
    return readTextFileLimitedSync(full, READ_LIMITS.functionFile);
  } catch (e) {
    if (e instanceof FunctionError) throw e;
    if (e instanceof FileRefusedError) throw new FunctionError(`cannot read "${path}": ${e.message}.`, 0);
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw new FunctionError(`no file exists at "${path}"${isAbsolute(path) ? '' : ` (${whereRelativePathsStart(ctx)})`}.`, 0);
    if (code === 'EISDIR') throw new FunctionError(`"${path}" is a directory, not a file.`, 0);
    throw new FunctionError(`cannot read "${path}": ${(e as Error).message}`, 0);
  }
}

/** Where a relative path was looked for, with the idiom for a module's own files. */
function whereRelativePathsStart(ctx: FunctionContext): string {
  const inModule = ctx.moduleDir !== undefined && relative(ctx.dir, ctx.moduleDir) !== '';
  return inModule
    ? 'relative paths start at the configuration directory, in a module too: write "${path.module}/NAME" for a file of the module'
    : 'relative paths start at the configuration directory';
}

/**
 * JSON with object keys sorted, as Terraform's jsonencode writes it. Lists that repeat one value
 * (locals that double a list) stay small in memory but not as text: the text is counted as it is
 * made and refused past the string limit, before it is ever built whole.
 */
export function encodeJson(value: Value): string {
  return encodeBounded(value, { left: EVALUATION_LIMITS.stringLength });
}

function encodeBounded(value: Value, budget: { left: number }): string {
  let text: string;
  if (value === null || isUnknown(value)) text = 'null';
  else if (Array.isArray(value)) text = `[${value.map((item) => encodeBounded(item, budget)).join(',')}]`;
  else if (typeof value === 'object') text = `{${sortedKeys(value).map((k) => `${jsonString(k)}:${encodeBounded(value[k]!, budget)}`).join(',')}}`;
  else if (typeof value === 'string') text = jsonString(value);
  else text = primitiveToString(value);
  // Each level counts its own punctuation and keys: the total counted is the length of the result.
  budget.left -= Array.isArray(value) || (value !== null && typeof value === 'object' && !isUnknown(value)) ? ownLength(value) : text.length;
  if (budget.left < 0) throw new FunctionLimitError(`the JSON text would be longer than ${EVALUATION_LIMITS.stringLength / (1024 * 1024)} Mi characters, the most a string may hold.`);
  return text;
}

/**
 * A JSON string as Go's encoding/json writes it, which Terraform's jsonencode uses: <, > and & are
 * escaped (the text is safe inside HTML), and so are U+2028 and U+2029 (safe inside JavaScript).
 */
function jsonString(text: string): string {
  return JSON.stringify(text).replace(/[<>&\u2028\u2029]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/** Characters a list or map adds around its items: brackets, commas, quoted keys and colons. */
function ownLength(value: Value[] | ObjectValue): number {
  if (Array.isArray(value)) return 2 + Math.max(0, value.length - 1);
  const keys = Object.keys(value);
  return 2 + Math.max(0, keys.length - 1) + keys.reduce((n, k) => n + jsonString(k).length + 1, 0);
}

/**
 * String.replace with a global pattern, measured as it goes: V8 finds every match before it
 * replaces any, so a text of 16 Mi matches would take seconds before a limit could be checked.
 */
function replaceMatches(text: string, pattern: RegExp, replacement: string): string {
  const parts: string[] = [];
  let length = 0;
  let last = 0;
  pattern.lastIndex = 0;
  for (let match = pattern.exec(text); match !== null; match = pattern.exec(text)) {
    // As Go's ReplaceAllString: an empty match right after another match is no match ("/a|/" on
    // "ab" gives "-b-", not "--b-").
    if (match[0] !== '' || match.index === 0 || match.index > last) {
      const replaced = expandGoReplacement(replacement, match);
      parts.push(text.slice(last, match.index), replaced);
      length += match.index - last + replaced.length;
      checkResultLength(length + text.length - match.index - match[0].length);
      last = match.index + match[0].length;
    }
    // An empty match must not match again at the same place (u flag: step over a whole code point).
    if (match[0] === '') pattern.lastIndex = last + (text.codePointAt(last)! > 0xffff ? 2 : 1);
  }
  parts.push(text.slice(last));
  return parts.join('');
}

/** Refuses a result of more than the collection limit before it is built. */
function checkResultSize(size: number, what: string): void {
  if (size > EVALUATION_LIMITS.collectionElements) {
    throw new FunctionLimitError(`${what} would have more than ${EVALUATION_LIMITS.collectionElements.toLocaleString('en-US')} elements, the most a list, set or map may hold.`);
  }
}

function checkResultLength(length: number): void {
  if (length > EVALUATION_LIMITS.stringLength) {
    throw new FunctionLimitError(`the result would be longer than ${EVALUATION_LIMITS.stringLength / (1024 * 1024)} Mi characters, the most a string may hold.`);
  }
}

function requireMap(value: Value, index: number, what: string): ObjectValue {
  if (!isObjectValue(value)) throw new FunctionError(`${what} must be a map, but it is ${describeValue(value)}.`, index);
  return value;
}

function requireList(value: Value, index: number, what: string): Value[] {
  if (!Array.isArray(value)) throw new FunctionError(`${what} must be a list, but it is ${describeValue(value)}.`, index);
  return value;
}

/** Elements of a list that must all be primitives of one type; mixed primitives become strings (as Terraform unifies them). */
function unifyPrimitives(items: Value[], index: number): Value[] {
  if (items.some((v) => v !== null && typeof v === 'object' && !isUnknown(v))) return items;
  const types = new Set(items.filter((v) => v !== null && !isUnknown(v)).map((v) => typeof v));
  if (types.size <= 1) return items;
  return items.map((v) => {
    const converted = convertValue(v, STRING_TYPE);
    if (!converted.ok) throw new FunctionError(converted.message, index);
    return converted.value;
  });
}

/** min/max without spreading the arguments: a very long list must not overflow the call stack. */
function extreme(args: Value[], pick: (a: number, b: number) => number): number {
  if (args.length === 0) throw new FunctionError('at least one number is required.');
  return (args as number[]).reduce((a, b) => pick(a, b));
}

const num = (name: string): FunctionParam => param(name, NUMBER_TYPE);

/** tonumber() and tobool(): the value converted as Terraform converts it ("12", "true"); null stays null. */
function conversionTo(type: TypeConstraint): FunctionDef {
  return {
    params: [param('value', ANY_TYPE, { allowNull: true })],
    unknowns: 'shallow',
    impl: ([value]) => {
      if (value === null) return null;
      const converted = convertValue(value!, type);
      if (!converted.ok) throw new FunctionError(converted.message, 0);
      return converted.value;
    },
  };
}
/**
 * Go's strings.Title, which Terraform's title() is: a letter after a separator is upper-cased. In
 * ASCII every character but letters, digits and "_" separates ("it's" becomes "It'S"); beyond
 * ASCII only white space does.
 */
function title(text: string): string {
  let out = '';
  let previous = ' ';
  for (const c of text) {
    const separates = previous <= '\x7f' ? !/[0-9A-Za-z_]/.test(previous) : /\p{White_Space}/u.test(previous);
    out += separates ? c.toUpperCase() : c;
    previous = c;
  }
  return out;
}

/** Terraform's: range() makes at most this many numbers. */
const RANGE_LIMIT = 1024;

/** A whole number argument (an index, an offset, a length). */
function wholeNumber(value: Value, index: number, what: string): number {
  const n = value as number;
  if (!Number.isInteger(n)) throw new FunctionError(`${what} must be a whole number, but it is ${n}.`, index);
  return n;
}

/** The elements of nested lists, in order, as Terraform's flatten (recursively). */
function flattenInto(items: readonly Value[], out: Value[]): Value[] {
  for (const item of items) {
    if (Array.isArray(item)) flattenInto(item, out);
    else out.push(item);
  }
  checkResultSize(out.length, 'the flattened list');
  return out;
}

/** Terraform's list, string and number functions that a backup configuration reaches for. */
const collectionAndTextFunctions: Record<string, FunctionDef> = {
  flatten: { params: [param('list', listOf(ANY_TYPE))], impl: ([list]) => flattenInto(list as Value[], []) },
  distinct: {
    params: [param('list', listOf(ANY_TYPE))],
    impl: ([list]) => (list as Value[]).filter((item, i, all) => all.findIndex((other) => valuesEqual(other, item)) === i),
  },
  sort: {
    params: [param('list', listOf(STRING_TYPE))],
    impl: ([list]) => {
      const items = list as Array<string | null>;
      if (items.includes(null)) throw new FunctionError('the list holds null; sort() sorts strings.', 0);
      return [...(items as string[])].sort(compareStrings);
    },
  },
  compact: { params: [param('list', listOf(STRING_TYPE))], impl: ([list]) => (list as Array<string | null>).filter((s) => s !== null && s !== '') },
  reverse: { params: [param('list', listOf(ANY_TYPE))], unknowns: 'shallow', impl: ([list]) => [...(list as Value[])].reverse() },
  element: {
    params: [param('list', listOf(ANY_TYPE)), num('index')],
    impl: ([list, index]) => {
      const items = list as Value[];
      const i = wholeNumber(index!, 1, 'the index');
      if (items.length === 0) throw new FunctionError('cannot use element() on an empty list.', 0);
      if (i < 0) throw new FunctionError(`the index cannot be negative, but it is ${i}.`, 1);
      // As Terraform's: past the end, the index wraps around.
      return items[i % items.length]!;
    },
  },
  slice: {
    params: [param('list', listOf(ANY_TYPE)), num('start_index'), num('end_index')],
    unknowns: 'shallow',
    impl: ([list, start, end]) => {
      const items = list as Value[];
      const from = wholeNumber(start!, 1, 'start_index');
      const to = wholeNumber(end!, 2, 'end_index');
      if (from < 0 || to > items.length || from > to) {
        throw new FunctionError(`the indexes must satisfy 0 <= start_index <= end_index <= ${items.length} (the length of the list), but they are ${from} and ${to}.`, from < 0 || from > to ? 1 : 2);
      }
      return items.slice(from, to);
    },
  },
  zipmap: {
    params: [param('keys', listOf(STRING_TYPE)), param('values', listOf(ANY_TYPE))],
    impl: ([keys, values]) => {
      const names = keys as Array<string | null>;
      const items = values as Value[];
      if (names.length !== items.length) throw new FunctionError(`the lists of keys and values must be as long as each other, but they have ${names.length} and ${items.length} elements.`, 1);
      const out: ObjectValue = {};
      names.forEach((key, i) => {
        if (key === null) throw new FunctionError(`key ${i} is null.`, 0);
        setKey(out, key, items[i]!);
      });
      return out;
    },
  },
  sum: {
    params: [param('list', listOf(NUMBER_TYPE))],
    impl: ([list]) => {
      const items = list as Array<number | null>;
      if (items.length === 0) throw new FunctionError('cannot sum an empty list.', 0);
      if (items.includes(null)) throw new FunctionError('the list holds null; sum() adds numbers.', 0);
      return (items as number[]).reduce((a, b) => a + b, 0);
    },
  },
  index: {
    params: [param('list', listOf(ANY_TYPE)), param('value', ANY_TYPE, { allowNull: true })],
    impl: ([list, item]) => {
      const at = (list as Value[]).findIndex((other) => valuesEqual(other, item!));
      if (at === -1) throw new FunctionError('the value is not in the list.', 1);
      return at;
    },
  },
  coalescelist: {
    params: [],
    variadic: param('lists', listOf(ANY_TYPE)),
    impl: (lists) => {
      if (lists.length === 0) throw new FunctionError('at least one list is required.');
      return (lists as Value[][]).find((list) => list.length > 0) ?? [];
    },
  },
  range: {
    params: [num('start_or_limit')],
    variadic: num('limit_and_step'),
    // As Terraform's: range(3) is [0, 1, 2], range(1, 4) [1, 2, 3], range(0, 10, 5) [0, 5]; at most 1,024 numbers.
    impl: (args) => {
      if (args.length > 3) throw new FunctionError(`range() takes one to three numbers, but got ${args.length}.`, 3);
      const [start, limit] = args.length === 1 ? [0, args[0] as number] : [args[0] as number, args[1] as number];
      const step = args.length === 3 ? (args[2] as number) : start <= limit ? 1 : -1;
      if (step === 0) throw new FunctionError('the step cannot be 0.', 2);
      if ((step > 0 && start > limit) || (step < 0 && start < limit)) throw new FunctionError(`a step of ${step} never goes from ${start} to ${limit}.`, args.length - 1);
      const out: number[] = [];
      for (let n = start; step > 0 ? n < limit : n > limit; n += step) {
        if (out.length === RANGE_LIMIT) throw new FunctionError(`the range would have more than ${RANGE_LIMIT} numbers, the most range() makes.`);
        out.push(n);
      }
      return out;
    },
  },
  abs: { params: [num('num')], impl: ([n]) => Math.abs(n as number) },
  ceil: { params: [num('num')], impl: ([n]) => Math.ceil(n as number) },
  floor: { params: [num('num')], impl: ([n]) => Math.floor(n as number) },
  tobool: conversionTo(BOOL_TYPE),
  substr: {
    params: [str('str'), num('offset'), num('length')],
    impl: ([text, offset, length]) => {
      // Characters, not UTF-16 code units, as Terraform counts them.
      const chars = [...(text as string)];
      let from = wholeNumber(offset!, 1, 'the offset');
      const count = wholeNumber(length!, 2, 'the length');
      if (from < 0) from = Math.max(0, chars.length + from);
      // As Terraform's: an offset past the end gives "", and any negative length means to the end.
      return chars.slice(from, count < 0 ? undefined : from + count).join('');
    },
  },
  startswith: { params: [str('str'), str('prefix')], impl: ([text, prefix]) => (text as string).startsWith(prefix as string) },
  endswith: { params: [str('str'), str('suffix')], impl: ([text, suffix]) => (text as string).endsWith(suffix as string) },
  trimprefix: {
    params: [str('str'), str('prefix')],
    impl: ([text, prefix]) => ((text as string).startsWith(prefix as string) ? (text as string).slice((prefix as string).length) : (text as string)),
  },
  trimsuffix: {
    params: [str('str'), str('suffix')],
    impl: ([text, suffix]) => ((suffix as string) !== '' && (text as string).endsWith(suffix as string) ? (text as string).slice(0, -(suffix as string).length) : (text as string)),
  },
  title: { params: [str('str')], impl: ([text]) => title(text as string) },
};

/** Evaluated by evaluate-try.ts; listed here for their signature, arity and documentation. */
const attempted = (): Value => UNKNOWN;

const definitions: Record<string, FunctionDef> = {
  ...collectionAndTextFunctions,
  try: { params: [param('expression', ANY_TYPE, { allowNull: true })], variadic: param('expressions', ANY_TYPE, { allowNull: true }), unknowns: 'self', attempts: true, impl: attempted },
  can: { params: [param('expression', ANY_TYPE, { allowNull: true })], unknowns: 'self', attempts: true, impl: attempted },
  file: { params: [str('path')], impl: ([path], ctx) => readConfigFile(path as string, ctx) },
  jsonencode: { params: [param('value', ANY_TYPE, { allowNull: true })], impl: ([value]) => encodeJson(value!) },
  jsondecode: {
    params: [str('str')],
    impl: ([text]) => {
      const parsed = parseJsonValue(text as string);
      if (!parsed.ok) throw new FunctionError(parsed.tooDeep ? `${parsed.message}.` : `the string is not valid JSON: ${parsed.message}`, 0);
      return parsed.value;
    },
  },
  merge: {
    params: [],
    variadic: param('maps', ANY_TYPE, { allowNull: true }),
    unknowns: 'shallow',
    impl: (args) => {
      checkResultSize(args.reduce<number>((n, arg) => n + (isObjectValue(arg) ? Object.keys(arg).length : 0), 0), 'the merged map');
      const out: ObjectValue = {};
      args.forEach((arg, i) => {
        if (arg === null) return;
        const map = requireMap(arg, i, `argument ${i + 1}`);
        for (const key of Object.keys(map)) setKey(out, key, map[key]!);
      });
      return out;
    },
  },
  concat: {
    params: [],
    variadic: param('lists'),
    unknowns: 'shallow',
    impl: (args) => {
      const lists = args.map((arg, i) => requireList(arg, i, `argument ${i + 1}`));
      checkResultSize(lists.reduce((n, list) => n + list.length, 0), 'the joined list');
      return lists.flat(1);
    },
  },
  lower: { params: [str('str')], impl: ([s]) => (s as string).toLowerCase() },
  upper: { params: [str('str')], impl: ([s]) => (s as string).toUpperCase() },
  trimspace: { params: [str('str')], impl: ([s]) => (s as string).trim() },
  format: {
    params: [str('format')],
    variadic: param('args', ANY_TYPE, { allowNull: true }),
    impl: ([format, ...args]) => formatString(format as string, args, encodeJson),
  },
  join: {
    params: [str('separator'), param('list', listOf(STRING_TYPE))],
    variadic: param('lists', listOf(STRING_TYPE)),
    impl: ([separator, ...lists]) => {
      const items = lists.flatMap((list, i) =>
        (list as Value[]).map((item, j) => {
          if (item === null) throw new FunctionError(`element ${j} of the list is null.`, i + 1);
          return item as string;
        }),
      );
      checkResultLength(items.reduce((n, item) => n + item.length, 0) + Math.max(0, items.length - 1) * (separator as string).length);
      return items.join(separator as string);
    },
  },
  split: {
    params: [str('separator'), str('str')],
    impl: ([separator, s]) => {
      // One more than allowed is enough to know: a 16 Mi-character string must not become 16 Mi strings first.
      const parts = (s as string).split(separator as string, EVALUATION_LIMITS.collectionElements + 1);
      checkResultSize(parts.length, 'the list of parts');
      return parts;
    },
  },
  tostring: {
    params: [param('value', ANY_TYPE, { allowNull: true })],
    unknowns: 'shallow',
    impl: ([value]) => {
      if (value === null || typeof value === 'string') return value!;
      if (typeof value === 'number' || typeof value === 'boolean') return primitiveToString(value);
      throw new FunctionError(`cannot convert ${describeValue(value!)} to a string; use jsonencode(…) for structured values.`, 0);
    },
  },
  tonumber: conversionTo(NUMBER_TYPE),
  length: {
    params: [param('value')],
    unknowns: 'shallow',
    impl: ([value]) => {
      if (typeof value === 'string') return [...value].length;
      if (Array.isArray(value)) return value.length;
      if (isObjectValue(value!)) return Object.keys(value).length;
      throw new FunctionError(`length() works on strings, lists and maps, not on a ${typeName(value!)}.`, 0);
    },
  },
  one: {
    params: [param('list', listOf(ANY_TYPE))],
    unknowns: 'shallow',
    // As Terraform's: the way to read a resource or module with count = 0 or 1 (one(module.dr[*].x)).
    impl: ([list]) => {
      const items = list as Value[];
      if (items.length > 1) throw new FunctionError(`the list has ${items.length} elements; one() takes a list of no element (the result is null) or one.`, 0);
      return items[0] ?? null;
    },
  },
  toset: { params: [param('list', listOf(ANY_TYPE))], impl: ([list]) => toSetOrder(unifyPrimitives(list as Value[], 0)) },
  tolist: { params: [param('list', listOf(ANY_TYPE))], unknowns: 'shallow', impl: ([list]) => list! },
  tomap: {
    params: [param('map', mapOf(ANY_TYPE))],
    unknowns: 'shallow',
    impl: ([map]) => {
      const source = map as ObjectValue;
      const keys = Object.keys(source);
      const unified = unifyPrimitives(keys.map((k) => source[k]!), 0);
      const out: ObjectValue = {};
      keys.forEach((k, i) => setKey(out, k, unified[i]!));
      return out;
    },
  },
  keys: { params: [param('map', mapOf(ANY_TYPE))], unknowns: 'shallow', impl: ([map]) => sortedKeys(map as ObjectValue) },
  values: {
    params: [param('map', mapOf(ANY_TYPE))],
    unknowns: 'shallow',
    impl: ([map]) => sortedKeys(map as ObjectValue).map((k) => (map as ObjectValue)[k]!),
  },
  lookup: {
    params: [param('map', mapOf(ANY_TYPE)), str('key'), param('default', ANY_TYPE, { optional: true, allowNull: true })],
    unknowns: 'shallow',
    impl: ([map, key, ...rest]) => {
      const source = map as ObjectValue;
      if (hasKey(source, key as string)) return source[key as string]!;
      if (rest.length > 0) return rest[0]!;
      throw new FunctionError(`the map has no key "${key as string}" and no default was given.`, 1);
    },
  },
  contains: {
    params: [param('list', listOf(ANY_TYPE)), param('value', ANY_TYPE, { allowNull: true })],
    impl: ([list, value]) => (list as Value[]).some((item) => valuesEqual(item, value!)),
  },
  coalesce: {
    params: [],
    variadic: param('values', ANY_TYPE, { allowNull: true }),
    unknowns: 'self',
    impl: (args) => {
      for (const arg of args) {
        // An unknown value before the first usable one might itself be usable: the result is unknown.
        if (isUnknown(arg)) return UNKNOWN;
        if (arg !== null && arg !== '') return arg;
      }
      throw new FunctionError('all arguments are null or empty strings; at least one must have a value.');
    },
  },
  min: { params: [], variadic: param('numbers', NUMBER_TYPE), impl: (args) => extreme(args, Math.min) },
  max: { params: [], variadic: param('numbers', NUMBER_TYPE), impl: (args) => extreme(args, Math.max) },
  replace: {
    params: [str('str'), str('substring'), str('replacement')],
    impl: ([s, substring, replacement]) => {
      const text = s as string;
      const search = substring as string;
      // As in Terraform, a substring wrapped in slashes is a regular expression.
      if (search.length >= 2 && search.startsWith('/') && search.endsWith('/')) {
        const pattern = compileRe2(search.slice(1, -1));
        if (!(pattern instanceof RegExp)) throw new FunctionError(`the regular expression ${search} ${pattern.error}.`, 1);
        // The result is measured as it is made: many matches of a long replacement (or of $& in
        // it) must fail before the string exists.
        return replaceMatches(text, pattern, replacement as string);
      }
      // As Terraform's (Go's strings.Replace): an empty substring matches before each character and at the end.
      if (search === '') {
        const chars = [...text];
        checkResultLength(text.length + (chars.length + 1) * (replacement as string).length);
        return [replacement, ...chars.map((c) => c + (replacement as string))].join('');
      }
      let occurrences = 0;
      for (let at = text.indexOf(search); at !== -1; at = text.indexOf(search, at + search.length)) occurrences++;
      checkResultLength(text.length + occurrences * ((replacement as string).length - search.length));
      return text.split(search).join(replacement as string);
    },
  },
};

export const FUNCTIONS: ReadonlyMap<string, FunctionDef> = new Map(Object.entries(definitions).sort(([a], [b]) => compareStrings(a, b)));
