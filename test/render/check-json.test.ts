import { expect } from 'chai';
import { checkToJson } from '../../src/render/check-json.js';
import { sampleReport } from './check-fixtures.js';

describe('check JSON view', () => {
  it('has a versioned, documented shape', () => {
    const json = checkToJson(sampleReport());
    expect(json.format_version).to.equal('1.0');
    expect(json.compliant).to.equal(false);
    expect(json.summary).to.deep.equal({
      controls: 4,
      resources_evaluated: 4,
      compliant_resources: 2,
      non_compliant_resources: 2,
      controls_not_evaluated: 1,
      errors: 2,
      warnings: 1,
    });
    expect(json.controls.map((c) => [c.control, c.status])).to.deep.equal([
      ['recovery_point_minimum_retention', 'non_compliant'],
      ['recovery_point_encrypted', 'non_compliant'],
      ['resources_protected_by_backup_plan', 'non_compliant'],
      ['last_recovery_point_created', 'not_evaluated'],
    ]);
    expect(json.controls[0]!.audit_manager_control).to.equal('BACKUP_RECOVERY_POINT_MINIMUM_RETENTION_CHECK');
    const finding = json.findings[0]!;
    expect(finding).to.include({ policy: 'company', control: 'recovery_point_minimum_retention', resource: 'backup_plan.daily', resource_type: 'backup_plan', severity: 'error' });
    expect(finding.range!.filename).to.equal('main.bkp.hcl');
    expect(finding.range!.start.line).to.equal(13);
  });
});
