import { expect } from 'chai';
import { environmentWarnings } from '../../src/app/environment.js';

describe('warnings about environment variables', () => {
  it('says that a BKP_LOG value bkp does not know logs nothing, and names the levels', () => {
    for (const value of ['info', 'verbose', 'DEBUGG', '1']) {
      const warnings = environmentWarnings({ BKP_LOG: value });
      expect(warnings, value).to.have.length(1);
      expect(warnings[0]).to.contain(`BKP_LOG=${JSON.stringify(value)} is not a log level of bkp`);
      expect(warnings[0]).to.contain('BKP_LOG=debug').and.contain('BKP_LOG=trace');
    }
  });

  it('is silent for the levels, for values that turn the log off, and when BKP_LOG is unset', () => {
    for (const value of ['debug', ' Trace ', '', 'off', 'OFF', 'none', '0', 'false']) {
      expect(environmentWarnings({ BKP_LOG: value }), value).to.deep.equal([]);
    }
    expect(environmentWarnings({})).to.deep.equal([]);
  });
});
