// The protection controls and the account's AWS Backup settings: a resource type that is not opted
// in is not protected whatever the selections say, and copies to another account need cross-account
// backup. The configuration's region_settings/global_settings say it first, the refreshed account next.
import { expect } from 'chai';
import { evaluatePolicies } from '../../src/policy/evaluate.js';
import type { CheckReport } from '../../src/policy/model.js';
import type { ObjectValue } from '../../src/core/values.js';
import type { ResourceConfig } from '../../src/config/model.js';
import { config, dailyPlan, inputs, policy, resource, tagSelection, vault, WEB } from './builders.js';

const findings = (report: CheckReport) => report.results.flatMap((r) => r.findings.map((f) => ({ resource: f.resource, file: f.range?.file, line: f.range?.start.line })));
const messages = (report: CheckReport) => report.results.flatMap((r) => r.findings.map((f) => f.message));

function check(control: string, params: ObjectValue, resources: ResourceConfig[], extra = inputs([WEB])): CheckReport {
  return evaluatePolicies(config(resources, [policy([[control, params]])]), extra);
}

describe('policy controls and account settings', () => {
  const regionSettings = (optIn: ObjectValue) => resource('region_settings', 'main', { resource_type_opt_in_preference: optIn }, { '/resource_type_opt_in_preference/EC2': 333 });

  it('a type the configured region_settings opts out of is not protected, whatever the selections say', () => {
    const report = check('resources_protected_by_backup_plan', {}, [vault(), dailyPlan(), tagSelection(), regionSettings({ EC2: false })]);
    expect(findings(report)).to.deep.equal([{ resource: WEB.arn, file: 'main.bkp.hcl', line: 333 }]);
    expect(messages(report)[0]).to.include('AWS Backup does not back up EC2 resources in eu-west-1 because region_settings.main sets "EC2" = false in resource_type_opt_in_preference, whatever its selections say');
    expect(findings(check('resources_protected_by_backup_plan', {}, [vault(), dailyPlan(), tagSelection(), regionSettings({ EC2: true, RDS: false })]))).to.deep.equal([]);
  });

  it('with -refresh, the account\'s opt-in decides for the types the configuration leaves unset', () => {
    const refreshed = (optIn: Record<string, boolean>) => inputs([WEB], { recoveryPoints: [], accountSettings: [{ region: 'eu-west-1', account: '123456789012', optIn }] });
    const report = check('resources_protected_by_backup_plan', {}, [vault(), dailyPlan(), tagSelection()], refreshed({ EC2: false }));
    expect(findings(report)).to.deep.equal([{ resource: WEB.arn, file: 'main.bkp.hcl', line: 5 }]);
    expect(messages(report)[0]).to.include('the account\'s service opt-in (DescribeRegionSettings in eu-west-1) has "EC2" = false');
    // The configuration opts in: apply will make the account match, so it counts.
    expect(findings(check('resources_protected_by_backup_plan', {}, [vault(), dailyPlan(), tagSelection(), regionSettings({ EC2: true })], refreshed({ EC2: false })))).to.deep.equal([]);
    // Another Region's settings do not apply.
    const elsewhere = inputs([WEB], { recoveryPoints: [], accountSettings: [{ region: 'us-east-1', optIn: { EC2: false } }] });
    expect(findings(check('resources_protected_by_backup_plan', {}, [vault(), dailyPlan(), tagSelection()], elsewhere))).to.deep.equal([]);
  });

  describe('resources_protected_by_cross_account', () => {
    const params = { resource_types: ['EC2'] };
    const copying = () => [vault(), dailyPlan({ copy: [{ destination_vault_arn: 'arn:aws:backup:eu-west-1:111122223333:backup-vault:dr' }] }), tagSelection()];
    const globalSettings = (enabled: boolean) => resource('global_settings', 'org', { cross_account_backup: enabled }, { '/cross_account_backup': 444 });

    it('needs cross-account backup enabled in the configured global_settings', () => {
      expect(findings(check('resources_protected_by_cross_account', params, [...copying(), globalSettings(true)]))).to.deep.equal([]);
      const report = check('resources_protected_by_cross_account', params, [...copying(), globalSettings(false)]);
      expect(findings(report)).to.deep.equal([{ resource: WEB.arn, file: 'main.bkp.hcl', line: 444 }]);
      expect(messages(report)[0]).to.include('copies to account 111122223333, but global_settings.org sets cross_account_backup = false');
    });

    it('or, with -refresh, in the account', () => {
      const refreshed = (crossAccountBackup: boolean) => inputs([WEB], { recoveryPoints: [], accountSettings: [{ region: 'eu-west-1', account: '123456789012', optIn: {}, crossAccountBackup }] });
      const report = check('resources_protected_by_cross_account', params, copying(), refreshed(false));
      expect(messages(report)[0]).to.include('isCrossAccountBackupEnabled = false');
      expect(findings(check('resources_protected_by_cross_account', params, copying(), refreshed(true)))).to.deep.equal([]);
      // Nothing known: the copy action decides, as before.
      expect(findings(check('resources_protected_by_cross_account', params, copying()))).to.deep.equal([]);
    });
  });
});
