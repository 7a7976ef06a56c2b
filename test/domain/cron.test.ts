import { expect } from 'chai';
import { intervalUnder, minimumInterval, nextFireTimes, parseSchedule, runsAtMostOncePerDay, timezoneOffset, type CronSchedule } from '../../src/domain/cron.js';

function cron(expression: string): CronSchedule {
  const parsed = parseSchedule(expression);
  if (!parsed.ok) throw new Error(`expected ${expression} to parse: ${parsed.message}`);
  return parsed.cron;
}

function failure(expression: string): { message: string; column?: number } {
  const parsed = parseSchedule(expression);
  if (parsed.ok) throw new Error(`expected ${expression} to be refused`);
  return parsed;
}

function next(expression: string, after: string, count: number, timezone = 'Etc/UTC'): string[] {
  return nextFireTimes(cron(expression), new Date(after), timezone, count).map((d) => d.toISOString());
}

describe('domain/cron', () => {
  describe('parseSchedule', () => {
    it('parses the AWS Backup default schedule', () => {
      const c = cron('cron(0 5 ? * * *)');
      expect(c.minutes).to.deep.equal([0]);
      expect(c.hours).to.deep.equal([5]);
      expect(c.dayOfMonth).to.deep.equal({ kind: 'any' });
      expect(c.dayOfWeek.kind).to.equal('days');
      expect(c.years).to.equal(undefined);
    });

    it('parses lists, ranges and steps', () => {
      expect(cron('cron(0,15,45 * * * ? *)').minutes).to.deep.equal([0, 15, 45]);
      expect(cron('cron(0 8-11 * * ? *)').hours).to.deep.equal([8, 9, 10, 11]);
      expect(cron('cron(*/20 * * * ? *)').minutes).to.deep.equal([0, 20, 40]);
      expect(cron('cron(5/20 * * * ? *)').minutes).to.deep.equal([5, 25, 45]);
      expect(cron('cron(10-40/15 * * * ? *)').minutes).to.deep.equal([10, 25, 40]);
      expect(cron('cron(0 0 * * ? 2025-2031/3)').years).to.deep.equal([2025, 2028, 2031]);
    });

    it('accepts month and day names in any case', () => {
      const c = cron('cron(0 0 ? jan,MAR-May MON-fri *)');
      expect(c.months.flatMap((set, m) => (set ? [m] : []))).to.deep.equal([1, 3, 4, 5]);
      expect(c.dayOfWeek).to.deep.equal({ kind: 'days', days: [false, false, true, true, true, true, true, false] });
    });

    it('parses L, LW and W in day-of-month', () => {
      expect(cron('cron(0 0 L * ? *)').dayOfMonth).to.deep.equal({ kind: 'last' });
      expect(cron('cron(0 0 LW * ? *)').dayOfMonth).to.deep.equal({ kind: 'last-weekday' });
      expect(cron('cron(0 0 15W * ? *)').dayOfMonth).to.deep.equal({ kind: 'nearest-weekday', day: 15 });
    });

    it('parses L and # in day-of-week', () => {
      expect(cron('cron(0 0 ? * 5L *)').dayOfWeek).to.deep.equal({ kind: 'last', weekday: 5 });
      expect(cron('cron(0 0 ? * FRIL *)').dayOfWeek).to.deep.equal({ kind: 'last', weekday: 6 });
      expect(cron('cron(0 0 ? * 6#3 *)').dayOfWeek).to.deep.equal({ kind: 'nth', weekday: 6, nth: 3 });
      expect(cron('cron(0 0 ? * L *)').dayOfWeek).to.deep.equal({ kind: 'days', days: [false, false, false, false, false, false, false, true] });
    });

    it('tolerates several spaces between fields', () => {
      expect(cron('cron(0  5 ?  * * *)').hours).to.deep.equal([5]);
    });

    const refusals: Array<[string, RegExp, number?]> = [
      ['rate(1 day)', /rate\(\) expressions are not accepted/],
      ['0 5 * * ? *', /must have the form cron\(/],
      ['cron(0 5 * * ?)', /exactly 6 fields .* found 5/],
      ['cron(0 5 * * ? * *)', /exactly 6 fields .* found 7/],
      ['cron(0 5 * * * *)', /exactly one of field 3 \(day-of-month\) and field 5 \(day-of-week\) must be '\?'/, 14],
      ['cron(0 5 ? * ? *)', /cannot both be '\?'/, 10],
      ['cron(60 5 ? * * *)', /field 1 \(minutes\) '60' is out of range 0-59/, 6],
      ['cron(0 24 ? * * *)', /field 2 \(hours\) '24' is out of range 0-23/, 8],
      ['cron(0 0 32 * ? *)', /field 3 \(day-of-month\) '32' is out of range 1-31/, 10],
      ['cron(0 0 0 * ? *)', /field 3 \(day-of-month\) '0' is out of range 1-31/],
      ['cron(0 0 1 13 ? *)', /field 4 \(month\) '13' is out of range 1-12/],
      ['cron(0 0 ? * 8 *)', /field 5 \(day-of-week\) '8' is out of range 1-7/],
      ['cron(0 0 * * ? 1969)', /field 6 \(year\) '1969' is out of range 1970-2199/],
      ['cron(0 0 * * ? 2200)', /field 6 \(year\) '2200' is out of range 1970-2199/],
      ['cron(0 0 * FOO ? *)', /field 4 \(month\) 'FOO' is not valid: expected a number 1-12 or a name JAN-DEC/],
      ['cron(0 0 ? * MON-FOO *)', /field 5 \(day-of-week\) 'FOO' is not valid/],
      ['cron(x 0 * * ? *)', /field 1 \(minutes\) 'x' is not valid/],
      ['cron(? 0 * * ? *)', /field 1 \(minutes\) cannot be '\?'/],
      ['cron(*/0 0 * * ? *)', /step '0' in '\*\/0' must be a whole number of at least 1/],
      ['cron(0 20-4 * * ? *)', /range '20-4' runs backwards; write it as two ranges, for example '20-23,0-4'/],
      ['cron(0 0 ? * FRI-MON *)', /range 'FRI-MON' runs backwards; write it as two ranges, for example 'FRI-SAT,SUN-MON'/],
      ['cron(0,,5 0 * * ? *)', /empty list item/],
      ['cron(0 0 1,15W * ? *)', /'L' and 'W' stand alone/],
      ['cron(0 0 L-2 * ? *)', /'L' and 'W' stand alone/],
      ['cron(0 0 ? * 6#6 *)', /number after '#' must be 1-5/],
      ['cron(0 5 ? * SUN#5,MON *)', /'#' stand alone .* cannot be combined with a list or range/],
      ['cron(0 5 ? * * 2030-2025)', /range '2030-2025' runs backwards; put the earlier year first: '2025-2030'/],
      ['cron(0 0 ? * 2,6#3 *)', /'L' and '#' stand alone/],
      ['cron(0 0 ? * 1-5L *)', /'L' and '#' stand alone/],
      ['cron(0 0 ? * MON,5L *)', /'L' and '#' stand alone/],
      ['cron(0 0 40W * ? *)', /field 3 \(day-of-month\) '40' is out of range 1-31/],
    ];
    for (const [expression, message, column] of refusals) {
      it(`refuses ${expression}`, () => {
        const f = failure(expression);
        expect(f.message).to.match(message);
        if (column !== undefined) expect(f.column).to.equal(column);
      });
    }
  });

  describe('nextFireTimes', () => {
    it('lists daily times in UTC, strictly after the given instant', () => {
      expect(next('cron(0 5 ? * * *)', '2025-01-01T05:00:00Z', 3)).to.deep.equal([
        '2025-01-02T05:00:00.000Z',
        '2025-01-03T05:00:00.000Z',
        '2025-01-04T05:00:00.000Z',
      ]);
      expect(next('cron(0 5 ? * * *)', '2025-01-01T04:59:59Z', 1)).to.deep.equal(['2025-01-01T05:00:00.000Z']);
    });

    it('returns nothing for a count of 0', () => {
      expect(next('cron(0 5 ? * * *)', '2025-01-01T00:00:00Z', 0)).to.deep.equal([]);
    });

    it('evaluates the schedule in the time zone', () => {
      expect(next('cron(0 5 ? * * *)', '2025-01-01T00:00:00Z', 1, 'Europe/Paris')).to.deep.equal(['2025-01-01T04:00:00.000Z']);
      expect(next('cron(0 5 ? * * *)', '2025-07-01T00:00:00Z', 1, 'Europe/Paris')).to.deep.equal(['2025-07-01T03:00:00.000Z']);
      expect(next('cron(0 5 ? * * *)', '2025-01-01T00:00:00Z', 1, 'Asia/Kathmandu')).to.deep.equal(['2025-01-01T23:15:00.000Z']);
      expect(next('cron(0 5 ? * * *)', '2025-01-01T00:00:00Z', 1, 'America/New_York')).to.deep.equal(['2025-01-01T10:00:00.000Z']);
    });

    it('skips a local time that does not exist when clocks move forward', () => {
      // Europe/Paris jumps from 02:00 to 03:00 on 2025-03-30.
      expect(next('cron(30 2 * * ? *)', '2025-03-29T00:00:00Z', 3, 'Europe/Paris')).to.deep.equal([
        '2025-03-29T01:30:00.000Z',
        '2025-03-31T00:30:00.000Z',
        '2025-04-01T00:30:00.000Z',
      ]);
    });

    it('fires once, at the first occurrence, for a local time that repeats when clocks move back', () => {
      // Europe/Paris goes back from 03:00 to 02:00 on 2025-10-26: 02:30 happens at 00:30Z and 01:30Z.
      expect(next('cron(30 2 * * ? *)', '2025-10-25T12:00:00Z', 2, 'Europe/Paris')).to.deep.equal([
        '2025-10-26T00:30:00.000Z',
        '2025-10-27T01:30:00.000Z',
      ]);
      expect(next('cron(30 2 * * ? *)', '2025-10-26T01:00:00Z', 1, 'Europe/Paris')).to.deep.equal(['2025-10-27T01:30:00.000Z']);
    });

    it('keeps hourly runs one hour apart in UTC across a DST change', () => {
      const times = next('cron(0 * * * ? *)', '2025-03-09T04:30:00Z', 4, 'America/New_York');
      expect(times).to.deep.equal(['2025-03-09T05:00:00.000Z', '2025-03-09T06:00:00.000Z', '2025-03-09T07:00:00.000Z', '2025-03-09T08:00:00.000Z']);
    });

    it('finds the last day of each month, including leap-year February', () => {
      expect(next('cron(0 0 L * ? *)', '2024-01-31T00:00:00Z', 3)).to.deep.equal(['2024-02-29T00:00:00.000Z', '2024-03-31T00:00:00.000Z', '2024-04-30T00:00:00.000Z']);
      expect(next('cron(0 0 L 2 ? *)', '2025-01-01T00:00:00Z', 1)).to.deep.equal(['2025-02-28T00:00:00.000Z']);
    });

    it('finds the last weekday of the month (LW)', () => {
      // 2025-05-31 is a Saturday, 2025-08-31 a Sunday, 2025-06-30 a Monday.
      expect(next('cron(0 0 LW 5,6,8 ? *)', '2025-01-01T00:00:00Z', 3)).to.deep.equal(['2025-05-30T00:00:00.000Z', '2025-06-30T00:00:00.000Z', '2025-08-29T00:00:00.000Z']);
    });

    it('finds the weekday nearest to a day (W) without leaving the month', () => {
      // 2025-03-15 is a Saturday (→ Fri 14), 2025-06-15 a Sunday (→ Mon 16), 2025-01-15 a Wednesday.
      expect(next('cron(0 0 15W 1,3,6 ? *)', '2025-01-01T00:00:00Z', 3)).to.deep.equal(['2025-01-15T00:00:00.000Z', '2025-03-14T00:00:00.000Z', '2025-06-16T00:00:00.000Z']);
      // 2025-11-01 is a Saturday: the nearest weekday in the month is Monday the 3rd.
      expect(next('cron(0 0 1W 11 ? *)', '2025-01-01T00:00:00Z', 1)).to.deep.equal(['2025-11-03T00:00:00.000Z']);
      // 2025-08-31 is a Sunday: the nearest weekday in the month is Friday the 29th.
      expect(next('cron(0 0 31W 8 ? *)', '2025-01-01T00:00:00Z', 1)).to.deep.equal(['2025-08-29T00:00:00.000Z']);
      // No 31st in April, June, September, November.
      expect(next('cron(0 0 31W 4,6,9,11 ? *)', '2025-01-01T00:00:00Z', 1)).to.deep.equal([]);
    });

    it('finds the last given weekday of the month (5L)', () => {
      expect(next('cron(0 0 ? * 5L *)', '2025-01-01T00:00:00Z', 3)).to.deep.equal(['2025-01-30T00:00:00.000Z', '2025-02-27T00:00:00.000Z', '2025-03-27T00:00:00.000Z']);
    });

    it('finds the nth weekday of the month (#), skipping months without one', () => {
      expect(next('cron(0 0 ? * 6#3 *)', '2025-01-01T00:00:00Z', 2)).to.deep.equal(['2025-01-17T00:00:00.000Z', '2025-02-21T00:00:00.000Z']);
      expect(next('cron(0 0 ? * FRI#5 *)', '2025-01-01T00:00:00Z', 4)).to.deep.equal([
        '2025-01-31T00:00:00.000Z',
        '2025-05-30T00:00:00.000Z',
        '2025-08-29T00:00:00.000Z',
        '2025-10-31T00:00:00.000Z',
      ]);
    });

    it('matches days of the week numbered 1 = Sunday to 7 = Saturday', () => {
      // 2025-01-05 is a Sunday.
      expect(next('cron(0 0 ? * 1,7 *)', '2025-01-01T00:00:00Z', 3)).to.deep.equal(['2025-01-04T00:00:00.000Z', '2025-01-05T00:00:00.000Z', '2025-01-11T00:00:00.000Z']);
    });

    it('fires on 29 February only in leap years', () => {
      expect(next('cron(0 12 29 2 ? *)', '2024-03-01T00:00:00Z', 3)).to.deep.equal(['2028-02-29T12:00:00.000Z', '2032-02-29T12:00:00.000Z', '2036-02-29T12:00:00.000Z']);
    });

    it('stops after the last year of the year field', () => {
      expect(next('cron(0 0 1 1 ? 2026-2027)', '2025-06-01T00:00:00Z', 5)).to.deep.equal(['2026-01-01T00:00:00.000Z', '2027-01-01T00:00:00.000Z']);
      expect(next('cron(0 0 1 1 ? 2020)', '2025-06-01T00:00:00Z', 5)).to.deep.equal([]);
    });

    it('produces 10,000 strictly increasing hourly ticks', () => {
      const times = nextFireTimes(cron('cron(0 * * * ? *)'), new Date('2025-01-01T00:00:00Z'), 'Europe/Paris', 10_000);
      expect(times).to.have.length(10_000);
      for (let i = 1; i < times.length; i++) expect(times[i]!.getTime()).to.be.greaterThan(times[i - 1]!.getTime());
    });
  });

  describe('timezoneOffset', () => {
    it('gives the zone offset in milliseconds', () => {
      expect(timezoneOffset('Europe/Paris', Date.parse('2025-01-01T00:00:00Z'))).to.equal(3_600_000);
      expect(timezoneOffset('Europe/Paris', Date.parse('2025-07-01T00:00:00Z'))).to.equal(7_200_000);
      expect(timezoneOffset('Asia/Kathmandu', Date.parse('2025-07-01T00:00:00Z'))).to.equal(20_700_000);
    });
  });

  describe('minimumInterval', () => {
    const from = new Date('2025-01-01T00:00:00Z');
    it('measures hourly and sub-hourly schedules', () => {
      expect(minimumInterval(cron('cron(0 * * * ? *)'), 'Etc/UTC', from)).to.equal(60);
      expect(minimumInterval(cron('cron(0/30 * * * ? *)'), 'Etc/UTC', from)).to.equal(30);
      expect(minimumInterval(cron('cron(* * * * ? *)'), 'Etc/UTC', from)).to.equal(1);
      expect(minimumInterval(cron('cron(0,59 5 * * ? *)'), 'Etc/UTC', from)).to.equal(59);
    });

    it('sees intervals across midnight', () => {
      expect(minimumInterval(cron('cron(50 23 * * ? *)'), 'Etc/UTC', from)).to.equal(1440);
      expect(minimumInterval(cron('cron(30 0,23 * * ? *)'), 'Etc/UTC', from)).to.equal(60);
    });

    it('sees the day shortened by a DST change', () => {
      expect(minimumInterval(cron('cron(0 5 ? * * *)'), 'Etc/UTC', from)).to.equal(1440);
      expect(minimumInterval(cron('cron(0 5 ? * * *)'), 'Europe/Paris', from)).to.equal(1380);
    });

    it('is at least 23 hours for every schedule that runsAtMostOncePerDay, in zones with and without DST', () => {
      const expressions = ['cron(0 5 ? * * *)', 'cron(30 2 ? * * *)', 'cron(59 23 ? * MON-FRI *)', 'cron(0 1 L * ? *)', 'cron(15 3 ? * 1#2 *)', 'cron(0 0 1 1 ? *)'];
      const zones = ['Etc/UTC', 'Europe/Paris', 'America/New_York', 'Australia/Lord_Howe', 'Asia/Kathmandu'];
      for (const expression of expressions) {
        expect(runsAtMostOncePerDay(cron(expression)), expression).to.equal(true);
        for (const zone of zones) expect(minimumInterval(cron(expression), zone, from), `${expression} in ${zone}`).to.be.at.least(23 * 60);
      }
      for (const expression of ['cron(0 5,17 ? * * *)', 'cron(0,30 5 ? * * *)', 'cron(0 * ? * * *)']) {
        expect(runsAtMostOncePerDay(cron(expression)), expression).to.equal(false);
      }
    });

    it('is told by intervalUnder when it is under a limit, the daily shortcut only for limits of 23 hours or less', () => {
      expect(intervalUnder(60, cron('cron(0/30 * * * ? *)'), 'Etc/UTC', from)).to.equal(30);
      expect(intervalUnder(60, cron('cron(0 * * * ? *)'), 'Etc/UTC', from)).to.equal(undefined);
      expect(intervalUnder(60, cron('cron(0 5 ? * * *)'), 'Europe/Paris', from)).to.equal(undefined);
      // A day is 23 hours at the DST change: a limit of a full day is checked against the real runs.
      expect(intervalUnder(24 * 60, cron('cron(0 5 ? * * *)'), 'Europe/Paris', from)).to.equal(1380);
      expect(intervalUnder(24 * 60, cron('cron(0 5 ? * * *)'), 'Etc/UTC', from)).to.equal(undefined);
    });

    it('is Infinity for a schedule that fires at most once', () => {
      expect(minimumInterval(cron('cron(0 0 1 1 ? 2026)'), 'Etc/UTC', from)).to.equal(Infinity);
    });
  });
});
