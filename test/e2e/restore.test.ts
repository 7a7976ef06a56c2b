// bkp restore end to end on the sandbox: restore the recovery point of an applied on_demand_backup
// with -wait while the clock is advanced meanwhile, find the restored resource through the EC2 and
// EFS APIs, and check the state file did not change by a byte.
import { expect } from 'chai';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { DescribeInstancesCommand } from '@aws-sdk/client-ec2';
import { DescribeFileSystemsCommand } from '@aws-sdk/client-efs';
import { createEc2Client, createEfsClient } from '../../src/aws/clients.js';
import { sandboxClientSettings } from '../../src/app/sandbox-provider.js';
import { Workspace } from './on-demand-helpers.js';

describe('bkp restore end to end (sandbox)', function () {
  this.timeout(180_000);
  let ws: Workspace;
  beforeEach(async () => {
    ws = await Workspace.create();
  });
  afterEach(async () => ws.cleanup());

  const stateBytes = () => readFile(join(ws.dir, 'bkp.state.json'));
  const settings = () => sandboxClientSettings({ region: 'us-east-1', path: join(ws.dir, '.bkp/sandbox.json') });

  it('restores an on_demand_backup of an EC2 instance with -auto-approve -wait: a new instance, the state untouched', async () => {
    const arn = await ws.addSource('ec2-instance', 'web', '--tag', 'env=prod');
    await ws.configure([{ name: 'web', source: 'web', arn }]);
    await ws.ok('apply', '-auto-approve');
    const before = await stateBytes();

    const early = await ws.bkp('restore', 'on_demand_backup.web', '-auto-approve');
    expect(early.code).to.equal(1);
    expect(early.stderr).to.include('has no recovery point to restore yet').and.include('bkp sandbox advance');

    await ws.ok('sandbox', 'advance', '1h');
    const restore = ws.start('restore', 'on_demand_backup.web', '-auto-approve', '-wait', '-wait-interval=100ms', '-metadata', 'InstanceType=m5.large');
    await restore.waitFor(/waiting for it to end/);
    expect(restore.stdout).to.include('+ a new EC2 instance (m5.large)').and.include('~ InstanceType');
    await ws.ok('sandbox', 'advance', '1h');
    const done = await restore.done;
    expect(done.code, done.stdout + done.stderr).to.equal(0);
    const created = /restored to (arn:aws:ec2:us-east-1:123456789012:instance\/i-[0-9a-f]+)/.exec(done.stdout)?.[1];
    expect(created, done.stdout).to.be.a('string');

    const ec2 = await createEc2Client(settings());
    const reply = await ec2.send(new DescribeInstancesCommand({ InstanceIds: [created!.split('/').pop()!] }));
    ec2.destroy();
    const instance = reply.Reservations![0]!.Instances![0]!;
    expect(instance.InstanceType).to.equal('m5.large');
    expect(instance.State?.Name).to.equal('running');
    expect(`arn:aws:ec2:us-east-1:123456789012:instance/${instance.InstanceId}`).to.not.equal(arn);
    expect((await stateBytes()).equals(before), 'the state file changed').to.equal(true);
  });

  it('restores an EFS recovery point by ARN as JSON, refuses without a terminal, and explains a vault address', async () => {
    const arn = await ws.addSource('efs', 'shared');
    await ws.configure([{ name: 'files', source: 'shared', arn }]);
    await ws.ok('apply', '-auto-approve');
    await ws.ok('sandbox', 'advance', '1h');
    const before = await stateBytes();
    const point = JSON.parse((await ws.ok('show', 'on_demand_backup.files', '-json')).stdout) as { recovery_points: Array<{ recovery_point_arn: string }> };
    const pointArn = point.recovery_points[0]!.recovery_point_arn;

    const noTty = await ws.bkp('restore', pointArn);
    expect(noTty.code).to.equal(1);
    expect(noTty.stdout).to.include('a new EFS file system');
    expect(noTty.stderr).to.include('no terminal is attached').and.include('-auto-approve');
    const vault = await ws.bkp('restore', 'backup_vault.main', '-auto-approve');
    expect(vault.code).to.equal(1);
    expect(vault.stderr).to.include('bkp show backup_vault.main');
    const badPair = await ws.bkp('restore', pointArn, '-auto-approve', '-metadata', 'novalue');
    expect(badPair.code).to.equal(1);
    expect(badPair.stderr).to.include('-metadata needs KEY=VALUE');

    const started = await ws.ok('restore', pointArn, '-auto-approve', '-json');
    const document = JSON.parse(started.stdout) as { resource_type: string; restore_job: { job_id: string; state: string } };
    expect(document.resource_type).to.equal('EFS');
    expect(document.restore_job.state).to.equal('PENDING');
    await ws.ok('sandbox', 'advance', '1h');

    const efs = await createEfsClient(settings());
    const systems = (await efs.send(new DescribeFileSystemsCommand({}))).FileSystems ?? [];
    efs.destroy();
    expect(systems.map((f) => f.FileSystemArn)).to.include(arn);
    expect(systems).to.have.length(2);
    expect((await stateBytes()).equals(before), 'the state file changed').to.equal(true);
  });
});
