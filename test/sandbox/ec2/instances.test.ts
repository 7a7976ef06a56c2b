import { expect } from 'chai';
import {
  DescribeInstancesCommand,
  DescribeVolumesCommand,
  RunInstancesCommand,
  StartInstancesCommand,
  StopInstancesCommand,
  TerminateInstancesCommand,
  type EC2Client,
} from '@aws-sdk/client-ec2';
import { findById } from '../../../src/sandbox/inventory.js';
import { launchInstance } from '../../../src/sandbox/ec2/model.js';
import { ec2Fixture, sdkError, START } from './helpers.js';

async function run(client: EC2Client, count = 1, tags: Record<string, string> = { Name: 'web', env: 'prod' }) {
  const reply = await client.send(
    new RunInstancesCommand({
      ImageId: 'ami-12c6146b',
      MinCount: count,
      MaxCount: count,
      InstanceType: 't3.micro',
      TagSpecifications: [
        { ResourceType: 'instance', Tags: Object.entries(tags).map(([Key, Value]) => ({ Key, Value })) },
        { ResourceType: 'volume', Tags: [{ Key: 'disk', Value: 'root' }] },
      ],
    }),
  );
  return reply.Instances!.map((i) => i.InstanceId!);
}

async function stateOf(client: EC2Client, id: string): Promise<string | undefined> {
  const reply = await client.send(new DescribeInstancesCommand({ InstanceIds: [id] }));
  return reply.Reservations?.[0]?.Instances?.[0]?.State?.Name;
}

describe('sandbox EC2: RunInstances', () => {
  it('launches running instances with the requested tags, type and a root volume, reported as pending', async () => {
    const { client, account } = ec2Fixture();
    const reply = await client.send(
      new RunInstancesCommand({
        ImageId: 'ami-12c6146b',
        MinCount: 2,
        MaxCount: 2,
        InstanceType: 't3.large',
        TagSpecifications: [{ ResourceType: 'instance', Tags: [{ Key: 'Name', Value: 'web' }] }],
      }),
    );
    expect(reply.ReservationId).to.match(/^r-[0-9a-f]{17}$/);
    expect(reply.OwnerId).to.equal('123456789012');
    expect(reply.Instances).to.have.length(2);
    const [first] = reply.Instances!;
    expect(first!.InstanceId).to.match(/^i-[0-9a-f]{17}$/);
    expect(first!.State).to.deep.equal({ Code: 0, Name: 'pending' });
    expect(first!.InstanceType).to.equal('t3.large');
    expect(first!.ImageId).to.equal('ami-12c6146b');
    expect(first!.Tags).to.deep.equal([{ Key: 'Name', Value: 'web' }]);
    expect(first!.LaunchTime?.toISOString()).to.equal(START.toISOString());
    expect(first!.BlockDeviceMappings?.[0]?.Ebs?.VolumeId).to.match(/^vol-[0-9a-f]{17}$/);
    expect(reply.Instances!.map((i) => i.AmiLaunchIndex)).to.deep.equal([0, 1]);

    expect(await stateOf(client, first!.InstanceId!)).to.equal('running');
    const stored = findById(account.inventory, first!.InstanceId!)!;
    expect(stored.type).to.equal('ec2-instance');
    expect(stored.name).to.equal('web');
    expect(stored.arn).to.equal(`arn:aws:ec2:us-east-1:123456789012:instance/${stored.id}`);
  });

  it('tags the root volume from a volume TagSpecification and attaches it with DeleteOnTermination', async () => {
    const { client } = ec2Fixture();
    const [id] = await run(client);
    const volumes = await client.send(new DescribeVolumesCommand({ Filters: [{ Name: 'attachment.instance-id', Values: [id!] }] }));
    expect(volumes.Volumes).to.have.length(1);
    const volume = volumes.Volumes![0]!;
    expect(volume.State).to.equal('in-use');
    expect(volume.Tags).to.deep.equal([{ Key: 'disk', Value: 'root' }]);
    expect(volume.Attachments?.[0]).to.include({ InstanceId: id, Device: '/dev/xvda', State: 'attached', DeleteOnTermination: true });
  });

  it('returns the first reservation again for a repeated ClientToken instead of launching twice', async () => {
    const { client, account } = ec2Fixture();
    const input = { ImageId: 'ami-12c6146b', MinCount: 1, MaxCount: 1, ClientToken: 'same-token' };
    const first = await client.send(new RunInstancesCommand(input));
    const second = await client.send(new RunInstancesCommand(input));
    expect(second.ReservationId).to.equal(first.ReservationId);
    expect(second.Instances?.[0]?.InstanceId).to.equal(first.Instances?.[0]?.InstanceId);
    expect(account.inventory.filter((r) => r.type === 'ec2-instance')).to.have.length(1);
  });

  it('refuses a malformed image id, a missing count and MaxCount below MinCount', async () => {
    const { client, account } = ec2Fixture();
    const malformed = await sdkError(client.send(new RunInstancesCommand({ ImageId: 'image-1', MinCount: 1, MaxCount: 1 })));
    expect(malformed.name).to.equal('InvalidAMIID.Malformed');
    const missing = await sdkError(client.send(new RunInstancesCommand({ ImageId: 'ami-12c6146b', MaxCount: 1 } as never)));
    expect(missing.name).to.equal('MissingParameter');
    expect(missing.message).to.contain('MinCount');
    const inverted = await sdkError(client.send(new RunInstancesCommand({ ImageId: 'ami-12c6146b', MinCount: 3, MaxCount: 2 })));
    expect(inverted.name).to.equal('InvalidParameterValue');
    expect(inverted.$metadata?.httpStatusCode).to.equal(400);
    expect(account.inventory).to.have.length(0);
  });

  it('answers DryRunOperation without launching anything', async () => {
    const { client, account } = ec2Fixture();
    const error = await sdkError(client.send(new RunInstancesCommand({ ImageId: 'ami-12c6146b', MinCount: 1, MaxCount: 1, DryRun: true })));
    expect(error.name).to.equal('DryRunOperation');
    expect(account.inventory).to.have.length(0);
  });
});

describe('sandbox EC2: Stop, Start, Terminate', () => {
  it('stops a running instance (reply: stopping, then stopped) and starts it again', async () => {
    const { client } = ec2Fixture();
    const [id] = await run(client);
    const stop = await client.send(new StopInstancesCommand({ InstanceIds: [id!] }));
    expect(stop.StoppingInstances?.[0]).to.deep.equal({
      InstanceId: id,
      CurrentState: { Code: 64, Name: 'stopping' },
      PreviousState: { Code: 16, Name: 'running' },
    });
    expect(await stateOf(client, id!)).to.equal('stopped');
    const described = await client.send(new DescribeInstancesCommand({ InstanceIds: [id!] }));
    expect(described.Reservations?.[0]?.Instances?.[0]?.StateTransitionReason).to.equal('User initiated (2026-01-05 10:00:00 GMT)');

    const start = await client.send(new StartInstancesCommand({ InstanceIds: [id!] }));
    expect(start.StartingInstances?.[0]?.CurrentState).to.deep.equal({ Code: 0, Name: 'pending' });
    expect(start.StartingInstances?.[0]?.PreviousState).to.deep.equal({ Code: 80, Name: 'stopped' });
    expect(await stateOf(client, id!)).to.equal('running');
  });

  it('terminates an instance, deletes its root volume, and refuses to stop or start it afterwards', async () => {
    const { client } = ec2Fixture();
    const [id] = await run(client);
    const reply = await client.send(new TerminateInstancesCommand({ InstanceIds: [id!] }));
    expect(reply.TerminatingInstances?.[0]?.CurrentState).to.deep.equal({ Code: 32, Name: 'shutting-down' });
    expect(await stateOf(client, id!)).to.equal('terminated');
    const volumes = await client.send(new DescribeVolumesCommand({}));
    expect(volumes.Volumes).to.deep.equal([]);

    const again = await client.send(new TerminateInstancesCommand({ InstanceIds: [id!] }));
    expect(again.TerminatingInstances?.[0]?.CurrentState?.Name).to.equal('terminated');
    const stop = await sdkError(client.send(new StopInstancesCommand({ InstanceIds: [id!] })));
    expect(stop.name).to.equal('IncorrectInstanceState');
    const start = await sdkError(client.send(new StartInstancesCommand({ InstanceIds: [id!] })));
    expect(start.name).to.equal('IncorrectInstanceState');
  });

  it('changes nothing when one of the ids does not exist', async () => {
    const { client } = ec2Fixture();
    const [id] = await run(client);
    const error = await sdkError(client.send(new StopInstancesCommand({ InstanceIds: [id!, 'i-0123456789abcdef0'] })));
    expect(error.name).to.equal('InvalidInstanceID.NotFound');
    expect(error.message).to.equal("The instance ID 'i-0123456789abcdef0' does not exist");
    expect(await stateOf(client, id!)).to.equal('running');
  });

  it('asks for InstanceId when none is given', async () => {
    const { client } = ec2Fixture();
    const error = await sdkError(client.send(new TerminateInstancesCommand({ InstanceIds: [] })));
    expect(error.name).to.equal('MissingParameter');
  });
});

describe('sandbox EC2: the inventory and the EC2 view are the same data', () => {
  it('shows an instance added through the inventory (as `bkp sandbox resource add` does)', async () => {
    const { client, account } = ec2Fixture();
    const instance = launchInstance({ account, region: 'us-east-1', accountId: account.accountId, now: START }, 'db-host', {
      tags: { env: 'prod' },
      state: 'stopped',
    });
    const reply = await client.send(new DescribeInstancesCommand({}));
    const described = reply.Reservations?.[0]?.Instances?.[0];
    expect(described?.InstanceId).to.equal(instance.id);
    expect(described?.State?.Name).to.equal('stopped');
    expect(described?.Tags).to.deep.include({ Key: 'Name', Value: 'db-host' });
    expect(described?.Tags).to.deep.include({ Key: 'env', Value: 'prod' });
  });

  it('keeps regions apart: an instance launched in eu-west-1 is not listed in us-east-1', async () => {
    const europe = ec2Fixture('eu-west-1');
    const [id] = await run(europe.client);
    const stored = findById(europe.account.inventory, id!)!;
    expect(stored.arn).to.match(/^arn:aws:ec2:eu-west-1:/);
    expect(stored.availabilityZone).to.equal('eu-west-1a');
    const america = ec2Fixture('us-east-1', europe.account);
    const reply = await america.client.send(new DescribeInstancesCommand({}));
    expect(reply.Reservations).to.deep.equal([]);
  });
});
