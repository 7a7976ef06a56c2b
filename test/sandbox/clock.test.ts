import { expect } from 'chai';
import { CreateBackupVaultCommand, DescribeBackupJobCommand, ListRecoveryPointsByBackupVaultCommand, StartBackupJobCommand } from '@aws-sdk/client-backup';
import { advanceClock, advanceClockTo, effectiveNow, nextEventTime, setClockMode } from '../../src/sandbox/clock.js';
import { DAY, MINUTE, ROLE_ARN, sandboxFixture, START, type SandboxFixture } from './fixture.js';

describe('sandbox clock', () => {
  let sb: SandboxFixture;
  beforeEach(async () => {
    sb = await sandboxFixture();
    await sb.client.send(new CreateBackupVaultCommand({ BackupVaultName: 'main' }));
  });
  afterEach(() => sb.cleanup());

  it('processes every event on the way in time order, within one advance', async () => {
    const instance = await sb.addResource('ec2-instance', 'web');
    await sb.client.send(new StartBackupJobCommand({ BackupVaultName: 'main', ResourceArn: instance.arn, IamRoleArn: ROLE_ARN, Lifecycle: { DeleteAfterDays: 1 } }));
    expect(nextEventTime(await sb.read())).to.equal(START.getTime() + 5 * MINUTE);
    const report = await sb.update((account) => advanceClock(account, 3 * DAY));
    // start, completion, then the point's deletion a day later
    expect(report).to.deep.include({ jobTransitions: 2, lifecycleTransitions: 1, ticks: 0, jobsCreated: 0 });
    expect(report.to.getTime()).to.equal(START.getTime() + 3 * DAY);
    expect(await sb.now()).to.equal(START.getTime() + 3 * DAY);
    const points = await sb.client.send(new ListRecoveryPointsByBackupVaultCommand({ BackupVaultName: 'main' }));
    expect(points.RecoveryPoints).to.have.length(0);
    expect(nextEventTime(await sb.read())).to.equal(undefined);
  });

  it('never goes backwards and refuses negative durations', async () => {
    await sb.update((account) => {
      advanceClockTo(account, START.getTime() - DAY);
      expect(account.clock.now).to.equal(START.getTime());
      expect(() => advanceClock(account, -1)).to.throw(/non-negative/);
    });
  });

  it('real-time mode follows the wall clock and processes due events lazily on the next request', async () => {
    const instance = await sb.addResource('ec2-instance', 'web', { sizeGiB: 100 });
    await sb.update((account) => setClockMode(account, 'real'));
    const account = await sb.read();
    expect(account.clock.mode).to.equal('real');
    expect(effectiveNow(account)).to.be.at.least(START.getTime());
    const job = await sb.client.send(new StartBackupJobCommand({ BackupVaultName: 'main', ResourceArn: instance.arn, IamRoleArn: ROLE_ARN }));
    expect((await sb.client.send(new DescribeBackupJobCommand({ BackupJobId: job.BackupJobId }))).State).to.equal('CREATED');
    // Pretend ten minutes of wall time went by.
    await sb.update((a) => {
      a.clock.offsetMs += 10 * MINUTE;
    });
    const described = await sb.client.send(new DescribeBackupJobCommand({ BackupJobId: job.BackupJobId }));
    expect(described.State).to.equal('RUNNING');
    await sb.update((a) => setClockMode(a, 'virtual'));
    const frozen = await sb.now();
    expect((await sb.read()).clock.mode).to.equal('virtual');
    expect(await sb.now()).to.equal(frozen);
  });
});
