// IANA time zone names for a rule's schedule (ScheduleExpressionTimezone).
import type { Value } from '../../core/values.js';
import { suggest } from '../../core/suggest.js';
import { error, knownString, type Problem } from './problem.js';

let canonicalZones: string[] | undefined;

/** The canonical IANA names this Node.js knows, plus the UTC spellings it leaves out. */
export function knownTimeZones(): readonly string[] {
  canonicalZones ??= [...Intl.supportedValuesOf('timeZone'), 'Etc/UTC', 'UTC'];
  return canonicalZones;
}

/**
 * Canonical names are accepted as listed; other names (IANA links such as US/Eastern) when the
 * runtime knows them and they are spelt with IANA's capitalisation, since Intl itself ignores case
 * and AWS does not.
 */
export function isValidTimeZone(name: string): boolean {
  if (knownTimeZones().includes(name)) return true;
  if (!/^[A-Z][A-Za-z0-9_+-]*(\/[A-Z][A-Za-z0-9_+-]*)*$/.test(name)) return false;
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: name });
    return true;
  } catch {
    return false;
  }
}

export function checkTimezone(value: Value | undefined, path: string): Problem[] {
  const name = knownString(value);
  if (name === undefined || isValidTimeZone(name)) return [];
  const zones = knownTimeZones();
  const closest = zones.find((z) => z.toLowerCase() === name.toLowerCase()) ?? suggest(name, zones);
  const hint = closest ? ` Did you mean "${closest}"?` : ' Use a name such as "Europe/Paris", "America/New_York" or "Etc/UTC".';
  return [error(path, 'Invalid time zone', `"${name}" is not an IANA time zone name.${hint}`)];
}
