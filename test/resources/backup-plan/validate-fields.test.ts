// backup_plan's scanning, indexing, air-gapped and advanced settings: what validation reports, where.
import { expect } from 'chai';
import { validateBackupPlan } from '../../../src/resources/backup-plan/validate.js';
import { validationContext } from '../../../src/resources/rules/context.js';
import type { ObjectValue } from '../../../src/core/values.js';
import { config, NOW, provider, resource } from '../helpers.js';
import { vaultMain } from '../design-example.js';

const ROLE = 'arn:aws:iam::123456789012:role/scanner';
const rule = (fields: ObjectValue = {}): ObjectValue => ({ name: 'daily', target_vault: 'prod-prod', lifecycle: { delete_after_days: 35 }, ...fields });
const scanSetting = (fields: ObjectValue = {}): ObjectValue => ({ malware_scanner: 'GUARDDUTY', resource_types: ['EBS'], scanner_role_arn: ROLE, ...fields });
const fullScan: ObjectValue = { malware_scanner: 'GUARDDUTY', scan_mode: 'FULL_SCAN' };

function problems(attributes: ObjectValue, others = [resource('backup_vault', vaultMain, { name: 'main' })], providers = [provider('aws', { region: 'eu-west-1' })]) {
  const plan = resource('backup_plan', { name: 'p', ...attributes });
  return validateBackupPlan(plan, validationContext(config([...others, plan], providers), NOW));
}
const brief = (attributes: ObjectValue) => problems(attributes).map((p) => [p.severity, p.path, p.summary]);

describe('resources/backup-plan/validate-fields', () => {
  it('accepts a plan with every new field set as AWS documents it', () => {
    expect(
      problems({
        rule: [
          rule({
            scan_action: [fullScan],
            index_action: [{ resource_types: ['EBS'] }],
            target_logically_air_gapped_vault_arn: 'arn:aws:backup:eu-west-1:123456789012:backup-vault:airgapped',
            lifecycle: { delete_after_days: 35, opt_in_to_archive_for_supported_resources: true },
          }),
        ],
        scan_setting: [scanSetting()],
        advanced_backup_setting: [
          { resource_type: 'S3', options: { BackupACLs: 'disabled', BackupObjectTags: 'enabled' } },
          { resource_type: 'EC2', options: { WindowsVSS: 'enabled' } },
        ],
      }),
    ).to.deep.equal([]);
  });

  it('reports a scan action whose scanner has no scan setting, and a scan setting no rule uses', () => {
    expect(brief({ rule: [rule({ scan_action: [fullScan] })] })).to.deep.equal([['warning', '/rule/0/scan_action/0', 'Scan action without a scan setting']]);
    expect(brief({ rule: [rule()], scan_setting: [scanSetting()] })).to.deep.equal([['warning', '/scan_setting/0', 'Scan setting without a scan action']]);
  });

  it('reports duplicate scanners and a scanner role that is not an IAM role ARN, at the attribute', () => {
    expect(
      brief({
        rule: [rule({ scan_action: [fullScan, { ...fullScan, scan_mode: 'INCREMENTAL_SCAN' }] })],
        scan_setting: [scanSetting(), scanSetting({ scanner_role_arn: 'scanner' })],
      }),
    ).to.deep.equal([
      ['error', '/scan_setting/1/scanner_role_arn', 'Invalid IAM role ARN'],
      ['error', '/scan_setting/1/malware_scanner', 'Duplicate scan setting'],
      ['error', '/rule/0/scan_action/1/malware_scanner', 'Duplicate scan action'],
    ]);
  });

  it('checks advanced backup options against the options AWS documents per resource type', () => {
    const found = problems({
      rule: [rule()],
      advanced_backup_setting: [
        { resource_type: 'S3', options: { BackupAcls: 'disabled' } },
        { resource_type: 'S3', options: { BackupObjectTags: 'disabled' } },
        { resource_type: 'EC2', options: { WindowsVSS: 'disabled' } },
      ],
      windows_vss: true,
    });
    expect(found.map((p) => [p.path, p.summary])).to.deep.equal([
      ['/advanced_backup_setting/0/options/BackupAcls', 'Unknown backup option'],
      ['/advanced_backup_setting/1/resource_type', 'Duplicate advanced backup setting'],
      ['/advanced_backup_setting/2/options/WindowsVSS', 'Conflicting Windows VSS settings'],
    ]);
    expect(found[0]!.detail).to.include('S3 accepts: BackupACLs, BackupObjectTags, S3BackupACLs, S3BackupObjectTags');
  });

  it('checks the shape of a rule\'s logically air-gapped vault ARN', () => {
    expect(brief({ rule: [rule({ target_logically_air_gapped_vault_arn: 'airgapped' })] })).to.deep.equal([
      ['error', '/rule/0/target_logically_air_gapped_vault_arn', 'Invalid backup vault ARN'],
    ]);
  });

  describe('copies into a locked vault known only by name', () => {
    const locked = resource('backup_vault', { name: 'dr', lock: { min_retention_days: 30 } }, { name: 'dr', provider: 'aws.dr' });
    const copy = { destination_vault_arn: 'arn:aws:backup:us-east-1:123456789012:backup-vault:dr' };

    it('warns when the vault\'s provider states no Region, so bkp cannot tell whether it is the destination', () => {
      const found = problems(
        { rule: [rule({ lifecycle: { delete_after_days: 10 }, copy: [copy] })] },
        [resource('backup_vault', vaultMain, { name: 'main' }), locked],
        [provider('aws', { region: 'eu-west-1' }), provider('aws', {}, 'dr')],
      );
      expect(found.map((p) => [p.severity, p.path, p.summary])).to.deep.equal([['warning', '/rule/0/copy/0', 'A copy may be refused by the destination vault lock']]);
      expect(found[0]!.detail).to.include('keeps recovery points 10 days').and.include('backup_vault.dr is named "dr", but its provider states no region');
    });

    it('says nothing when the copy\'s retention satisfies that lock', () => {
      expect(
        problems(
          { rule: [rule({ lifecycle: { delete_after_days: 10 }, copy: [{ ...copy, lifecycle: { delete_after_days: 30 } }] })] },
          [resource('backup_vault', vaultMain, { name: 'main' }), locked],
          [provider('aws', { region: 'eu-west-1' }), provider('aws', {}, 'dr')],
        ),
      ).to.deep.equal([]);
    });
  });
});
