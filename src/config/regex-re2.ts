// Terraform's regular expressions are Go's (RE2 syntax); bkp runs them on JavaScript's engine. The
// two agree on most syntax. This module translates what RE2 writes differently and JavaScript can
// do (leading flags such as (?i), named groups (?P<name>…)), refuses what JavaScript cannot do with a
// message about the pattern, and expands a replacement the way Go does ($1, ${1}, $name, $$).
import { unsafePatternReason } from './regex-safety.js';

/** Flags RE2 allows in a leading (?flags) group that JavaScript has as RegExp flags. */
const LEADING_FLAGS = /^\(\?([ims]+)\)/;

/**
 * The pattern (without its slashes) as a global JavaScript RegExp, or why it cannot be one ("is
 * refused: …", to follow the pattern as the user wrote it): never JavaScript's form of the pattern.
 */
export function compileRe2(pattern: string): RegExp | { error: string } {
  let source = pattern;
  const flags = new Set(['g', 'u']);
  for (let lead = LEADING_FLAGS.exec(source); lead !== null; lead = LEADING_FLAGS.exec(source)) {
    for (const flag of lead[1]!) flags.add(flag);
    source = source.slice(lead[0].length);
  }
  const translated = translateGroups(source);
  if (typeof translated !== 'string') return translated;
  const unsafe = unsafePatternReason(translated);
  if (unsafe !== undefined) return { error: `is refused: ${unsafe}` };
  try {
    return new RegExp(translated, [...flags].join(''));
  } catch (e) {
    // V8 says "Invalid regular expression: /SOURCE/FLAGS: WHAT"; only WHAT is about the user's pattern.
    const what = (e as Error).message.replace(/^Invalid regular expression: \/.*\/[a-z]*: /s, '');
    return { error: `is not valid: ${what.charAt(0).toLowerCase()}${what.slice(1)}` };
  }
}

/** (?P<name> becomes (?<name>; other (?…) groups JavaScript lacks are refused by name. */
function translateGroups(source: string): string | { error: string } {
  let out = '';
  let inClass = false;
  for (let i = 0; i < source.length; i++) {
    const c = source[i]!;
    if (c === '\\') {
      // RE2's one-letter Unicode classes (\pL) need braces in JavaScript (\p{L}).
      const oneLetterClass = /^\\[pP][A-Za-z]/.exec(source.slice(i, i + 3));
      out += oneLetterClass ? `${source.slice(i, i + 2)}{${source[i + 2]}}` : source.slice(i, i + 2);
      i += oneLetterClass ? 2 : 1;
      continue;
    }
    if (inClass || c !== '(' || source[i + 1] !== '?') {
      if (c === '[') inClass = true;
      else if (c === ']') inClass = false;
      out += c;
      continue;
    }
    const group = source.slice(i);
    if (group.startsWith('(?P<')) {
      out += '(?<';
      i += 3;
      continue;
    }
    const flagGroup = /^\(\?[-imsU]+[:)]/.exec(group);
    if (flagGroup !== null) {
      return { error: `cannot run in bkp: bkp supports the flags (?i), (?m) and (?s) only at the start of the pattern, not "${flagGroup[0]}" at character ${i + 1}` };
    }
    out += c;
  }
  return out;
}

/**
 * The replacement with $1, ${1}, $name and ${name} filled in from the match, and $$ as "$", as Go's
 * Regexp.Expand: a name is the longest run of letters, digits and "_" ("$1x" is the group "1x"), a
 * group that does not exist or did not match gives "", and a "$" that starts no name stays as it is.
 */
export function expandGoReplacement(replacement: string, match: RegExpExecArray): string {
  if (!replacement.includes('$')) return replacement;
  return replacement.replace(/\$(?:(\$)|\{([\p{L}\p{Nd}_]+)\}|([\p{L}\p{Nd}_]+))/gu, (_, dollar: string | undefined, braced: string | undefined, bare: string | undefined) => {
    if (dollar !== undefined) return '$';
    const name = (braced ?? bare)!;
    const group = /^\d+$/.test(name) ? match[Number(name)] : match.groups?.[name];
    return group ?? '';
  });
}
