// Options that take a value must be given one, and arguments must not be empty. yargs refuses
// `-out` at the end of the line (`requiresArg`), but reads `-out=`, `-out ''` and an argument ''
// as the empty string, which a command took for "not given" or for the current directory:
// `-chdir=` ran in the directory bkp was started in (a CI script's `-chdir=$DIR` with DIR unset
// worked on another configuration), `-out=` saved no plan, `bkp apply -auto-approve "$PLAN"`
// with PLAN unset planned and applied afresh instead of applying the reviewed plan. A yargs
// `coerce` (documented: it may throw, and yargs reports the error as a parse failure) refuses the
// empty value before any command runs, saying what the option or argument needs.
import { ErrorCode, UserError } from '../../core/errors.js';

/**
 * The yargs settings of a string option that needs a value: `flag` is the option as the user
 * writes it (`-out`, `--region`), `needs` what it takes ("the directory to switch to"). Spread it
 * into the option's settings.
 */
export function needsValue(flag: string, needs: string) {
  return { requiresArg: true, coerce: (value: string): string => refuse(value, () => emptyOption(flag, needs)) } as const;
}

/**
 * The settings of a repeatable option (`-var a=1 -var b=2`): each occurrence takes exactly one
 * value, and each must be given. A yargs array alone is greedy: `-var a=1 p.plan` took the plan
 * file as a second -var, so Terraform's order (options, then arguments) failed. `nargs: 1` stops
 * it after one value; the occurrences are still collected into one array.
 */
export function needsValues(flag: string, needs: string) {
  return { array: true, nargs: 1, requiresArg: true, coerce: (values: string[]): string[] => refuse(values, () => emptyOption(flag, needs)) } as const;
}

/** The same for a positional argument, `name` as the command's usage names it (`address`). */
export function nonEmptyArgument(name: string, needs: string) {
  return { coerce: (value: string): string => refuse(value, () => emptyArgument(name, needs)) } as const;
}

/** The same for a variadic argument (`<addresses..>`): each of its values must be given. */
export function nonEmptyArguments(name: string, needs: string) {
  return { coerce: (values: string[]): string[] => refuse(values, () => emptyArgument(name, needs)) } as const;
}

// An option given twice that is not `array: true` arrives as an array too: every value is checked.
function refuse<V extends string | string[]>(value: V, message: () => string): V {
  const values: unknown[] = Array.isArray(value) ? value : [value];
  if (values.some((one) => typeof one === 'string' && one.trim() === '')) throw new Error(message());
  return value;
}

/** "-chdir was given an empty value: it needs the directory to switch to." */
function emptyOption(flag: string, needs: string): string {
  return `${flag} was given an empty value: it needs ${needs}.`;
}

/** "The <planfile> argument is empty: it needs …", named as the command's usage names it. */
function emptyArgument(name: string, needs: string): string {
  return `The <${name}> argument is empty: it needs ${needs}.`;
}

/**
 * The boolean options of every command (test/cli/option-values-coverage.test.ts keeps this list
 * equal to the declarations; no name is a boolean in one command and takes a value in another).
 */
export const BOOLEAN_OPTIONS: ReadonlySet<string> = new Set([
  'all', 'auto-approve', 'check', 'color', 'destroy', 'detailed-exitcode', 'diff', 'force', 'force-copy', 'full', 'json',
  'list', 'lock', 'migrate-state', 'raw', 'recursive', 'refresh', 'refresh-only', 'wait', 'watch', 'write',
]);

/**
 * yargs reads `-lock=VALUE` of a boolean option as `VALUE === 'true'`, so `-lock=maybe` or
 * `-refresh=off` silently meant false: refuse any value but true and false, before parsing.
 * `argv` is the command line after normalizeArgv (`--lock=maybe`).
 */
export function refuseNonBooleanValues(argv: readonly string[]): void {
  for (const arg of argv) {
    if (arg === '--') return;
    const match = /^--([A-Za-z][\w-]*)=(.*)$/s.exec(arg);
    if (!match || !BOOLEAN_OPTIONS.has(match[1]!) || match[2] === 'true' || match[2] === 'false') continue;
    const flag = `-${match[1]}`;
    throw new UserError(ErrorCode.Usage, `${flag}=${match[2]}: ${flag} takes true or false.`, {
      hint: `Write ${flag} (or ${flag}=true) to turn it on, ${flag}=false to turn it off.`,
    });
  }
}
