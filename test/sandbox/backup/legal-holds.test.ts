import { expect } from 'chai';
import {
  CancelLegalHoldCommand,
  CreateBackupVaultCommand,
  CreateLegalHoldCommand,
  DeleteBackupVaultCommand,
  DeleteRecoveryPointCommand,
  DescribeBackupJobCommand,
  DescribeRecoveryPointCommand,
  GetLegalHoldCommand,
  ListLegalHoldsCommand,
  ListRecoveryPointsByLegalHoldCommand,
  ListTagsCommand,
  StartBackupJobCommand,
} from '@aws-sdk/client-backup';
import { DAY, HOUR, ROLE_ARN, rejection, sandboxFixture, type SandboxFixture } from '../fixture.js';

describe('sandbox backup: legal holds', () => {
  let sb: SandboxFixture;
  beforeEach(async () => {
    sb = await sandboxFixture();
    await sb.client.send(new CreateBackupVaultCommand({ BackupVaultName: 'main' }));
    await sb.client.send(new CreateBackupVaultCommand({ BackupVaultName: 'other' }));
  });
  afterEach(() => sb.cleanup());

  async function backup(vault: string, deleteAfterDays?: number): Promise<string> {
    const efs = await sb.addResource('efs', `files-${vault}-${Math.random().toString(36).slice(2, 8)}`);
    const job = await sb.client.send(
      new StartBackupJobCommand({ BackupVaultName: vault, ResourceArn: efs.arn, IamRoleArn: ROLE_ARN, Lifecycle: deleteAfterDays ? { DeleteAfterDays: deleteAfterDays } : undefined }),
    );
    await sb.advance(HOUR);
    return (await sb.client.send(new DescribeBackupJobCommand({ BackupJobId: job.BackupJobId }))).RecoveryPointArn!;
  }

  const hold = (vaults: string[], token?: string) =>
    sb.client.send(
      new CreateLegalHoldCommand({ Title: 'litigation', Description: 'case 42', IdempotencyToken: token, RecoveryPointSelection: { VaultNames: vaults }, Tags: { case: '42' } }),
    );

  it('holds the selected recovery points: they cannot be deleted, nor their vault, until the hold is cancelled', async () => {
    const held = await backup('main');
    const free = await backup('other');
    const created = await hold(['main']);
    expect(created.Status).to.equal('ACTIVE');
    expect(created.LegalHoldArn).to.equal(`arn:aws:backup:eu-west-1:123456789012:legal-hold:${created.LegalHoldId}`);
    const points = await sb.client.send(new ListRecoveryPointsByLegalHoldCommand({ LegalHoldId: created.LegalHoldId }));
    expect(points.RecoveryPoints!.map((p) => [p.RecoveryPointArn, p.BackupVaultName])).to.deep.equal([[held, 'main']]);

    const refused = await rejection(sb.client.send(new DeleteRecoveryPointCommand({ BackupVaultName: 'main', RecoveryPointArn: held })));
    expect(refused.name).to.equal('InvalidRequestException');
    expect(refused.message).to.include(`legal hold litigation (${created.LegalHoldId})`);
    const vaultRefused = await rejection(sb.client.send(new DeleteBackupVaultCommand({ BackupVaultName: 'main' })));
    expect(vaultRefused.name).to.equal('InvalidRequestException');
    expect(vaultRefused.message).to.include('under legal hold litigation');
    await sb.client.send(new DeleteRecoveryPointCommand({ BackupVaultName: 'other', RecoveryPointArn: free }));

    await sb.client.send(new CancelLegalHoldCommand({ LegalHoldId: created.LegalHoldId, CancelDescription: 'case closed', RetainRecordInDays: 10 }));
    const cancelled = await sb.client.send(new GetLegalHoldCommand({ LegalHoldId: created.LegalHoldId }));
    expect([cancelled.Status, cancelled.CancelDescription]).to.deep.equal(['CANCELED', 'case closed']);
    expect(cancelled.RetainRecordUntil!.getTime() - cancelled.CancellationDate!.getTime()).to.equal(10 * DAY);
    const again = await rejection(sb.client.send(new CancelLegalHoldCommand({ LegalHoldId: created.LegalHoldId, CancelDescription: 'twice' })));
    expect(again.name).to.equal('InvalidResourceStateException');
    await sb.client.send(new DeleteRecoveryPointCommand({ BackupVaultName: 'main', RecoveryPointArn: held }));
  });

  it('delays the lifecycle of held points until the hold is cancelled', async () => {
    const point = await backup('main', 2);
    const created = await hold(['main']);
    await sb.advance(5 * DAY);
    expect((await sb.client.send(new DescribeRecoveryPointCommand({ BackupVaultName: 'main', RecoveryPointArn: point }))).Status).to.equal('COMPLETED');
    await sb.client.send(new CancelLegalHoldCommand({ LegalHoldId: created.LegalHoldId, CancelDescription: 'done' }));
    await sb.advance(HOUR);
    const gone = await rejection(sb.client.send(new DescribeRecoveryPointCommand({ BackupVaultName: 'main', RecoveryPointArn: point })));
    expect(gone.name).to.equal('ResourceNotFoundException');
  });

  it('answers a retried create with the same hold, lists holds with pagination, and tags them', async () => {
    const first = await hold(['main'], 'token-1');
    const retried = await hold(['main'], 'token-1');
    expect(retried.LegalHoldId).to.equal(first.LegalHoldId);
    await hold(['other'], 'token-2');
    const page1 = await sb.client.send(new ListLegalHoldsCommand({ MaxResults: 1 }));
    const page2 = await sb.client.send(new ListLegalHoldsCommand({ MaxResults: 1, NextToken: page1.NextToken }));
    expect([...page1.LegalHolds!, ...page2.LegalHolds!].map((h) => h.Status)).to.deep.equal(['ACTIVE', 'ACTIVE']);
    expect(page2.NextToken).to.equal(undefined);
    expect((await sb.client.send(new ListTagsCommand({ ResourceArn: first.LegalHoldArn }))).Tags).to.deep.equal({ case: '42' });
  });

  it('validates as AWS does', async () => {
    expect((await rejection(sb.client.send(new GetLegalHoldCommand({ LegalHoldId: 'nope' })))).name).to.equal('ResourceNotFoundException');
    const noTitle = await rejection(sb.client.send(new CreateLegalHoldCommand({ Title: '', Description: 'd' })));
    expect(noTitle.name).to.equal('MissingParameterValueException');
    const badRange = await rejection(
      sb.client.send(
        new CreateLegalHoldCommand({ Title: 't', Description: 'd', RecoveryPointSelection: { DateRange: { FromDate: new Date('2026-02-01'), ToDate: new Date('2026-01-01') } } }),
      ),
    );
    expect(badRange.name).to.equal('InvalidParameterValueException');
  });
});
