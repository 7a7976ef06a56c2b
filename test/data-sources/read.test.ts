// Each data source kind read through the SDK against the sandbox (in process): the attributes it
// returns, and a missing object reported as DataObjectMissing at the argument that named it.
// Also each kind's own argument rules.
import { expect } from 'chai';
import { CreateBackupPlanCommand, CreateLogicallyAirGappedBackupVaultCommand, TagResourceCommand, CreateBackupVaultCommand } from '@aws-sdk/client-backup';
import { sandboxClientSettings } from '../../src/app/sandbox-provider.js';
import { createBackupClient, createIamClient, createOrganizationsClient, createKmsClient, createStsClient } from '../../src/aws/clients.js';
import type { ObjectValue } from '../../src/core/values.js';
import { DataObjectMissing, type DataReadContext } from '../../src/data-sources/kind.js';
import { dataSourceKind, dataSourceKinds } from '../../src/data-sources/registry.js';
import { ACCOUNT_ID, REGION, ROLE_ARN, rejection, sandboxFixture, type SandboxFixture } from '../sandbox/fixture.js';
import { DATA_SOURCE_KINDS } from '../../src/config/block-schema.js';
import { CreateAccountCommand, CreateOrganizationalUnitCommand, MoveAccountCommand } from '@aws-sdk/client-organizations';

describe('data sources: read through the SDK (sandbox)', function () {
  this.timeout(60_000);
  let sb: SandboxFixture;
  let context: DataReadContext;
  const destroyers: Array<() => void> = [];
  const read = (kind: string, args: ObjectValue) => dataSourceKind(kind)!.read(args, context);

  before(async () => {
    sb = await sandboxFixture();
    const settings = sandboxClientSettings({ region: REGION, path: sb.path, maxAttempts: 1 });
    const backup = createBackupClient(settings);
    const [sts, kms, iam, organizations] = await Promise.all([createStsClient(settings), createKmsClient(settings), createIamClient(settings), createOrganizationsClient(settings)]);
    destroyers.push(() => backup.destroy(), () => sts.destroy(), () => kms.destroy(), () => iam.destroy(), () => organizations.destroy());
    context = { region: REGION, backup: async () => backup, sts: async () => sts, kms: async () => kms, iam: async () => iam, organizations: async () => organizations };
  });
  after(() => {
    destroyers.forEach((destroy) => destroy());
    sb.cleanup();
  });

  it('the registry has one kind per data_<kind> schema', () => {
    expect(dataSourceKinds().map((k) => k.name).sort()).to.deep.equal([...DATA_SOURCE_KINDS].sort());
  });

  it('backup_vault: arn, kms key, recovery points, tags; an air-gapped vault or a missing one is named at /name', async () => {
    const { BackupVaultArn } = await sb.client.send(new CreateBackupVaultCommand({ BackupVaultName: 'shared', BackupVaultTags: { team: 'storage' } }));
    const vault = await read('backup_vault', { name: 'shared' });
    expect(vault).to.deep.include({ name: 'shared', arn: BackupVaultArn, recovery_points: 0, locked: false, tags: { team: 'storage' } });
    expect(vault.kms_key_arn).to.match(new RegExp(`^arn:aws:kms:${REGION}:${ACCOUNT_ID}:key/`));
    const missing = await rejection(read('backup_vault', { name: 'nowhere' }));
    expect(missing).to.be.instanceOf(DataObjectMissing);
    expect(missing.message).to.equal(`There is no backup vault named "nowhere" in ${REGION}.`);
    expect((missing as unknown as DataObjectMissing).argument).to.equal('/name');
  });

  it('logically_air_gapped_vault: arn, state, retention range; a standard vault is refused with the other data source named', async () => {
    await sb.client.send(new CreateLogicallyAirGappedBackupVaultCommand({ BackupVaultName: 'isolated', MinRetentionDays: 7, MaxRetentionDays: 90 }));
    const vault = await read('logically_air_gapped_vault', { name: 'isolated' });
    expect(vault).to.deep.include({ name: 'isolated', min_retention_days: 7, max_retention_days: 90 });
    expect(vault.arn).to.equal(`arn:aws:backup:${REGION}:${ACCOUNT_ID}:backup-vault:isolated`);
    expect(vault.state).to.be.oneOf(['CREATING', 'AVAILABLE']);
    const wrong = (await rejection(read('logically_air_gapped_vault', { name: 'shared' }))) as unknown as DataObjectMissing;
    expect(wrong.hint).to.include('data "backup_vault"');
    expect(((await rejection(read('backup_vault', { name: 'isolated' }))) as unknown as DataObjectMissing).hint).to.include('data "logically_air_gapped_vault"');
  });

  it('backup_plan: by id or by name, with version, rules summary and tags; a missing name is named at /name', async () => {
    const created = await sb.client.send(
      new CreateBackupPlanCommand({
        BackupPlan: {
          BackupPlanName: 'daily',
          Rules: [{ RuleName: 'nightly', TargetBackupVaultName: 'shared', ScheduleExpression: 'cron(0 5 ? * * *)', Lifecycle: { DeleteAfterDays: 35 } }],
        },
      }),
    );
    await sb.client.send(new TagResourceCommand({ ResourceArn: created.BackupPlanArn, Tags: { env: 'prod' } }));
    const byName = await read('backup_plan', { name: 'daily' });
    const byId = await read('backup_plan', { plan_id: created.BackupPlanId! });
    expect(byName).to.deep.equal(byId);
    expect(byName).to.deep.include({ id: created.BackupPlanId, arn: created.BackupPlanArn, version: created.VersionId, name: 'daily', tags: { env: 'prod' } });
    expect(byName.rules).to.deep.equal([
      { name: 'nightly', target_vault: 'shared', schedule: 'cron(0 5 ? * * *)', timezone: 'Etc/UTC', continuous_backup: false, delete_after_days: 35, cold_storage_after_days: null, copy_destinations: [] },
    ]);
    const missing = (await rejection(read('backup_plan', { name: 'weekly' }))) as unknown as DataObjectMissing;
    expect(missing.message).to.equal(`There is no backup plan named "weekly" in ${REGION}.`);
    const missingId = (await rejection(read('backup_plan', { plan_id: '00000000-0000-0000-0000-000000000000' }))) as unknown as DataObjectMissing;
    expect(missingId.argument).to.equal('/plan_id');
  });

  it('caller_identity and region', async () => {
    expect(await read('caller_identity', {})).to.deep.include({ account_id: ACCOUNT_ID, arn: `arn:aws:iam::${ACCOUNT_ID}:user/sandbox` });
    expect(await read('region', {})).to.deep.equal({ name: REGION });
  });

  it('kms_key: by alias, as AWS Backup uses it; an unknown alias is named at /key_id', async () => {
    const key = await read('kms_key', { key_id: 'alias/aws/backup' });
    expect(key).to.deep.include({ key_manager: 'AWS', key_state: 'Enabled', enabled: true });
    expect(key.arn).to.equal(`arn:aws:kms:${REGION}:${ACCOUNT_ID}:key/${key.id as string}`);
    const missing = (await rejection(read('kms_key', { key_id: 'alias/none' }))) as unknown as DataObjectMissing;
    expect(missing).to.be.instanceOf(DataObjectMissing);
    expect(missing.argument).to.equal('/key_id');
  });

  it('iam_role: arn and path of the default backup role; an unknown role is named at /name', async () => {
    const role = await read('iam_role', { name: 'AWSBackupDefaultServiceRole' });
    expect(role).to.deep.include({ arn: ROLE_ARN, path: '/service-role/' });
    // Terraform's name for the RoleId.
    expect(role.unique_id).to.match(/^AROA/);
    const missing = (await rejection(read('iam_role', { name: 'nobody' }))) as unknown as DataObjectMissing;
    expect(missing.message).to.equal('There is no IAM role named "nobody" in this account.');
  });

  it('organization_root, organizational_unit and organization_account find ids by name; a missing or ambiguous name is named at /name', async () => {
    const orgs = await context.organizations();
    const rootRead = await read('organization_root', {});
    expect(rootRead.id).to.match(/^r-[0-9a-z]{4}$/);
    expect(rootRead.policy_types).to.deep.equal(['BACKUP_POLICY']);
    const prod = (await orgs.send(new CreateOrganizationalUnitCommand({ ParentId: rootRead.id as string, Name: 'production' }))).OrganizationalUnit!;
    const nested = (await orgs.send(new CreateOrganizationalUnitCommand({ ParentId: prod.Id!, Name: 'shop' }))).OrganizationalUnit!;
    await orgs.send(new CreateOrganizationalUnitCommand({ ParentId: rootRead.id as string, Name: 'shop' }));
    const account = (await orgs.send(new CreateAccountCommand({ AccountName: 'shop-prod', Email: 'shop@example.com' }))).CreateAccountStatus!.AccountId!;
    await orgs.send(new MoveAccountCommand({ AccountId: account, SourceParentId: rootRead.id as string, DestinationParentId: nested.Id! }));

    expect(await read('organizational_unit', { name: 'production' })).to.deep.include({ id: prod.Id, parent_id: rootRead.id });
    expect(await read('organizational_unit', { name: 'shop', parent_id: prod.Id! })).to.deep.include({ id: nested.Id });
    expect(await read('organization_account', { name: 'shop-prod' })).to.deep.include({ id: account, email: 'shop@example.com', parent_id: nested.Id });

    const ambiguous = (await rejection(read('organizational_unit', { name: 'shop' }))) as unknown as DataObjectMissing;
    expect(ambiguous.message).to.equal(`2 organizational units are named "shop" (under ${rootRead.id}, ${prod.Id}).`);
    expect(ambiguous.hint).to.include('parent_id');
    const missing = (await rejection(read('organization_account', { name: 'nobody' }))) as unknown as DataObjectMissing;
    expect(missing).to.be.instanceOf(DataObjectMissing);
    expect(missing.argument).to.equal('/name');
  });
});

describe('data sources: argument rules', () => {
  const problems = (kind: string, attributes: ObjectValue) => dataSourceKind(kind)!.validate?.(attributes) ?? [];

  it('backup_plan takes exactly one of plan_id and name', () => {
    expect(problems('backup_plan', { name: 'daily' })).to.deep.equal([]);
    expect(problems('backup_plan', { plan_id: 'x' })).to.deep.equal([]);
    expect(problems('backup_plan', { plan_id: 'x', name: 'daily' }).map((p) => p.summary)).to.deep.equal(['Conflicting arguments']);
    expect(problems('backup_plan', {}).map((p) => p.summary)).to.deep.equal(['Missing required argument']);
  });

  it('kms_key accepts aliases, ids and ARNs, and refuses anything else', () => {
    for (const ok of ['alias/aws/backup', '1234abcd-12ab-34cd-56ef-1234567890ab', 'mrk-1234abcd12ab34cd56ef1234567890ab', `arn:aws:kms:eu-west-1:${ACCOUNT_ID}:alias/x`, `arn:aws:kms:eu-west-1:${ACCOUNT_ID}:key/abc`]) {
      expect(problems('kms_key', { key_id: ok }), ok).to.deep.equal([]);
    }
    expect(problems('kms_key', { key_id: 'aws/backup key' })[0]).to.deep.include({ path: '/key_id', summary: 'Invalid KMS key reference' });
  });

  it('iam_role takes a name, not an ARN, and says which name', () => {
    expect(problems('iam_role', { name: 'AWSBackupDefaultServiceRole' })).to.deep.equal([]);
    expect(problems('iam_role', { name: ROLE_ARN })[0]!.detail).to.include('name = "AWSBackupDefaultServiceRole"');
  });

});
