// The framework side of the two controls added for restores and copies: maxRestoreTime travels to
// Audit Manager and back; bkp check's own copy parameters are never sent, never compared (AWS
// cannot hold them, so they would show as a change forever), and a framework is warned about them.
import { expect } from 'chai';
import { valuesEqual } from '../../../src/resources/canonical.js';
import { controlFromAws, controlToAws } from '../../../src/resources/backup-framework/controls.js';
import { backupFrameworkModel } from '../../../src/resources/backup-framework/model.js';
import { validateBackupFramework } from '../../../src/resources/backup-framework/validate.js';
import { validatePolicies } from '../../../src/policy/validate.js';
import { checkOnlyParameters } from '../../../src/domain/audit-controls.js';
import type { ObjectValue } from '../../../src/core/values.js';
import { line } from '../../policy/builders.js';

describe('backup_framework: restore time and bkp-only parameters', () => {
  it('sends max_restore_time as Audit Manager\'s maxRestoreTime and reads it back', () => {
    const control: ObjectValue = { name: 'restore_time_for_resources_meet_target', max_restore_time: 120, resource_types: ['EC2'] };
    const sent = controlToAws(control);
    expect(sent).to.deep.equal({
      ControlName: 'RESTORE_TIME_FOR_RESOURCES_MEET_TARGET',
      ControlInputParameters: [{ ParameterName: 'maxRestoreTime', ParameterValue: '120' }],
      ControlScope: { ComplianceResourceTypes: ['EC2'] },
    });
    expect(controlFromAws(sent)).to.deep.equal({ name: 'restore_time_for_resources_meet_target', max_restore_time: 120, resource_types: ['EC2'] });
  });

  it('never sends the copy extension, and a framework read back from AWS without it shows no change', () => {
    expect(checkOnlyParameters('backup_plan_min_frequency_and_min_retention').map((p) => p.name)).to.deep.equal(['required_copy_retention_days', 'required_copy_destination']);
    const configured: ObjectValue = { name: 'backup_plan_min_frequency_and_min_retention', required_copy_retention_days: 30, required_copy_destination: 'cross_region' };
    const sent = controlToAws(configured);
    expect(sent.ControlInputParameters!.map((p) => p.ParameterName)).to.deep.equal(['requiredFrequencyUnit', 'requiredFrequencyValue', 'requiredRetentionDays']);
    const read = controlFromAws(JSON.parse(JSON.stringify(sent)))!;
    expect(valuesEqual(backupFrameworkModel.canonical({ control: [read] }).control, backupFrameworkModel.canonical({ control: [configured] }).control)).to.equal(true);
  });

  it('warns a framework, not a policy, that the copy extension is checked by bkp check only', () => {
    const control = { name: 'backup_plan_min_frequency_and_min_retention', required_copy_retention_days: 30 };
    const framework = validateBackupFramework({ name: 'dr', attributes: { name: 'dr', control: [control] } });
    expect(framework.map((p) => [p.severity, p.path, p.summary])).to.deep.equal([['warning', '/control/0/required_copy_retention_days', 'Checked by bkp check only']]);
    const policy = validatePolicies({ policies: [{ name: 'dr', attributes: { control: [control] }, ranges: new Map(), range: line(1) }] });
    expect(policy).to.deep.equal([]);
  });
});
