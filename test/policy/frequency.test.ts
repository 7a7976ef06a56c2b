import { expect } from 'chai';
import { describeHours, scheduleIntervalHours } from '../../src/policy/frequency.js';

const from = new Date('2026-01-15T00:00:00Z');

describe('policy schedule frequency', () => {
  it('is the longest gap between firings', () => {
    expect(scheduleIntervalHours('cron(0 5 ? * * *)', from)).to.equal(24);
    expect(scheduleIntervalHours('cron(0 */12 ? * * *)', from)).to.equal(12);
    expect(scheduleIntervalHours('cron(0 5 ? * MON-FRI *)', from)).to.equal(72);
    expect(scheduleIntervalHours('cron(0 3 1 * ? *)', from)).to.equal(744);
  });

  it('is Infinity for a schedule that fires less than twice, undefined for a broken one', () => {
    expect(scheduleIntervalHours('cron(0 5 1 1 ? 2026)', from)).to.equal(Infinity);
    expect(scheduleIntervalHours('rate(1 day)', from)).to.equal(undefined);
  });

  it('reads as days or hours', () => {
    expect(describeHours(24)).to.equal('1 day');
    expect(describeHours(168)).to.equal('7 days');
    expect(describeHours(12)).to.equal('12 hours');
  });
});
