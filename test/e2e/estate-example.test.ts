// examples/estate, the acceptance example of "the whole estate": applied by the built CLI on a fresh
// sandbox, then a second plan with no changes, then every object seen by the real AWS CLI through
// `bkp sandbox serve` (a child process, stopped by its PID). The AWS CLI part is skipped, with a
// message, on a machine without the `aws` command.
import { expect } from 'chai';
import { cp, readFile } from 'node:fs/promises';
import { basename, join, resolve } from 'node:path';
import { awsCliInstalled, runAwsCli, type AwsCliRun } from '../support/aws-cli.js';
import { runBkp, tempDir } from '../support/cli.js';
import { serveSandbox, type ServedSandbox } from '../support/sandbox-serve.js';

const ESTATE = resolve(import.meta.dirname, '../../examples/estate');
const REGION = 'eu-west-1';
const ACCOUNT = '123456789012';
const ISOLATED_ARN = `arn:aws:backup:${REGION}:${ACCOUNT}:backup-vault:estate-isolated`;

describe('examples/estate on a fresh sandbox', function () {
  this.timeout(180_000);
  let dir: string;
  let cleanup: () => Promise<void>;

  before(async () => {
    ({ dir, cleanup } = await tempDir());
    // The example as a clean clone has it: without its sandbox account or state.
    await cp(ESTATE, dir, { recursive: true, filter: (src) => basename(src) !== '.bkp' && !/\.state\.json/.test(basename(src)) });
  });
  after(async () => cleanup());

  it('applies every object, then plans no changes', async () => {
    const apply = await runBkp(['-chdir=' + dir, 'apply', '-auto-approve'], { cwd: dir });
    expect(apply.code, apply.stdout + apply.stderr).to.equal(0);
    expect(apply.stdout).to.include('Apply complete! Resources: 8 added, 0 changed, 0 destroyed.');
    const state = JSON.parse(await readFile(join(dir, 'bkp.state.json'), 'utf8')) as { resources: { address: string }[] };
    expect(state.resources.map((r) => r.address).sort()).to.deep.equal([
      'backup_plan.daily',
      'backup_selection.tagged',
      'backup_vault.main',
      'global_settings.org',
      'legal_hold.audit',
      'logically_air_gapped_vault.isolated',
      'region_settings.main',
      'tiering_configuration.archive',
    ]);
    const plan = await runBkp(['-chdir=' + dir, 'plan', '-detailed-exitcode'], { cwd: dir });
    expect(plan.code, plan.stdout + plan.stderr).to.equal(0);
    expect(plan.stdout).to.include('No changes.');
  });

  describe('seen by the AWS CLI through bkp sandbox serve', () => {
    let server: ServedSandbox | undefined;
    const aws = async (...args: string[]): Promise<unknown> => {
      const run: AwsCliRun = await runAwsCli(server!.endpoint, dir, REGION, ['backup', ...args]);
      expect(run.code, `aws backup ${args.join(' ')}\n${run.stderr}`).to.equal(0);
      return JSON.parse(run.stdout);
    };

    before(async function () {
      if (!awsCliInstalled()) {
        process.stdout.write('skipped: the AWS CLI is not installed (aws --version)\n');
        this.skip();
      }
      server = await serveSandbox(dir);
    });
    after(async () => {
      if (!server) return;
      expect((await server.stop()).code).to.equal(0);
    });

    it('list-backup-vaults --by-vault-type LOGICALLY_AIR_GAPPED_BACKUP_VAULT: the air-gapped vault, locked with its range', async () => {
      const reply = (await aws('list-backup-vaults', '--by-vault-type', 'LOGICALLY_AIR_GAPPED_BACKUP_VAULT')) as { BackupVaultList: Record<string, unknown>[] };
      expect(reply.BackupVaultList).to.have.length(1);
      expect(reply.BackupVaultList[0]).to.include({
        BackupVaultName: 'estate-isolated',
        BackupVaultArn: ISOLATED_ARN,
        VaultType: 'LOGICALLY_AIR_GAPPED_BACKUP_VAULT',
        VaultState: 'AVAILABLE',
        Locked: true,
        MinRetentionDays: 7,
        MaxRetentionDays: 365,
      });
    });

    it('list-legal-holds: the active hold on the main vault', async () => {
      const reply = (await aws('list-legal-holds')) as { LegalHolds: { Title: string; Status: string; Description: string }[] };
      expect(reply.LegalHolds.map(({ Title, Status, Description }) => ({ Title, Status, Description }))).to.deep.equal([
        { Title: 'audit 2026', Status: 'ACTIVE', Description: 'Keep every backup of the main vault during the 2026 audit' },
      ]);
    });

    it('describe-region-settings and describe-global-settings: the configured values', async () => {
      const region = (await aws('describe-region-settings')) as {
        ResourceTypeOptInPreference: Record<string, boolean>;
        ResourceTypeManagementPreference: Record<string, boolean>;
      };
      expect(region.ResourceTypeOptInPreference).to.include({ EC2: true, EBS: true, DSQL: false });
      expect(region.ResourceTypeManagementPreference).to.include({ DynamoDB: true });
      const global = (await aws('describe-global-settings')) as { GlobalSettings: Record<string, string> };
      expect(global.GlobalSettings).to.include({ isCrossAccountBackupEnabled: 'true' });
    });

    it('list-tiering-configurations: the configuration for every vault', async () => {
      const reply = (await aws('list-tiering-configurations')) as { TieringConfigurations: Record<string, unknown>[] };
      expect(reply.TieringConfigurations).to.have.length(1);
      expect(reply.TieringConfigurations[0]).to.include({
        TieringConfigurationName: 'estate_archive',
        BackupVaultName: '*',
        TieringConfigurationArn: `arn:aws:backup:${REGION}:${ACCOUNT}:tiering-configuration:estate_archive`,
      });
      const detail = (await aws('get-tiering-configuration', '--tiering-configuration-name', 'estate_archive')) as {
        TieringConfiguration: { ResourceSelection: unknown[] };
      };
      expect(detail.TieringConfiguration.ResourceSelection).to.deep.equal([{ Resources: ['*'], TieringDownSettingsInDays: 365, ResourceType: 'S3' }]);
    });

    it('get-backup-plan: the rule scans, indexes and copies into the air-gapped vault', async () => {
      const plans = (await aws('list-backup-plans')) as { BackupPlansList: { BackupPlanName: string; BackupPlanId: string }[] };
      const id = plans.BackupPlansList.find((p) => p.BackupPlanName === 'estate-daily')!.BackupPlanId;
      const reply = (await aws('get-backup-plan', '--backup-plan-id', id)) as {
        BackupPlan: { Rules: Record<string, unknown>[]; ScanSettings: unknown[] };
      };
      expect(reply.BackupPlan.Rules).to.have.length(1);
      const rule = reply.BackupPlan.Rules[0]!;
      expect(rule).to.include({ RuleName: 'daily', TargetBackupVaultName: 'estate-main' });
      expect(rule.ScanActions).to.deep.equal([{ MalwareScanner: 'GUARDDUTY', ScanMode: 'INCREMENTAL_SCAN' }]);
      expect(rule.IndexActions).to.deep.equal([{ ResourceTypes: ['EBS'] }]);
      expect(rule.CopyActions).to.deep.equal([{ DestinationBackupVaultArn: ISOLATED_ARN, Lifecycle: { DeleteAfterDays: 90 } }]);
      expect(reply.BackupPlan.ScanSettings).to.deep.equal([
        { MalwareScanner: 'GUARDDUTY', ResourceTypes: ['EBS'], ScannerRoleArn: `arn:aws:iam::${ACCOUNT}:role/GuardDutyMalwareScanner` },
      ]);
    });
  });
});
