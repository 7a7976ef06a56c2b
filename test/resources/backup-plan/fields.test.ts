// backup_plan's scanning, indexing, air-gapped and advanced settings: their canonical form (unset and
// AWS defaults compare equal, sets sorted), the request the handler sends and what it reads back.
import { expect } from 'chai';
import type { BackupClient, BackupPlan, BackupPlanInput } from '@aws-sdk/client-backup';
import { backupPlanModel } from '../../../src/resources/backup-plan/model.js';
import { backupPlanHandler } from '../../../src/resources/backup-plan/handler.js';
import { changedAttributes } from '../../../src/engine/planner.js';
import { managedPart } from '../../../src/resources/managed.js';
import { unmanagedPartName } from '../../../src/resources/kind-model.js';
import type { HandlerContext } from '../../../src/resources/handler.js';
import type { ObjectValue } from '../../../src/core/values.js';

const ROLE = 'arn:aws:iam::123456789012:role/scanner';
const AIRGAPPED = 'arn:aws:backup:eu-west-1:123456789012:backup-vault:airgapped';

const configured: ObjectValue = {
  name: 'daily',
  rule: [
    {
      name: 'daily',
      target_vault: 'main',
      lifecycle: { delete_after_days: 35, opt_in_to_archive_for_supported_resources: true },
      scan_action: [{ malware_scanner: 'GUARDDUTY', scan_mode: 'INCREMENTAL_SCAN' }],
      index_action: [{ resource_types: ['S3'] }],
      target_logically_air_gapped_vault_arn: AIRGAPPED,
    },
  ],
  scan_setting: [{ malware_scanner: 'GUARDDUTY', resource_types: ['S3', 'EBS'], scanner_role_arn: ROLE }],
  advanced_backup_setting: [
    { resource_type: 'S3', options: { BackupObjectTags: 'disabled', BackupACLs: 'enabled' } },
    { resource_type: 'EC2', options: { WindowsVSS: 'enabled' } },
  ],
  tags: {},
};

/** The plan as AWS stores what bkp sent for `configured`. */
const stored: BackupPlan = {
  BackupPlanName: 'daily',
  Rules: [
    {
      RuleName: 'daily',
      RuleId: 'r-1',
      TargetBackupVaultName: 'main',
      ScheduleExpression: 'cron(0 5 ? * * *)',
      ScheduleExpressionTimezone: 'Etc/UTC',
      StartWindowMinutes: 480,
      CompletionWindowMinutes: 10080,
      Lifecycle: { DeleteAfterDays: 35, OptInToArchiveForSupportedResources: true },
      ScanActions: [{ MalwareScanner: 'GUARDDUTY', ScanMode: 'INCREMENTAL_SCAN' }],
      IndexActions: [{ ResourceTypes: ['S3'] }],
      TargetLogicallyAirGappedBackupVaultArn: AIRGAPPED,
    },
  ],
  ScanSettings: [{ MalwareScanner: 'GUARDDUTY', ResourceTypes: ['S3', 'EBS'], ScannerRoleArn: ROLE }],
  AdvancedBackupSettings: [
    { ResourceType: 'EC2', BackupOptions: { WindowsVSS: 'enabled' } },
    { ResourceType: 'S3', BackupOptions: { BackupObjectTags: 'disabled', BackupACLs: 'enabled' } },
  ],
};

function fakeBackup(plan: BackupPlan, sent: Array<{ name: string; input: Record<string, unknown> }>): HandlerContext {
  const backup = {
    async send(command: { constructor: { name: string }; input: Record<string, unknown> }) {
      sent.push({ name: command.constructor.name, input: command.input });
      if (command.constructor.name === 'GetBackupPlanCommand') return { BackupPlan: plan, BackupPlanArn: 'arn:p', VersionId: 'v1' };
      if (command.constructor.name === 'ListTagsCommand') return { Tags: {} };
      return { BackupPlanId: 'p-1', BackupPlanArn: 'arn:p', VersionId: 'v2' };
    },
  } as unknown as BackupClient;
  return { backup, lineage: 'l', settings: {}, tagging: async () => ({}), limit: (call: () => Promise<unknown>) => call() } as unknown as HandlerContext;
}

const changed = (a: ObjectValue, b: ObjectValue) => changedAttributes(backupPlanModel, backupPlanModel.canonical(a), backupPlanModel.canonical(b));

describe('resources/backup-plan: scanning, indexing, air-gapped and advanced settings', () => {
  it('canonical form: sets sorted, options at their AWS default dropped, WindowsVSS is windows_vss', () => {
    const c = backupPlanModel.canonical(configured);
    expect(c.windows_vss).to.equal(true);
    expect(c.advanced_backup_setting).to.deep.equal([{ resource_type: 'S3', options: { BackupObjectTags: 'disabled' } }]);
    expect(c.scan_setting).to.deep.equal([{ malware_scanner: 'GUARDDUTY', resource_types: ['EBS', 'S3'], scanner_role_arn: ROLE }]);
    const [rule] = c.rule as ObjectValue[];
    expect(rule!.scan_action).to.deep.equal([{ malware_scanner: 'GUARDDUTY', scan_mode: 'INCREMENTAL_SCAN' }]);
    expect(rule!.index_action).to.deep.equal([{ resource_types: ['S3'] }]);
    expect(rule!.target_logically_air_gapped_vault_arn).to.equal(AIRGAPPED);
  });

  it('no spurious diff: unset equals empty, and options at their AWS default equal no options', () => {
    const bare: ObjectValue = { name: 'daily', rule: [{ name: 'daily', target_vault: 'main' }], tags: {} };
    const emptied: ObjectValue = {
      ...bare,
      rule: [{ name: 'daily', target_vault: 'main', scan_action: [], index_action: [] }],
      scan_setting: [],
      advanced_backup_setting: [{ resource_type: 'S3', options: { BackupACLs: 'enabled', S3BackupObjectTags: 'enabled' } }, { resource_type: 'EC2', options: { WindowsVSS: 'disabled' } }],
    };
    expect(changed(bare, emptied)).to.deep.equal([]);
    expect(changed({ ...bare, windows_vss: true }, { ...bare, advanced_backup_setting: [{ resource_type: 'EC2', options: { WindowsVSS: 'enabled' } }] })).to.deep.equal([]);
  });

  it('each new field is a change when it differs', () => {
    const withRule = (fields: ObjectValue): ObjectValue => ({ ...configured, rule: [{ ...(configured.rule as ObjectValue[])[0]!, ...fields }] });
    expect(changed(configured, withRule({ scan_action: [{ malware_scanner: 'GUARDDUTY', scan_mode: 'FULL_SCAN' }] }))).to.deep.equal(['rule']);
    expect(changed(configured, withRule({ index_action: [{ resource_types: ['EBS'] }] }))).to.deep.equal(['rule']);
    expect(changed(configured, withRule({ target_logically_air_gapped_vault_arn: null }))).to.deep.equal(['rule']);
    expect(changed(configured, { ...configured, scan_setting: [] })).to.deep.equal(['scan_setting']);
    expect(changed(configured, { ...configured, advanced_backup_setting: [] })).to.deep.equal(['advanced_backup_setting', 'windows_vss']);
  });

  it('creates the plan with every field in the request', async () => {
    const sent: Array<{ name: string; input: Record<string, unknown> }> = [];
    await backupPlanHandler.create(fakeBackup(stored, sent), 'backup_plan.daily', backupPlanModel.canonical(configured), {
      token: 't',
      created: async () => {},
    } as never);
    const request = sent.find((c) => c.name === 'CreateBackupPlanCommand')!.input.BackupPlan as BackupPlanInput;
    const rule = request.Rules![0]!;
    expect(rule.ScanActions).to.deep.equal([{ MalwareScanner: 'GUARDDUTY', ScanMode: 'INCREMENTAL_SCAN' }]);
    expect(rule.IndexActions).to.deep.equal([{ ResourceTypes: ['S3'] }]);
    expect(rule.TargetLogicallyAirGappedBackupVaultArn).to.equal(AIRGAPPED);
    expect(rule.Lifecycle).to.deep.equal({ DeleteAfterDays: 35, OptInToArchiveForSupportedResources: true });
    expect(request.ScanSettings).to.deep.equal([{ MalwareScanner: 'GUARDDUTY', ResourceTypes: ['EBS', 'S3'], ScannerRoleArn: ROLE }]);
    expect(request.AdvancedBackupSettings).to.deep.equal([
      { ResourceType: 'S3', BackupOptions: { BackupObjectTags: 'disabled' } },
      { ResourceType: 'EC2', BackupOptions: { WindowsVSS: 'enabled' } },
    ]);
  });

  it('reads every field back with no diff against the configuration, and keeps nothing unmodelled', async () => {
    const read = await backupPlanHandler.read(fakeBackup(stored, []), 'p-1', {}, undefined);
    expect(read!.unmodelled).to.equal(undefined);
    expect(changed(read!, configured)).to.deep.equal([]);
  });

  it('an update of the scan settings alone calls UpdateBackupPlan', async () => {
    const sent: Array<{ name: string; input: Record<string, unknown> }> = [];
    const before = { ...backupPlanModel.canonical(configured), id: 'p-1', arn: 'arn:p', version_id: 'v1' };
    const after = { ...before, scan_setting: [{ malware_scanner: 'GUARDDUTY', resource_types: ['EBS'], scanner_role_arn: ROLE }] };
    const updated = await backupPlanHandler.update(fakeBackup(stored, sent), 'p-1', before, after);
    const request = sent.find((c) => c.name === 'UpdateBackupPlanCommand')!.input.BackupPlan as BackupPlanInput;
    expect(request.ScanSettings).to.deep.equal([{ MalwareScanner: 'GUARDDUTY', ResourceTypes: ['EBS'], ScannerRoleArn: ROLE }]);
    expect(updated.version_id).to.equal('v2');
  });

  describe('settings made outside bkp', () => {
    const bare: ObjectValue = { name: 'daily', rule: [{ name: 'daily', target_vault: 'main', lifecycle: { delete_after_days: 35 } }], tags: {} };

    it('are not compared until the configuration or the state sets them, and each is named', async () => {
      const read = (await backupPlanHandler.read(fakeBackup(stored, []), 'p-1', {}, undefined))!;
      const part = managedPart(backupPlanModel, read, [bare, bare]);
      expect(part.unmanaged.map(unmanagedPartName)).to.deep.equal([
        'scan_setting',
        'advanced_backup_setting',
        'scan_action of rule "daily"',
        'index_action of rule "daily"',
        'target_logically_air_gapped_vault_arn of rule "daily"',
      ]);
      const withArchive = { ...bare, rule: [{ name: 'daily', target_vault: 'main', lifecycle: { delete_after_days: 35, opt_in_to_archive_for_supported_resources: true } }], windows_vss: true };
      expect(changed(part.attributes, withArchive)).to.deep.equal([]);
      const managed = managedPart(backupPlanModel, read, [configured]);
      expect(managed.unmanaged).to.deep.equal([]);
      expect(changed(managed.attributes, configured)).to.deep.equal([]);
    });

    it('an update sends them back as the account holds them; a field the state managed and the configuration dropped is removed', async () => {
      const sent: Array<{ name: string; input: Record<string, unknown> }> = [];
      const before: ObjectValue = { ...backupPlanModel.canonical(bare), id: 'p-1', arn: 'arn:p', version_id: 'v1' };
      const after = { ...before, rule: [{ ...(before.rule as ObjectValue[])[0]!, lifecycle: { delete_after_days: 42 } }] };
      await backupPlanHandler.update(fakeBackup(stored, sent), 'p-1', before, after);
      const request = sent.find((c) => c.name === 'UpdateBackupPlanCommand')!.input.BackupPlan as BackupPlanInput;
      expect(request.ScanSettings).to.deep.equal(stored.ScanSettings);
      expect(request.AdvancedBackupSettings).to.deep.equal([
        { ResourceType: 'S3', BackupOptions: { BackupObjectTags: 'disabled', BackupACLs: 'enabled' } },
      ]);
      expect(request.Rules![0]).to.deep.include({ ScanActions: stored.Rules![0]!.ScanActions, IndexActions: stored.Rules![0]!.IndexActions, TargetLogicallyAirGappedBackupVaultArn: AIRGAPPED });

      sent.length = 0;
      const managedBefore = { ...backupPlanModel.canonical(configured), id: 'p-1', arn: 'arn:p', version_id: 'v1' };
      const dropped = { ...backupPlanModel.canonical(bare), id: 'p-1', arn: 'arn:p', version_id: 'v1' };
      await backupPlanHandler.update(fakeBackup(stored, sent), 'p-1', managedBefore, dropped);
      const removal = sent.find((c) => c.name === 'UpdateBackupPlanCommand')!.input.BackupPlan as BackupPlanInput;
      expect(removal.ScanSettings).to.equal(undefined);
      expect(removal.AdvancedBackupSettings).to.equal(undefined);
      expect(removal.Rules![0]!.ScanActions).to.equal(undefined);
      expect(removal.Rules![0]!.IndexActions).to.equal(undefined);
    });
  });
});
