import { expect } from 'chai';
import { pathFromRoot } from '../../src/domain/org-policy/tree-path.js';
import { parseRoleArn } from '../../src/domain/arn.js';

describe('domain: organization tree paths and role ARNs', () => {
  const parents: Record<string, string> = { '111111111111': 'ou-b', 'ou-b': 'ou-a', 'ou-a': 'r-1' };

  it('walks from the root down to the node', () => {
    expect(pathFromRoot((id) => parents[id], '111111111111')).to.deep.equal(['r-1', 'ou-a', 'ou-b', '111111111111']);
    expect(pathFromRoot((id) => parents[id], 'r-1')).to.deep.equal(['r-1']);
  });

  it('stops at a cycle instead of looping', () => {
    expect(pathFromRoot((id) => ({ x: 'y', y: 'x' })[id], 'x')).to.deep.equal(['y', 'x']);
  });

  it('reads a role ARN as STS accepts it', () => {
    expect(parseRoleArn('arn:aws:iam::123456789012:role/path/bkp')).to.deep.equal({ partition: 'aws', account: '123456789012', name: 'bkp' });
    expect(parseRoleArn('arn:aws-us-gov:iam::123456789012:role/bkp')?.partition).to.equal('aws-us-gov');
    expect(parseRoleArn('arn:aws:iam::123456789012:user/bkp')).to.equal(undefined);
    expect(parseRoleArn(`arn:aws:iam::123456789012:role/${'n'.repeat(65)}`)).to.equal(undefined);
  });
});
