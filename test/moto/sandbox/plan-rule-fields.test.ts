// Every field of a backup plan rule and of a plan (scan and index actions, the air-gapped vault, the
// lifecycle's archive opt-in, a copy's full lifecycle, scan settings, S3 advanced options) round-trips
// through CreateBackupPlan and GetBackupPlan on moto as on the sandbox. Skipped, with a message,
// without moto.
import { expect } from 'chai';
import { CreateBackupPlanCommand, CreateBackupVaultCommand, GetBackupPlanCommand, type BackupPlanInput } from '@aws-sdk/client-backup';
import { requireMoto, type MotoServer } from '../../support/moto.js';
import { inProcessTarget, motoTarget, type Target } from '../../sandbox/conformance/targets.js';

const AIRGAPPED = 'arn:aws:backup:us-east-1:123456789012:backup-vault:airgapped';

const PLAN: BackupPlanInput = {
  BackupPlanName: 'every-field',
  Rules: [
    {
      RuleName: 'daily',
      TargetBackupVaultName: 'main',
      ScheduleExpression: 'cron(0 5 ? * * *)',
      TargetLogicallyAirGappedBackupVaultArn: AIRGAPPED,
      Lifecycle: { DeleteAfterDays: 35, OptInToArchiveForSupportedResources: true },
      CopyActions: [{ DestinationBackupVaultArn: AIRGAPPED, Lifecycle: { MoveToColdStorageAfterDays: 10, DeleteAfterDays: 100, OptInToArchiveForSupportedResources: true } }],
      IndexActions: [{ ResourceTypes: ['EBS'] }],
      ScanActions: [{ MalwareScanner: 'GUARDDUTY', ScanMode: 'INCREMENTAL_SCAN' }],
    },
  ],
  AdvancedBackupSettings: [{ ResourceType: 'S3', BackupOptions: { BackupACLs: 'disabled', BackupObjectTags: 'disabled' } }],
  ScanSettings: [{ MalwareScanner: 'GUARDDUTY', ResourceTypes: ['EBS'], ScannerRoleArn: 'arn:aws:iam::123456789012:role/scanner' }],
};

const RULE_FIELDS = ['TargetLogicallyAirGappedBackupVaultArn', 'Lifecycle', 'CopyActions', 'IndexActions', 'ScanActions'] as const;

async function roundTrip(target: Target) {
  const { backup } = target.clients;
  await backup.send(new CreateBackupVaultCommand({ BackupVaultName: 'main' }));
  const created = await backup.send(new CreateBackupPlanCommand({ BackupPlan: PLAN }));
  const read = await backup.send(new GetBackupPlanCommand({ BackupPlanId: created.BackupPlanId }));
  const rule = read.BackupPlan!.Rules![0]!;
  return {
    rule: Object.fromEntries(RULE_FIELDS.map((field) => [field, rule[field]])),
    AdvancedBackupSettings: read.BackupPlan!.AdvancedBackupSettings,
    ScanSettings: read.BackupPlan!.ScanSettings,
  };
}

describe('conformance: plan rule fields round-trip on moto as on the sandbox', function () {
  let moto: MotoServer | undefined;

  before(async function () {
    moto = await requireMoto(this);
  });
  after(async () => {
    await moto?.stop();
  });

  it('GetBackupPlan returns every rule and plan field as CreateBackupPlan sent it, on both', async () => {
    const expected = {
      rule: Object.fromEntries(RULE_FIELDS.map((field) => [field, PLAN.Rules![0]![field]])),
      AdvancedBackupSettings: PLAN.AdvancedBackupSettings,
      ScanSettings: PLAN.ScanSettings,
    };
    for (const make of [() => Promise.resolve(motoTarget(moto!.endpoint)), inProcessTarget]) {
      const target = await make();
      try {
        expect(await roundTrip(target)).to.deep.equal(expected);
      } finally {
        await target.close();
      }
    }
  });
});
