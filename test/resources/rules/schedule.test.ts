import { expect } from 'chai';
import { UNKNOWN } from '../../../src/core/values.js';
import { checkSchedule, cronForRate } from '../../../src/resources/rules/schedule.js';
import { NOW } from '../helpers.js';

describe('resources/rules/schedule', () => {
  it('accepts daily and hourly schedules', () => {
    expect(checkSchedule('cron(0 5 ? * * *)', undefined, '/rule/0/schedule', NOW)).to.deep.equal([]);
    expect(checkSchedule('cron(0 * ? * * *)', 'Europe/Paris', '/rule/0/schedule', NOW)).to.deep.equal([]);
    expect(checkSchedule('cron(0 0 ? * 6#3 *)', 'Europe/Paris', '/rule/0/schedule', NOW)).to.deep.equal([]);
  });

  it('skips unknown values', () => {
    expect(checkSchedule(UNKNOWN, 'Etc/UTC', '/s', NOW)).to.deep.equal([]);
  });

  it('reports syntax errors with the field, the position and an example', () => {
    const [p, ...rest] = checkSchedule('cron(0 0 32 * ? *)', undefined, '/rule/1/schedule', NOW);
    expect(rest).to.be.empty;
    expect(p!.path).to.equal('/rule/1/schedule');
    expect(p!.summary).to.equal('Invalid schedule expression');
    expect(p!.detail).to.include("(at character 10): field 3 (day-of-month) '32' is out of range 1-31.");
    expect(p!.detail).to.include('for example cron(0 5 ? * * *)');
  });

  it('refuses schedules less than 60 minutes apart, quoting AWS', () => {
    const [p] = checkSchedule('cron(0/30 * ? * * *)', undefined, '/rule/0/schedule', NOW);
    expect(p!.summary).to.equal('Schedule runs too often');
    expect(p!.detail).to.include('30 minutes apart');
    expect(p!.detail).to.include("\"The interval between backup jobs shouldn't be less than 60 minutes.\"");
  });

  it('measures the interval across midnight', () => {
    expect(checkSchedule('cron(30 0,23 * * ? *)', undefined, '/s', NOW)).to.deep.equal([]);
    expect(checkSchedule('cron(10,50 0,23 * * ? *)', undefined, '/s', NOW)[0]!.detail).to.include('20 minutes apart');
  });

  it('refuses rate() and suggests a cron equivalent', () => {
    const [p] = checkSchedule('rate(1 day)', undefined, '/rule/0/schedule', NOW);
    expect(p!.summary).to.equal('rate() schedules are not supported');
    expect(p!.detail).to.include('AWS Backup accepts only cron() schedule expressions, not "rate(1 day)".');
    expect(p!.detail).to.include('cron(0 0 ? * * *)');
  });

  it('translates rate() expressions into cron()', () => {
    expect(cronForRate('rate(1 hour)')).to.include('cron(0 * ? * * *)');
    expect(cronForRate('rate(6 hours)')).to.include('cron(0 */6 ? * * *) (every 6 hours)');
    expect(cronForRate('rate(5 hours)')).to.include('the count restarts each day');
    expect(cronForRate('rate(7 days)')).to.include('cron(0 0 ? * SUN *)');
    expect(cronForRate('rate(3 days)')).to.include('cron(0 0 */3 * ? *)');
    expect(cronForRate('rate(120 minutes)')).to.include('cron(0 */2 ? * * *)');
    expect(cronForRate('rate(15 minutes)')).to.include('at least 60 minutes apart');
    expect(cronForRate('rate(90 minutes)')).to.equal(undefined);
    expect(cronForRate('rate(soon)')).to.equal(undefined);
  });

  it('uses UTC when the time zone is invalid (reported separately)', () => {
    expect(checkSchedule('cron(0 5 ? * * *)', 'Nowhere', '/s', NOW)).to.deep.equal([]);
  });
});
