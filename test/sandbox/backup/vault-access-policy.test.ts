// A vault's access policy is enforced for its Deny statements (Principal "*", no Condition) on the
// operations on the vault and its recovery points, as AWS does: AccessDeniedException, HTTP 403.
import { expect } from 'chai';
import {
  CreateBackupVaultCommand,
  DeleteBackupVaultAccessPolicyCommand,
  DeleteBackupVaultCommand,
  DeleteRecoveryPointCommand,
  DescribeBackupJobCommand,
  PutBackupVaultAccessPolicyCommand,
  StartBackupJobCommand,
  StartCopyJobCommand,
  StartRestoreJobCommand,
  UpdateRecoveryPointLifecycleCommand,
} from '@aws-sdk/client-backup';
import { ACCOUNT_ID, HOUR, REGION, ROLE_ARN, rejection, sandboxFixture, type SandboxFixture } from '../fixture.js';

const VAULT_ARN = `arn:aws:backup:${REGION}:${ACCOUNT_ID}:backup-vault:main`;

function policy(statement: Record<string, unknown>): string {
  return JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Deny', Principal: '*', Resource: '*', ...statement }] });
}

describe('sandbox backup: vault access policies deny', () => {
  let sb: SandboxFixture;
  let point: string;
  beforeEach(async () => {
    sb = await sandboxFixture();
    await sb.client.send(new CreateBackupVaultCommand({ BackupVaultName: 'main' }));
    await sb.client.send(new CreateBackupVaultCommand({ BackupVaultName: 'other' }));
    const efs = await sb.addResource('efs', 'files');
    const job = await sb.client.send(new StartBackupJobCommand({ BackupVaultName: 'main', ResourceArn: efs.arn, IamRoleArn: ROLE_ARN, Lifecycle: { DeleteAfterDays: 30 } }));
    await sb.advance(HOUR);
    point = (await sb.client.send(new DescribeBackupJobCommand({ BackupJobId: job.BackupJobId }))).RecoveryPointArn!;
  });
  afterEach(() => sb.cleanup());

  const putPolicy = (statement: Record<string, unknown>) => sb.client.send(new PutBackupVaultAccessPolicyCommand({ BackupVaultName: 'main', Policy: policy(statement) }));
  const deletePoint = () => sb.client.send(new DeleteRecoveryPointCommand({ BackupVaultName: 'main', RecoveryPointArn: point }));

  async function expectDenied(call: Promise<unknown>, action: string): Promise<void> {
    const error = await rejection(call);
    expect(error.name).to.equal('AccessDeniedException');
    expect(error.$metadata?.httpStatusCode).to.equal(403);
    expect(error.message).to.match(new RegExp(`not authorized to perform: ${action} on resource: .* with an explicit deny in a resource-based policy`));
  }

  it('refuses DeleteRecoveryPoint under a Deny of it, and allows it once the policy is gone', async () => {
    await putPolicy({ Action: 'backup:DeleteRecoveryPoint' });
    await expectDenied(deletePoint(), 'backup:DeleteRecoveryPoint');
    await sb.client.send(new DeleteBackupVaultAccessPolicyCommand({ BackupVaultName: 'main' }));
    await deletePoint();
  });

  it('matches actions with wildcards and without regard to case, in a string or a list', async () => {
    for (const Action of ['backup:Delete*', 'backup:*', '*', ['s3:GetObject', 'BACKUP:deleterecoverypoint'], 'backup:DeleteRecoveryPoin?']) {
      await putPolicy({ Action });
      await expectDenied(deletePoint(), 'backup:DeleteRecoveryPoint');
    }
  });

  it('matches the resource ARN with wildcards, and leaves other resources alone', async () => {
    await putPolicy({ Action: 'backup:DeleteBackupVault', Resource: `arn:aws:backup:${REGION}:${ACCOUNT_ID}:backup-vault:ma*` });
    await expectDenied(sb.client.send(new DeleteBackupVaultCommand({ BackupVaultName: 'main' })), 'backup:DeleteBackupVault');
    await putPolicy({ Action: 'backup:DeleteRecoveryPoint', Resource: [VAULT_ARN, `arn:aws:backup:${REGION}:${ACCOUNT_ID}:recovery-point:*`] });
    await expectDenied(deletePoint(), 'backup:DeleteRecoveryPoint');
    await putPolicy({ Action: 'backup:DeleteRecoveryPoint', Resource: VAULT_ARN });
    await deletePoint();
  });

  it('covers UpdateRecoveryPointLifecycle, StartCopyJob and StartRestoreJob', async () => {
    await putPolicy({ Action: ['backup:UpdateRecoveryPointLifecycle', 'backup:StartCopyJob', 'backup:StartRestoreJob'] });
    await expectDenied(
      sb.client.send(new UpdateRecoveryPointLifecycleCommand({ BackupVaultName: 'main', RecoveryPointArn: point, Lifecycle: { DeleteAfterDays: 40 } })),
      'backup:UpdateRecoveryPointLifecycle',
    );
    await expectDenied(
      sb.client.send(
        new StartCopyJobCommand({
          RecoveryPointArn: point,
          SourceBackupVaultName: 'main',
          DestinationBackupVaultArn: `arn:aws:backup:${REGION}:${ACCOUNT_ID}:backup-vault:other`,
          IamRoleArn: ROLE_ARN,
        }),
      ),
      'backup:StartCopyJob',
    );
    await expectDenied(sb.client.send(new StartRestoreJobCommand({ RecoveryPointArn: point, IamRoleArn: ROLE_ARN, Metadata: {} })), 'backup:StartRestoreJob');
  });

  it('does not apply statements it cannot evaluate: a Condition, named principals, Allow', async () => {
    for (const statement of [
      { Action: 'backup:DeleteRecoveryPoint', Condition: { StringEquals: { 'aws:PrincipalAccount': ACCOUNT_ID } } },
      { Action: 'backup:DeleteRecoveryPoint', Principal: { AWS: `arn:aws:iam::${ACCOUNT_ID}:role/Someone` } },
      { Action: 'backup:DeleteRecoveryPoint', Effect: 'Allow' },
      { Action: 'backup:DeleteBackupVault' },
    ]) {
      await putPolicy(statement);
      await sb.client.send(new UpdateRecoveryPointLifecycleCommand({ BackupVaultName: 'main', RecoveryPointArn: point, Lifecycle: { DeleteAfterDays: 31 } }));
    }
    await deletePoint();
  });

  it('accepts Principal {"AWS": "*"}', async () => {
    await putPolicy({ Action: 'backup:DeleteRecoveryPoint', Principal: { AWS: '*' } });
    await expectDenied(deletePoint(), 'backup:DeleteRecoveryPoint');
  });
});
