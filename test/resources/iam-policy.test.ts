import { expect } from 'chai';
import { canonicalPolicyDocument } from '../../src/resources/iam-policy.js';
import { UNKNOWN } from '../../src/core/values.js';

const arn = 'arn:aws:backup:eu-west-1:123456789012:backup-vault:main';

describe('IAM policy documents: forms IAM treats as equal compare equal', () => {
  const same = (a: object | string, b: object | string) => expect(canonicalPolicyDocument(JSON.stringify(a))).to.equal(canonicalPolicyDocument(JSON.stringify(b)));

  it('a one-item list and its string', () => {
    same(
      { Version: '2012-10-17', Statement: [{ Effect: 'Deny', Principal: { AWS: '*' }, Action: 'backup:DeleteRecoveryPoint', Resource: arn }] },
      { Version: '2012-10-17', Statement: [{ Effect: 'Deny', Principal: { AWS: ['*'] }, Action: ['backup:DeleteRecoveryPoint'], Resource: [arn] }] },
    );
  });

  it('"Principal": "*" and {"AWS": "*"}', () => {
    same({ Statement: [{ Effect: 'Deny', Principal: '*', Action: 'backup:*', Resource: '*' }] }, { Statement: [{ Effect: 'Deny', Principal: { AWS: '*' }, Action: 'backup:*', Resource: '*' }] });
  });

  it('a single statement object and a list of one; the order of actions and condition values; key order', () => {
    same(
      { Statement: { Effect: 'Deny', Principal: '*', Action: ['backup:B', 'backup:A'], Resource: '*', Condition: { StringEquals: { 'aws:PrincipalOrgID': ['o-2', 'o-1'] } } } },
      { Statement: [{ Condition: { StringEquals: { 'aws:PrincipalOrgID': ['o-1', 'o-2'] } }, Resource: '*', Action: ['backup:A', 'backup:B'], Principal: { AWS: '*' }, Effect: 'Deny' }] },
    );
  });

  it('keeps real differences', () => {
    const a = canonicalPolicyDocument(JSON.stringify({ Statement: [{ Effect: 'Deny', Principal: '*', Action: 'backup:A', Resource: '*' }] }));
    const b = canonicalPolicyDocument(JSON.stringify({ Statement: [{ Effect: 'Allow', Principal: '*', Action: 'backup:A', Resource: '*' }] }));
    const c = canonicalPolicyDocument(JSON.stringify({ Statement: [{ Effect: 'Deny', Principal: { AWS: 'arn:aws:iam::123456789012:root' }, Action: 'backup:A', Resource: '*' }] }));
    expect(new Set([a, b, c]).size).to.equal(3);
  });

  it('leaves text that is not JSON as written, and unknown values unknown', () => {
    expect(canonicalPolicyDocument('{ not json')).to.equal('{ not json');
    expect(canonicalPolicyDocument(UNKNOWN)).to.equal(UNKNOWN);
    expect(canonicalPolicyDocument(undefined)).to.equal(undefined);
  });
});
