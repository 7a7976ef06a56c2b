import { expect } from 'chai';
import { checkTimezone, isValidTimeZone } from '../../../src/resources/rules/timezone.js';

describe('resources/rules/timezone', () => {
  it('accepts canonical IANA names and the UTC spellings', () => {
    for (const zone of ['Europe/Paris', 'America/New_York', 'Asia/Kathmandu', 'Etc/UTC', 'UTC']) expect(isValidTimeZone(zone), zone).to.equal(true);
  });

  it('accepts IANA links the runtime knows', () => {
    expect(isValidTimeZone('US/Eastern')).to.equal(true);
    expect(isValidTimeZone('Etc/GMT+5')).to.equal(true);
  });

  it('refuses unknown names and wrong capitalisation', () => {
    expect(isValidTimeZone('Europe/Pariss')).to.equal(false);
    expect(isValidTimeZone('europe/paris')).to.equal(false);
    expect(isValidTimeZone('Mars/Olympus')).to.equal(false);
  });

  it('suggests the closest zone', () => {
    const [p] = checkTimezone('Europe/Pariss', '/rule/0/timezone');
    expect(p!.path).to.equal('/rule/0/timezone');
    expect(p!.summary).to.equal('Invalid time zone');
    expect(p!.detail).to.equal('"Europe/Pariss" is not an IANA time zone name. Did you mean "Europe/Paris"?');
    expect(checkTimezone('europe/paris', '/tz')[0]!.detail).to.include('Did you mean "Europe/Paris"?');
  });

  it('gives examples when nothing is close', () => {
    expect(checkTimezone('Nowhere at all', '/tz')[0]!.detail).to.include('Use a name such as "Europe/Paris"');
  });

  it('checks only known strings', () => {
    expect(checkTimezone(undefined, '/tz')).to.deep.equal([]);
    expect(checkTimezone(3, '/tz')).to.deep.equal([]);
  });
});
