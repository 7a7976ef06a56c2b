// Durations on the command line: "30s", "5m", "1h30m", "500ms", "2d"; a bare number is seconds.
import { ErrorCode, UserError } from '../core/errors.js';

const UNIT_MS: Record<string, number> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 };

export function parseDuration(text: string, flag: string): number {
  const trimmed = text.trim();
  if (/^\d+(\.\d+)?$/.test(trimmed)) return Math.round(Number(trimmed) * 1000);
  const parts = [...trimmed.matchAll(/(\d+(?:\.\d+)?)(ms|s|m|h|d)/g)];
  if (parts.length === 0 || parts.map((p) => p[0]).join('') !== trimmed) {
    throw new UserError(ErrorCode.Usage, `Invalid duration "${text}" for ${flag}.`, {
      hint: 'Write a duration like 30s, 5m, 1h30m or 500ms.',
    });
  }
  return Math.round(parts.reduce((sum, p) => sum + Number(p[1]) * UNIT_MS[p[2]!]!, 0));
}

/** The least time between two polls: 0 would send calls back to back (about 250 a second) until AWS throttles them. */
const MIN_POLL_INTERVAL_MS = 100;

/** A time between polls of job states (`jobs --interval`, `-wait-interval`). */
export function parsePollInterval(text: string, flag: string): number {
  const ms = parseDuration(text, flag);
  if (ms < MIN_POLL_INTERVAL_MS) {
    throw new UserError(ErrorCode.Usage, `${flag}=${text} is too short: bkp would ask AWS for the job states without a pause.`, {
      hint: `Give at least ${MIN_POLL_INTERVAL_MS}ms; the default, 5s, suits AWS (its jobs take minutes).`,
    });
  }
  return ms;
}
