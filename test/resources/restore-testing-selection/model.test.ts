// The canonical form of restore_testing_selection: AWS's empty condition lists are no conditions,
// pairs and ARNs are sets, and unset optional values are AWS's business.
import { expect } from 'chai';
import { changedAttributes } from '../../../src/engine/planner.js';
import { restoreTestingSelectionModel } from '../../../src/resources/restore-testing-selection/model.js';
import type { ObjectValue } from '../../../src/core/values.js';

const changed = (before: ObjectValue, after: ObjectValue) =>
  changedAttributes(restoreTestingSelectionModel, restoreTestingSelectionModel.canonical(before), restoreTestingSelectionModel.canonical(after));

describe('resources/restore-testing-selection/model', () => {
  it('a selection without conditions equals AWS\'s empty condition lists; pairs and ARNs are sets', () => {
    const block = {
      name: 'dbs',
      restore_testing_plan_name: 'weekly',
      protected_resource_type: 'RDS',
      iam_role_arn: 'arn:aws:iam::123456789012:role/r',
      protected_resource_arns: ['*'],
      protected_resource_conditions: { string_equals: [{ key: 'aws:ResourceTag/b', value: '2' }, { key: 'aws:ResourceTag/a', value: '1' }] },
    };
    const aws = {
      ...block,
      protected_resource_conditions: { string_equals: [{ key: 'aws:ResourceTag/a', value: '1' }, { key: 'aws:ResourceTag/b', value: '2' }], string_not_equals: [] },
      validation_window_hours: 0,
      restore_metadata_overrides: { dbname: 'x' },
      creation_time: '2026-01-01T00:00:00.000Z',
    };
    expect(changed(aws, block)).to.deep.equal([]);
    expect(changed({ ...aws, protected_resource_conditions: { string_equals: [], string_not_equals: [] } }, { ...block, protected_resource_conditions: {} })).to.deep.equal([]);
    // Overrides set outside bkp are kept unless the block names them; {} removes them.
    expect(changed(aws, { ...block, restore_metadata_overrides: {} })).to.deep.equal(['restore_metadata_overrides']);
    expect(changed(aws, { ...block, protected_resource_type: 'Aurora', validation_window_hours: 4 })).to.deep.equal(['protected_resource_type', 'validation_window_hours']);
    expect(restoreTestingSelectionModel.replaceReason(['restore_testing_plan_name'])).to.equal('must be replaced: a restore testing selection cannot be moved to another plan');
  });
});
