// AWS schedule expressions: `cron(Minutes Hours Day-of-month Month Day-of-week Year)` in the
// EventBridge syntax AWS Backup uses, and their occurrences in an IANA time zone.
//
// Daylight saving time follows EventBridge Scheduler's documented behaviour: a local time that
// does not exist (skipped when clocks move forward) does not fire; a local time that exists twice
// (clocks move back) fires once, at its first occurrence.

export type DayOfMonthSpec =
  | { kind: 'any' }
  | { kind: 'days'; days: readonly boolean[] }
  | { kind: 'last' }
  | { kind: 'last-weekday' }
  | { kind: 'nearest-weekday'; day: number };

/** Weekdays are numbered as AWS does: 1 = Sunday … 7 = Saturday. */
export type DayOfWeekSpec =
  | { kind: 'any' }
  | { kind: 'days'; days: readonly boolean[] }
  | { kind: 'last'; weekday: number }
  | { kind: 'nth'; weekday: number; nth: number };

export interface CronSchedule {
  /** The expression as written. */
  expression: string;
  /** Sorted ascending. */
  minutes: readonly number[];
  hours: readonly number[];
  dayOfMonth: DayOfMonthSpec;
  /** Indexed 1–12. */
  months: readonly boolean[];
  dayOfWeek: DayOfWeekSpec;
  /** Sorted ascending; undefined for `*`. */
  years?: readonly number[];
}

export type ParseResult = { ok: true; cron: CronSchedule } | { ok: false; message: string; column?: number };

interface FieldSpec {
  index: number;
  name: string;
  min: number;
  max: number;
  names?: readonly string[];
}

const MONTH_NAMES = ['JAN', 'FEB', 'MAR', 'APR', 'MAY', 'JUN', 'JUL', 'AUG', 'SEP', 'OCT', 'NOV', 'DEC'];
const DAY_NAMES = ['SUN', 'MON', 'TUE', 'WED', 'THU', 'FRI', 'SAT'];
export const MIN_YEAR = 1970;
export const MAX_YEAR = 2199;

const FIELDS: readonly FieldSpec[] = [
  { index: 1, name: 'minutes', min: 0, max: 59 },
  { index: 2, name: 'hours', min: 0, max: 23 },
  { index: 3, name: 'day-of-month', min: 1, max: 31 },
  { index: 4, name: 'month', min: 1, max: 12, names: MONTH_NAMES },
  { index: 5, name: 'day-of-week', min: 1, max: 7, names: DAY_NAMES },
  { index: 6, name: 'year', min: MIN_YEAR, max: MAX_YEAR },
];

class CronSyntaxError extends Error {
  constructor(
    message: string,
    readonly column: number,
  ) {
    super(message);
  }
}

interface Token {
  text: string;
  column: number;
}

const label = (f: FieldSpec): string => `field ${f.index} (${f.name})`;

/**
 * Parses an AWS schedule expression. Columns in errors are 1-based positions in `expr`. A
 * configuration writes the same few schedules on many rules, and the sandbox's scheduler parses
 * every rule at every tick: results are kept by expression (they are never modified).
 */
export function parseSchedule(expr: string): ParseResult {
  let result = parsedSchedules.get(expr);
  if (result === undefined) {
    if (parsedSchedules.size >= MAX_KEPT_SCHEDULES) parsedSchedules.clear();
    result = parseScheduleNow(expr);
    parsedSchedules.set(expr, result);
  }
  return result;
}

const parsedSchedules = new Map<string, ParseResult>();
const MAX_KEPT_SCHEDULES = 1024;

function parseScheduleNow(expr: string): ParseResult {
  if (/^\s*rate\s*\(/i.test(expr)) {
    return { ok: false, message: 'rate() expressions are not accepted by AWS Backup; use a cron() expression', column: 1 };
  }
  const match = /^cron\((.*)\)$/s.exec(expr);
  if (!match) {
    return {
      ok: false,
      message: 'a schedule must have the form cron(Minutes Hours Day-of-month Month Day-of-week Year)',
      column: 1,
    };
  }
  const body = match[1]!;
  const tokens: Token[] = [];
  for (const m of body.matchAll(/\S+/g)) tokens.push({ text: m[0], column: 'cron('.length + m.index + 1 });
  if (tokens.length !== 6) {
    return {
      ok: false,
      message: `a cron expression has exactly 6 fields (Minutes Hours Day-of-month Month Day-of-week Year), found ${tokens.length}`,
      column: 1,
    };
  }
  try {
    const [minutes, hours, dom, month, dow, year] = tokens as [Token, Token, Token, Token, Token, Token];
    const domIsAny = dom.text === '?';
    if (domIsAny === (dow.text === '?')) {
      throw new CronSyntaxError(
        domIsAny
          ? "field 3 (day-of-month) and field 5 (day-of-week) cannot both be '?'; one of them must say which days"
          : "exactly one of field 3 (day-of-month) and field 5 (day-of-week) must be '?' (for example cron(0 5 ? * * *) or cron(0 5 1 * ? *))",
        domIsAny ? dom.column : dow.column,
      );
    }
    const cron: CronSchedule = {
      expression: expr,
      minutes: toSortedList(parseNumericField(minutes.text, FIELDS[0]!, minutes.column)),
      hours: toSortedList(parseNumericField(hours.text, FIELDS[1]!, hours.column)),
      dayOfMonth: parseDayOfMonth(dom.text, dom.column),
      months: parseNumericField(month.text, FIELDS[3]!, month.column),
      dayOfWeek: parseDayOfWeek(dow.text, dow.column),
      years: year.text === '*' ? undefined : toSortedList(parseNumericField(year.text, FIELDS[5]!, year.column)),
    };
    return { ok: true, cron };
  } catch (e) {
    if (e instanceof CronSyntaxError) return { ok: false, message: e.message, column: e.column };
    throw e;
  }
}

function toSortedList(flags: readonly boolean[]): number[] {
  const out: number[] = [];
  flags.forEach((set, value) => {
    if (set) out.push(value);
  });
  return out;
}

/** `*`, `5`, `1,5`, `1-5`, `*\/15`, `0/15`, `10-40/10`, names where the field has them. */
function parseNumericField(text: string, field: FieldSpec, column: number): boolean[] {
  const flags: boolean[] = new Array<boolean>(field.max + 1).fill(false);
  let offset = 0;
  for (const item of text.split(',')) {
    const itemColumn = column + offset;
    offset += item.length + 1;
    if (item === '') throw new CronSyntaxError(`${label(field)} '${text}' has an empty list item`, itemColumn);
    if (item === '?') {
      throw new CronSyntaxError(`${label(field)} cannot be '?': only day-of-month and day-of-week accept '?'`, itemColumn);
    }
    const [rangeText, stepText, extra] = item.split('/');
    if (extra !== undefined) throw new CronSyntaxError(`${label(field)} '${item}' has more than one '/'`, itemColumn);
    let low: number;
    let high: number;
    if (rangeText === '*') {
      low = field.min;
      high = field.max;
    } else {
      const [lowText, highText, more] = (rangeText ?? '').split('-');
      if (more !== undefined) throw new CronSyntaxError(`${label(field)} '${item}' is not a valid range`, itemColumn);
      low = parseValue(lowText ?? '', field, itemColumn, item);
      // `5/15` means "from 5, every 15": the range runs to the field's maximum.
      high = highText !== undefined ? parseValue(highText, field, itemColumn, item) : stepText !== undefined ? field.max : low;
      if (high < low) {
        // Weekdays, months, hours… wrap around; years do not.
        const fix =
          field.name === 'year'
            ? `put the earlier year first: '${highText}-${lowText}'`
            : `write it as two ranges, for example '${lowText}-${displayValue(field.max, field)},${displayValue(field.min, field)}-${highText}'`;
        throw new CronSyntaxError(`${label(field)} range '${rangeText}' runs backwards; ${fix}`, itemColumn);
      }
    }
    let step = 1;
    if (stepText !== undefined) {
      if (!/^\d+$/.test(stepText) || Number(stepText) < 1) {
        throw new CronSyntaxError(`${label(field)} step '${stepText}' in '${item}' must be a whole number of at least 1`, itemColumn);
      }
      step = Number(stepText);
    }
    for (let v = low; v <= high; v += step) flags[v] = true;
  }
  return flags;
}

function displayValue(value: number, field: FieldSpec): string {
  return field.names ? field.names[value - 1]! : String(value);
}

function parseValue(text: string, field: FieldSpec, column: number, item: string): number {
  if (/^\d+$/.test(text)) {
    const value = Number(text);
    if (value < field.min || value > field.max) {
      throw new CronSyntaxError(`${label(field)} '${text}' is out of range ${field.min}-${field.max}`, column);
    }
    return value;
  }
  const nameIndex = field.names?.indexOf(text.toUpperCase()) ?? -1;
  if (nameIndex >= 0) return nameIndex + 1;
  const accepted = field.names ? `a number ${field.min}-${field.max} or a name ${field.names[0]}-${field.names.at(-1)}` : `a number ${field.min}-${field.max}`;
  throw new CronSyntaxError(`${label(field)} '${text === '' ? item : text}' is not valid: expected ${accepted}, '*', a list, a range or a step`, column);
}

function parseDayOfMonth(text: string, column: number): DayOfMonthSpec {
  const field = FIELDS[2]!;
  if (text === '?') return { kind: 'any' };
  const upper = text.toUpperCase();
  if (upper === 'L') return { kind: 'last' };
  if (upper === 'LW') return { kind: 'last-weekday' };
  const nearest = /^(\d+)W$/i.exec(text);
  if (nearest) return { kind: 'nearest-weekday', day: parseValue(nearest[1]!, field, column, text) };
  if (/[LW]/i.test(text)) {
    throw new CronSyntaxError(
      `${label(field)} '${text}': 'L' and 'W' stand alone ('L', 'LW' or a day such as '15W'); they cannot be combined with a list or range`,
      column,
    );
  }
  return { kind: 'days', days: parseNumericField(text, field, column) };
}

function parseDayOfWeek(text: string, column: number): DayOfWeekSpec {
  const field = FIELDS[4]!;
  if (text === '?') return { kind: 'any' };
  // Alone, `L` is the last day of the week: Saturday.
  if (text.toUpperCase() === 'L') return { kind: 'days', days: flagsOf([7], field.max) };
  // Day names contain no L, so any L or # left over is misplaced.
  const last = /^([^#,/-]+)L$/i.exec(text);
  if (last) return { kind: 'last', weekday: parseValue(last[1]!, field, column, text) };
  const nth = /^([^#,/-]+)#([^,/-]*)$/.exec(text);
  if (nth) {
    const weekday = parseValue(nth[1]!, field, column, text);
    if (!/^[1-5]$/.test(nth[2]!)) {
      throw new CronSyntaxError(`${label(field)} '${text}': the number after '#' must be 1-5 (the week of the month)`, column);
    }
    return { kind: 'nth', weekday, nth: Number(nth[2]) };
  }
  if (/[L#]/i.test(text)) {
    throw new CronSyntaxError(
      `${label(field)} '${text}': 'L' and '#' stand alone ('L', a day such as '5L', or '6#3'); they cannot be combined with a list or range`,
      column,
    );
  }
  return { kind: 'days', days: parseNumericField(text, field, column) };
}

function flagsOf(values: number[], max: number): boolean[] {
  const flags = new Array<boolean>(max + 1).fill(false);
  for (const v of values) flags[v] = true;
  return flags;
}

// ---------------------------------------------------------------------------------------------
// Occurrences

const DAY_MS = 86_400_000;
const MINUTE_MS = 60_000;

function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** 1 = Sunday … 7 = Saturday. */
function weekdayOf(year: number, month: number, day: number): number {
  return new Date(Date.UTC(year, month - 1, day)).getUTCDay() + 1;
}

function matchingDays(cron: CronSchedule, year: number, month: number): number[] {
  const length = daysInMonth(year, month);
  const dom = cron.dayOfMonth;
  const dow = cron.dayOfWeek;
  if (dom.kind !== 'any') {
    switch (dom.kind) {
      case 'days':
        return range(1, length).filter((d) => dom.days[d]);
      case 'last':
        return [length];
      case 'last-weekday': {
        const weekday = weekdayOf(year, month, length);
        return [weekday === 1 ? length - 2 : weekday === 7 ? length - 1 : length];
      }
      case 'nearest-weekday': {
        // Nearest Monday–Friday to the day, never leaving the month; no day when the month is shorter.
        if (dom.day > length) return [];
        const weekday = weekdayOf(year, month, dom.day);
        if (weekday === 7) return [dom.day === 1 ? 3 : dom.day - 1];
        if (weekday === 1) return [dom.day === length ? dom.day - 2 : dom.day + 1];
        return [dom.day];
      }
    }
  }
  const first = weekdayOf(year, month, 1);
  switch (dow.kind) {
    case 'any':
      return [];
    case 'days':
      return range(1, length).filter((d) => dow.days[((first - 1 + d - 1) % 7) + 1]);
    case 'last': {
      const lastWeekday = weekdayOf(year, month, length);
      return [length - ((lastWeekday - dow.weekday + 7) % 7)];
    }
    case 'nth': {
      const day = 1 + ((dow.weekday - first + 7) % 7) + (dow.nth - 1) * 7;
      return day <= length ? [day] : [];
    }
  }
}

function range(from: number, to: number): number[] {
  const out: number[] = [];
  for (let i = from; i <= to; i++) out.push(i);
  return out;
}

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timezone: string): Intl.DateTimeFormat {
  let f = formatters.get(timezone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone: timezone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    formatters.set(timezone, f);
  }
  return f;
}

/** The zone's UTC offset in ms at an instant, from Intl. Throws RangeError for an unknown zone. */
export function timezoneOffset(timezone: string, instant: number): number {
  const formatter = formatterFor(timezone);
  // format() is several times faster than formatToParts(); the parts are the fallback.
  const m = /^(\d+)\/(\d+)\/(\d+),? (\d+):(\d+):(\d+)$/.exec(formatter.format(instant));
  let local: number;
  if (m) {
    local = Date.UTC(Number(m[3]), Number(m[1]) - 1, Number(m[2]), Number(m[4]), Number(m[5]), Number(m[6]));
  } else {
    const parts: Record<string, number> = {};
    for (const p of formatter.formatToParts(instant)) if (p.type !== 'literal') parts[p.type] = Number(p.value);
    local = Date.UTC(parts.year!, parts.month! - 1, parts.day!, parts.hour!, parts.minute!, parts.second!);
  }
  return local - Math.floor(instant / 1000) * 1000;
}

interface ZoneYear {
  startOffset: number;
  /** Instants (ms) where the offset changes, ascending, with the offset from then on. */
  transitions: Array<{ at: number; offset: number }>;
}

const zoneYears = new Map<string, Map<number, ZoneYear>>();
const SAMPLE_STEP = 7 * DAY_MS;

/**
 * A zone's offsets over one UTC year: sampled weekly, each change located to the second by
 * bisection. About a hundred Intl calls per zone and year, then pure arithmetic. (A zone that
 * changed its offset and changed it back within a week would be missed; none does.)
 */
function zoneYear(timezone: string, year: number): ZoneYear {
  let years = zoneYears.get(timezone);
  if (!years) {
    years = new Map();
    zoneYears.set(timezone, years);
  }
  const cached = years.get(year);
  if (cached) return cached;
  const start = Date.UTC(year, 0, 1);
  const end = Date.UTC(year + 1, 0, 1);
  const result: ZoneYear = { startOffset: timezoneOffset(timezone, start), transitions: [] };
  let previousAt = start;
  let previousOffset = result.startOffset;
  while (previousAt < end) {
    const at = Math.min(previousAt + SAMPLE_STEP, end);
    const offset = timezoneOffset(timezone, at);
    if (offset !== previousOffset) {
      let low = previousAt;
      let high = at;
      while (high - low > 1000) {
        const middle = low + Math.floor((high - low) / 2000) * 1000;
        if (timezoneOffset(timezone, middle) === previousOffset) low = middle;
        else high = middle;
      }
      result.transitions.push({ at: high, offset });
    }
    previousAt = at;
    previousOffset = offset;
  }
  years.set(year, result);
  return result;
}

function offsetAt(timezone: string, instant: number): number {
  const { startOffset, transitions } = zoneYear(timezone, new Date(instant).getUTCFullYear());
  let offset = startOffset;
  for (const t of transitions) {
    if (instant < t.at) break;
    offset = t.offset;
  }
  return offset;
}

/**
 * Instants of a local day's times. Offsets never exceed ±14 h, so the day lies between the
 * instants one day before and two days after its wall-clock midnight read as UTC: equal offsets
 * there mean no transition that day.
 */
function instantsOfDay(timezone: string, wallMidnight: number, times: readonly number[]): number[] {
  const before = offsetAt(timezone, wallMidnight - DAY_MS);
  const after = offsetAt(timezone, wallMidnight + 2 * DAY_MS);
  if (before === after) return times.map((t) => wallMidnight + t - before);
  const out: number[] = [];
  for (const t of times) {
    const wall = wallMidnight + t;
    const candidates = [wall - before, wall - after].filter((instant) => offsetAt(timezone, instant) === wall - instant);
    if (candidates.length > 0) out.push(Math.min(...candidates));
  }
  return out;
}

/**
 * The next `count` times the schedule fires strictly after `after`, in `timezone` (IANA name).
 * Stops early at the end of year 2199 (the last year AWS accepts).
 */
export function nextFireTimes(cron: CronSchedule, after: Date, timezone: string, count: number): Date[] {
  return fireTimes(cron, after.getTime(), timezone, count, Infinity);
}

/** Occurrences after `afterMs`, at most `count` of them, none later than `untilMs`. */
function fireTimes(cron: CronSchedule, afterMs: number, timezone: string, count: number, untilMs: number): Date[] {
  const result: Date[] = [];
  if (count <= 0) return result;
  const startWall = new Date(afterMs + offsetAt(timezone, afterMs));
  const startYear = startWall.getUTCFullYear();
  const startMonth = startWall.getUTCMonth() + 1;
  const startDay = startWall.getUTCDate();
  // Minutes of the day, ascending: the same list for every matching day.
  const times: number[] = [];
  for (const h of cron.hours) for (const m of cron.minutes) times.push((h * 60 + m) * MINUTE_MS);
  const years = cron.years ?? range(Math.max(startYear, MIN_YEAR), MAX_YEAR);
  for (const year of years) {
    if (year < startYear) continue;
    if (Date.UTC(year, 0, 1) - DAY_MS > untilMs) break;
    for (let month = year === startYear ? startMonth : 1; month <= 12; month++) {
      if (!cron.months[month]) continue;
      const firstMonth = year === startYear && month === startMonth;
      for (const day of matchingDays(cron, year, month)) {
        if (firstMonth && day < startDay) continue;
        for (const instant of instantsOfDay(timezone, Date.UTC(year, month - 1, day), times)) {
          if (instant <= afterMs) continue;
          if (instant > untilMs) return result;
          result.push(new Date(instant));
          if (result.length >= count) return result;
        }
      }
    }
  }
  return result;
}

/**
 * Whether a schedule runs at most once a day: one minute of one hour. Its runs are then 23 hours
 * apart at the shortest, whatever DST does.
 */
export function runsAtMostOncePerDay(cron: CronSchedule): boolean {
  return cron.minutes.length === 1 && cron.hours.length === 1;
}

/**
 * The shortest interval in minutes between runs over the year after `from` when it is under
 * `limitMinutes`, undefined when it is not. A schedule that runs at most once a day needs no walk
 * of its year of runs (`minimumInterval`, about 80 µs for a daily schedule) against a limit of 23
 * hours or less.
 */
export function intervalUnder(limitMinutes: number, cron: CronSchedule, timezone: string, from: Date = new Date()): number | undefined {
  if (limitMinutes <= 23 * 60 && runsAtMostOncePerDay(cron)) return undefined;
  const interval = minimumInterval(cron, timezone, from);
  return interval < limitMinutes ? interval : undefined;
}

/**
 * The shortest interval in minutes between consecutive occurrences over the ~400 days after
 * `from` (both DST transitions of a year), capped at 20,000 occurrences. Infinity when the
 * schedule fires fewer than twice in that horizon.
 */
export function minimumInterval(cron: CronSchedule, timezone: string, from: Date = new Date()): number {
  const occurrences = fireTimes(cron, from.getTime(), timezone, 20_000, from.getTime() + 400 * DAY_MS);
  let minimum = Infinity;
  for (let i = 1; i < occurrences.length; i++) {
    minimum = Math.min(minimum, (occurrences[i]!.getTime() - occurrences[i - 1]!.getTime()) / MINUTE_MS);
    if (minimum <= 1) break;
  }
  return minimum;
}
