import { expect } from 'chai';
import { UNKNOWN } from '../../../src/core/values.js';
import { checkConditionKeys, checkSelectionArns } from '../../../src/resources/rules/selection-arns.js';

describe('resources/rules/selection-arns', () => {
  it('reports each bad entry at its index', () => {
    const problems = checkSelectionArns(['arn:aws:ec2:*:*:instance/*', 'web-*', UNKNOWN], '/resources', 'resources');
    expect(problems).to.have.length(1);
    expect(problems[0]!.path).to.equal('/resources/1');
    expect(problems[0]!.summary).to.equal('Invalid selection ARN');
    expect(problems[0]!.detail).to.include('"web-*" in resources');
  });

  it('refuses more than 500 ARNs', () => {
    const arns = Array.from({ length: 501 }, (_, i) => `arn:aws:ec2:eu-west-1:123456789012:volume/vol-${i}`);
    const problems = checkSelectionArns(arns, '/resources', 'resources');
    expect(problems.map((p) => [p.path, p.summary])).to.deep.equal([['/resources', 'Too many ARNs']]);
    expect(checkSelectionArns(arns.slice(0, 500), '/resources', 'resources')).to.deep.equal([]);
  });

  it('refuses more than 30 wildcard ARNs', () => {
    const arns = Array.from({ length: 31 }, (_, i) => `arn:aws:ec2:eu-west-1:123456789012:volume/vol-${i}*`);
    const problems = checkSelectionArns(arns, '/not_resources', 'not_resources');
    expect(problems.map((p) => [p.path, p.summary])).to.deep.equal([['/not_resources', 'Too many wildcard ARNs']]);
    expect(problems[0]!.detail).to.include('not_resources has 31 ARNs with wildcards');
    expect(checkSelectionArns(arns.slice(0, 30), '/not_resources', 'not_resources')).to.deep.equal([]);
  });

  it('warns about condition keys that are not resource tags', () => {
    const problems = checkConditionKeys(
      [{ string_equals: { 'aws:ResourceTag/env': 'prod' } }, { string_like: { app: 'web-*' } }],
      '/condition',
    );
    expect(problems).to.have.length(1);
    expect(problems[0]!.severity).to.equal('warning');
    expect(problems[0]!.path).to.equal('/condition/1/string_like/app');
    expect(problems[0]!.detail).to.include('Did you mean "aws:ResourceTag/app"?');
  });
});
