import { expect } from 'chai';
import { UNKNOWN } from '../../../src/core/values.js';
import { checkWindows } from '../../../src/resources/rules/windows.js';

describe('resources/rules/windows', () => {
  it('accepts the defaults and sound windows', () => {
    expect(checkWindows(undefined, undefined, '/rule/0')).to.deep.equal([]);
    expect(checkWindows(60, 180, '/rule/0')).to.deep.equal([]);
    expect(checkWindows(60, 120, '')).to.deep.equal([]);
  });

  it('refuses a start window under 60 minutes', () => {
    const [p, ...rest] = checkWindows(30, undefined, '/rule/0');
    expect(rest).to.be.empty;
    expect(p!.path).to.equal('/rule/0/start_window_minutes');
    expect(p!.summary).to.equal('Start window too short');
    expect(p!.detail).to.include('requires at least 60 minutes');
  });

  it('requires the completion window to exceed the start window by 60 minutes', () => {
    const [p] = checkWindows(120, 150, '/rule/2');
    expect(p!.path).to.equal('/rule/2/completion_window_minutes');
    expect(p!.summary).to.equal('Completion window too short');
    expect(p!.detail).to.include('at least 60 minutes more than start_window_minutes (120)');
    expect(p!.detail).to.include('Set it to 180 or more');
  });

  it('compares with the default start window when only the completion window is set', () => {
    const [p] = checkWindows(undefined, 500, '');
    expect(p!.path).to.equal('/completion_window_minutes');
    expect(p!.detail).to.include('the default start window of 480 minutes');
    expect(checkWindows(undefined, 540, '')).to.deep.equal([]);
  });

  it('refuses windows over 100 years', () => {
    const problems = checkWindows(60, 52_560_001, '');
    expect(problems.map((p) => p.summary)).to.deep.equal(['Window too long']);
  });

  it('does not pile a completion complaint on a bad start window, and skips unknowns', () => {
    expect(checkWindows(10, 20, '')).to.have.length(1);
    expect(checkWindows(UNKNOWN, 100, '')).to.deep.equal([]);
    expect(checkWindows('60', 100, '')).to.deep.equal([]);
    expect(checkWindows(UNKNOWN, UNKNOWN, '')).to.deep.equal([]);
  });
});
