// How often a backup rule runs: the longest gap between two consecutive firings of its cron
// schedule over the next 400 days (a monthly rule on the 1st runs "every 31 days"). Measured on the
// schedule's own wall clock, as Audit Manager reads a cron expression: a daily rule is daily even
// across a daylight-saving change that makes one gap 23 or 25 hours long.
import { nextFireTimes, parseSchedule } from '../domain/cron.js';

const HOUR_MS = 3_600_000;
const HORIZON_MS = 400 * 24 * HOUR_MS;
/** Enough firings to cover the horizon of an hourly schedule (the most frequent AWS accepts). */
const MAX_FIRINGS = 10_000;

/** Hours per unit of Audit Manager's requiredFrequencyUnit; a month is its longest, 31 days. */
export const HOURS_PER_UNIT: Record<string, number> = { hours: 1, days: 24, weeks: 168, months: 744 };

/**
 * The longest interval in hours between consecutive firings, Infinity when the schedule fires
 * fewer than twice in 400 days, undefined when the expression does not parse (validation says why).
 */
export function scheduleIntervalHours(schedule: string, from: Date): number | undefined {
  // An organization's accounts repeat the same few schedules hundreds of times (one plan per
  // account and Region), and each answer walks a year of firings: remember them for this `from`.
  if (intervals.from !== from.getTime()) intervals = { from: from.getTime(), hours: new Map() };
  if (!intervals.hours.has(schedule)) intervals.hours.set(schedule, longestInterval(schedule, from));
  return intervals.hours.get(schedule);
}

let intervals: { from: number; hours: Map<string, number | undefined> } = { from: Number.NaN, hours: new Map() };

function longestInterval(schedule: string, from: Date): number | undefined {
  const parsed = parseSchedule(schedule);
  if (!parsed.ok) return undefined;
  const firings = nextFireTimes(parsed.cron, from, 'Etc/UTC', MAX_FIRINGS).filter((d) => d.getTime() <= from.getTime() + HORIZON_MS);
  if (firings.length < 2) return Infinity;
  let longest = 0;
  for (let i = 1; i < firings.length; i++) longest = Math.max(longest, firings[i]!.getTime() - firings[i - 1]!.getTime());
  return longest / HOUR_MS;
}

/** "24 hours" → "1 day", "744 hours" → "31 days", "168 hours" → "7 days". */
export function describeHours(hours: number): string {
  if (!Number.isFinite(hours)) return 'less than twice a year';
  if (hours % 24 === 0) return hours === 24 ? '1 day' : `${hours / 24} days`;
  return hours === 1 ? '1 hour' : `${Math.round(hours * 10) / 10} hours`;
}
