import { expect } from 'chai';
import { UNKNOWN } from '../../../src/core/values.js';
import { checkName, describeName } from '../../../src/resources/rules/names.js';

describe('resources/rules/names', () => {
  it('accepts valid vault, rule and selection names', () => {
    expect(checkName('vault', 'prod-main_1', '/name')).to.deep.equal([]);
    expect(checkName('rule', 'daily.v2', '/rule/0/name')).to.deep.equal([]);
    expect(checkName('selection', 'a', '/name')).to.deep.equal([]);
  });

  it('skips unknown and wrongly typed values', () => {
    expect(checkName('vault', UNKNOWN, '/name')).to.deep.equal([]);
    expect(checkName('vault', 42, '/name')).to.deep.equal([]);
    expect(checkName('vault', undefined, '/name')).to.deep.equal([]);
  });

  it('explains a vault name with a forbidden character, quoting the pattern in words', () => {
    const [p, ...rest] = checkName('vault', 'prod.main vault', '/name');
    expect(rest).to.be.empty;
    expect(p!.path).to.equal('/name');
    expect(p!.summary).to.equal('Invalid backup vault name');
    expect(p!.detail).to.include('it contains ".", a space');
    expect(p!.detail).to.include('2 to 50 characters: letters (A-Z, a-z), digits (0-9), hyphens (-) and underscores (_) only');
  });

  it('refuses dots in vault names but accepts them in rule names', () => {
    expect(checkName('vault', 'a.b', '/name')).to.have.length(1);
    expect(checkName('rule', 'a.b', '/name')).to.deep.equal([]);
  });

  it('explains lengths', () => {
    expect(checkName('vault', 'a', '/name')[0]!.detail).to.include('it is 1 character long');
    expect(checkName('selection', '', '/name')[0]!.detail).to.include('it is empty');
    expect(checkName('rule', 'x'.repeat(51), '/rule/0/name')[0]!.detail).to.include('it is 51 characters long');
  });

  it('describes the accepted forms', () => {
    expect(describeName('selection')).to.equal('1 to 50 characters: letters (A-Z, a-z), digits (0-9), hyphens (-), underscores (_) and dots (.) only');
  });
});
