import { expect } from 'chai';
import { count, median, ms, quantile, seconds, times } from '../../bench/lib/stats.js';

describe('bench: statistics and formatting', () => {
  it('takes the median of odd and even samples without reordering them', () => {
    const samples = [5, 1, 3];
    expect(median(samples)).to.equal(3);
    expect(samples).to.deep.equal([5, 1, 3]);
    expect(median([4, 1, 3, 2])).to.equal(2.5);
    expect(median([])).to.be.NaN;
  });

  it('takes quantiles by nearest rank', () => {
    const samples = Array.from({ length: 100 }, (_, i) => i + 1);
    expect(quantile(samples, 0.5)).to.equal(50);
    expect(quantile(samples, 0.95)).to.equal(95);
    expect(quantile(samples, 1)).to.equal(100);
  });

  it('formats durations, ratios and counts for tables', () => {
    expect(ms(1234.4)).to.equal('1,234 ms');
    expect(ms(12.34)).to.equal('12.3 ms');
    expect(ms(0.01234)).to.equal('0.012 ms');
    expect(seconds(16_560)).to.equal('16.56 s');
    expect(times(1.954)).to.equal('1.95×');
    expect(times(27.5)).to.equal('28×');
    expect(times(Number.NaN)).to.equal('n/a');
    expect(count(3000)).to.equal('3,000');
  });
});
