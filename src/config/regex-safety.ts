// Regular expressions in function arguments (replace("…", "/re/", "…")) run on JavaScript's
// backtracking engine, where some patterns take exponential time: /(a+)+$/ on "aaaa…a!" never
// ends. Terraform uses RE2, which has no such patterns because it has no backtracking. bkp keeps
// JavaScript's engine and refuses the constructs that backtrack catastrophically, which RE2 either
// lacks (backreferences, lookarounds) or runs in linear time (repetition of a group that itself
// repeats or has alternatives).

const QUANTIFIER_START = new Set(['*', '+', '?', '{']);

interface Group {
  /** The group contains a quantifier (directly or in a nested group). */
  repeats: boolean;
  /** The group contains `|` at its own level. */
  alternates: boolean;
  start: number;
}

/** Why the pattern is refused, or undefined when it is safe to run. */
export function unsafePatternReason(pattern: string): string | undefined {
  const stack: Group[] = [{ repeats: false, alternates: false, start: 0 }];
  let i = 0;
  while (i < pattern.length) {
    const c = pattern[i]!;
    if (c === '\\') {
      const next = pattern[i + 1] ?? '';
      if (/[1-9]/.test(next) || next === 'k') return `it uses a backreference ("\\${next}" at character ${i + 1}), which regular expressions in bkp do not support`;
      i += 2;
      continue;
    }
    if (c === '[') {
      i = skipClass(pattern, i);
      continue;
    }
    if (c === '(') {
      if (/^\(\?<?[=!]/.test(pattern.slice(i, i + 4))) {
        return `it uses a lookaround ("${pattern.slice(i, i + (pattern[i + 2] === '<' ? 4 : 3))}" at character ${i + 1}), which regular expressions in bkp do not support`;
      }
      stack.push({ repeats: false, alternates: false, start: i });
      // (?: and (?<name> open groups too; their "?" is no quantifier.
      const prefix = /^\(\?(?::|<[A-Za-z_$][\w$]*>)/.exec(pattern.slice(i));
      i += prefix ? prefix[0].length : 1;
      continue;
    }
    if (c === ')' && stack.length > 1) {
      const group = stack.pop()!;
      const quantifier = quantifierAt(pattern, i + 1);
      if (quantifier > 0 && canRepeat(pattern, i + 1) && (group.repeats || group.alternates)) {
        const text = pattern.slice(group.start, i + 1 + quantifier);
        const what = group.repeats ? 'a repeated group that itself repeats' : 'a repeated group with alternatives';
        return `it has ${what} ("${text}" at character ${group.start + 1}), which can take exponential time; write it without the nesting, for example (a+)+ as a+ or (a|b)+ as [ab]+`;
      }
      const parent = stack[stack.length - 1]!;
      if (group.repeats || quantifier > 0) parent.repeats = true;
      i += 1 + quantifier;
      continue;
    }
    if (c === '|') stack[stack.length - 1]!.alternates = true;
    const quantifier = QUANTIFIER_START.has(c) ? quantifierAt(pattern, i) : 0;
    if (quantifier > 0) {
      stack[stack.length - 1]!.repeats = true;
      i += quantifier;
      continue;
    }
    i++;
  }
  return undefined;
}

/** Length of the quantifier starting at `at` (with a lazy `?`), 0 when there is none. */
function quantifierAt(pattern: string, at: number): number {
  const c = pattern[at];
  let length = 0;
  if (c === '*' || c === '+' || c === '?') length = 1;
  else if (c === '{') {
    const match = /^\{\d+(,\d*)?\}/.exec(pattern.slice(at));
    if (match) length = match[0].length;
  }
  if (length > 0 && pattern[at + length] === '?') length++;
  return length;
}

/** Whether the quantifier at `at` allows more than one repetition (`?` and {0,1} do not). */
function canRepeat(pattern: string, at: number): boolean {
  const c = pattern[at];
  if (c === '?') return false;
  if (c === '{') {
    const match = /^\{(\d+)(,(\d*))?\}/.exec(pattern.slice(at))!;
    if (match[2] === undefined) return Number(match[1]) > 1;
    return match[3] === '' || Number(match[3]) > 1;
  }
  return true;
}

/** Index after the character class that starts at `at`. */
function skipClass(pattern: string, at: number): number {
  let i = at + 1;
  if (pattern[i] === '^') i++;
  if (pattern[i] === ']') i++;
  while (i < pattern.length && pattern[i] !== ']') i += pattern[i] === '\\' ? 2 : 1;
  return i + 1;
}
