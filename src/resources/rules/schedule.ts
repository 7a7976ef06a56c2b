// A rule's schedule: AWS cron syntax, no rate(), and at least 60 minutes between jobs.
import { intervalUnder, parseSchedule } from '../../domain/cron.js';
import type { Value } from '../../core/values.js';
import { error, knownString, type Problem } from './problem.js';
import { isValidTimeZone } from './timezone.js';

export const MINIMUM_INTERVAL_MINUTES = 60;
const AWS_INTERVAL_MESSAGE = "The interval between backup jobs shouldn't be less than 60 minutes.";

/**
 * Checks a schedule expression; the interval is measured in `timezone` (DST can shorten it) over
 * the year after `now`. `minimumInterval: false` checks only the syntax (restore testing plans,
 * for which AWS documents no minimum interval).
 */
export function checkSchedule(value: Value | undefined, timezone: Value | undefined, path: string, now: Date = new Date(), options: { minimumInterval?: boolean } = {}): Problem[] {
  const expression = knownString(value);
  if (expression === undefined) return [];
  if (/^\s*rate\s*\(/i.test(expression)) return [rateProblem(expression, path)];
  const parsed = parseSchedule(expression);
  if (!parsed.ok) {
    const where = parsed.column !== undefined && parsed.column > 1 ? ` (at character ${parsed.column})` : '';
    return [
      error(
        path,
        'Invalid schedule expression',
        `"${expression}"${where}: ${parsed.message}. AWS Backup schedules are cron(Minutes Hours Day-of-month Month Day-of-week Year), for example cron(0 5 ? * * *) for every day at 05:00.`,
      ),
    ];
  }
  if (options.minimumInterval === false) return [];
  const zone = knownString(timezone);
  const interval = intervalUnder(MINIMUM_INTERVAL_MINUTES, parsed.cron, zone !== undefined && isValidTimeZone(zone) ? zone : 'Etc/UTC', now);
  if (interval !== undefined) {
    return [
      error(
        path,
        'Schedule runs too often',
        `"${expression}" starts backup jobs ${interval} ${interval === 1 ? 'minute' : 'minutes'} apart. AWS Backup refuses it: "${AWS_INTERVAL_MESSAGE}" Use at most one run per hour, for example cron(0 * ? * * *).`,
      ),
    ];
  }
  return [];
}

function rateProblem(expression: string, path: string): Problem {
  const equivalent = cronForRate(expression);
  const suggestion = equivalent ? ` ${equivalent}` : ' For example cron(0 5 ? * * *) runs every day at 05:00 UTC.';
  return error(
    path,
    'rate() schedules are not supported',
    `AWS Backup accepts only cron() schedule expressions, not "${expression}".${suggestion}`,
  );
}

/** A cron() suggestion for a rate() expression, when one exists. */
export function cronForRate(expression: string): string | undefined {
  const m = /^\s*rate\s*\(\s*(\d+)\s+(minutes?|hours?|days?)\s*\)\s*$/i.exec(expression);
  if (!m) return undefined;
  const n = Number(m[1]);
  const unit = m[2]!.toLowerCase().replace(/s$/, '');
  const minutes = unit === 'minute' ? n : unit === 'hour' ? n * 60 : n * 1440;
  if (minutes < MINIMUM_INTERVAL_MINUTES) {
    return `Backup jobs must also be at least 60 minutes apart ("${AWS_INTERVAL_MESSAGE}"); the closest is cron(0 * ? * * *), every hour.`;
  }
  if (minutes % 1440 === 0) {
    const every = minutes / 1440;
    if (every === 1) return 'The equivalent is cron(0 0 ? * * *) (every day at 00:00; choose the hour).';
    if (every === 7) return 'The equivalent is cron(0 0 ? * SUN *) (every Sunday at 00:00; choose the day and hour).';
    return `The closest is cron(0 0 */${every} * ? *) (every ${every} days from the 1st of each month; the count restarts each month).`;
  }
  if (minutes % 60 === 0) {
    const every = minutes / 60;
    if (every === 1) return 'The equivalent is cron(0 * ? * * *) (every hour).';
    if (24 % every === 0) return `The equivalent is cron(0 */${every} ? * * *) (every ${every} hours).`;
    return `The closest is cron(0 */${every} ? * * *) (every ${every} hours from midnight; the count restarts each day).`;
  }
  return undefined;
}
