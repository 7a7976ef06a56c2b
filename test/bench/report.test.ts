import { expect } from 'chai';
import { benchOptions, goal, goalsTable, table } from '../../bench/lib/report.js';

describe('bench: reports', () => {
  it('reads the options the launcher passes', () => {
    const options = benchOptions(['--quick', '--out=/tmp/x.json', '--fresh-setup', '--calls=5']);
    expect(options.quick).to.equal(true);
    expect(options.out).to.equal('/tmp/x.json');
    expect(options.extra.get('fresh-setup')).to.equal('true');
    expect(options.extra.get('calls')).to.equal('5');
    expect(benchOptions([]).quick).to.equal(false);
  });

  it('writes Markdown tables with aligned columns and escaped pipes', () => {
    expect(table(['a', 'b'], [['x|y', '1']], ['l', 'r'])).to.equal('| a | b |\n| --- | ---: |\n| x\\|y | 1 |');
  });

  it('shows each goal with its verdict and the reason a verdict is missing', () => {
    const text = goalsTable([
      goal('plan', '16.5 s', '< 10 s', false),
      goal('load', '0.8 s', '< 1 s', true),
      goal('moto', 'n/a', '≥ 20×', null, 'moto is not installed'),
    ]);
    expect(text).to.contain('| plan | 16.5 s | < 10 s | **not met** |');
    expect(text).to.contain('| load | 0.8 s | < 1 s | met |');
    expect(text).to.contain('| moto | n/a | ≥ 20× | n/a (moto is not installed) |');
  });
});
