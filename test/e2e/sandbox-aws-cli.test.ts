// The AWS CLI against `bkp sandbox serve` (started in this process; kept with the slow tests for the
// CLI's start-up time): requests exactly as the CLI sends them (its own parameters, such as
// describe-volumes' MaxResults=1000) and replies as it parses them. Skipped, with a message, on a
// machine without the `aws` command.
import { expect } from 'chai';
import { StartBackupJobCommand } from '@aws-sdk/client-backup';
import { awsCliInstalled, runAwsCli, type AwsCliRun as CliRun } from '../support/aws-cli.js';
import { startSandboxServer, type RunningSandboxServer } from '../../src/sandbox/server.js';
import { HOUR, REGION, ROLE_ARN, sandboxFixture, type SandboxFixture } from '../sandbox/fixture.js';

describe('sandbox: the AWS CLI against bkp sandbox serve', function () {
  this.timeout(120_000);
  let sb: SandboxFixture;
  let server: RunningSandboxServer;

  before(async function () {
    if (!awsCliInstalled()) {
      process.stdout.write('skipped: the AWS CLI is not installed (aws --version)\n');
      this.skip();
    }
    sb = await sandboxFixture();
    server = await startSandboxServer({ path: sb.path, region: REGION });
  });
  after(async () => {
    await server?.close();
    sb?.cleanup();
  });

  // Asynchronously: the server answering the CLI runs in this process.
  const aws = (...args: string[]): Promise<CliRun> => runAwsCli(server.endpoint, sb.dir, REGION, args);

  it('ec2 describe-volumes and describe-instances without arguments, with the network members of an instance', async () => {
    const instance = await sb.addResource('ec2-instance', 'web', { state: 'running' });
    await sb.addResource('ebs-volume', 'data');
    const volumes = await aws('ec2', 'describe-volumes');
    expect(volumes.stderr).to.equal('');
    expect(volumes.code).to.equal(0);
    expect((JSON.parse(volumes.stdout) as { Volumes: unknown[] }).Volumes.length).to.be.greaterThan(0);

    const described = await aws('ec2', 'describe-instances');
    expect(described.code, described.stderr).to.equal(0);
    type Instance = { InstanceId: string; VpcId?: string; SubnetId?: string; PrivateIpAddress?: string; SecurityGroups?: unknown[]; NetworkInterfaces?: { VpcId?: string }[] };
    const reply = JSON.parse(described.stdout) as { Reservations: { Instances: Instance[] }[] };
    const found = reply.Reservations.flatMap((r) => r.Instances).find((i) => i.InstanceId === instance.id)!;
    expect(found.VpcId).to.match(/^vpc-/);
    expect(found.SubnetId).to.match(/^subnet-/);
    expect(found.PrivateIpAddress).to.match(/^10\./);
    expect(found.SecurityGroups).to.have.length(1);
    expect(found.NetworkInterfaces?.[0]?.VpcId).to.equal(found.VpcId);
  });

  it('backup update-recovery-point-lifecycle -1/-1, list-backup-jobs filters as the model constrains them', async () => {
    const efs = await sb.addResource('efs', 'files');
    const vault = await aws('backup', 'create-backup-vault', '--backup-vault-name', 'main');
    expect(vault.code, vault.stderr).to.equal(0);
    const job = await sb.client.send(new StartBackupJobCommand({ BackupVaultName: 'main', ResourceArn: efs.arn, IamRoleArn: ROLE_ARN, Lifecycle: { DeleteAfterDays: 30 } }));
    await sb.advance(HOUR);

    const listed = await aws('backup', 'list-backup-jobs', '--by-message-category', 'SUCCESS');
    expect(listed.code, listed.stderr).to.equal(0);
    const jobs = (JSON.parse(listed.stdout) as { BackupJobs: { BackupJobId: string; MessageCategory?: string; RecoveryPointArn: string }[] }).BackupJobs;
    expect(jobs.map((j) => [j.BackupJobId, j.MessageCategory])).to.deep.equal([[job.BackupJobId, 'SUCCESS']]);

    const kept = await aws(
      'backup', 'update-recovery-point-lifecycle', '--backup-vault-name', 'main', '--recovery-point-arn', jobs[0]!.RecoveryPointArn,
      '--lifecycle', 'MoveToColdStorageAfterDays=-1,DeleteAfterDays=-1',
    );
    expect(kept.code, kept.stderr).to.equal(0);
    expect(JSON.parse(kept.stdout)).to.deep.include({ Lifecycle: { MoveToColdStorageAfterDays: -1, DeleteAfterDays: -1 } });

    const badAccount = await aws('backup', 'list-backup-jobs', '--by-account-id', '12');
    expect(badAccount.code).to.not.equal(0);
    expect(badAccount.stderr).to.contain('InvalidParameterValueException');
    expect(badAccount.stderr).to.contain('^[0-9]{12}$');
  });
});
