import { expect } from 'chai';
import {
  CreateTagsCommand,
  CreateVolumeCommand,
  DeleteTagsCommand,
  DeleteVolumeCommand,
  DescribeInstancesCommand,
  DescribeVolumesCommand,
  RunInstancesCommand,
  StopInstancesCommand,
  paginateDescribeInstances,
  paginateDescribeVolumes,
  type EC2Client,
  type Filter,
} from '@aws-sdk/client-ec2';
import { findById } from '../../../src/sandbox/inventory.js';
import { handleEc2Request } from '../../../src/sandbox/ec2/service.js';
import { createServiceContext } from '../../../src/sandbox/service-context.js';
import { ec2Fixture, sdkError } from './helpers.js';

async function launch(client: EC2Client, name: string, env: string): Promise<string> {
  const reply = await client.send(
    new RunInstancesCommand({
      ImageId: 'ami-12c6146b',
      MinCount: 1,
      MaxCount: 1,
      TagSpecifications: [{ ResourceType: 'instance', Tags: [{ Key: 'Name', Value: name }, { Key: 'env', Value: env }] }],
    }),
  );
  return reply.Instances![0]!.InstanceId!;
}

async function idsMatching(client: EC2Client, filters: Filter[]): Promise<string[]> {
  const reply = await client.send(new DescribeInstancesCommand({ Filters: filters }));
  return (reply.Reservations ?? []).flatMap((r) => (r.Instances ?? []).map((i) => i.InstanceId!));
}

describe('sandbox EC2: DescribeInstances', () => {
  let client: EC2Client;
  let web: string;
  let api: string;
  let batch: string;

  beforeEach(async () => {
    ({ client } = ec2Fixture());
    web = await launch(client, 'web', 'prod');
    api = await launch(client, 'api', 'prod');
    batch = await launch(client, 'batch', 'dev');
    await client.send(new StopInstancesCommand({ InstanceIds: [batch] }));
  });

  it('filters by tag:KEY, tag-key, instance-state-name and instance-id (AND across filters, OR within)', async () => {
    expect(await idsMatching(client, [{ Name: 'tag:env', Values: ['prod'] }])).to.deep.equal([web, api]);
    expect(await idsMatching(client, [{ Name: 'tag:env', Values: ['dev', 'prod'] }])).to.deep.equal([web, api, batch]);
    expect(await idsMatching(client, [{ Name: 'instance-state-name', Values: ['stopped'] }])).to.deep.equal([batch]);
    expect(await idsMatching(client, [{ Name: 'tag-key', Values: ['missing'] }])).to.deep.equal([]);
    expect(
      await idsMatching(client, [
        { Name: 'tag:env', Values: ['prod'] },
        { Name: 'instance-id', Values: [api, batch] },
      ]),
    ).to.deep.equal([api]);
  });

  it('accepts * and ? wildcards in filter values', async () => {
    expect(await idsMatching(client, [{ Name: 'tag:Name', Values: ['*a*'] }])).to.deep.equal([api, batch]);
    expect(await idsMatching(client, [{ Name: 'tag:Name', Values: ['we?'] }])).to.deep.equal([web]);
  });

  it('refuses an unknown filter name', async () => {
    const error = await sdkError(client.send(new DescribeInstancesCommand({ Filters: [{ Name: 'colour', Values: ['red'] }] })));
    expect(error.name).to.equal('InvalidParameterValue');
    expect(error.message).to.equal("The filter 'colour' is invalid");
  });

  it('names every missing instance id, and tells a malformed id apart', async () => {
    const one = await sdkError(client.send(new DescribeInstancesCommand({ InstanceIds: [web, 'i-0123456789abcdef0'] })));
    expect(one.name).to.equal('InvalidInstanceID.NotFound');
    const two = await sdkError(client.send(new DescribeInstancesCommand({ InstanceIds: ['i-0123456789abcdef0', 'i-0123456789abcdef1'] })));
    expect(two.message).to.equal("The instance IDs 'i-0123456789abcdef0, i-0123456789abcdef1' do not exist");
    const malformed = await sdkError(client.send(new DescribeInstancesCommand({ InstanceIds: ['web'] })));
    expect(malformed.name).to.equal('InvalidInstanceID.Malformed');
    expect(malformed.message).to.equal('Invalid id: "web"');
  });

  it('pages with MaxResults and NextToken, and the SDK paginator collects every instance once', async () => {
    for (let i = 0; i < 9; i++) await launch(client, `extra-${i}`, 'test');
    const first = await client.send(new DescribeInstancesCommand({ MaxResults: 5 }));
    const firstIds = first.Reservations!.flatMap((r) => r.Instances!.map((i) => i.InstanceId));
    expect(firstIds).to.have.length(5);
    expect(first.NextToken).to.be.a('string');
    const ids: string[] = [];
    for await (const page of paginateDescribeInstances({ client, pageSize: 5 }, {})) {
      for (const reservation of page.Reservations ?? []) for (const instance of reservation.Instances ?? []) ids.push(instance.InstanceId!);
    }
    expect(ids).to.have.length(12);
    expect(new Set(ids).size).to.equal(12);
    expect(ids.slice(0, 3)).to.deep.equal([web, api, batch]);
  });

  it('validates MaxResults, its combination with InstanceIds, and the NextToken', async () => {
    const small = await sdkError(client.send(new DescribeInstancesCommand({ MaxResults: 3 })));
    expect(small.name).to.equal('InvalidParameterValue');
    const combined = await sdkError(client.send(new DescribeInstancesCommand({ MaxResults: 5, InstanceIds: [web] })));
    expect(combined.name).to.equal('InvalidParameterCombination');
    const token = await sdkError(client.send(new DescribeInstancesCommand({ MaxResults: 5, NextToken: 'not-a-token' })));
    expect(token.name).to.equal('InvalidParameterValue');
  });
  it('escapes what XML reserves in a tag value, which the SDK reads back as it was written', async () => {
    const values = { mixed: `a&b<c>"d'e`, ampersand: 'R&D', entity: 'x &lt; y', lt: '1 < 2', quote: `it's "x"` };
    await client.send(new CreateTagsCommand({ Resources: [web], Tags: Object.entries(values).map(([Key, Value]) => ({ Key, Value })) }));
    const reply = await client.send(new DescribeInstancesCommand({ InstanceIds: [web] }));
    const tags = new Map(reply.Reservations![0]!.Instances![0]!.Tags!.map((t) => [t.Key, t.Value]));
    for (const [key, value] of Object.entries(values)) expect(tags.get(key), key).to.equal(value);
    expect(tags.get('Name')).to.equal('web');
  });

  it('reports each instance\'s VPC, subnet, private address, security groups and network interface, the same on every call', async () => {
    await client.send(new StopInstancesCommand({ InstanceIds: [api] }));
    const first = await client.send(new DescribeInstancesCommand({ InstanceIds: [web, api] }));
    const again = await client.send(new DescribeInstancesCommand({ InstanceIds: [web, api] }));
    expect(again.Reservations).to.deep.equal(first.Reservations);
    const [one, two] = first.Reservations!.flatMap((r) => r.Instances!);
    for (const instance of [one!, two!]) {
      expect(instance.VpcId).to.match(/^vpc-[0-9a-f]{17}$/);
      expect(instance.SubnetId).to.match(/^subnet-[0-9a-f]{17}$/);
      expect(instance.PrivateIpAddress).to.match(/^10\.\d+\.\d+\.\d+$/);
      expect(instance.PrivateDnsName).to.equal(`ip-${instance.PrivateIpAddress!.replaceAll('.', '-')}.ec2.internal`);
      expect(instance.SecurityGroups).to.deep.equal([{ GroupId: instance.SecurityGroups![0]!.GroupId, GroupName: 'default' }]);
      expect(instance.SecurityGroups![0]!.GroupId).to.match(/^sg-[0-9a-f]{17}$/);
      const [eni] = instance.NetworkInterfaces!;
      expect(instance.NetworkInterfaces).to.have.length(1);
      expect(eni).to.deep.include({ VpcId: instance.VpcId, SubnetId: instance.SubnetId, PrivateIpAddress: instance.PrivateIpAddress, Status: 'in-use', OwnerId: '123456789012' });
      expect(eni!.NetworkInterfaceId).to.match(/^eni-[0-9a-f]{17}$/);
      expect(eni!.Attachment).to.deep.include({ DeviceIndex: 0, Status: 'attached', DeleteOnTermination: true });
      expect(eni!.Groups).to.deep.equal(instance.SecurityGroups);
      expect(eni!.PrivateIpAddresses).to.deep.equal([{ PrivateIpAddress: instance.PrivateIpAddress, PrivateDnsName: instance.PrivateDnsName, Primary: true }]);
    }
    // One default VPC per region: instances in one zone share VPC, subnet and group, not interfaces.
    expect(two!.VpcId).to.equal(one!.VpcId);
    expect(two!.SubnetId).to.equal(one!.SubnetId);
    expect(two!.NetworkInterfaces![0]!.NetworkInterfaceId).to.not.equal(one!.NetworkInterfaces![0]!.NetworkInterfaceId);
    expect(two!.PrivateIpAddress).to.not.equal(one!.PrivateIpAddress);
  });
});

describe('sandbox EC2: volumes and tags', () => {
  it('creates, describes with filters, pages and deletes volumes', async () => {
    const { client, account } = ec2Fixture();
    const instance = await launch(client, 'web', 'prod');
    const created = await client.send(
      new CreateVolumeCommand({
        AvailabilityZone: 'us-east-1b',
        Size: 50,
        VolumeType: 'io2',
        TagSpecifications: [{ ResourceType: 'volume', Tags: [{ Key: 'Name', Value: 'data' }] }],
      }),
    );
    expect(created.VolumeId).to.match(/^vol-[0-9a-f]{17}$/);
    expect(created.State).to.equal('creating');
    expect(created.Size).to.equal(50);
    const stored = findById(account.inventory, created.VolumeId!)!;
    expect(stored.arn).to.equal(`arn:aws:ec2:us-east-1:123456789012:volume/${created.VolumeId}`);
    expect(stored.name).to.equal('data');

    const available = await client.send(new DescribeVolumesCommand({ Filters: [{ Name: 'status', Values: ['available'] }] }));
    expect(available.Volumes?.map((v) => v.VolumeId)).to.deep.equal([created.VolumeId]);
    expect(available.Volumes?.[0]).to.include({ VolumeType: 'io2', AvailabilityZone: 'us-east-1b', State: 'available' });
    const attached = await client.send(new DescribeVolumesCommand({ Filters: [{ Name: 'attachment.instance-id', Values: [instance] }] }));
    expect(attached.Volumes).to.have.length(1);
    const byId = await client.send(new DescribeVolumesCommand({ VolumeIds: [created.VolumeId!] }));
    expect(byId.Volumes?.[0]?.Tags).to.deep.equal([{ Key: 'Name', Value: 'data' }]);

    for (let i = 0; i < 5; i++) await client.send(new CreateVolumeCommand({ AvailabilityZone: 'us-east-1a', Size: 1 }));
    const pages: number[] = [];
    for await (const page of paginateDescribeVolumes({ client, pageSize: 5 }, {})) pages.push(page.Volumes?.length ?? 0);
    expect(pages).to.deep.equal([5, 2]);

    const rootId = attached.Volumes![0]!.VolumeId!;
    const inUse = await sdkError(client.send(new DeleteVolumeCommand({ VolumeId: rootId })));
    expect(inUse.name).to.equal('VolumeInUse');
    await client.send(new DeleteVolumeCommand({ VolumeId: created.VolumeId! }));
    const gone = await sdkError(client.send(new DescribeVolumesCommand({ VolumeIds: [created.VolumeId!] })));
    expect(gone.name).to.equal('InvalidVolume.NotFound');
    expect(gone.message).to.equal(`The volume '${created.VolumeId}' does not exist.`);
  });

  it('serves at most 1,000 volumes per page when asked for more (the AWS CLI always sends MaxResults=1000), and refuses fewer than 5', async () => {
    const { client, account } = ec2Fixture();
    // 1,001 volumes, written straight into the account (a thousand CreateVolume calls would only be slower).
    const template = await client.send(new CreateVolumeCommand({ AvailabilityZone: 'us-east-1a', Size: 1 }));
    const stored = findById(account.inventory, template.VolumeId!)!;
    for (let i = 1; i <= 1000; i++) {
      const id = `vol-${i.toString(16).padStart(17, '0')}`;
      account.inventory.push({ ...stored, id, arn: stored.arn.replace(stored.id, id), name: id, tags: {}, serial: stored.serial + i });
    }
    const first = await client.send(new DescribeVolumesCommand({ MaxResults: 5000 }));
    expect(first.Volumes).to.have.length(1000);
    expect(first.NextToken).to.be.a('string');
    const rest = await client.send(new DescribeVolumesCommand({ MaxResults: 1000, NextToken: first.NextToken }));
    expect(rest.Volumes).to.have.length(1);
    expect(rest.NextToken).to.equal(undefined);
    const tooFew = await sdkError(client.send(new DescribeVolumesCommand({ MaxResults: 4 })));
    expect(tooFew.name).to.equal('InvalidParameterValue');
  });

  it('validates CreateVolume input', async () => {
    const { client } = ec2Fixture();
    const zone = await sdkError(client.send(new CreateVolumeCommand({ AvailabilityZone: 'eu-west-1a', Size: 1 })));
    expect(zone.name).to.equal('InvalidParameterValue');
    const size = await sdkError(client.send(new CreateVolumeCommand({ AvailabilityZone: 'us-east-1a' })));
    expect(size.name).to.equal('MissingParameter');
    const tooBig = await sdkError(client.send(new CreateVolumeCommand({ AvailabilityZone: 'us-east-1a', Size: 20000 })));
    expect(tooBig.name).to.equal('InvalidParameterValue');
  });

  it('CreateTags and DeleteTags change the tags that filters and the inventory see (Name renames)', async () => {
    const { client, account } = ec2Fixture();
    const id = await launch(client, 'web', 'prod');
    await client.send(new CreateTagsCommand({ Resources: [id], Tags: [{ Key: 'backup', Value: 'daily' }, { Key: 'Name', Value: 'frontend' }] }));
    expect(await idsMatching(client, [{ Name: 'tag:backup', Values: ['daily'] }])).to.deep.equal([id]);
    expect(findById(account.inventory, id)!.name).to.equal('frontend');
    await client.send(new DeleteTagsCommand({ Resources: [id], Tags: [{ Key: 'backup', Value: 'weekly' }] }));
    expect(findById(account.inventory, id)!.tags['backup']).to.equal('daily');
    await client.send(new DeleteTagsCommand({ Resources: [id], Tags: [{ Key: 'backup' }, { Key: 'Name' }] }));
    expect(findById(account.inventory, id)!.tags).to.deep.equal({ env: 'prod' });
    expect(findById(account.inventory, id)!.name).to.equal(id);
    const unknown = await sdkError(client.send(new CreateTagsCommand({ Resources: ['i-0123456789abcdef0'], Tags: [{ Key: 'a', Value: 'b' }] })));
    expect(unknown.name).to.equal('InvalidInstanceID.NotFound');
  });
});

describe('sandbox EC2: the query protocol itself', () => {
  function rawRequest(body: string) {
    const { account } = ec2Fixture();
    const ctx = createServiceContext(account, 'us-east-1', new Date(account.clock.now));
    const reply = handleEc2Request({ method: 'POST', path: '/', query: {}, headers: {}, body: new TextEncoder().encode(body) }, ctx);
    return { reply, text: new TextDecoder().decode(reply.body), changed: ctx.changed };
  }

  it('answers an unknown action with InvalidAction in EC2 error XML', () => {
    const { reply, text } = rawRequest('Action=LaunchRocket&Version=2016-11-15');
    expect(reply.status).to.equal(400);
    expect(text).to.match(/^<\?xml version="1.0" encoding="UTF-8"\?>\n<Response><Errors><Error><Code>InvalidAction<\/Code>/);
    expect(text).to.contain('<Message>The action LaunchRocket is not valid for this web service.</Message>');
    expect(text).to.match(/<RequestID>[0-9a-f-]{36}<\/RequestID><\/Response>$/);
  });

  it('answers a request without Action with MissingAction', () => {
    expect(rawRequest('Version=2016-11-15').text).to.contain('<Code>MissingAction</Code>');
  });

  it('marks the account changed only for mutating actions', () => {
    expect(rawRequest('Action=DescribeInstances&Version=2016-11-15').changed).to.equal(false);
    expect(rawRequest('Action=RunInstances&Version=2016-11-15&ImageId=ami-12c6146b&MinCount=1&MaxCount=1').changed).to.equal(true);
  });

  it('escapes tag values in the XML', async () => {
    const { client } = ec2Fixture();
    const id = await launch(client, 'a <b> & "c"', 'prod');
    const reply = await client.send(new DescribeInstancesCommand({ InstanceIds: [id] }));
    expect(reply.Reservations?.[0]?.Instances?.[0]?.Tags).to.deep.include({ Key: 'Name', Value: 'a <b> & "c"' });
  });
});
