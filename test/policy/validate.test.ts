import { expect } from 'chai';
import { validatePolicies } from '../../src/policy/validate.js';
import { policy } from './builders.js';

function problems(controls: Parameters<typeof policy>[0], resources: Parameters<typeof policy>[1] = []) {
  return validatePolicies({ policies: [policy(controls, resources)] }).map((d) => ({ summary: d.summary, line: d.range?.start.line, detail: d.detail ?? '' }));
}

describe('policy validation', () => {
  it('accepts every control with its documented parameters', () => {
    expect(
      problems([
        ['backup_plan_min_frequency_and_min_retention', { required_frequency_unit: 'hours', required_frequency_value: 24, required_retention_days: 35 }],
        ['recovery_point_minimum_retention', { required_retention_days: 35 }],
        ['recovery_point_encrypted', {}],
        ['resources_protected_by_backup_plan', { resource_types: ['EC2', 'RDS'], tags: { backup: 'daily' }, resource_ids: ['i-1'] }],
        ['resources_protected_by_cross_region', { regions: ['eu-central-1'] }],
        ['resources_protected_by_cross_account', { accounts: ['111122223333'], severity: 'warning' }],
        ['resources_protected_by_backup_vault_lock', { min_retention_days: 7, max_retention_days: 3650 }],
        ['last_recovery_point_created', { recovery_point_age_unit: 'days', recovery_point_age_value: 1 }],
      ]),
    ).to.deep.equal([]);
  });

  it('names unknown controls with a suggestion, at the control line', () => {
    const [p] = problems([['recovery_point_encryptd', {}]]);
    expect(p).to.include({ summary: 'Unknown control', line: 901 });
    expect(p!.detail).to.include('Did you mean "recovery_point_encrypted"?');
  });

  it('refuses parameters of another control, duplicates, and wrong types or ranges', () => {
    const found = problems([
      ['recovery_point_encrypted', { regions: ['eu-central-1'] }],
      ['recovery_point_encrypted', {}],
      ['recovery_point_minimum_retention', { required_retention_days: 0 }],
      ['backup_plan_min_frequency_and_min_retention', { required_frequency_unit: 'fortnights' }],
      ['resources_protected_by_backup_vault_lock', { min_retention_days: 30, max_retention_days: 7 }],
      ['last_recovery_point_created', { recovery_point_age_value: 40 }],
      ['resources_protected_by_backup_plan', { resource_types: ['EC3'] }],
    ]).map((p) => p.summary);
    expect(found).to.have.members(['Unsupported argument', 'Duplicate control', 'Invalid value', 'Invalid value', 'Invalid value', 'Invalid value', 'Invalid value']);
  });

  it('needs a type for resource ARNs it cannot classify', () => {
    const found = problems([['resources_protected_by_backup_plan', {}]], [{ arn: 'arn:aws:workspaces:eu-west-1:123456789012:workspace/ws-1' }]);
    expect(found.map((p) => p.summary)).to.deep.equal(['Unknown resource type']);
    expect(problems([['resources_protected_by_backup_plan', {}]], [{ arn: 'arn:aws:workspaces:eu-west-1:123456789012:workspace/ws-1', type: 'WorkSpaces' }])).to.deep.equal([]);
  });

  it('warns about a policy without controls', () => {
    expect(problems([]).map((p) => p.summary)).to.deep.equal(['Policy without controls']);
  });
});
