// A plan rule's TargetLogicallyAirGappedBackupVaultArn: its scheduled jobs make their recovery
// points in the air-gapped vault, with the rule's lifecycle, within the vault's retention range.
import { expect } from 'chai';
import {
  CreateBackupPlanCommand,
  CreateBackupSelectionCommand,
  CreateBackupVaultCommand,
  CreateLogicallyAirGappedBackupVaultCommand,
  ListBackupJobsCommand,
  ListRecoveryPointsByBackupVaultCommand,
  type BackupRuleInput,
} from '@aws-sdk/client-backup';
import { ACCOUNT_ID, DAY, HOUR, REGION, ROLE_ARN, sandboxFixture, type SandboxFixture } from '../fixture.js';

const AIRGAP_ARN = `arn:aws:backup:${REGION}:${ACCOUNT_ID}:backup-vault:airgap`;

describe('sandbox backup: plan rules targeting a logically air-gapped vault', () => {
  let sb: SandboxFixture;
  beforeEach(async () => {
    sb = await sandboxFixture();
    await sb.client.send(new CreateBackupVaultCommand({ BackupVaultName: 'main' }));
    await sb.client.send(new CreateLogicallyAirGappedBackupVaultCommand({ BackupVaultName: 'airgap', MinRetentionDays: 7, MaxRetentionDays: 35 }));
  });
  afterEach(() => sb.cleanup());

  async function dailyPlan(rule: Partial<BackupRuleInput>): Promise<string> {
    const plan = await sb.client.send(
      new CreateBackupPlanCommand({
        BackupPlan: {
          BackupPlanName: 'p',
          Rules: [{ RuleName: 'daily', TargetBackupVaultName: 'main', ScheduleExpression: 'cron(0 5 ? * * *)', StartWindowMinutes: 60, ...rule }],
        },
      }),
    );
    await sb.client.send(
      new CreateBackupSelectionCommand({ BackupPlanId: plan.BackupPlanId, BackupSelection: { SelectionName: 's', IamRoleArn: ROLE_ARN, Resources: ['*'] } }),
    );
    return plan.BackupPlanId!;
  }

  const pointsIn = async (vault: string) =>
    (await sb.client.send(new ListRecoveryPointsByBackupVaultCommand({ BackupVaultName: vault }))).RecoveryPoints ?? [];
  const jobs = async () => (await sb.client.send(new ListBackupJobsCommand({}))).BackupJobs ?? [];

  it('makes the scheduled recovery point in the air-gapped vault with the rule lifecycle, and expires it with that lifecycle', async () => {
    const web = await sb.addResource('ec2-instance', 'web', { sizeGiB: 8 });
    const planId = await dailyPlan({ TargetLogicallyAirGappedBackupVaultArn: AIRGAP_ARN, Lifecycle: { DeleteAfterDays: 10 } });
    await sb.advance(5 * HOUR + 2 * HOUR);
    const [job] = await jobs();
    expect([job?.State, job?.BackupVaultName]).to.deep.equal(['COMPLETED', 'main']);
    expect(await pointsIn('main')).to.deep.equal([]);
    const [point, ...others] = await pointsIn('airgap');
    expect(others).to.have.length(0);
    expect(point).to.deep.include({ RecoveryPointArn: job!.RecoveryPointArn, ResourceArn: web.arn, BackupVaultName: 'airgap', VaultType: 'LOGICALLY_AIR_GAPPED_BACKUP_VAULT' });
    expect(point!.Lifecycle).to.deep.equal({ DeleteAfterDays: 10 });
    expect(point!.CreatedBy?.BackupPlanId).to.equal(planId);
    // The next day's backup goes there too; the first point is gone 10 days after its creation.
    await sb.advance(DAY);
    expect(await pointsIn('airgap')).to.have.length(2);
    await sb.advance(9 * DAY);
    const left = await pointsIn('airgap');
    expect(left.map((p) => p.RecoveryPointArn)).to.not.include(point!.RecoveryPointArn);
    expect(left.every((p) => p.CreationDate!.getTime() > point!.CreationDate!.getTime())).to.equal(true);
  });

  it("fails the scheduled job when the rule's retention lies outside the air-gapped vault's range", async () => {
    await sb.addResource('ec2-instance', 'web');
    await dailyPlan({ TargetLogicallyAirGappedBackupVaultArn: AIRGAP_ARN, Lifecycle: { DeleteAfterDays: 3 } });
    await sb.advance(7 * HOUR);
    const [job] = await jobs();
    expect(job?.State).to.equal('FAILED');
    expect(job?.StatusMessage).to.include('retention range of the vault lock on backup vault airgap (7-35 days)');
    expect(await pointsIn('airgap')).to.deep.equal([]);
    expect(await pointsIn('main')).to.deep.equal([]);
  });

  it('fails the scheduled job when the ARN names a standard vault, or a vault of another Region', async () => {
    await sb.addResource('ec2-instance', 'web');
    await dailyPlan({ TargetLogicallyAirGappedBackupVaultArn: `arn:aws:backup:${REGION}:${ACCOUNT_ID}:backup-vault:main`, Lifecycle: { DeleteAfterDays: 10 } });
    await sb.advance(7 * HOUR);
    const [job] = await jobs();
    expect(job?.State).to.equal('FAILED');
    expect(job?.StatusMessage).to.equal("Backup vault main is not a logically air-gapped vault, so it cannot be the job's logically air-gapped target.");

    const elsewhere = 'arn:aws:backup:us-east-1:123456789012:backup-vault:airgap';
    await sb.client.send(
      new CreateBackupPlanCommand({
        BackupPlan: {
          BackupPlanName: 'other-region',
          Rules: [{ RuleName: 'r', TargetBackupVaultName: 'main', ScheduleExpression: 'cron(0 5 ? * * *)', StartWindowMinutes: 60, TargetLogicallyAirGappedBackupVaultArn: elsewhere, Lifecycle: { DeleteAfterDays: 10 } }],
        },
      }),
    ).then((plan) =>
      sb.client.send(new CreateBackupSelectionCommand({ BackupPlanId: plan.BackupPlanId, BackupSelection: { SelectionName: 's', IamRoleArn: ROLE_ARN, Resources: ['*'] } })),
    );
    await sb.advance(DAY);
    const failed = (await jobs()).filter((j) => j.StatusMessage?.includes(elsewhere));
    expect(failed.map((j) => j.State)).to.deep.equal(['FAILED']);
    expect(failed[0]!.StatusMessage).to.equal(`Backup vault ${elsewhere} does not exist.`);
  });
});
