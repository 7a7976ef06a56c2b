// Start and completion windows of backup jobs (rules and on-demand backups alike).
import type { Value } from '../../core/values.js';
import { childPointer } from '../../core/json-pointer.js';
import { error, knownNumber, type Problem } from './problem.js';

export const DEFAULT_START_WINDOW = 480;
export const DEFAULT_COMPLETION_WINDOW = 10080;
export const MINIMUM_START_WINDOW = 60;
/** AWS: "this parameter has a maximum value of 100 years (52,560,000 minutes)". */
export const MAXIMUM_WINDOW = 52_560_000;

/**
 * `start_window_minutes` must be at least 60 (AWS: "it must be at least 60 minutes to avoid
 * errors"). The completion window counts from the scheduled time, not from the job's start, so a
 * completion window that is not at least 60 minutes longer than the start window leaves a late job
 * no time to run; AWS's console and the AWS CDK refuse it, and bkp does the same. It is checked only
 * when the completion window is set: otherwise AWS picks its own.
 */
export function checkWindows(start: Value | undefined, completion: Value | undefined, basePath: string): Problem[] {
  const problems: Problem[] = [];
  const startMinutes = knownNumber(start);
  const completionMinutes = knownNumber(completion);
  const startPath = childPointer(basePath, 'start_window_minutes');
  const completionPath = childPointer(basePath, 'completion_window_minutes');
  if (startMinutes !== undefined && startMinutes < MINIMUM_START_WINDOW) {
    problems.push(
      error(
        startPath,
        'Start window too short',
        `start_window_minutes is ${startMinutes}, but AWS Backup requires at least ${MINIMUM_START_WINDOW} minutes. Set it to 60 or more (the default is ${DEFAULT_START_WINDOW}).`,
      ),
    );
  }
  for (const [minutes, path, name] of [
    [startMinutes, startPath, 'start_window_minutes'],
    [completionMinutes, completionPath, 'completion_window_minutes'],
  ] as const) {
    if (minutes !== undefined && minutes > MAXIMUM_WINDOW) {
      problems.push(error(path, 'Window too long', `${name} is ${minutes}; AWS Backup accepts at most ${MAXIMUM_WINDOW} minutes (100 years).`));
    }
  }
  // An unset start window means AWS's default; an unknown or mistyped one cannot be compared.
  const startComparable = startMinutes !== undefined ? startMinutes >= MINIMUM_START_WINDOW : start === undefined || start === null;
  if (completionMinutes !== undefined && startComparable) {
    const effectiveStart = startMinutes ?? DEFAULT_START_WINDOW;
    if (completionMinutes < effectiveStart + 60) {
      const startText = startMinutes === undefined ? `the default start window of ${DEFAULT_START_WINDOW} minutes` : `start_window_minutes (${startMinutes})`;
      problems.push(
        error(
          completionPath,
          'Completion window too short',
          `completion_window_minutes is ${completionMinutes}, but it must be at least 60 minutes more than ${startText}: the completion window counts from the scheduled time, so a job that starts late would have no time to finish. Set it to ${effectiveStart + 60} or more.`,
        ),
      );
    }
  }
  return problems;
}
