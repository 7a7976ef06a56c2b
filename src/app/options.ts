// The options shared by several use cases, as the command line names them (-var, -lock-timeout…).
import { ErrorCode, UserError } from '../core/errors.js';

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
 * `-out=` with nothing after the `=`: a plan would silently not be saved, a report written over the
 * folder's name. Refused instead.
 */
export function refuseEmptyOut(out: string | undefined, what: string): void {
  if (out !== undefined && out.trim() === '') {
    throw new UserError(ErrorCode.Usage, `-out needs the name of the file to write ${what} to.`, { hint: `For example: -out=${what === 'the plan' ? 'tfplan' : 'report.md'}` });
  }
}
