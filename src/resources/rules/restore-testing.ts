// Rules restore testing plans and selections share: AWS's name pattern, and whole numbers within a range
// (start, selection and validation windows).
import type { Value } from '../../core/values.js';
import { RESTORE_TESTING_NAME } from '../../domain/restore-testing.js';
import { error, knownNumber, knownString, type Problem } from './problem.js';

/** Plan and selection names alike: letters, digits and underscores, no hyphens. */
export function checkRestoreTestingName(value: Value | undefined, path: string, noun: string): Problem[] {
  const name = knownString(value);
  if (name === undefined || RESTORE_TESTING_NAME.test(name)) return [];
  const hint = name.includes('-') ? ` Hyphens are not allowed: write "${name.replace(/-/g, '_')}".` : '';
  return [error(path, `Invalid ${noun} name`, `"${name}" is not a valid ${noun} name: use 1 to 50 letters, digits and underscores.${hint}`)];
}

export function checkRange(value: Value | undefined, path: string, min: number, max: number, unit: string, what: string): Problem[] {
  const n = knownNumber(value);
  if (n === undefined || (Number.isInteger(n) && n >= min && n <= max)) return [];
  const name = path.split('/').pop()!;
  return [error(path, `Invalid ${name}`, `${name} is ${n}; AWS accepts a whole number of ${unit} from ${min} to ${max} (${what}).`)];
}

