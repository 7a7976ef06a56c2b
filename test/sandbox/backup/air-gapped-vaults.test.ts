import { expect } from 'chai';
import {
  CreateBackupVaultCommand,
  CreateLogicallyAirGappedBackupVaultCommand,
  DeleteBackupVaultCommand,
  DeleteRecoveryPointCommand,
  DescribeBackupJobCommand,
  DescribeBackupVaultCommand,
  ListBackupVaultsCommand,
  ListTagsCommand,
  PutBackupVaultLockConfigurationCommand,
  StartBackupJobCommand,
  type CreateLogicallyAirGappedBackupVaultCommandInput,
  type ListBackupVaultsCommandInput,
} from '@aws-sdk/client-backup';
import { ACCOUNT_ID, DAY, HOUR, REGION, ROLE_ARN, rejection, sandboxFixture, START, type SandboxFixture } from '../fixture.js';

describe('sandbox backup: logically air-gapped vaults', () => {
  let sb: SandboxFixture;
  beforeEach(async () => {
    sb = await sandboxFixture();
  });
  afterEach(() => sb.cleanup());

  const create = (input: Partial<CreateLogicallyAirGappedBackupVaultCommandInput> = {}) =>
    sb.client.send(
      new CreateLogicallyAirGappedBackupVaultCommand({ BackupVaultName: 'airgap', MinRetentionDays: 7, MaxRetentionDays: 35, ...input }),
    );

  it('creates an air-gapped vault that Describe reports locked in compliance mode with its range', async () => {
    const created = await create({ BackupVaultTags: { team: 'infra' }, CreatorRequestId: 'req-1' });
    expect(created.BackupVaultArn).to.equal(`arn:aws:backup:${REGION}:${ACCOUNT_ID}:backup-vault:airgap`);
    expect(created.VaultState).to.equal('AVAILABLE');
    expect(created.CreationDate?.getTime()).to.equal(START.getTime());
    const described = await sb.client.send(new DescribeBackupVaultCommand({ BackupVaultName: 'airgap' }));
    expect(described).to.deep.include({
      VaultType: 'LOGICALLY_AIR_GAPPED_BACKUP_VAULT',
      VaultState: 'AVAILABLE',
      Locked: true,
      MinRetentionDays: 7,
      MaxRetentionDays: 35,
      EncryptionKeyType: 'AWS_OWNED_KMS_KEY',
      CreatorRequestId: 'req-1',
      NumberOfRecoveryPoints: 0,
    });
    expect(described.LockDate?.getTime()).to.equal(START.getTime());
    expect(described.EncryptionKeyArn).to.equal(undefined);
    const tags = await sb.client.send(new ListTagsCommand({ ResourceArn: created.BackupVaultArn }));
    expect(tags.Tags).to.deep.equal({ team: 'infra' });
  });

  it('reports a customer managed key by its ARN', async () => {
    const key = `arn:aws:kms:${REGION}:${ACCOUNT_ID}:key/1234abcd-12ab-34cd-56ef-1234567890ab`;
    await create({ EncryptionKeyArn: key });
    const described = await sb.client.send(new DescribeBackupVaultCommand({ BackupVaultName: 'airgap' }));
    expect([described.EncryptionKeyArn, described.EncryptionKeyType]).to.deep.equal([key, 'CUSTOMER_MANAGED_KMS_KEY']);
  });

  it('refuses a retention range AWS refuses, and missing bounds', async () => {
    const tooShort = await rejection(create({ MinRetentionDays: 6 }));
    expect([tooShort.name, tooShort.message]).to.deep.equal(['InvalidParameterValueException', 'MinRetentionDays must be between 7 and 36500; got 6.']);
    const tooLong = await rejection(create({ MaxRetentionDays: 36_501 }));
    expect(tooLong.name).to.equal('InvalidParameterValueException');
    const inverted = await rejection(create({ MinRetentionDays: 40, MaxRetentionDays: 35 }));
    expect(inverted.message).to.equal('MinRetentionDays (40) must not be greater than MaxRetentionDays (35).');
    const missing = await rejection(create({ MaxRetentionDays: undefined }));
    expect(missing.name).to.equal('MissingParameterValueException');
    const badName = await rejection(create({ BackupVaultName: 'bad name' }));
    expect(badName.name).to.equal('InvalidParameterValueException');
    const badKey = await rejection(create({ EncryptionKeyArn: 'alias/backup' }));
    expect(badKey.name).to.equal('InvalidParameterValueException');
  });

  it('answers AlreadyExistsException for a name any vault has, unless the CreatorRequestId matches', async () => {
    await create({ CreatorRequestId: 'req-1' });
    expect((await create({ CreatorRequestId: 'req-1' })).BackupVaultName).to.equal('airgap');
    const again = await rejection(create({ CreatorRequestId: 'req-2' }));
    expect([again.name, again['CreatorRequestId']]).to.deep.equal(['AlreadyExistsException', 'req-1']);
    await sb.client.send(new CreateBackupVaultCommand({ BackupVaultName: 'standard' }));
    const taken = await rejection(create({ BackupVaultName: 'standard' }));
    expect(taken.name).to.equal('AlreadyExistsException');
  });

  it('lists by vault type, and lists no shared vault', async () => {
    await sb.client.send(new CreateBackupVaultCommand({ BackupVaultName: 'standard' }));
    await create();
    const names = async (input: ListBackupVaultsCommandInput) =>
      ((await sb.client.send(new ListBackupVaultsCommand(input))).BackupVaultList ?? []).map((v) => [v.BackupVaultName, v.VaultType]);
    expect(await names({})).to.deep.equal([
      ['standard', 'BACKUP_VAULT'],
      ['airgap', 'LOGICALLY_AIR_GAPPED_BACKUP_VAULT'],
    ]);
    expect(await names({ ByVaultType: 'LOGICALLY_AIR_GAPPED_BACKUP_VAULT' })).to.deep.equal([['airgap', 'LOGICALLY_AIR_GAPPED_BACKUP_VAULT']]);
    expect(await names({ ByVaultType: 'BACKUP_VAULT' })).to.deep.equal([['standard', 'BACKUP_VAULT']]);
    expect(await names({ ByShared: true })).to.deep.equal([]);
  });

  it('refuses to change the lock of an air-gapped vault', async () => {
    await create();
    const error = await rejection(sb.client.send(new PutBackupVaultLockConfigurationCommand({ BackupVaultName: 'airgap', MinRetentionDays: 1 })));
    expect(error.name).to.equal('InvalidRequestException');
  });

  it('stores a backup into it within its range, keeps the recovery point, and refuses deleting the vault while it holds one', async () => {
    await create();
    const instance = await sb.addResource('ec2-instance', 'web', { sizeGiB: 8 });
    const start = (days: number | undefined) =>
      sb.client.send(
        new StartBackupJobCommand({
          BackupVaultName: 'airgap',
          ResourceArn: instance.arn,
          IamRoleArn: ROLE_ARN,
          Lifecycle: days === undefined ? undefined : { DeleteAfterDays: days },
        }),
      );
    const forever = await start(undefined);
    await sb.advance(2 * HOUR);
    const refused = await sb.client.send(new DescribeBackupJobCommand({ BackupJobId: forever.BackupJobId }));
    expect(refused.State).to.equal('FAILED');
    expect(refused.StatusMessage).to.include('retention range');

    const kept = await start(10);
    await sb.advance(2 * HOUR);
    const done = await sb.client.send(new DescribeBackupJobCommand({ BackupJobId: kept.BackupJobId }));
    expect(done.State).to.equal('COMPLETED');
    expect(done.VaultType).to.equal('LOGICALLY_AIR_GAPPED_BACKUP_VAULT');
    expect((await sb.client.send(new DescribeBackupVaultCommand({ BackupVaultName: 'airgap' }))).NumberOfRecoveryPoints).to.equal(1);

    const early = await rejection(
      sb.client.send(new DeleteRecoveryPointCommand({ BackupVaultName: 'airgap', RecoveryPointArn: done.RecoveryPointArn })),
    );
    expect(early.name).to.equal('InvalidRequestException');
    const notEmpty = await rejection(sb.client.send(new DeleteBackupVaultCommand({ BackupVaultName: 'airgap' })));
    expect([notEmpty.name, notEmpty.message]).to.deep.equal(['InvalidRequestException', 'Backup vault cannot be deleted because it contains recovery points.']);

    // The recovery point expires with its lifecycle; the vault can then be deleted.
    await sb.advance(11 * DAY);
    expect((await sb.client.send(new DescribeBackupVaultCommand({ BackupVaultName: 'airgap' }))).NumberOfRecoveryPoints).to.equal(0);
    await sb.client.send(new DeleteBackupVaultCommand({ BackupVaultName: 'airgap' }));
    expect((await sb.client.send(new ListBackupVaultsCommand({}))).BackupVaultList ?? []).to.deep.equal([]);
  });
});
