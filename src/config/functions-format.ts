// format(): the printf-like verbs of Terraform's format() (Go's fmt on cty values): %v %#v %t %b %d
// %o %x %X %e %E %f %g %G %s %q and %%, with the flags "-", "+", " ", "#", "0", a width, a precision
// and an argument index (%[2]s).
import { describeValue, primitiveToString } from './evaluate-values.js';
import { FunctionError } from './function-error.js';
import { formatFloat, formatInteger } from './functions-format-number.js';
import { BOOL_TYPE, convertValue, NUMBER_TYPE } from './type-constraint.js';
import type { Value } from '../core/values.js';

const MAX_WIDTH = 100;
const VERB = /%(?:(%)|([-+# 0]*)(?:\[(\d+)\])?(\d+)?(?:\.(\d*))?([a-zA-Z]?))/g;

/**
 * Formats `args` (argument indexes in errors count the format string as 0). Unknown values never
 * reach this function: the caller returns unknown first.
 */
export function formatString(format: string, args: readonly Value[], encodeJson: (v: Value) => string): string {
  let next = 0;
  let used = 0;
  let out = '';
  let last = 0;
  for (const match of format.matchAll(VERB)) {
    out += format.slice(last, match.index);
    last = match.index + match[0].length;
    if (match[1] === '%') {
      out += '%';
      continue;
    }
    const [, , flags = '', index, width, precision, verb = ''] = match;
    if (verb === '') throw new FunctionError(`the format string ends with an incomplete verb "${match[0]}"; write %% for a literal percent sign.`, 0);
    // As Go's %[n]: the argument n, and the following verbs go on from there.
    if (index !== undefined) next = Number(index) - 1;
    if (next < 0 || next >= args.length) {
      throw new FunctionError(`not enough arguments: there is no value for ${match[0]} at position ${match.index + 1} of the format string.`, 0);
    }
    if (Number(width ?? 0) > MAX_WIDTH || Number(precision ?? 0) > MAX_WIDTH) {
      throw new FunctionError(`the width or precision of "${match[0]}" is too large (at most ${MAX_WIDTH}).`, 0);
    }
    const argIndex = next + 1;
    const value = args[next++]!;
    used = Math.max(used, next);
    const text = formatVerb(verb, value, precision === undefined ? undefined : Number(precision), flags, argIndex, encodeJson);
    // As Terraform's: %t takes no width.
    out += verb === 't' ? text : pad(text, width === undefined ? 0 : Number(width), flags, verb);
  }
  out += format.slice(last);
  if (used < args.length) {
    throw new FunctionError(`too many arguments: the format string uses ${used}, but ${args.length} were given.`, used + 1);
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
      // A number as Go's %g writes it at its shortest (1e+21); as Terraform's, no precision.
      if (typeof value === 'number') return (value < 0 || Object.is(value, -0) ? '-' : '') + formatFloat(Math.abs(value), 'g', undefined);
      return typeof value === 'object' ? encodeJson(value) : primitiveToString(value);
    case 's': {
      if (value === null || typeof value === 'object') return fail('needs a string');
      const text = primitiveToString(value);
      return precision === undefined ? text : [...text].slice(0, precision).join('');
    }
    case 'q':
      if (value === null || typeof value === 'object') return fail('needs a string');
      return JSON.stringify(primitiveToString(value));
    case 't': {
      const converted = convertValue(value, BOOL_TYPE);
      if (value === null || !converted.ok) return fail('needs a bool');
      return String(converted.value);
    }
    case 'd':
    case 'b':
    case 'o':
    case 'x':
    case 'X':
    case 'e':
    case 'E':
    case 'f':
    case 'g':
    case 'G': {
      const converted = convertValue(value, NUMBER_TYPE);
      if (value === null || !converted.ok) return fail('needs a number');
      const n = converted.value as number;
      const integer = 'dboxX'.includes(verb);
      if (integer && !Number.isInteger(n)) return fail('needs a whole number');
      const text = integer ? formatInteger(Math.abs(n), verb, precision, flags.includes('#')) : formatFloat(Math.abs(n), verb, precision);
      const sign = n < 0 || Object.is(n, -0) ? '-' : flags.includes('+') ? '+' : flags.includes(' ') ? ' ' : '';
      return sign + text;
    }
    default:
      throw new FunctionError(`unsupported verb %${verb}; use %v, %s, %q, %t, %d, %b, %o, %x, %X, %e, %E, %f, %g, %G or %%.`, 0);
  }
}

function pad(text: string, width: number, flags: string, verb: string): string {
  // Counting code points walks the text: not for the usual verb without a width.
  if (width === 0 || text.length >= width) return text;
  const length = [...text].length;
  if (length >= width) return text;
  const fill = width - length;
  if (flags.includes('-')) return text + ' '.repeat(fill);
  // As Go's: zeros go after a number's sign (and pad strings too).
  if (flags.includes('0')) {
    const signed = verb !== 's' && verb !== 'q' && verb !== 'v' && /^[-+ ]/.test(text);
    return signed ? text[0] + '0'.repeat(fill) + text.slice(1) : '0'.repeat(fill) + text;
  }
  return ' '.repeat(fill) + text;
}
