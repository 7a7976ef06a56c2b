// Legal holds against the lifecycle engine: a held recovery point outlives its DeleteAfterDays for
// as long as any hold covers it, and goes at the first lifecycle pass after the last hold ends.
import { expect } from 'chai';
import {
  CancelLegalHoldCommand,
  CreateBackupVaultCommand,
  CreateLegalHoldCommand,
  DeleteRecoveryPointCommand,
  DescribeBackupJobCommand,
  ListRecoveryPointsByBackupVaultCommand,
  StartBackupJobCommand,
} from '@aws-sdk/client-backup';
import { nextEventTime } from '../../../src/sandbox/clock.js';
import { DAY, HOUR, ROLE_ARN, rejection, sandboxFixture, type SandboxFixture } from '../fixture.js';

describe('sandbox backup: legal holds and lifecycle expiry', () => {
  let sb: SandboxFixture;
  beforeEach(async () => {
    sb = await sandboxFixture();
    await sb.client.send(new CreateBackupVaultCommand({ BackupVaultName: 'main' }));
  });
  afterEach(() => sb.cleanup());

  async function backup(name: string, deleteAfterDays: number): Promise<string> {
    const efs = await sb.addResource('efs', name);
    const job = await sb.client.send(
      new StartBackupJobCommand({ BackupVaultName: 'main', ResourceArn: efs.arn, IamRoleArn: ROLE_ARN, Lifecycle: { DeleteAfterDays: deleteAfterDays } }),
    );
    await sb.advance(HOUR);
    return (await sb.client.send(new DescribeBackupJobCommand({ BackupJobId: job.BackupJobId }))).RecoveryPointArn!;
  }

  const holdOn = async (title: string, arn: string) =>
    (
      await sb.client.send(
        new CreateLegalHoldCommand({ Title: title, Description: 'case', RecoveryPointSelection: { ResourceIdentifiers: [arn] } }),
      )
    ).LegalHoldId!;
  const pointArns = async () =>
    ((await sb.client.send(new ListRecoveryPointsByBackupVaultCommand({ BackupVaultName: 'main' }))).RecoveryPoints ?? []).map((p) => p.RecoveryPointArn);
  const cancel = (id: string) => sb.client.send(new CancelLegalHoldCommand({ LegalHoldId: id, CancelDescription: 'closed' }));

  it('skips a held point at expiry while its unheld sibling expires, until the last of its holds is cancelled', async () => {
    const held = await backup('held', 2);
    const free = await backup('free', 2);
    const heldResource = (await sb.read()).backup['eu-west-1']!.recoveryPoints[held]!.resourceArn;
    const first = await holdOn('first', heldResource);
    const second = await holdOn('second', heldResource);
    await sb.advance(3 * DAY);
    expect(await pointArns()).to.deep.equal([held]);
    expect(free).to.not.equal(held);
    // The overdue step of a held point is no pending event: nothing is due, in real time or not.
    expect(nextEventTime(await sb.read())).to.equal(undefined);

    const refused = await rejection(sb.client.send(new DeleteRecoveryPointCommand({ BackupVaultName: 'main', RecoveryPointArn: held })));
    expect(refused.name).to.equal('InvalidRequestException');

    // One hold still covers it after the first is cancelled.
    await cancel(first);
    await sb.advance(HOUR);
    expect(await pointArns()).to.deep.equal([held]);
    // The last cancellation makes the overdue expiry due, and the next pass deletes the point.
    await cancel(second);
    expect(nextEventTime(await sb.read())).to.be.a('number').and.to.be.at.most(await sb.now());
    await sb.advance(1);
    expect(await pointArns()).to.deep.equal([]);
  });

  it('lets a point expire on its own date when its hold was cancelled before then', async () => {
    const point = await backup('files', 10);
    const resource = (await sb.read()).backup['eu-west-1']!.recoveryPoints[point]!.resourceArn;
    const id = await holdOn('brief', resource);
    await sb.advance(2 * DAY);
    await cancel(id);
    await sb.advance(7 * DAY);
    expect(await pointArns()).to.deep.equal([point]);
    await sb.advance(DAY);
    expect(await pointArns()).to.deep.equal([]);
  });
});
