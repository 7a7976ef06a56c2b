// The options shared by several use cases, as the command line names them (-var, -lock-timeout…).

export interface VarFlags {
  var?: string[];
  'var-file'?: string[];
}

export interface StateFlags {
  lock?: boolean;
  'lock-timeout'?: string;
}

export interface PlanningFlags extends VarFlags, StateFlags {
  target?: string[];
  replace?: string[];
  refresh?: boolean;
  'refresh-only'?: boolean;
  parallelism?: number;
}

/**
 * "-parallelism must be a whole number from 1 to 1000, not 0." yargs reads a value that is no
 * number as NaN, which would only confuse: the message then leaves the value out.
 */
export function numberOptionMessage(option: string, expected: string, value: number | undefined): string {
  return `${option} must be ${expected}${value === undefined || Number.isNaN(value) ? '' : `, not ${value}`}.`;
}
