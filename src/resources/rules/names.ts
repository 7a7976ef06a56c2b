// Name patterns AWS Backup enforces, explained in words rather than as regular expressions.
import type { Value } from '../../core/values.js';
import { error, knownString, type Problem } from './problem.js';

export type NameKind = 'vault' | 'plan' | 'rule' | 'selection';

interface NameRule {
  pattern: RegExp;
  min: number;
  max: number;
  characters: string;
  noun: string;
}

const LETTERS_DIGITS = 'letters (A-Z, a-z), digits (0-9), hyphens (-) and underscores (_)';
const WITH_DOTS = 'letters (A-Z, a-z), digits (0-9), hyphens (-), underscores (_) and dots (.)';

const RULES: Record<NameKind, NameRule> = {
  vault: { pattern: /^[A-Za-z0-9_-]{2,50}$/, min: 2, max: 50, characters: LETTERS_DIGITS, noun: 'backup vault name' },
  plan: { pattern: /^[A-Za-z0-9_.-]{1,50}$/, min: 1, max: 50, characters: WITH_DOTS, noun: 'backup plan name' },
  rule: { pattern: /^[A-Za-z0-9_.-]{1,50}$/, min: 1, max: 50, characters: WITH_DOTS, noun: 'backup rule name' },
  selection: { pattern: /^[A-Za-z0-9_.-]{1,50}$/, min: 1, max: 50, characters: WITH_DOTS, noun: 'backup selection name' },
};

/** The accepted form of a name, in words: "2 to 50 characters: letters (A-Z, a-z), …". */
export function describeName(kind: NameKind): string {
  const rule = RULES[kind];
  return `${rule.min} to ${rule.max} characters: ${rule.characters} only`;
}

export function isValidName(kind: NameKind, name: string): boolean {
  return RULES[kind].pattern.test(name);
}

export function checkName(kind: NameKind, value: Value | undefined, path: string): Problem[] {
  const name = knownString(value);
  if (name === undefined || isValidName(kind, name)) return [];
  const rule = RULES[kind];
  let why: string;
  if (name.length < rule.min) why = name.length === 0 ? 'it is empty' : `it is ${name.length} character long`;
  else if (name.length > rule.max) why = `it is ${name.length} characters long`;
  else {
    const bad = [...new Set([...name].filter((c) => !rule.pattern.test(c.repeat(Math.max(rule.min, 1)))))];
    why = `it contains ${bad.map((c) => (c === ' ' ? 'a space' : `"${c}"`)).join(', ')}`;
  }
  return [
    error(
      path,
      `Invalid ${rule.noun}`,
      `"${name}" is not a valid ${rule.noun}: ${why}. A ${rule.noun} must be ${describeName(kind)}.`,
    ),
  ];
}
