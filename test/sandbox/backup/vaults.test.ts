import { expect } from 'chai';
import {
  CreateBackupVaultCommand,
  DeleteBackupVaultCommand,
  DescribeBackupVaultCommand,
  ListBackupVaultsCommand,
  PutBackupVaultAccessPolicyCommand,
  GetBackupVaultAccessPolicyCommand,
  DeleteBackupVaultAccessPolicyCommand,
  PutBackupVaultNotificationsCommand,
  GetBackupVaultNotificationsCommand,
  DeleteBackupVaultNotificationsCommand,
} from '@aws-sdk/client-backup';
import { createBackupClient } from '../../../src/aws/clients.js';
import { sandboxClientSettings } from '../../../src/app/sandbox-provider.js';
import { forgetCachedAccount } from '../../../src/sandbox/account.js';
import { ACCOUNT_ID, REGION, rejection, sandboxFixture, START, type SandboxFixture } from '../fixture.js';

describe('sandbox backup: vaults', () => {
  let sb: SandboxFixture;
  beforeEach(async () => {
    sb = await sandboxFixture();
  });
  afterEach(() => sb.cleanup());

  it('creates a vault with an AWS-shaped ARN, the default key and the account clock as creation date', async () => {
    const created = await sb.client.send(new CreateBackupVaultCommand({ BackupVaultName: 'main' }));
    expect(created.BackupVaultArn).to.equal(`arn:aws:backup:${REGION}:${ACCOUNT_ID}:backup-vault:main`);
    expect(created.CreationDate?.getTime()).to.equal(START.getTime());
    const described = await sb.client.send(new DescribeBackupVaultCommand({ BackupVaultName: 'main' }));
    expect(described.BackupVaultName).to.equal('main');
    expect(described.EncryptionKeyArn).to.match(new RegExp(`^arn:aws:kms:${REGION}:${ACCOUNT_ID}:key/[0-9a-f-]{36}$`));
    expect(described.NumberOfRecoveryPoints).to.equal(0);
    expect(described.Locked).to.equal(false);
  });

  it('answers AccessDeniedException (403) when describing a vault that does not exist', async () => {
    const error = await rejection(sb.client.send(new DescribeBackupVaultCommand({ BackupVaultName: 'missing' })));
    expect(error.name).to.equal('AccessDeniedException');
    expect(error.$metadata?.httpStatusCode).to.equal(403);
  });

  it('refuses invalid vault names with InvalidParameterValueException', async () => {
    const error = await rejection(sb.client.send(new CreateBackupVaultCommand({ BackupVaultName: 'bad name!' })));
    expect(error.name).to.equal('InvalidParameterValueException');
    expect(error.message).to.contain('bad name!');
  });

  it('answers AlreadyExistsException with Arn and CreatorRequestId, unless the CreatorRequestId matches', async () => {
    await sb.client.send(new CreateBackupVaultCommand({ BackupVaultName: 'main', CreatorRequestId: 'req-1' }));
    const again = await sb.client.send(new CreateBackupVaultCommand({ BackupVaultName: 'main', CreatorRequestId: 'req-1' }));
    expect(again.BackupVaultName).to.equal('main');
    const error = await rejection(sb.client.send(new CreateBackupVaultCommand({ BackupVaultName: 'main', CreatorRequestId: 'req-2' })));
    expect(error.name).to.equal('AlreadyExistsException');
    expect(error['Arn']).to.equal(`arn:aws:backup:${REGION}:${ACCOUNT_ID}:backup-vault:main`);
    expect(error['CreatorRequestId']).to.equal('req-1');
  });

  it('lists vaults in pages with opaque tokens and validates maxResults', async () => {
    for (const name of ['v1', 'v2', 'v3', 'v4', 'v5']) await sb.client.send(new CreateBackupVaultCommand({ BackupVaultName: name }));
    const first = await sb.client.send(new ListBackupVaultsCommand({ MaxResults: 2 }));
    expect(first.BackupVaultList?.map((v) => v.BackupVaultName)).to.deep.equal(['v1', 'v2']);
    expect(first.NextToken).to.be.a('string');
    const names: string[] = [];
    let token: string | undefined;
    do {
      const page = await sb.client.send(new ListBackupVaultsCommand({ MaxResults: 2, NextToken: token }));
      names.push(...(page.BackupVaultList ?? []).map((v) => v.BackupVaultName!));
      token = page.NextToken;
    } while (token !== undefined);
    expect(names).to.deep.equal(['v1', 'v2', 'v3', 'v4', 'v5']);
    const bad = await rejection(sb.client.send(new ListBackupVaultsCommand({ MaxResults: 1001 })));
    expect(bad.name).to.equal('InvalidParameterValueException');
    const badToken = await rejection(sb.client.send(new ListBackupVaultsCommand({ NextToken: 'garbage' })));
    expect(badToken.name).to.equal('InvalidParameterValueException');
  });

  it('deletes an empty vault; a deleted vault is gone', async () => {
    await sb.client.send(new CreateBackupVaultCommand({ BackupVaultName: 'main' }));
    await sb.client.send(new DeleteBackupVaultCommand({ BackupVaultName: 'main' }));
    const error = await rejection(sb.client.send(new DescribeBackupVaultCommand({ BackupVaultName: 'main' })));
    expect(error.name).to.equal('AccessDeniedException');
    const again = await rejection(sb.client.send(new DeleteBackupVaultCommand({ BackupVaultName: 'main' })));
    expect(again.name).to.equal('ResourceNotFoundException');
  });

  it('stores, returns and deletes the access policy; refuses a policy that is not JSON', async () => {
    await sb.client.send(new CreateBackupVaultCommand({ BackupVaultName: 'main' }));
    const policy = JSON.stringify({ Version: '2012-10-17', Statement: [] });
    await sb.client.send(new PutBackupVaultAccessPolicyCommand({ BackupVaultName: 'main', Policy: policy }));
    const got = await sb.client.send(new GetBackupVaultAccessPolicyCommand({ BackupVaultName: 'main' }));
    expect(got.Policy).to.equal(policy);
    const bad = await rejection(sb.client.send(new PutBackupVaultAccessPolicyCommand({ BackupVaultName: 'main', Policy: '{nope' })));
    expect(bad.name).to.equal('InvalidParameterValueException');
    // A Put without a Policy is refused, and leaves the policy in place.
    const none = await rejection(sb.client.send(new PutBackupVaultAccessPolicyCommand({ BackupVaultName: 'main' })));
    expect(none.name).to.equal('MissingParameterValueException');
    expect((await sb.client.send(new GetBackupVaultAccessPolicyCommand({ BackupVaultName: 'main' }))).Policy).to.equal(policy);
    await sb.client.send(new DeleteBackupVaultAccessPolicyCommand({ BackupVaultName: 'main' }));
    const gone = await rejection(sb.client.send(new GetBackupVaultAccessPolicyCommand({ BackupVaultName: 'main' })));
    expect(gone.name).to.equal('ResourceNotFoundException');
  });

  it('stores notifications and refuses unknown event names', async () => {
    await sb.client.send(new CreateBackupVaultCommand({ BackupVaultName: 'main' }));
    const topic = `arn:aws:sns:${REGION}:${ACCOUNT_ID}:backup-events`;
    await sb.client.send(
      new PutBackupVaultNotificationsCommand({ BackupVaultName: 'main', SNSTopicArn: topic, BackupVaultEvents: ['BACKUP_JOB_FAILED', 'BACKUP_JOB_EXPIRED'] }),
    );
    const got = await sb.client.send(new GetBackupVaultNotificationsCommand({ BackupVaultName: 'main' }));
    expect(got.SNSTopicArn).to.equal(topic);
    expect(got.BackupVaultEvents).to.deep.equal(['BACKUP_JOB_FAILED', 'BACKUP_JOB_EXPIRED']);
    const bad = await rejection(
      sb.client.send(new PutBackupVaultNotificationsCommand({ BackupVaultName: 'main', SNSTopicArn: topic, BackupVaultEvents: ['BACKUP_JOB_EXPLODED' as never] })),
    );
    expect(bad.name).to.equal('InvalidParameterValueException');
    await sb.client.send(new DeleteBackupVaultNotificationsCommand({ BackupVaultName: 'main' }));
    const gone = await rejection(sb.client.send(new GetBackupVaultNotificationsCommand({ BackupVaultName: 'main' })));
    expect(gone.name).to.equal('ResourceNotFoundException');
  });

  it('lists vaults made at one clock instant in creation order, also when another process made some (a millisecond each, persisted)', async () => {
    for (const name of ['zulu', 'yankee']) await sb.client.send(new CreateBackupVaultCommand({ BackupVaultName: name }));
    // A new process: the account is read again from its file.
    forgetCachedAccount(sb.path);
    const other = createBackupClient(sandboxClientSettings({ region: REGION, path: sb.path }));
    try {
      for (const name of ['xray', 'whiskey']) await other.send(new CreateBackupVaultCommand({ BackupVaultName: name }));
    } finally {
      other.destroy();
    }
    const listed = await sb.client.send(new ListBackupVaultsCommand({}));
    expect(listed.BackupVaultList!.map((v) => v.BackupVaultName)).to.deep.equal(['zulu', 'yankee', 'xray', 'whiskey']);
    expect(listed.BackupVaultList!.map((v) => v.CreationDate!.getTime() - START.getTime())).to.deep.equal([0, 1, 2, 3]);
    expect(await sb.now()).to.equal(START.getTime());
  });
});
