// The sandbox's STS, KMS and IAM, driven through the real SDK clients in process: what the data
// sources read (GetCallerIdentity, DescribeKey, ListAliases, GetRole), the calls that add keys and
// roles to the account, and AWS's not-found errors.
import { expect } from 'chai';
import { CreateBackupPlanCommand, CreateBackupSelectionCommand, CreateBackupVaultCommand, DescribeBackupVaultCommand } from '@aws-sdk/client-backup';
import { CreateRoleCommand, GetRoleCommand, type IAMClient } from '@aws-sdk/client-iam';
import { CreateAliasCommand, CreateKeyCommand, DescribeKeyCommand, ListAliasesCommand, type KMSClient } from '@aws-sdk/client-kms';
import { GetCallerIdentityCommand, type STSClient } from '@aws-sdk/client-sts';
import { sandboxClientSettings } from '../../src/app/sandbox-provider.js';
import { createIamClient, createKmsClient, createStsClient } from '../../src/aws/clients.js';
import { ACCOUNT_ID, REGION, ROLE_ARN, rejection, sandboxFixture, type SandboxFixture } from './fixture.js';

describe('sandbox: STS, KMS and IAM through the SDK', function () {
  this.timeout(60_000);
  let sb: SandboxFixture;
  let sts: STSClient;
  let kms: KMSClient;
  let iam: IAMClient;

  before(async () => {
    sb = await sandboxFixture();
    const settings = sandboxClientSettings({ region: REGION, path: sb.path, maxAttempts: 1 });
    [sts, kms, iam] = await Promise.all([createStsClient(settings), createKmsClient(settings), createIamClient(settings)]);
  });
  after(() => {
    for (const client of [sts, kms, iam]) client?.destroy();
    sb.cleanup();
  });

  it('STS GetCallerIdentity names the account and a stable user of it', async () => {
    const first = await sts.send(new GetCallerIdentityCommand({}));
    expect(first.Account).to.equal(ACCOUNT_ID);
    expect(first.Arn).to.equal(`arn:aws:iam::${ACCOUNT_ID}:user/sandbox`);
    expect(first.UserId).to.match(/^AIDA[0-9A-F]{17}$/);
    expect((await sts.send(new GetCallerIdentityCommand({}))).UserId).to.equal(first.UserId);
  });

  describe('KMS', () => {
    it('alias/aws/backup resolves by alias, alias ARN, key id and key ARN to the key AWS Backup encrypts default vaults with', async () => {
      const { KeyMetadata: key } = await kms.send(new DescribeKeyCommand({ KeyId: 'alias/aws/backup' }));
      expect(key).to.deep.include({ AWSAccountId: ACCOUNT_ID, KeyManager: 'AWS', KeyState: 'Enabled', Enabled: true, KeyUsage: 'ENCRYPT_DECRYPT' });
      expect(key!.Arn).to.equal(`arn:aws:kms:${REGION}:${ACCOUNT_ID}:key/${key!.KeyId}`);
      for (const ref of [`arn:aws:kms:${REGION}:${ACCOUNT_ID}:alias/aws/backup`, key!.KeyId!, key!.Arn!]) {
        expect((await kms.send(new DescribeKeyCommand({ KeyId: ref }))).KeyMetadata!.KeyId).to.equal(key!.KeyId);
      }
      await sb.client.send(new CreateBackupVaultCommand({ BackupVaultName: 'plain' }));
      const vault = await sb.client.send(new DescribeBackupVaultCommand({ BackupVaultName: 'plain' }));
      expect(vault.EncryptionKeyArn).to.equal(key!.Arn);
    });

    it('keys are regional: the same alias is another key in another region', async () => {
      const other = await createKmsClient(sandboxClientSettings({ region: 'us-west-2', path: sb.path, maxAttempts: 1 }));
      try {
        const here = (await kms.send(new DescribeKeyCommand({ KeyId: 'alias/aws/backup' }))).KeyMetadata!;
        const there = (await other.send(new DescribeKeyCommand({ KeyId: 'alias/aws/backup' }))).KeyMetadata!;
        expect(there.KeyId).to.not.equal(here.KeyId);
        expect(there.Arn).to.match(/^arn:aws:kms:us-west-2:/);
      } finally {
        other.destroy();
      }
    });

    it('an unknown alias or key is NotFoundException with AWS message', async () => {
      const alias = await rejection(kms.send(new DescribeKeyCommand({ KeyId: 'alias/nope' })));
      expect(alias.name).to.equal('NotFoundException');
      expect(alias.message).to.equal(`Alias arn:aws:kms:${REGION}:${ACCOUNT_ID}:alias/nope is not found.`);
      const key = await rejection(kms.send(new DescribeKeyCommand({ KeyId: '11111111-2222-3333-4444-555555555555' })));
      expect(key.name).to.equal('NotFoundException');
    });

    it('CreateKey and CreateAlias add a customer key, listed by ListAliases and found by DescribeKey; a second alias of that name is refused', async () => {
      const created = (await kms.send(new CreateKeyCommand({ Description: 'vault key' }))).KeyMetadata!;
      expect(created).to.deep.include({ KeyManager: 'CUSTOMER', Description: 'vault key', Enabled: true });
      await kms.send(new CreateAliasCommand({ AliasName: 'alias/vaults', TargetKeyId: created.KeyId }));
      expect((await kms.send(new DescribeKeyCommand({ KeyId: 'alias/vaults' }))).KeyMetadata!.Arn).to.equal(created.Arn);
      const { Aliases } = await kms.send(new ListAliasesCommand({}));
      const names = Aliases!.map((a) => a.AliasName);
      expect(names).to.include.members(['alias/aws/backup', 'alias/vaults']);
      const mine = await kms.send(new ListAliasesCommand({ KeyId: created.KeyId }));
      expect(mine.Aliases!.map((a) => a.AliasName)).to.deep.equal(['alias/vaults']);
      expect((await rejection(kms.send(new CreateAliasCommand({ AliasName: 'alias/vaults', TargetKeyId: created.KeyId })))).name).to.equal('AlreadyExistsException');
      expect((await rejection(kms.send(new CreateAliasCommand({ AliasName: 'alias/aws/mine', TargetKeyId: created.KeyId })))).name).to.equal('NotAuthorizedException');
    });

    it('ListAliases pages with Limit and Marker', async () => {
      const first = await kms.send(new ListAliasesCommand({ Limit: 2 }));
      expect(first.Aliases).to.have.length(2);
      expect(first.Truncated).to.equal(true);
      const rest = await kms.send(new ListAliasesCommand({ Limit: 100, Marker: first.NextMarker }));
      expect(rest.Truncated).to.equal(false);
      expect([...first.Aliases!, ...rest.Aliases!].map((a) => a.AliasName)).to.include('alias/aws/s3');
    });
  });

  describe('IAM', () => {
    it('GetRole answers AWSBackupDefaultServiceRole under /service-role/, with a trust policy for AWS Backup', async () => {
      const { Role } = await iam.send(new GetRoleCommand({ RoleName: 'AWSBackupDefaultServiceRole' }));
      expect(Role).to.deep.include({ RoleName: 'AWSBackupDefaultServiceRole', Path: '/service-role/', Arn: ROLE_ARN });
      expect(Role!.RoleId).to.match(/^AROA/);
      expect(JSON.parse(decodeURIComponent(Role!.AssumeRolePolicyDocument!)).Statement[0].Principal.Service).to.equal('backup.amazonaws.com');
    });

    it('a role the account refers to (a selection made with it) exists; an unknown one is NoSuchEntity', async () => {
      const { BackupPlanId } = await sb.client.send(
        new CreateBackupPlanCommand({ BackupPlan: { BackupPlanName: 'p', Rules: [{ RuleName: 'r', TargetBackupVaultName: 'plain', ScheduleExpression: 'cron(0 5 ? * * *)' }] } }),
      );
      const roleArn = `arn:aws:iam::${ACCOUNT_ID}:role/teams/storage/backup-operator`;
      await sb.client.send(new CreateBackupSelectionCommand({ BackupPlanId, BackupSelection: { SelectionName: 's', IamRoleArn: roleArn, Resources: ['*'] } }));
      const { Role } = await iam.send(new GetRoleCommand({ RoleName: 'backup-operator' }));
      expect(Role).to.deep.include({ Arn: roleArn, Path: '/teams/storage/' });
      const missing = await rejection(iam.send(new GetRoleCommand({ RoleName: 'nobody' })));
      expect(missing.name).to.equal('NoSuchEntityException');
      expect(missing.message).to.equal('The role with name nobody cannot be found.');
      expect(missing.$metadata?.httpStatusCode).to.equal(404);
    });

    it('CreateRole adds a role that GetRole then answers; a second one of that name is EntityAlreadyExists', async () => {
      const policy = JSON.stringify({ Version: '2012-10-17', Statement: [] });
      const { Role } = await iam.send(new CreateRoleCommand({ RoleName: 'restore', Path: '/ops/', AssumeRolePolicyDocument: policy, Description: 'restores', Tags: [{ Key: 'team', Value: 'ops' }] }));
      expect(Role!.Arn).to.equal(`arn:aws:iam::${ACCOUNT_ID}:role/ops/restore`);
      const read = (await iam.send(new GetRoleCommand({ RoleName: 'restore' }))).Role!;
      expect(read).to.deep.include({ Description: 'restores', Path: '/ops/' });
      expect(read.Tags).to.deep.equal([{ Key: 'team', Value: 'ops' }]);
      expect((await rejection(iam.send(new CreateRoleCommand({ RoleName: 'restore', AssumeRolePolicyDocument: policy })))).name).to.equal('EntityAlreadyExistsException');
    });
  });
});
