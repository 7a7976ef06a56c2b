// A non-compliant report with a finding in each kind of place, for the check view tests.
import { evaluatePolicies } from '../../src/policy/evaluate.js';
import type { CheckReport } from '../../src/policy/model.js';
import { config, dailyPlan, inputs, policy, tagSelection, vault } from '../policy/builders.js';

export function sampleReport(): CheckReport {
  return evaluatePolicies(
    config(
      [vault(), dailyPlan({ lifecycle: { delete_after_days: 7 } }), tagSelection()],
      [
        policy([
          ['recovery_point_minimum_retention', { required_retention_days: 35 }],
          ['recovery_point_encrypted', { severity: 'warning' }],
          ['resources_protected_by_backup_plan', {}],
          ['last_recovery_point_created', {}],
        ]),
      ],
    ),
    inputs(),
  );
}
