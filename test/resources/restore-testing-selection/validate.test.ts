import { expect } from 'chai';
import { validateRestoreTestingSelection } from '../../../src/resources/restore-testing-selection/validate.js';

type Attributes = Parameters<typeof validateRestoreTestingSelection>[0]['attributes'];
const ROLE = 'arn:aws:iam::123456789012:role/restore-testing';
const base = { name: 'databases', restore_testing_plan_name: 'weekly', protected_resource_type: 'RDS', iam_role_arn: ROLE };
const problems = (attributes: Attributes) => validateRestoreTestingSelection({ attributes }).map((p) => [p.path, p.summary, p.severity]);

describe('resources/restore-testing-selection/validate', () => {
  it('accepts ["*"] with tag conditions, specific ARNs alone, or conditions alone', () => {
    const conditions = { string_equals: [{ key: 'aws:ResourceTag/env', value: 'prod' }], string_not_equals: [{ key: 'aws:ResourceTag/tier', value: 'scratch' }] };
    expect(problems({ ...base, protected_resource_arns: ['*'], protected_resource_conditions: conditions, validation_window_hours: 0 })).to.deep.equal([]);
    expect(problems({ ...base, protected_resource_arns: ['arn:aws:rds:eu-west-1:123456789012:db:orders'], validation_window_hours: 168 })).to.deep.equal([]);
    expect(problems({ ...base, protected_resource_conditions: conditions, restore_metadata_overrides: { vpcSecurityGroupIds: '["sg-1"]' } })).to.deep.equal([]);
  });

  it('reports AWS rules at the offending values', () => {
    expect(
      problems({
        ...base,
        name: 'data-bases',
        protected_resource_type: 'rds',
        iam_role_arn: 'arn:aws:iam::123456789012:user/me',
        protected_resource_arns: ['*', 'arn:aws:rds:eu-west-1:123456789012:db:*'],
        protected_resource_conditions: { string_equals: [{ key: 'env', value: 'prod' }] },
        restore_metadata_overrides: { dbName: 'a', DBNAME: 'b' },
        validation_window_hours: 169,
      }),
    ).to.deep.equal([
      ['/name', 'Invalid restore testing selection name', 'error'],
      ['/iam_role_arn', 'Invalid IAM role ARN', 'error'],
      ['/validation_window_hours', 'Invalid validation_window_hours', 'error'],
      ['/protected_resource_type', 'Unsupported resource type', 'error'],
      ['/protected_resource_arns/0', 'Wildcard among ARNs', 'error'],
      ['/protected_resource_arns/1', 'Invalid protected resource ARN', 'error'],
      ['/protected_resource_conditions', 'Conditions with specific ARNs', 'error'],
      ['/protected_resource_conditions/string_equals/0/key', 'Condition key is not a tag', 'warning'],
      ['/restore_metadata_overrides/DBNAME', 'Repeated metadata key', 'error'],
    ]);
  });

  it('suggests the supported spelling of a resource type, and needs ARNs or conditions', () => {
    const found = validateRestoreTestingSelection({ attributes: { ...base, protected_resource_type: 'Dynamodb' } });
    expect(found.map((p) => p.summary)).to.deep.equal(['Unsupported resource type', 'No protected resources']);
    expect(found[0]!.detail).to.include('Did you mean "DynamoDB"?');
  });

  it('refuses more than 30 specific ARNs', () => {
    const arns = Array.from({ length: 31 }, (_, i) => `arn:aws:rds:eu-west-1:123456789012:db:db${i}`);
    expect(problems({ ...base, protected_resource_arns: arns })).to.deep.equal([['/protected_resource_arns', 'Too many protected resource ARNs', 'error']]);
  });
});
