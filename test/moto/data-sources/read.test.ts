// The data sources against moto (provider "aws" with an endpoint): each kind reads what moto's
// Backup, STS, KMS and IAM hold, a missing object is DataObjectMissing whatever error name moto
// answers with, and `bkp plan` resolves data references in resources. moto is started for it
// (test/support/moto.ts), or the suite says it skipped.
import { expect } from 'chai';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { CreateBackupPlanCommand, CreateBackupVaultCommand } from '@aws-sdk/client-backup';
import { CreateRoleCommand } from '@aws-sdk/client-iam';
import { CreateAliasCommand, CreateKeyCommand } from '@aws-sdk/client-kms';
import { createBackupClient, createIamClient, createOrganizationsClient, createKmsClient, createStsClient, type ClientSettings } from '../../../src/aws/clients.js';
import type { ObjectValue } from '../../../src/core/values.js';
import { DataObjectMissing, type DataReadContext } from '../../../src/data-sources/kind.js';
import { dataSourceKind } from '../../../src/data-sources/registry.js';
import { runBkp, tempDir } from '../../support/cli.js';
import { requireMoto, type MotoServer } from '../../support/moto.js';

describe('data sources against moto', function () {
  this.timeout(120_000);
  let moto: MotoServer;
  let context: DataReadContext;
  let settings: ClientSettings;
  const destroyers: Array<() => void> = [];
  const read = (kind: string, args: ObjectValue) => dataSourceKind(kind)!.read(args, context);
  const missing = async (kind: string, args: ObjectValue): Promise<DataObjectMissing> => {
    try {
      await read(kind, args);
    } catch (error) {
      expect(error, String(error)).to.be.instanceOf(DataObjectMissing);
      return error as DataObjectMissing;
    }
    throw new Error(`data "${kind}" read something for ${JSON.stringify(args)}`);
  };

  before(async function () {
    moto = await requireMoto(this);
    settings = { region: 'us-east-1', endpoint: moto.endpoint, credentials: { accessKeyId: 'testing', secretAccessKey: 'testing' }, maxAttempts: 1 };
    const backup = createBackupClient(settings);
    const [sts, kms, iam, organizations] = await Promise.all([createStsClient(settings), createKmsClient(settings), createIamClient(settings), createOrganizationsClient(settings)]);
    destroyers.push(() => backup.destroy(), () => sts.destroy(), () => kms.destroy(), () => iam.destroy(), () => organizations.destroy());
    context = { region: 'us-east-1', backup: async () => backup, sts: async () => sts, kms: async () => kms, iam: async () => iam, organizations: async () => organizations };
  });
  after(async () => {
    destroyers.forEach((destroy) => destroy());
    await moto?.stop();
  });

  it('backup_vault and backup_plan (by name and by id)', async () => {
    const backup = await context.backup();
    const vault = await backup.send(new CreateBackupVaultCommand({ BackupVaultName: 'moto-shared', BackupVaultTags: { team: 'storage' } }));
    const read1 = await read('backup_vault', { name: 'moto-shared' });
    expect(read1).to.deep.include({ name: 'moto-shared', arn: vault.BackupVaultArn, tags: { team: 'storage' } });
    expect((await missing('backup_vault', { name: 'moto-nowhere' })).argument).to.equal('/name');

    const plan = await backup.send(
      new CreateBackupPlanCommand({ BackupPlan: { BackupPlanName: 'moto-daily', Rules: [{ RuleName: 'r', TargetBackupVaultName: 'moto-shared', ScheduleExpression: 'cron(0 5 ? * * *)' }] } }),
    );
    const byName = await read('backup_plan', { name: 'moto-daily' });
    expect(byName).to.deep.include({ id: plan.BackupPlanId, arn: plan.BackupPlanArn, name: 'moto-daily' });
    expect((byName.rules as ObjectValue[])[0]).to.deep.include({ name: 'r', target_vault: 'moto-shared' });
    expect((await read('backup_plan', { plan_id: plan.BackupPlanId! })).name).to.equal('moto-daily');
    await missing('backup_plan', { name: 'moto-weekly' });
  });

  it('caller_identity, kms_key by alias and iam_role by name', async () => {
    expect((await read('caller_identity', {})).account_id).to.match(/^\d{12}$/);
    const key = (await (await context.kms()).send(new CreateKeyCommand({ Description: 'vaults' }))).KeyMetadata!;
    await (await context.kms()).send(new CreateAliasCommand({ AliasName: 'alias/vaults', TargetKeyId: key.KeyId }));
    expect(await read('kms_key', { key_id: 'alias/vaults' })).to.deep.include({ arn: key.Arn, id: key.KeyId });
    expect((await missing('kms_key', { key_id: 'alias/none' })).argument).to.equal('/key_id');

    const policy = JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { Service: 'backup.amazonaws.com' }, Action: 'sts:AssumeRole' }] });
    const role = (await (await context.iam()).send(new CreateRoleCommand({ RoleName: 'backup-operator', Path: '/service-role/', AssumeRolePolicyDocument: policy }))).Role!;
    expect(await read('iam_role', { name: 'backup-operator' })).to.deep.include({ arn: role.Arn, path: '/service-role/' });
    await missing('iam_role', { name: 'nobody' });
  });

  it('bkp plan with provider "aws" resolves data references in resources', async () => {
    const { dir, cleanup } = await tempDir();
    try {
      await writeFile(
        join(dir, 'main.bkp.hcl'),
        `provider "aws" {
  region   = "us-east-1"
  endpoint = "${moto.endpoint}"
}

data "backup_vault" "shared" {
  name = "moto-shared"
}

data "caller_identity" "me" {}

backup_vault "main" {
  name = "main-\${data.caller_identity.me.account_id}"
  tags = { copies_to = data.backup_vault.shared.arn }
}
`,
      );
      const env = { AWS_ACCESS_KEY_ID: 'testing', AWS_SECRET_ACCESS_KEY: 'testing', AWS_REGION: 'us-east-1', AWS_EC2_METADATA_DISABLED: 'true' };
      const plan = await runBkp(['plan'], { cwd: dir, env });
      expect(plan.code, plan.stdout + plan.stderr).to.equal(0);
      expect(plan.stdout).to.match(/name\s+= "main-\d{12}"/);
      expect(plan.stdout).to.include('"copies_to" = "arn:aws:backup:us-east-1:');
    } finally {
      await cleanup();
    }
  });
});
