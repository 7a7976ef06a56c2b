// format(): the printf-like verbs Terraform's format() supports that configurations use:
// %s %d %f %t %q %v and %%, with the flags "-", "+", "0" and optional width and precision.
import { describeValue, primitiveToString } from './evaluate-values.js';
import { FunctionError } from './function-error.js';
import { convertValue, NUMBER_TYPE } from './type-constraint.js';
import type { Value } from '../core/values.js';

const MAX_WIDTH = 100;
const VERB = /%(?:(%)|([-+0 ]*)(\d+)?(?:\.(\d+))?([a-zA-Z]?))/g;

/**
 * Formats `args` (argument indexes in errors count the format string as 0). Unknown values never
 * reach this function: the caller returns unknown first.
 */
export function formatString(format: string, args: readonly Value[], encodeJson: (v: Value) => string): string {
  let next = 0;
  let out = '';
  let last = 0;
  for (const match of format.matchAll(VERB)) {
    out += format.slice(last, match.index);
    last = match.index + match[0].length;
    if (match[1] === '%') {
      out += '%';
      continue;
    }
    const [, , flags = '', width, precision, verb = ''] = match;
    if (verb === '') throw new FunctionError(`the format string ends with an incomplete verb "${match[0]}"; write %% for a literal percent sign.`, 0);
    if (next >= args.length) {
      throw new FunctionError(`not enough arguments: there is no value for %${verb} at position ${match.index + 1} of the format string.`, 0);
    }
    if (Number(width ?? 0) > MAX_WIDTH || Number(precision ?? 0) > MAX_WIDTH) {
      throw new FunctionError(`the width or precision of "${match[0]}" is too large (at most ${MAX_WIDTH}).`, 0);
    }
    const argIndex = next + 1;
    const value = args[next++]!;
    const text = formatVerb(verb, value, precision === undefined ? undefined : Number(precision), flags, argIndex, encodeJson);
    out += pad(text, width === undefined ? 0 : Number(width), flags, verb);
  }
  out += format.slice(last);
  if (next < args.length) {
    throw new FunctionError(`too many arguments: the format string uses ${next}, but ${args.length} were given.`, next + 1);
  }
  return out;
}

function formatVerb(
  verb: string,
  value: Value,
  precision: number | undefined,
  flags: string,
  argIndex: number,
  encodeJson: (v: Value) => string,
): string {
  const fail = (message: string): never => {
    throw new FunctionError(`%${verb} ${message}, but argument ${argIndex} is ${describeValue(value)}.`, argIndex);
  };
  switch (verb) {
    case 'v':
      if (value === null) return 'null';
      return typeof value === 'object' ? encodeJson(value) : primitiveToString(value);
    case 's': {
      if (value === null || typeof value === 'object') return fail('needs a string');
      const text = primitiveToString(value);
      return precision === undefined ? text : [...text].slice(0, precision).join('');
    }
    case 'q':
      if (value === null || typeof value === 'object') return fail('needs a string');
      return JSON.stringify(primitiveToString(value));
    case 't':
      if (typeof value !== 'boolean') return fail('needs a bool');
      return String(value);
    case 'd':
    case 'f': {
      const converted = convertValue(value, NUMBER_TYPE);
      if (value === null || !converted.ok) return fail('needs a number');
      const n = converted.value as number;
      if (verb === 'd' && !Number.isInteger(n)) return fail('needs a whole number');
      const text = verb === 'd' ? String(Math.abs(n)) : Math.abs(n).toFixed(precision ?? 6);
      const sign = n < 0 || Object.is(n, -0) ? '-' : flags.includes('+') ? '+' : flags.includes(' ') ? ' ' : '';
      return sign + text;
    }
    default:
      throw new FunctionError(`unsupported verb %${verb}; use %s, %d, %f, %t, %q, %v or %%.`, 0);
  }
}

function pad(text: string, width: number, flags: string, verb: string): string {
  // Counting code points walks the text: not for the usual verb without a width.
  if (width === 0 || text.length >= width) return text;
  const length = [...text].length;
  if (length >= width) return text;
  const fill = width - length;
  if (flags.includes('-')) return text + ' '.repeat(fill);
  if (flags.includes('0') && (verb === 'd' || verb === 'f')) {
    const signed = /^[-+ ]/.test(text);
    return signed ? text[0] + '0'.repeat(fill) + text.slice(1) : '0'.repeat(fill) + text;
  }
  return ' '.repeat(fill) + text;
}
