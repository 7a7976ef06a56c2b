// Each control over plain Config objects: a compliant and a non-compliant case, with the finding's
// resource and range.
import { expect } from 'chai';
import { evaluatePolicies } from '../../src/policy/evaluate.js';
import { isCompliant, summarize, type CheckReport } from '../../src/policy/model.js';
import type { ObjectValue } from '../../src/core/values.js';
import { config, dailyPlan, inputs, ORDERS, policy, resource, tagSelection, vault, WEB } from './builders.js';

function findings(report: CheckReport) {
  return report.results.flatMap((r) => r.findings.map((f) => ({ resource: f.resource, line: f.range?.start.line, severity: f.severity })));
}

function check(control: string, params: ObjectValue, resources = [vault(), dailyPlan(), tagSelection()], extra = inputs()): CheckReport {
  return evaluatePolicies(config(resources, [policy([[control, params]])]), extra);
}

describe('policy controls', () => {
  describe('backup_plan_min_frequency_and_min_retention', () => {
    const params = { required_frequency_unit: 'hours', required_frequency_value: 24, required_retention_days: 35 };

    it('accepts a daily rule kept 35 days', () => {
      expect(findings(check('backup_plan_min_frequency_and_min_retention', params))).to.deep.equal([]);
    });

    it('flags a weekly schedule at the schedule line', () => {
      const report = check('backup_plan_min_frequency_and_min_retention', params, [vault(), dailyPlan({ schedule: 'cron(0 5 ? * SUN *)' })]);
      expect(findings(report)).to.deep.equal([{ resource: 'backup_plan.daily', line: 11, severity: 'error' }]);
      expect(report.results[0]!.findings[0]!.message).to.include('runs every 7 days (more than 1 day)');
    });

    it('flags a frequent rule with short retention at delete_after_days', () => {
      const report = check('backup_plan_min_frequency_and_min_retention', params, [vault(), dailyPlan({ lifecycle: { delete_after_days: 7 } })]);
      expect(findings(report)).to.deep.equal([{ resource: 'backup_plan.daily', line: 13, severity: 'error' }]);
    });

    it('uses the longest gap: a monthly rule fails a 30-day requirement, passes a 1-month one', () => {
      const monthly = () => [vault(), dailyPlan({ schedule: 'cron(0 3 1 * ? *)' })];
      expect(findings(check('backup_plan_min_frequency_and_min_retention', { required_frequency_unit: 'days', required_frequency_value: 30 }, monthly()))).to.have.length(1);
      expect(findings(check('backup_plan_min_frequency_and_min_retention', { required_frequency_unit: 'months', required_frequency_value: 1 }, monthly()))).to.deep.equal([]);
    });

    it('treats a lifecycle without delete_after_days as kept forever, and continuous backup as hourly', () => {
      expect(findings(check('backup_plan_min_frequency_and_min_retention', params, [vault(), dailyPlan({ lifecycle: {} })]))).to.deep.equal([]);
      const pitr = dailyPlan({ continuous_backup: true, schedule: 'cron(0 5 ? * SUN *)' });
      expect(findings(check('backup_plan_min_frequency_and_min_retention', params, [vault(), pitr]))).to.deep.equal([]);
    });
  });

  describe('recovery_point_minimum_retention', () => {
    it('accepts retention at the minimum, flags shorter rules, copies and on-demand backups', () => {
      expect(findings(check('recovery_point_minimum_retention', { required_retention_days: 35 }))).to.deep.equal([]);
      const plan = dailyPlan({ copy: [{ destination_vault_arn: 'arn:aws:backup:eu-central-1:123456789012:backup-vault:dr', lifecycle: { delete_after_days: 10 } }] });
      const onDemand = resource('on_demand_backup', 'once', { lifecycle: { delete_after_days: 3 } }, { '/lifecycle/delete_after_days': 77 });
      const report = check('recovery_point_minimum_retention', { required_retention_days: 35 }, [vault(), plan, onDemand]);
      expect(findings(report).map((f) => f.resource)).to.deep.equal(['backup_plan.daily', 'on_demand_backup.once']);
      expect(findings(report)[1]!.line).to.equal(77);
    });

    it('with refreshed recovery points, flags those deleted too early', () => {
      const created = new Date('2026-11-20T00:00:00Z');
      const points = [
        { arn: 'rp-1', resourceArn: WEB.arn, vaultName: 'main', status: 'COMPLETED', createdAt: created, deleteAt: new Date('2026-11-27T00:00:00Z') },
        { arn: 'rp-2', resourceArn: WEB.arn, vaultName: 'main', status: 'COMPLETED', createdAt: created },
      ];
      const report = check('recovery_point_minimum_retention', {}, [vault()], inputs([WEB], { recoveryPoints: points }));
      expect(findings(report).map((f) => f.resource)).to.deep.equal(['rp-1']);
    });
  });

  describe('recovery_point_encrypted', () => {
    it('flags a vault without kms_key_arn at the vault block', () => {
      const plain = vault();
      const report = check('recovery_point_encrypted', {}, [plain]);
      expect(findings(report)).to.deep.equal([{ resource: 'backup_vault.main', line: plain.range.start.line, severity: 'error' }]);
      const keyed = vault({ kms_key_arn: 'arn:aws:kms:eu-west-1:123456789012:key/abc' });
      expect(findings(check('recovery_point_encrypted', {}, [keyed]))).to.deep.equal([]);
    });

    it('flags a logically air-gapped vault on the key AWS owns, as its own kind', () => {
      const airGapped = resource('logically_air_gapped_vault', 'isolated', { name: 'isolated', min_retention_days: 7, max_retention_days: 35 });
      const report = check('recovery_point_encrypted', {}, [airGapped]);
      expect(findings(report)).to.deep.equal([{ resource: 'logically_air_gapped_vault.isolated', line: airGapped.range.start.line, severity: 'error' }]);
      expect(report.results[0]!.findings[0]!.message).to.include('encrypted with a key AWS owns rather than a customer managed KMS key');
      const keyed = resource('logically_air_gapped_vault', 'isolated', { name: 'isolated', kms_key_arn: 'arn:aws:kms:eu-west-1:123456789012:key/abc' });
      expect(findings(check('recovery_point_encrypted', {}, [keyed]))).to.deep.equal([]);
    });
  });

  describe('resources_protected_by_backup_plan', () => {
    it('flags resources no selection matches, within the scope', () => {
      const report = check('resources_protected_by_backup_plan', {});
      expect(findings(report)).to.deep.equal([{ resource: ORDERS.arn, line: 901, severity: 'error' }]);
      expect(findings(check('resources_protected_by_backup_plan', { resource_types: ['EC2'] }))).to.deep.equal([]);
      expect(findings(check('resources_protected_by_backup_plan', { resource_ids: ['orders'] }))).to.have.length(1);
      expect(findings(check('resources_protected_by_backup_plan', { tags: { backup: 'daily' } }))).to.deep.equal([]);
    });

    it('points at the declaring block of an unprotected resource', () => {
      const report = check('resources_protected_by_backup_plan', {}, [vault(), dailyPlan(), tagSelection('weekly')]);
      expect(findings(report).find((f) => f.resource === WEB.arn)!.line).to.equal(5);
    });

    it('is not evaluated without any inventory', () => {
      const report = check('resources_protected_by_backup_plan', {}, undefined, inputs([]));
      expect(report.results[0]!.status).to.equal('not_evaluated');
      expect(isCompliant(report)).to.equal(true);
    });

    it('judges the policy\'s own resource blocks', () => {
      const own = { arn: 'arn:aws:elasticfilesystem:eu-west-1:123456789012:file-system/fs-1', tags: { backup: 'daily' } };
      const report = evaluatePolicies(config([vault(), dailyPlan(), tagSelection()], [policy([['resources_protected_by_backup_plan', { resource_types: ['EFS'] }]], [own])]), inputs([]));
      expect(report.results[0]!.status).to.equal('compliant');
      expect(report.results[0]!.evaluated).to.deep.equal([own.arn]);
    });
  });

  describe('resources_protected_by_cross_region and _cross_account', () => {
    const copyTo = (arn: string) => dailyPlan({ copy: [{ destination_vault_arn: arn }] });

    it('needs a copy to another Region (one of regions, when given)', () => {
      const params = { resource_types: ['EC2'] };
      expect(findings(check('resources_protected_by_cross_region', params, [vault(), copyTo('arn:aws:backup:eu-central-1:123456789012:backup-vault:dr'), tagSelection()]))).to.deep.equal([]);
      const sameRegion = check('resources_protected_by_cross_region', params, [vault(), copyTo('arn:aws:backup:eu-west-1:123456789012:backup-vault:dr'), tagSelection()]);
      expect(findings(sameRegion)).to.deep.equal([{ resource: WEB.arn, line: 10, severity: 'error' }]);
      const elsewhere = check('resources_protected_by_cross_region', { ...params, regions: ['us-east-1'] }, [vault(), copyTo('arn:aws:backup:eu-central-1:123456789012:backup-vault:dr'), tagSelection()]);
      expect(elsewhere.results[0]!.findings[0]!.message).to.include('copies only to eu-central-1');
    });

    it('needs a copy to another account (one of accounts, when given)', () => {
      const params = { resource_types: ['EC2'], accounts: ['111122223333'] };
      expect(findings(check('resources_protected_by_cross_account', params, [vault(), copyTo('arn:aws:backup:eu-west-1:111122223333:backup-vault:dr'), tagSelection()]))).to.deep.equal([]);
      expect(findings(check('resources_protected_by_cross_account', params, [vault(), dailyPlan(), tagSelection()]))).to.have.length(1);
    });
  });

  describe('resources_protected_by_backup_vault_lock', () => {
    const params = { resource_types: ['EC2'], min_retention_days: 7, max_retention_days: 3650 };
    it('needs a locked target vault within the bounds', () => {
      const locked = (min: number, max: number) => vault({ lock: { min_retention_days: min, max_retention_days: max } });
      expect(findings(check('resources_protected_by_backup_vault_lock', params, [locked(7, 3650), dailyPlan(), tagSelection()]))).to.deep.equal([]);
      expect(findings(check('resources_protected_by_backup_vault_lock', params, [locked(1, 3650), dailyPlan(), tagSelection()]))).to.deep.equal([
        { resource: WEB.arn, line: 14, severity: 'error' },
      ]);
      expect(findings(check('resources_protected_by_backup_vault_lock', params, [vault(), dailyPlan(), tagSelection()]))[0]!.line).to.equal(14);
    });

    it('counts a logically air-gapped target vault as locked with its retention range', () => {
      const airGapped = (min: number, max: number) =>
        resource('logically_air_gapped_vault', 'isolated', { name: 'main', min_retention_days: min, max_retention_days: max });
      expect(findings(check('resources_protected_by_backup_vault_lock', params, [airGapped(7, 365), dailyPlan(), tagSelection()]))).to.deep.equal([]);
      const tooLong = check('resources_protected_by_backup_vault_lock', params, [airGapped(7, 36500), dailyPlan(), tagSelection()]);
      expect(tooLong.results[0]!.findings[0]!.message).to.include('logically_air_gapped_vault.isolated, locked with max_retention_days = 36500');
    });
  });

  describe('last_recovery_point_created', () => {
    it('is not evaluated without -refresh', () => {
      const report = check('last_recovery_point_created', {});
      expect(report.results[0]!.status).to.equal('not_evaluated');
      expect(report.results[0]!.reason).to.include('needs -refresh');
      expect(isCompliant(report)).to.equal(true);
    });

    it('needs a completed recovery point newer than the age', () => {
      const point = (hoursAgo: number, status = 'COMPLETED') => ({
        arn: `rp-${hoursAgo}`,
        resourceArn: WEB.arn,
        vaultName: 'main',
        status,
        createdAt: new Date(Date.parse('2026-11-25T12:00:00Z') - hoursAgo * 3_600_000),
      });
      const params = { resource_types: ['EC2'], recovery_point_age_unit: 'hours', recovery_point_age_value: 24 };
      expect(findings(check('last_recovery_point_created', params, undefined, inputs([WEB], { recoveryPoints: [point(30), point(5)] })))).to.deep.equal([]);
      expect(findings(check('last_recovery_point_created', params, undefined, inputs([WEB], { recoveryPoints: [point(30), point(5, 'EXPIRED')] })))).to.have.length(1);
      expect(findings(check('last_recovery_point_created', params, undefined, inputs([WEB], { recoveryPoints: [] })))).to.deep.equal([{ resource: WEB.arn, line: 5, severity: 'error' }]);
    });

    it('is not evaluated when the refreshed account lists no resources', () => {
      const report = check('last_recovery_point_created', {}, undefined, inputs([], { recoveryPoints: [] }));
      expect(report.results[0]!.status).to.equal('not_evaluated');
      expect(report.results[0]!.reason).to.include('the account lists no resources');
    });
  });

  it('marks warning controls as reported but compliant, and summarizes per resource', () => {
    const report = check('resources_protected_by_backup_plan', { severity: 'warning' });
    expect(isCompliant(report)).to.equal(true);
    expect(summarize(report)).to.include({ controls: 1, resources: 2, warnings: 1, errors: 0 });
  });
});
