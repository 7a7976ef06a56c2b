import { expect } from 'chai';
import {
  CreateBackupVaultCommand,
  CreateRestoreTestingPlanCommand,
  CreateRestoreTestingSelectionCommand,
  DescribeBackupJobCommand,
  DescribeRestoreJobCommand,
  GetRestoreTestingPlanCommand,
  ListRestoreJobsByProtectedResourceCommand,
  ListRestoreJobsCommand,
  PutRestoreValidationResultCommand,
  StartBackupJobCommand,
  type RestoreJobsListMember,
  type RestoreTestingRecoveryPointSelection,
  type RestoreTestingSelectionForCreate,
} from '@aws-sdk/client-backup';
import { eventsSince, snapshotAccount } from '../../../src/app/sandbox/events.js';
import { renderAdvance } from '../../../src/render/sandbox.js';
import { pickPoint, recoveryPointType } from '../../../src/sandbox/engine/restore-tests.js';
import type { SourceType } from '../../../src/sandbox/inventory.js';
import type { RecoveryPointRecord } from '../../../src/sandbox/state.js';
import { ACCOUNT_ID, DAY, HOUR, MINUTE, REGION, ROLE_ARN, START, rejection, sandboxFixture, type SandboxFixture } from '../fixture.js';

const vaultArn = (name: string) => `arn:aws:backup:${REGION}:${ACCOUNT_ID}:backup-vault:${name}`;

describe('sandbox backup: restore testing plans run on the clock', () => {
  let sb: SandboxFixture;
  beforeEach(async () => {
    sb = await sandboxFixture();
    for (const name of ['main', 'archive', 'test-a']) await sb.client.send(new CreateBackupVaultCommand({ BackupVaultName: name }));
  });
  afterEach(() => sb.cleanup());

  /** A completed recovery point of `arn` in `vault`. */
  async function backUp(arn: string, vault = 'main'): Promise<string> {
    const job = await sb.client.send(new StartBackupJobCommand({ BackupVaultName: vault, ResourceArn: arn, IamRoleArn: ROLE_ARN }));
    await sb.advance(2 * HOUR);
    const done = await sb.client.send(new DescribeBackupJobCommand({ BackupJobId: job.BackupJobId }));
    expect(done.State).to.equal('COMPLETED');
    return done.RecoveryPointArn!;
  }
  async function source(type: SourceType, name: string, tags: Record<string, string> = {}) {
    return sb.addResource(type, name, { tags, sizeGiB: 8 });
  }
  /** A plan testing daily at 05:00 UTC, and one selection. */
  async function testingPlan(selection: Partial<RestoreTestingRecoveryPointSelection>, select: Partial<RestoreTestingSelectionForCreate>, name = 'daily') {
    const plan = await sb.client.send(
      new CreateRestoreTestingPlanCommand({
        RestoreTestingPlan: {
          RestoreTestingPlanName: name,
          ScheduleExpression: 'cron(0 5 ? * * *)',
          RecoveryPointSelection: { Algorithm: 'LATEST_WITHIN_WINDOW', IncludeVaults: ['*'], RecoveryPointTypes: ['SNAPSHOT'], SelectionWindowDays: 7, ...selection },
        },
      }),
    );
    await sb.client.send(
      new CreateRestoreTestingSelectionCommand({
        RestoreTestingPlanName: name,
        RestoreTestingSelection: { RestoreTestingSelectionName: 'volumes', ProtectedResourceType: 'EBS', IamRoleArn: ROLE_ARN, ProtectedResourceArns: ['*'], ...select },
      }),
    );
    return plan.RestoreTestingPlanArn!;
  }
  /** Moves the clock to the plan's next run (the next 05:00 UTC), plus `extra`. */
  async function toFirstRun(extra = 0): Promise<void> {
    const now = await sb.now();
    const today = now - (now % DAY) + 5 * HOUR;
    await sb.advance((today > now ? today : today + DAY) - now + extra);
  }
  const jobsOf = async (planArn: string): Promise<RestoreJobsListMember[]> =>
    (await sb.client.send(new ListRestoreJobsCommand({ ByRestoreTestingPlanArn: planArn }))).RestoreJobs ?? [];

  it('restores the latest point of each protected resource at the scheduled time, then validates and deletes the restored volume after the window', async () => {
    const volume = await source('ebs-volume', 'data');
    await backUp(volume.arn);
    const latest = await backUp(volume.arn);
    const planArn = await testingPlan({}, { ValidationWindowHours: 4, RestoreMetadataOverrides: { volumetype: 'io2' } });
    await toFirstRun(-MINUTE);
    expect(await jobsOf(planArn)).to.deep.equal([]);

    await sb.advance(2 * HOUR);
    const [job, ...others] = await jobsOf(planArn);
    expect(others).to.deep.equal([]);
    expect(job).to.include({ Status: 'COMPLETED', RecoveryPointArn: latest, SourceResourceArn: volume.arn, IamRoleArn: ROLE_ARN, ValidationStatus: 'VALIDATING' });
    expect(job!.CreatedBy).to.deep.equal({ RestoreTestingPlanArn: planArn });
    expect(job!.DeletionStatus).to.equal(undefined);
    expect(job!.CreationDate!.toISOString()).to.equal('2026-01-05T05:00:00.000Z');
    const restored = (await sb.read()).inventory.find((r) => r.arn === job!.CreatedResourceArn)!;
    expect(restored).to.include({ type: 'ebs-volume', volumeType: 'io2' });
    const plan = await sb.client.send(new GetRestoreTestingPlanCommand({ RestoreTestingPlanName: 'daily' }));
    expect(plan.RestoreTestingPlan!.LastExecutionTime!.toISOString()).to.equal('2026-01-05T05:00:00.000Z');

    // The window (4 h after completion) closes without a result: TIMED_OUT, then the volume goes.
    await sb.advance(job!.CompletionDate!.getTime() + 4 * HOUR + MINUTE - (await sb.now()));
    const timedOut = await sb.client.send(new DescribeRestoreJobCommand({ RestoreJobId: job!.RestoreJobId }));
    expect(timedOut).to.include({ ValidationStatus: 'TIMED_OUT', DeletionStatus: 'DELETING' });
    expect(timedOut.CreatedBy).to.deep.equal({ RestoreTestingPlanArn: planArn });
    const late = await rejection(sb.client.send(new PutRestoreValidationResultCommand({ RestoreJobId: job!.RestoreJobId, ValidationStatus: 'SUCCESSFUL' })));
    expect(late.name).to.equal('InvalidRequestException');
    expect(late.message).to.contain('validation window has closed');
    await sb.advance(HOUR);
    const deleted = await sb.client.send(new DescribeRestoreJobCommand({ RestoreJobId: job!.RestoreJobId }));
    expect(deleted.DeletionStatus).to.equal('SUCCESSFUL');
    expect((await sb.read()).inventory.some((r) => r.arn === job!.CreatedResourceArn)).to.equal(false);
    expect((await sb.read()).inventory.some((r) => r.arn === volume.arn)).to.equal(true);
  });

  it('takes a validation result during the window and deletes the restored resource right after it; refuses a bad status', async () => {
    const volume = await source('ebs-volume', 'data');
    await backUp(volume.arn);
    const planArn = await testingPlan({}, { ValidationWindowHours: 24 });
    await toFirstRun(2 * HOUR);
    const [job] = await jobsOf(planArn);
    const bad = await rejection(sb.client.send(new PutRestoreValidationResultCommand({ RestoreJobId: job!.RestoreJobId, ValidationStatus: 'PASSED' as 'SUCCESSFUL' })));
    expect(bad.name).to.equal('InvalidParameterValueException');
    const unknown = await rejection(sb.client.send(new PutRestoreValidationResultCommand({ RestoreJobId: 'NOPE', ValidationStatus: 'SUCCESSFUL' })));
    expect(unknown.name).to.equal('ResourceNotFoundException');
    // VALIDATING keeps the window open; a final result ends it.
    await sb.client.send(new PutRestoreValidationResultCommand({ RestoreJobId: job!.RestoreJobId, ValidationStatus: 'VALIDATING', ValidationStatusMessage: 'checking' }));
    expect((await sb.client.send(new DescribeRestoreJobCommand({ RestoreJobId: job!.RestoreJobId }))).DeletionStatus).to.equal(undefined);
    await sb.client.send(new PutRestoreValidationResultCommand({ RestoreJobId: job!.RestoreJobId, ValidationStatus: 'SUCCESSFUL', ValidationStatusMessage: 'fsck clean' }));
    const validated = await sb.client.send(new DescribeRestoreJobCommand({ RestoreJobId: job!.RestoreJobId }));
    expect(validated).to.include({ ValidationStatus: 'SUCCESSFUL', ValidationStatusMessage: 'fsck clean', DeletionStatus: 'DELETING' });
    await sb.advance(HOUR);
    const gone = await sb.client.send(new DescribeRestoreJobCommand({ RestoreJobId: job!.RestoreJobId }));
    expect(gone).to.include({ ValidationStatus: 'SUCCESSFUL', DeletionStatus: 'SUCCESSFUL' });
    const byResource = await sb.client.send(new ListRestoreJobsByProtectedResourceCommand({ ResourceArn: volume.arn }));
    expect(byResource.RestoreJobs!.map((j) => j.RestoreJobId)).to.deep.equal([job!.RestoreJobId]);
    expect(byResource.RestoreJobs![0]!.CreatedBy).to.deep.equal({ RestoreTestingPlanArn: planArn });
  });

  it('without a validation window, deletes the restored resource as soon as the restore completes and takes no result', async () => {
    const volume = await source('ebs-volume', 'data');
    await backUp(volume.arn);
    const planArn = await testingPlan({}, {});
    await toFirstRun(2 * HOUR);
    const [job] = await jobsOf(planArn);
    expect(job!.ValidationStatus).to.equal(undefined);
    expect(job!.DeletionStatus).to.equal('SUCCESSFUL');
    const refused = await rejection(sb.client.send(new PutRestoreValidationResultCommand({ RestoreJobId: job!.RestoreJobId, ValidationStatus: 'SUCCESSFUL' })));
    expect(refused.name).to.equal('InvalidRequestException');
    expect(refused.message).to.contain('no validation window');
  });

  it('bkp sandbox advance names each restore test that finished and each restored resource deleted', async () => {
    const volume = await source('ebs-volume', 'data');
    await backUp(volume.arn);
    await testingPlan({}, { ValidationWindowHours: 1 });
    const before = snapshotAccount(await sb.read());
    await toFirstRun(3 * HOUR);
    const account = await sb.read();
    const [job] = Object.values(account.backup[REGION]!.restoreJobs!);
    const lines = renderAdvance(
      { duration: '5h', from: START.getTime(), to: account.clock.now, events: eventsSince(before, account, account.clock.now), names: new Map([[volume.arn, 'data']]) },
      false,
    ).split('\n');
    const restored = job!.createdResourceArn!.split('/').pop();
    expect(lines.filter((l) => l.includes('restore job'))).to.deep.equal([
      `${new Date(job!.completionDate!).toISOString().slice(0, 19).replace('T', ' ')} UTC  restore test daily/volumes of data (${volume.arn.split('/').pop()}) (restore job ${job!.id}) restored as ${restored}`,
      `${new Date(job!.restoreTest!.restoredResourceDeletedAt!).toISOString().slice(0, 19).replace('T', ' ')} UTC  restored ${restored} deleted (restore job ${job!.id}, validation TIMED_OUT)`,
    ]);
    expect(lines[lines.length - 1]).to.match(/ 1 restore test, 1 restored resources deleted\.$/);
  });

  it('chooses points by vault (include/exclude with wildcards), selection window and the selection ARNs and tag conditions', async () => {
    const inMain = await source('ebs-volume', 'in-main', { env: 'prod' });
    const inArchive = await source('ebs-volume', 'in-archive', { env: 'prod' });
    const inTestA = await source('ebs-volume', 'in-test-a', { env: 'prod' });
    const untagged = await source('ebs-volume', 'untagged');
    await backUp(inMain.arn, 'main');
    await backUp(inArchive.arn, 'archive');
    await backUp(inTestA.arn, 'test-a');
    await backUp(untagged.arn, 'main');
    const planArn = await testingPlan(
      { IncludeVaults: [vaultArn('main'), `arn:aws:backup:*:*:backup-vault:test-*`, vaultArn('archive')], ExcludeVaults: [vaultArn('archive')] },
      { ProtectedResourceArns: ['*'], ProtectedResourceConditions: { StringEquals: [{ Key: 'aws:ResourceTag/env', Value: 'prod' }] } },
    );
    await toFirstRun(2 * HOUR);
    const tested = (await jobsOf(planArn)).map((j) => j.SourceResourceArn).sort();
    expect(tested).to.deep.equal([inMain.arn, inTestA.arn].sort());

    // Eight days on, the points are outside the 1-day selection window of a new plan: nothing to test.
    await sb.advance(8 * DAY);
    const oldArn = await testingPlan({ SelectionWindowDays: 1 }, { RestoreTestingSelectionName: 'one', ProtectedResourceArns: [inMain.arn] }, 'recent');
    await sb.advance(DAY);
    expect(await jobsOf(oldArn)).to.deep.equal([]);
    const fresh = await backUp(inMain.arn, 'main');
    await sb.advance(DAY);
    const picked = await jobsOf(oldArn);
    expect(picked.map((j) => [j.SourceResourceArn, j.RecoveryPointArn])).to.deep.equal([[inMain.arn, fresh]]);
  });

  it('records a failed restore test when the inferred metadata lacks what the type needs', async () => {
    const fs = await source('fsx', 'files');
    await backUp(fs.arn);
    const planArn = await testingPlan({}, { RestoreTestingSelectionName: 'all', ProtectedResourceType: 'FSx' }, 'fsx');
    await toFirstRun(HOUR);
    const [job] = await jobsOf(planArn);
    expect(job).to.include({ Status: 'FAILED' });
    expect(job!.StatusMessage).to.contain('SubnetIds').and.contain('RestoreMetadataOverrides');
    expect(job!.DeletionStatus).to.equal(undefined);
  });

  it('restores databases under a new identifier, so a test never collides with its source', async () => {
    const db = await source('rds-instance', 'orders');
    await backUp(db.arn);
    const planArn = await testingPlan({ Algorithm: 'RANDOM_WITHIN_WINDOW' }, { RestoreTestingSelectionName: 'all', ProtectedResourceType: 'RDS', ProtectedResourceArns: [db.arn], ValidationWindowHours: 24 }, 'db');
    await toFirstRun(3 * HOUR);
    const [job] = await jobsOf(planArn);
    expect(job).to.include({ Status: 'COMPLETED', ValidationStatus: 'VALIDATING' });
    const restored = (await sb.read()).inventory.find((r) => r.arn === job!.CreatedResourceArn)!;
    expect(restored.name).to.match(/^awsbackup-restore-test-[0-9a-f]{12}$/);
  });
});

describe('restore testing: point choice', () => {
  const point = (arn: string, day: number): RecoveryPointRecord =>
    ({ arn, creationDate: START.getTime() + day * DAY } as RecoveryPointRecord);
  const points = [point('a', 1), point('b', 3), point('c', 2), point('d', 0)];

  it('LATEST_WITHIN_WINDOW takes the newest point', () => {
    expect(pickPoint('LATEST_WITHIN_WINDOW', points, 'seed', 'k')?.arn).to.equal('b');
    expect(pickPoint('LATEST_WITHIN_WINDOW', [], 'seed', 'k')).to.equal(undefined);
  });

  it('RANDOM_WITHIN_WINDOW draws the same point for the same seed and key, and different ones across keys', () => {
    const draws = Array.from({ length: 40 }, (_, i) => pickPoint('RANDOM_WITHIN_WINDOW', points, 'seed', `k${i}`)!.arn);
    expect(draws).to.deep.equal(Array.from({ length: 40 }, (_, i) => pickPoint('RANDOM_WITHIN_WINDOW', [...points].reverse(), 'seed', `k${i}`)!.arn));
    expect(new Set(draws).size).to.equal(4);
    const otherSeed = Array.from({ length: 40 }, (_, i) => pickPoint('RANDOM_WITHIN_WINDOW', points, 'other', `k${i}`)!.arn);
    expect(otherSeed).to.not.deep.equal(draws);
  });

  it('tells continuous points from snapshots by their ARN', () => {
    expect(recoveryPointType(point('arn:aws:backup:eu-west-1:123456789012:recovery-point:continuous:db-abc-1234', 0))).to.equal('CONTINUOUS');
    expect(recoveryPointType(point('arn:aws:ec2:eu-west-1::snapshot/snap-0123', 0))).to.equal('SNAPSHOT');
  });
});
