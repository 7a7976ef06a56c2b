// The canonical form of restore_testing_plan: what AWS answers for a configuration compares equal
// to it (defaults written out, vaults and types in any order).
import { expect } from 'chai';
import { changedAttributes } from '../../../src/engine/planner.js';
import { restoreTestingPlanModel } from '../../../src/resources/restore-testing-plan/model.js';
import type { KindModel } from '../../../src/resources/kind-model.js';
import type { ObjectValue } from '../../../src/core/values.js';

const changed = (model: KindModel, before: ObjectValue, after: ObjectValue) => changedAttributes(model, model.canonical(before), model.canonical(after));

describe('resources/restore-testing-plan/model', () => {
  const configured = {
    name: 'weekly',
    schedule: 'cron(0 5 ? * SUN *)',
    recovery_point_selection: { algorithm: 'LATEST_WITHIN_WINDOW', include_vaults: ['b', 'a'], recovery_point_types: ['SNAPSHOT', 'CONTINUOUS'] },
    tags: { team: 'infra' },
  };
  const read = {
    name: 'weekly',
    schedule: 'cron(0 5 ? * SUN *)',
    timezone: 'UTC',
    start_window_hours: 24,
    recovery_point_selection: { algorithm: 'LATEST_WITHIN_WINDOW', include_vaults: ['a', 'b'], exclude_vaults: [], recovery_point_types: ['CONTINUOUS', 'SNAPSHOT'], selection_window_days: 30 },
    tags: { team: 'infra' },
    arn: 'arn:aws:backup:eu-west-1:123456789012:restore-testing-plan:weekly-1',
    creation_time: '2026-01-01T00:00:00.000Z',
  };

  it('a plan as AWS holds it, with its defaults, does not differ from a block that leaves them unset', () => {
    expect(changed(restoreTestingPlanModel, read, configured)).to.deep.equal([]);
  });

  it('a changed default, window or time zone is a difference; the name alone forces replacement', () => {
    expect(changed(restoreTestingPlanModel, read, { ...configured, start_window_hours: 12, timezone: 'Europe/Paris' })).to.deep.equal(['start_window_hours', 'timezone']);
    const narrower = { ...configured, recovery_point_selection: { ...configured.recovery_point_selection, selection_window_days: 7 } };
    expect(changed(restoreTestingPlanModel, read, narrower)).to.deep.equal(['recovery_point_selection']);
    expect([...restoreTestingPlanModel.forcesReplacement]).to.deep.equal(['name']);
  });

});
