// Every member of BackupPlanInput and its nested shapes is stored and returned by GetBackupPlan,
// as AWS does: a change made through a console or another client must be visible to a reader.
import { expect } from 'chai';
import {
  CreateBackupPlanCommand,
  CreateBackupVaultCommand,
  GetBackupPlanCommand,
  UpdateBackupPlanCommand,
  type BackupPlanInput,
  type BackupRuleInput,
} from '@aws-sdk/client-backup';
import { ACCOUNT_ID, REGION, rejection, sandboxFixture, type SandboxFixture } from '../fixture.js';

const VAULT_ARN = `arn:aws:backup:${REGION}:${ACCOUNT_ID}:backup-vault:main`;
const AIR_GAPPED_ARN = `arn:aws:backup:${REGION}:${ACCOUNT_ID}:backup-vault:air-gapped`;
const SCANNER_ROLE = `arn:aws:iam::${ACCOUNT_ID}:role/ScannerRole`;

/** A rule with every member of BackupRuleInput (and CopyAction, Lifecycle, IndexAction, ScanAction) set. */
function fullRule(overrides: Partial<BackupRuleInput> = {}): BackupRuleInput {
  return {
    RuleName: 'daily',
    TargetBackupVaultName: 'main',
    TargetLogicallyAirGappedBackupVaultArn: AIR_GAPPED_ARN,
    ScheduleExpression: 'cron(0 5 ? * * *)',
    ScheduleExpressionTimezone: 'Europe/Paris',
    StartWindowMinutes: 60,
    CompletionWindowMinutes: 180,
    Lifecycle: { MoveToColdStorageAfterDays: 30, DeleteAfterDays: 365, OptInToArchiveForSupportedResources: true },
    RecoveryPointTags: { plan: 'daily' },
    CopyActions: [{ DestinationBackupVaultArn: VAULT_ARN, Lifecycle: { DeleteAfterDays: 90, OptInToArchiveForSupportedResources: false } }],
    EnableContinuousBackup: false,
    IndexActions: [{ ResourceTypes: ['EBS'] }],
    ScanActions: [{ MalwareScanner: 'GUARDDUTY', ScanMode: 'INCREMENTAL_SCAN' }],
    ...overrides,
  };
}

function fullPlan(rule: BackupRuleInput): BackupPlanInput {
  return {
    BackupPlanName: 'everything',
    Rules: [rule],
    AdvancedBackupSettings: [
      { ResourceType: 'EC2', BackupOptions: { WindowsVSS: 'enabled' } },
      { ResourceType: 'S3', BackupOptions: { BackupACLs: 'disabled', BackupObjectTags: 'disabled' } },
    ],
    ScanSettings: [{ MalwareScanner: 'GUARDDUTY', ResourceTypes: ['EBS', 'S3'], ScannerRoleArn: SCANNER_ROLE }],
  };
}

/** What GetBackupPlan returns for `input`: the same members, plus the rule ids AWS assigns. */
function withoutRuleIds(plan: BackupPlanInput | undefined): unknown {
  return { ...plan, Rules: plan?.Rules?.map(({ RuleId: _id, ...rest }: BackupRuleInput & { RuleId?: string }) => rest) };
}

describe('sandbox backup: every plan field round-trips', () => {
  let sb: SandboxFixture;
  beforeEach(async () => {
    sb = await sandboxFixture();
    await sb.client.send(new CreateBackupVaultCommand({ BackupVaultName: 'main' }));
  });
  afterEach(() => sb.cleanup());

  it('returns every member given to CreateBackupPlan and UpdateBackupPlan, and older versions as they were', async () => {
    const original = fullPlan(fullRule());
    const created = await sb.client.send(new CreateBackupPlanCommand({ BackupPlan: original }));
    const afterCreate = await sb.client.send(new GetBackupPlanCommand({ BackupPlanId: created.BackupPlanId }));
    expect(withoutRuleIds(afterCreate.BackupPlan)).to.deep.equal(original);
    expect(afterCreate.AdvancedBackupSettings).to.deep.equal(original.AdvancedBackupSettings);

    const changed = fullPlan(fullRule({ IndexActions: [{ ResourceTypes: ['S3'] }], ScanActions: [{ MalwareScanner: 'GUARDDUTY', ScanMode: 'FULL_SCAN' }] }));
    await sb.client.send(new UpdateBackupPlanCommand({ BackupPlanId: created.BackupPlanId, BackupPlan: changed }));
    const afterUpdate = await sb.client.send(new GetBackupPlanCommand({ BackupPlanId: created.BackupPlanId }));
    expect(withoutRuleIds(afterUpdate.BackupPlan)).to.deep.equal(changed);

    const old = await sb.client.send(new GetBackupPlanCommand({ BackupPlanId: created.BackupPlanId, VersionId: created.VersionId }));
    expect(withoutRuleIds(old.BackupPlan)).to.deep.equal(original);
  });

  it('still validates what AWS validates in those members', async () => {
    const cases: [BackupPlanInput, RegExp][] = [
      [fullPlan(fullRule({ ScanActions: [{ MalwareScanner: 'OTHER' as never }] })), /MalwareScanner/],
      [fullPlan(fullRule({ ScanActions: [{ ScanMode: 'QUICK' as never }] })), /ScanMode/],
      [fullPlan(fullRule({ IndexActions: [{ ResourceTypes: ['EBS'] }, { ResourceTypes: ['S3'] }] })), /at most one IndexAction/],
      [fullPlan(fullRule({ TargetLogicallyAirGappedBackupVaultArn: 'not-an-arn' })), /TargetLogicallyAirGappedBackupVaultArn/],
      [{ ...fullPlan(fullRule()), AdvancedBackupSettings: [{ ResourceType: 'EC2', BackupOptions: { WindowsVSS: 'maybe' } }] }, /WindowsVSS/],
      [fullPlan(fullRule({ IndexActions: [{ ResourceTypes: ['RDS'] }] })), /exactly one of EBS, S3/],
      [fullPlan(fullRule({ IndexActions: [{ ResourceTypes: ['EBS', 'S3'] }] })), /exactly one of EBS, S3/],
      [{ ...fullPlan(fullRule()), AdvancedBackupSettings: [{ ResourceType: 'S3', BackupOptions: { BackupAcls: 'disabled' } }] }, /BackupACLs, BackupObjectTags/],
      [{ ...fullPlan(fullRule()), AdvancedBackupSettings: [{ ResourceType: 'S3', BackupOptions: { BackupACLs: 'off' } }] }, /BackupACLs=off/],
    ];
    for (const [plan, message] of cases) {
      const error = await rejection(sb.client.send(new CreateBackupPlanCommand({ BackupPlan: plan })));
      expect(error.name, JSON.stringify(plan)).to.equal('InvalidParameterValueException');
      expect(error.message).to.match(message);
    }
  });
});
