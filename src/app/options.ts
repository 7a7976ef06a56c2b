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
 * "-parallelism must be a whole number from 1 to 1000, not 0." yargs reads a value that is no
 * number as NaN, which would only confuse: the message then leaves the value out.
 */
export function numberOptionMessage(option: string, expected: string, value: number | undefined): string {
  return `${option} must be ${expected}${value === undefined || Number.isNaN(value) ? '' : `, not ${value}`}.`;
}

/**
 * Planning modes that exclude each other, as in Terraform: -refresh-only plans no change to the
 * account, -destroy plans to delete everything, and -refresh=false reads nothing to bring the state
 * up to date with. Without this check one of them was silently dropped.
 */
export function checkPlanningModes(flags: Pick<PlanningFlags, 'refresh' | 'refresh-only'> & { destroy?: boolean }): void {
  if (!flags['refresh-only']) return;
  if (flags.destroy) {
    throw new UserError(ErrorCode.Usage, '-refresh-only and -destroy cannot be used together: one plans no change to the account, the other deletes everything.', {
      hint: 'Bring the state up to date with -refresh-only first, then plan the destroy.',
    });
  }
  if (flags.refresh === false) {
    throw new UserError(ErrorCode.Usage, '-refresh-only and -refresh=false cannot be used together: a refresh-only plan is the refresh.', {
      hint: 'Leave out -refresh=false.',
    });
  }
}

/**
 * A saved plan already says what apply does: options that shape a plan would be ignored, so they
 * are refused (as Terraform does). -var and -var-file stay: a saved plan keeps only markers of
 * sensitive values, which apply checks against the values given again.
 */
export function refusePlanningOptionsWithSavedPlan(flags: Pick<PlanningFlags, 'target' | 'replace' | 'refresh' | 'refresh-only'> & { destroy?: boolean }): void {
  const given = [
    flags.destroy ? '-destroy' : undefined,
    flags['refresh-only'] ? '-refresh-only' : undefined,
    flags.refresh === false ? '-refresh=false' : undefined,
    (flags.target?.length ?? 0) > 0 ? '-target' : undefined,
    (flags.replace?.length ?? 0) > 0 ? '-replace' : undefined,
  ].filter((option): option is string => option !== undefined);
  if (given.length === 0) return;
  throw new UserError(ErrorCode.Usage, `${given.join(', ')} cannot be used when applying a saved plan: the plan already says what to do.`, {
    hint: `Give ${given.length === 1 ? 'it' : 'them'} to \`bkp plan -out=FILE\`, then apply that plan.`,
  });
}

/** -json is -format=json: with another -format the two disagree, and one was silently dropped. */
export function checkJsonFormat(flags: { json?: boolean; format?: string }): void {
  if (flags.json && flags.format !== undefined && flags.format !== 'human' && flags.format !== 'json') {
    throw new UserError(ErrorCode.Usage, `-json and -format=${flags.format} disagree: -json is the same as -format=json.`, {
      hint: `Give one of them: -json, or -format=${flags.format}.`,
    });
  }
}
