import { expect } from 'chai';
import { selectionMatches } from '../../../src/domain/selection-match.js';
import { selectionCriteria } from '../../../src/sandbox/engine/selection-criteria.js';
import { newResource } from '../../../src/sandbox/inventory.js';

const resource = (tags: Record<string, string>) =>
  newResource('ec2-instance', 'web', { region: 'eu-west-1', accountId: '123456789012', serial: 1, now: '2026-01-01T00:00:00Z', tags });
const base = { SelectionName: 's', IamRoleArn: 'arn:aws:iam::123456789012:role/backup' };

describe('sandbox selection criteria', () => {
  it('reads a stored BackupSelection by its wire field names', () => {
    const criteria = selectionCriteria({
      ...base,
      Resources: ['arn:aws:ec2:*:*:instance/*'],
      NotResources: ['arn:aws:ec2:*:*:instance/i-0old*'],
      ListOfTags: [{ ConditionType: 'STRINGEQUALS', ConditionKey: 'backup', ConditionValue: 'daily' }],
      Conditions: {
        StringEquals: [{ ConditionKey: 'aws:ResourceTag/env', ConditionValue: 'prod' }],
        StringNotLike: [{ ConditionKey: 'aws:ResourceTag/app', ConditionValue: 'test-*' }],
      },
    });
    expect(criteria).to.deep.equal({
      resources: ['arn:aws:ec2:*:*:instance/*'],
      notResources: ['arn:aws:ec2:*:*:instance/i-0old*'],
      listOfTags: [{ key: 'backup', value: 'daily' }],
      stringEquals: [{ key: 'aws:ResourceTag/env', value: 'prod' }],
      stringNotEquals: [],
      stringLike: [],
      stringNotLike: [{ key: 'aws:ResourceTag/app', value: 'test-*' }],
    });
    expect(selectionCriteria(base)).to.deep.include({ resources: [], listOfTags: [] });
  });

  it('selects source resources as AWS Backup does', () => {
    const r = resource({ backup: 'daily', env: 'prod' });
    const matches = (selection: Parameters<typeof selectionCriteria>[0]) => selectionMatches(selectionCriteria(selection), r);
    expect(matches({ ...base, Resources: ['arn:aws:rds:*'], ListOfTags: [{ ConditionType: 'STRINGEQUALS', ConditionKey: 'backup', ConditionValue: 'daily' }] })).to.equal(true);
    expect(matches({ ...base, Resources: ['arn:aws:rds:*'] })).to.equal(false);
    expect(matches({ ...base, NotResources: [r.arn] })).to.equal(false);
    expect(matches({ ...base, Conditions: { StringEquals: [{ ConditionKey: 'aws:ResourceTag/env', ConditionValue: 'Prod' }] } })).to.equal(false);
    expect(matches(base)).to.equal(true);
  });
});
