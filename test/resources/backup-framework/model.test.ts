import { expect } from 'chai';
import { readFileSync } from 'node:fs';
import { valuesEqual } from '../../../src/resources/canonical.js';
import { controlFromAws, controlsFromAws, controlToAws } from '../../../src/resources/backup-framework/controls.js';
import { backupFrameworkModel } from '../../../src/resources/backup-framework/model.js';
import { validateBackupFramework } from '../../../src/resources/backup-framework/validate.js';
import { backupReportPlanModel } from '../../../src/resources/backup-report-plan/model.js';
import { validateBackupReportPlan } from '../../../src/resources/backup-report-plan/validate.js';
import { AUDIT_CONTROLS, CONTROL_NAMES } from '../../../src/domain/audit-controls.js';
import type { ObjectValue } from '../../../src/core/values.js';

const schema = (name: string) => JSON.parse(readFileSync(new URL(`../../../schemas/config/${name}.schema.json`, import.meta.url), 'utf8'));

describe('backup_framework: one source of truth with policy', () => {
  it('declares the control block exactly as a policy does (only the description differs)', () => {
    const framework = schema('backup_framework').properties.control;
    const policy = schema('policy').properties.control;
    expect({ ...framework, description: '' }).to.deep.equal({ ...policy, description: '' });
  });

  it('validates control blocks with the policy rules, at the same paths', () => {
    const problems = validateBackupFramework({
      name: 'company',
      attributes: { name: 'company', control: [{ name: 'recovery_point_minimum_retention', regions: ['us-east-1'] }, { name: 'recovery_point_minimum_retention' }] },
    });
    expect(problems.map((p) => [p.path, p.summary])).to.deep.equal([
      ['/control/0/regions', 'Unsupported argument'],
      ['/control/1', 'Duplicate control'],
    ]);
    expect(problems[1]!.detail).to.include('backup_framework "company"');
  });

  it('sends every control with its Audit Manager name, parameters as strings (defaults included) and scope, and reads it back', () => {
    const samples: Record<string, ObjectValue> = {
      resources_protected_by_cross_region: { regions: ['us-east-1', 'eu-central-1'], resource_types: ['EC2'], resource_ids: ['i-0abc'], tags: { env: 'prod' } },
      resources_protected_by_cross_account: { accounts: ['111122223333'] },
      resources_protected_by_backup_vault_lock: { min_retention_days: 7, max_retention_days: 365 },
    };
    for (const name of CONTROL_NAMES) {
      const control: ObjectValue = { name, ...(samples[name] ?? {}) };
      const sent = controlToAws(control);
      expect(sent.ControlName, name).to.equal(AUDIT_CONTROLS[name].auditManagerName);
      for (const p of sent.ControlInputParameters ?? []) expect(p.ParameterValue, `${name} ${p.ParameterName}`).to.be.a('string');
      const read = controlFromAws(JSON.parse(JSON.stringify(sent)))!;
      expect(valuesEqual(backupFrameworkModel.canonical({ control: [read] }).control, backupFrameworkModel.canonical({ control: [control] }).control), name).to.equal(true);
    }
    expect(controlToAws({ name: 'backup_plan_min_frequency_and_min_retention' }).ControlInputParameters).to.deep.equal([
      { ParameterName: 'requiredFrequencyUnit', ParameterValue: 'days' },
      { ParameterName: 'requiredFrequencyValue', ParameterValue: '1' },
      { ParameterName: 'requiredRetentionDays', ParameterValue: '35' },
    ]);
    expect(controlToAws({ name: 'resources_protected_by_cross_region', regions: ['us-east-1', 'eu-central-1'] }).ControlInputParameters).to.deep.equal([
      { ParameterName: 'crossRegionList', ParameterValue: 'us-east-1,eu-central-1' },
    ]);
  });

  it('compares controls by name, with defaults, AWS strings and severity unified', () => {
    const configured = backupFrameworkModel.canonical({
      name: 'company',
      control: [
        { name: 'resources_protected_by_backup_plan', severity: 'warning', resource_types: ['RDS', 'EC2'] },
        { name: 'recovery_point_minimum_retention' },
      ],
      description: '',
    });
    const read = backupFrameworkModel.canonical({
      name: 'company',
      control: [
        { name: 'recovery_point_minimum_retention', required_retention_days: '35' },
        { name: 'resources_protected_by_backup_plan', resource_types: ['EC2', 'RDS'], resource_ids: [], tags: {} },
      ],
    });
    expect(valuesEqual(configured, read)).to.equal(true);
    const changed = backupFrameworkModel.canonical({ name: 'company', control: [{ name: 'recovery_point_minimum_retention', required_retention_days: 36 }] });
    expect(valuesEqual(changed.control, read.control)).to.equal(false);
  });

  it('keeps controls bkp has no name for apart, to carry them through updates', () => {
    const { known, other } = controlsFromAws([{ ControlName: 'BACKUP_RECOVERY_POINT_MANUAL_DELETION_DISABLED' }, { ControlName: 'BACKUP_RECOVERY_POINT_ENCRYPTED' }]);
    expect(known).to.deep.equal([{ name: 'recovery_point_encrypted' }]);
    expect(other).to.deep.equal([{ ControlName: 'BACKUP_RECOVERY_POINT_MANUAL_DELETION_DISABLED' }]);
    expect(backupFrameworkModel.unmodelled!.describe(other)).to.deep.equal(['control BACKUP_RECOVERY_POINT_MANUAL_DELETION_DISABLED (not one bkp models)']);
  });
});

describe('backup_report_plan model and rules', () => {
  const arn = 'arn:aws:backup:eu-west-1:123456789012:framework:company-1';

  it('treats unset formats as CSV, lists as sets, and number_of_frameworks as AWS sets it', () => {
    const configured = backupReportPlanModel.canonical({
      name: 'p',
      report_delivery_channel: { s3_bucket_name: 'b' },
      report_setting: { report_template: 'CONTROL_COMPLIANCE_REPORT', framework_arns: [arn], regions: ['eu-west-1', '*'] },
    });
    const read = backupReportPlanModel.canonical({
      name: 'p',
      report_delivery_channel: { s3_bucket_name: 'b', formats: ['CSV'] },
      report_setting: { report_template: 'CONTROL_COMPLIANCE_REPORT', framework_arns: [arn], number_of_frameworks: 1, regions: ['*', 'eu-west-1'], accounts: [], organization_units: [] },
    });
    expect(valuesEqual(configured, read)).to.equal(true);
    const json = backupReportPlanModel.canonical({ name: 'p', report_delivery_channel: { s3_bucket_name: 'b', formats: ['JSON'] }, report_setting: { report_template: 'BACKUP_JOB_REPORT' } });
    expect(valuesEqual(json.report_delivery_channel, configured.report_delivery_channel)).to.equal(false);
  });

  it('applies AWS rules per report template', () => {
    const problems = (setting: ObjectValue) => validateBackupReportPlan({ attributes: { report_setting: setting } }).map((p) => [p.path, p.summary]);
    expect(problems({ report_template: 'RESOURCE_COMPLIANCE_REPORT' })).to.deep.equal([['/report_setting/report_template', 'Frameworks required']]);
    expect(problems({ report_template: 'RESOURCE_COMPLIANCE_REPORT', framework_arns: [arn], number_of_frameworks: 2 })).to.deep.equal([['/report_setting/number_of_frameworks', 'Invalid value']]);
    expect(problems({ report_template: 'COPY_JOB_REPORT', framework_arns: [arn], number_of_frameworks: 1 })).to.deep.equal([
      ['/report_setting/framework_arns', 'Not for a job report'],
      ['/report_setting/number_of_frameworks', 'Not for a job report'],
    ]);
    expect(problems({ report_template: 'RESTORE_JOB_REPORT', regions: ['*'] })).to.deep.equal([]);
  });
});
