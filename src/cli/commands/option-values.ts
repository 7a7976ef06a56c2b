// Options that take a value must be given one. yargs refuses `-out` at the end of the line
// (`requiresArg`), but reads `-out=` and `-out ''` as the empty string, which a command takes for
// "not given" or for the current directory: `-chdir=` ran in the directory bkp was started in
// (a CI script's `-chdir=$DIR` with DIR unset applied another configuration), `-out=` saved no
// plan, `sandbox resource add --region=` made a resource whose ARN has no Region. A yargs
// `coerce` (documented: it may throw, and yargs reports the error as a parse failure) refuses
// the empty value before any command runs, with what the option needs.

/**
 * The yargs settings of a string option that needs a value: `flag` is the option as the user
 * writes it (`-out`, `--region`), `needs` what it takes ("the directory to switch to"). Spread it
 * into the option's settings.
 */
export function needsValue(flag: string, needs: string) {
  return { requiresArg: true, coerce: (value: string): string => refuseEmpty(flag, needs, value) } as const;
}

/** The same for a repeatable option (`array: true`): each of its values must be given. */
export function needsValues(flag: string, needs: string) {
  return { requiresArg: true, coerce: (values: string[]): string[] => refuseEmpty(flag, needs, values) } as const;
}

// An option given twice that is not `array: true` arrives as an array too: every value is checked.
function refuseEmpty<V extends string | string[]>(flag: string, needs: string, value: V): V {
  const values: unknown[] = Array.isArray(value) ? value : [value];
  if (values.some((one) => typeof one === 'string' && one.trim() === '')) throw new Error(emptyValueMessage(flag, needs));
  return value;
}

/** "-chdir was given an empty value: it needs the directory to switch to." */
export function emptyValueMessage(flag: string, needs: string): string {
  return `${flag} was given an empty value: it needs ${needs}.`;
}
