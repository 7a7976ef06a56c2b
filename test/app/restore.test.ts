// bkp restore's use case against a sandbox account: the approval question decides whether a job
// starts, overrides replace AWS's keys without regard to case, and bad input is refused before
// any job starts.
import { expect } from 'chai';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { CreateBackupVaultCommand, DescribeBackupJobCommand, ListRestoreJobsCommand, StartBackupJobCommand } from '@aws-sdk/client-backup';
import { mergeMetadata, runRestore } from '../../src/app/restore.js';
import { UserError } from '../../src/core/errors.js';
import { HOUR, REGION, ROLE_ARN, sandboxFixture, type SandboxFixture } from '../sandbox/fixture.js';
import { recordingHost } from '../support/recording-host.js';

describe('app/restore', () => {
  let sb: SandboxFixture;
  let pointArn: string;
  beforeEach(async () => {
    sb = await sandboxFixture();
    writeFileSync(join(sb.dir, 'main.bkp.hcl'), `provider "sandbox" {\n  path   = "sandbox.json"\n  region = "${REGION}"\n}\n`);
    const volume = await sb.addResource('ebs-volume', 'data', { sizeGiB: 10 });
    await sb.client.send(new CreateBackupVaultCommand({ BackupVaultName: 'main' }));
    const job = await sb.client.send(new StartBackupJobCommand({ BackupVaultName: 'main', ResourceArn: volume.arn, IamRoleArn: ROLE_ARN }));
    await sb.advance(HOUR);
    pointArn = (await sb.client.send(new DescribeBackupJobCommand({ BackupJobId: job.BackupJobId }))).RecoveryPointArn!;
  });
  afterEach(() => sb.cleanup());

  const restoreJobs = async () => (await sb.client.send(new ListRestoreJobsCommand({}))).RestoreJobs ?? [];

  it('starts the restore after `yes`, with AWS metadata merged with the overrides', async () => {
    const host = recordingHost('yes');
    const code = await runRestore({ host, dir: sb.dir }, { target: pointArn, metadata: ['AvailabilityZone=eu-west-1c', 'iops=3000'] });
    expect(code).to.equal(0);
    const preview = host.messages.find((m) => m.code === 'BKP_R_RESTORE_PREVIEW')!;
    expect(preview.code === 'BKP_R_RESTORE_PREVIEW' && preview.data.preview).to.deep.include({
      vault: 'main',
      resourceType: 'EBS',
      overridden: ['AvailabilityZone', 'iops'],
    });
    const metadata = preview.code === 'BKP_R_RESTORE_PREVIEW' ? preview.data.preview.metadata : {};
    expect(metadata).to.include({ AvailabilityZone: 'eu-west-1c', iops: '3000', volumeSize: '10' });
    expect(metadata).to.not.have.property('availabilityZone');
    const started = host.messages.find((m) => m.code === 'BKP_R_RESTORE_STARTED')!;
    expect(started.code === 'BKP_R_RESTORE_STARTED' && started.data.sandbox).to.equal(true);
    const jobs = await restoreJobs();
    expect(jobs.map((j) => j.RecoveryPointArn)).to.deep.equal([pointArn]);
  });

  it('starts nothing when the answer is not `yes`, or when nobody can answer', async () => {
    const cancelled = await runRestore({ host: recordingHost('no'), dir: sb.dir }, { target: pointArn }).catch((e: unknown) => e);
    expect(cancelled).to.be.instanceOf(UserError);
    expect((cancelled as UserError).message).to.equal('Restore cancelled.');
    const unattended = await runRestore({ host: recordingHost(), dir: sb.dir }, { target: pointArn }).catch((e: unknown) => e);
    expect((unattended as UserError).message).to.contain('no terminal is attached');
    const json = await runRestore({ host: recordingHost('yes'), dir: sb.dir }, { target: pointArn, json: true }).catch((e: unknown) => e);
    expect((json as UserError).message).to.contain('-json needs -auto-approve');
    expect(await restoreJobs()).to.deep.equal([]);
  });

  it('refuses a point that is in no vault, and names the vault flag', async () => {
    const missing = await runRestore({ host: recordingHost('yes'), dir: sb.dir }, { target: `${pointArn}0`, 'auto-approve': true }).catch((e: unknown) => e);
    expect((missing as UserError).message).to.contain('was not found in vault main');
    expect((missing as UserError).hint).to.contain('-vault=NAME');
    expect(await restoreJobs()).to.deep.equal([]);
  });

  it('merges -metadata pairs: a key equal but for case replaces AWS\'s, and a pair without = is refused', () => {
    expect(mergeMetadata({ InstanceType: 't3.micro', RequireIMDSv2: 'false' }, ['instancetype=m5.large', 'Note=a=b'])).to.deep.equal({
      metadata: { RequireIMDSv2: 'false', instancetype: 'm5.large', Note: 'a=b' },
      overridden: ['instancetype', 'Note'],
    });
    expect(() => mergeMetadata({}, ['=x'])).to.throw(UserError, '-metadata needs KEY=VALUE');
  });
});
