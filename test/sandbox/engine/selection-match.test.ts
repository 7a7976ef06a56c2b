import { expect } from 'chai';
import { selectionMatches } from '../../../src/sandbox/engine/selection-match.js';
import { newResource } from '../../../src/sandbox/inventory.js';

const resource = (tags: Record<string, string>) =>
  newResource('ec2-instance', 'web', { region: 'eu-west-1', accountId: '123456789012', serial: 1, now: '2026-01-01T00:00:00Z', tags });
const role = 'arn:aws:iam::123456789012:role/backup';

describe('sandbox selection matching', () => {
  it('applies StringEquals, StringNotEquals, StringLike and StringNotLike with AND, case sensitive', () => {
    const r = resource({ env: 'prod', app: 'web-frontend' });
    const base = { SelectionName: 's', IamRoleArn: role };
    const cond = (c: object) => selectionMatches({ ...base, Conditions: c }, r);
    expect(cond({ StringEquals: [{ ConditionKey: 'aws:ResourceTag/env', ConditionValue: 'prod' }] })).to.equal(true);
    expect(cond({ StringEquals: [{ ConditionKey: 'aws:ResourceTag/env', ConditionValue: 'Prod' }] })).to.equal(false);
    expect(cond({ StringNotEquals: [{ ConditionKey: 'aws:ResourceTag/env', ConditionValue: 'dev' }] })).to.equal(true);
    expect(cond({ StringLike: [{ ConditionKey: 'aws:ResourceTag/app', ConditionValue: '*-front*' }] })).to.equal(true);
    expect(cond({ StringLike: [{ ConditionKey: 'aws:ResourceTag/missing', ConditionValue: '*' }] })).to.equal(false);
    expect(cond({ StringNotLike: [{ ConditionKey: 'aws:ResourceTag/app', ConditionValue: 'web-*' }] })).to.equal(false);
    expect(cond({ StringNotLike: [{ ConditionKey: 'aws:ResourceTag/missing', ConditionValue: 'x*' }] })).to.equal(true);
    expect(
      cond({
        StringEquals: [{ ConditionKey: 'aws:ResourceTag/env', ConditionValue: 'prod' }],
        StringLike: [{ ConditionKey: 'aws:ResourceTag/app', ConditionValue: 'db-*' }],
      }),
    ).to.equal(false);
  });

  it('ORs Resources with ListOfTags, and excludes NotResources', () => {
    const r = resource({ backup: 'daily' });
    const base = { SelectionName: 's', IamRoleArn: role };
    expect(selectionMatches({ ...base, Resources: ['arn:aws:rds:*'], ListOfTags: [{ ConditionType: 'STRINGEQUALS', ConditionKey: 'backup', ConditionValue: 'daily' }] }, r)).to.equal(true);
    expect(selectionMatches({ ...base, Resources: ['arn:aws:rds:*'] }, r)).to.equal(false);
    expect(selectionMatches({ ...base, NotResources: [r.arn] }, r)).to.equal(false);
    expect(selectionMatches(base, r)).to.equal(true);
  });
});
