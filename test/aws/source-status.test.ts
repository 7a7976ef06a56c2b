// Whether a source's status lets a backup job run now (the reads against moto's RDS and EFS are in
// test/moto/aws/source-checks.test.ts).
import { expect } from 'chai';
import { statusEligibility } from '../../src/aws/source-status.js';

describe('source status decisions', () => {
  it('runs AVAILABLE sources, queues transitional ones, fails the rest', () => {
    expect(statusEligibility('x', 'available').kind).to.equal('ok');
    expect(statusEligibility('x', 'AVAILABLE').kind).to.equal('ok');
    expect(statusEligibility('x', 'UPDATING').kind).to.equal('wait');
    expect(statusEligibility('x', 'backing-up').kind).to.equal('wait');
    expect(statusEligibility('x', 'stopped').kind).to.equal('fail');
    expect(statusEligibility('x', 'FAILED').kind).to.equal('fail');
  });
});
