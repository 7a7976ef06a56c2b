// The sandbox's RDS (query/XML), EFS (rest-json) and FSx (JSON 1.1) Describe operations, driven
// through the real SDK clients, in process and over `bkp sandbox serve`: shapes, states, tags,
// filters, pagination and AWS's not-found errors.
import { expect } from 'chai';
import { DescribeFileSystemsCommand as DescribeEfsCommand, EFSClient, paginateDescribeFileSystems as paginateEfs } from '@aws-sdk/client-efs';
import { DescribeFileSystemsCommand as DescribeFsxCommand, DescribeVolumesCommand, FSxClient, paginateDescribeFileSystems as paginateFsx } from '@aws-sdk/client-fsx';
import { DescribeDBClustersCommand, DescribeDBInstancesCommand, RDSClient, paginateDescribeDBInstances } from '@aws-sdk/client-rds';
import { sandboxClientSettings } from '../../src/app/sandbox-provider.js';
import { createEfsClient, createFsxClient, createRdsClient } from '../../src/aws/clients.js';
import { startSandboxServer } from '../../src/sandbox/server.js';
import type { SourceResource } from '../../src/sandbox/inventory.js';
import { ACCOUNT_ID, REGION, START, rejection, sandboxFixture, type SandboxFixture } from './fixture.js';

async function collect<T>(pages: AsyncIterable<T>): Promise<T[]> {
  const all: T[] = [];
  for await (const page of pages) all.push(page);
  return all;
}

describe('sandbox: RDS, EFS and FSx Describe operations through the SDK', function () {
  this.timeout(60_000);
  let sb: SandboxFixture;
  let rds: RDSClient;
  let efs: EFSClient;
  let fsx: FSxClient;
  const made: Record<string, SourceResource> = {};

  before(async () => {
    sb = await sandboxFixture();
    const settings = sandboxClientSettings({ region: REGION, path: sb.path, maxAttempts: 1 });
    [rds, efs, fsx] = await Promise.all([createRdsClient(settings), createEfsClient(settings), createFsxClient(settings)]);
    made.orders = await sb.addResource('rds-instance', 'Orders', { state: 'STOPPED', tags: { backup: 'daily' } });
    for (let i = 0; i < 24; i++) await sb.addResource('rds-instance', `bulk-${String(i).padStart(2, '0')}`);
    made.ledger = await sb.addResource('aurora-cluster', 'ledger', { state: 'UPDATING' });
    made.catalog = await sb.addResource('docdb-cluster', 'catalog', { tags: { team: 'search' } });
    for (const name of ['a', 'b', 'c']) made[`efs-${name}`] = await sb.addResource('efs', name, { tags: name === 'a' ? { env: 'prod' } : {} });
    made.failed = await sb.addResource('efs', 'failed', { state: 'FAILED' });
    made.files = await sb.addResource('fsx', 'files', { state: 'UPDATING', tags: { Name: 'files' } });
    made.other = await sb.addResource('fsx', 'other');
    made.dp = await sb.addResource('fsx-ontap-volume', 'dp', { ontapVolumeType: 'DP', fileSystemId: made.files.id });
    made.busy = await sb.addResource('fsx-ontap-volume', 'busy', { state: 'UPDATING', fileSystemId: made.other.id });
    await sb.addResource('rds-instance', 'elsewhere', { region: 'us-west-2' });
  });
  after(() => {
    for (const client of [rds, efs, fsx]) client?.destroy();
    sb.cleanup();
  });

  describe('RDS', () => {
    it('DescribeDBInstances by identifier (any case) or ARN: status, engine, tags, ARN', async () => {
      for (const id of ['orders', 'ORDERS', made.orders!.arn]) {
        const { DBInstances } = await rds.send(new DescribeDBInstancesCommand({ DBInstanceIdentifier: id }));
        expect(DBInstances).to.have.length(1);
        expect(DBInstances![0]).to.deep.include({
          DBInstanceIdentifier: 'orders',
          DBInstanceStatus: 'stopped',
          Engine: 'postgres',
          DBInstanceArn: `arn:aws:rds:${REGION}:${ACCOUNT_ID}:db:Orders`,
          TagList: [{ Key: 'backup', Value: 'daily' }],
          AllocatedStorage: 20,
        });
        expect(DBInstances![0]!.InstanceCreateTime).to.be.instanceOf(Date);
        expect(DBInstances![0]!.Endpoint?.Port).to.equal(5432);
      }
    });

    it('pages DescribeDBInstances by Marker (MaxRecords 20 to 100), in the request region only', async () => {
      const pages = await collect(paginateDescribeDBInstances({ client: rds, pageSize: 20 }, {}));
      expect(pages.map((p) => p.DBInstances?.length)).to.deep.equal([20, 5]);
      expect(pages[0]!.Marker).to.be.a('string');
      const ids = pages.flatMap((p) => p.DBInstances!.map((d) => d.DBInstanceIdentifier));
      expect(new Set(ids).size).to.equal(25);
      expect(ids).to.not.include('elsewhere');
      const tooSmall = await rejection(rds.send(new DescribeDBInstancesCommand({ MaxRecords: 5 })));
      expect(tooSmall.name).to.equal('InvalidParameterValue');
    });

    it('filters by db-instance-id and engine; refuses an unknown filter', async () => {
      const byId = await rds.send(new DescribeDBInstancesCommand({ Filters: [{ Name: 'db-instance-id', Values: ['bulk-03', 'bulk-04'] }] }));
      expect(byId.DBInstances!.map((d) => d.DBInstanceIdentifier)).to.deep.equal(['bulk-03', 'bulk-04']);
      const byEngine = await rds.send(new DescribeDBInstancesCommand({ Filters: [{ Name: 'engine', Values: ['mysql'] }] }));
      expect(byEngine.DBInstances).to.deep.equal([]);
      const unknown = await rejection(rds.send(new DescribeDBInstancesCommand({ Filters: [{ Name: 'colour', Values: ['red'] }] })));
      expect(unknown.name).to.equal('InvalidParameterValue');
    });

    it('answers DBInstanceNotFound (404) for a missing instance', async () => {
      const error = await rejection(rds.send(new DescribeDBInstancesCommand({ DBInstanceIdentifier: 'nope' })));
      expect(error.name).to.equal('DBInstanceNotFoundFault');
      expect(error.message).to.equal('DBInstance nope not found.');
      expect(error.$metadata?.httpStatusCode).to.equal(404);
    });

    it('DescribeDBClusters lists Aurora and DocumentDB clusters, told apart by Engine', async () => {
      const { DBClusters } = await rds.send(new DescribeDBClustersCommand({}));
      expect(DBClusters!.map((c) => [c.DBClusterIdentifier, c.Engine, c.Status])).to.deep.equal([
        ['ledger', 'aurora-postgresql', 'modifying'],
        ['catalog', 'docdb', 'available'],
      ]);
      expect(DBClusters![1]!.TagList).to.deep.equal([{ Key: 'team', Value: 'search' }]);
      expect(DBClusters![0]!.DBClusterArn).to.equal(made.ledger!.arn);
      expect(DBClusters![0]!.AvailabilityZones).to.deep.equal([`${REGION}a`, `${REGION}b`, `${REGION}c`]);
      const docdb = await rds.send(new DescribeDBClustersCommand({ Filters: [{ Name: 'engine', Values: ['docdb'] }] }));
      expect(docdb.DBClusters!.map((c) => c.DBClusterIdentifier)).to.deep.equal(['catalog']);
      const missing = await rejection(rds.send(new DescribeDBClustersCommand({ DBClusterIdentifier: 'orders' })));
      expect(missing.name).to.equal('DBClusterNotFoundFault');
      expect(missing.$metadata?.httpStatusCode).to.equal(404);
    });
  });

  describe('EFS', () => {
    it('DescribeFileSystems lists file systems with their lifecycle, size, name and tags', async () => {
      const { FileSystems } = await efs.send(new DescribeEfsCommand({}));
      expect(FileSystems!.map((f) => [f.Name, f.LifeCycleState])).to.deep.equal([
        ['a', 'available'],
        ['b', 'available'],
        ['c', 'available'],
        ['failed', 'error'],
      ]);
      const first = FileSystems![0]!;
      expect(first).to.deep.include({ FileSystemId: made['efs-a']!.id, FileSystemArn: made['efs-a']!.arn, OwnerId: ACCOUNT_ID, Tags: [{ Key: 'env', Value: 'prod' }] });
      expect(first.CreationTime?.toISOString()).to.equal(START.toISOString());
      expect(first.SizeInBytes?.Value).to.equal(5 * 2 ** 30);
    });

    it('finds one by id, pages by Marker, and answers FileSystemNotFound (404)', async () => {
      const one = await efs.send(new DescribeEfsCommand({ FileSystemId: made.failed!.id }));
      expect(one.FileSystems!.map((f) => f.FileSystemId)).to.deep.equal([made.failed!.id]);
      const pages = await collect(paginateEfs({ client: efs, pageSize: 3 }, {}));
      expect(pages.map((p) => p.FileSystems?.length)).to.deep.equal([3, 1]);
      const missing = await rejection(efs.send(new DescribeEfsCommand({ FileSystemId: 'fs-0123456789abcdef0' })));
      expect(missing.name).to.equal('FileSystemNotFound');
      expect(missing.$metadata?.httpStatusCode).to.equal(404);
      expect((missing as { ErrorCode?: string }).ErrorCode).to.equal('FileSystemNotFound');
    });

    it('serves at most 100 file systems per page whatever MaxItems asks ("paginated at 100 per page")', async () => {
      await sb.update((account) => {
        const template = account.inventory.find((r) => r.type === 'efs')!;
        const top = Math.max(...account.inventory.map((r) => r.serial));
        for (let i = 1; i <= 100; i++) {
          const id = `fs-${i.toString(16).padStart(17, '0')}`;
          account.inventory.push({ ...template, id, arn: template.arn.replace(template.id, id), name: id, serial: top + i });
        }
      });
      try {
        const first = await efs.send(new DescribeEfsCommand({ MaxItems: 1000 }));
        expect(first.FileSystems).to.have.length(100);
        expect(first.NextMarker).to.be.a('string');
      } finally {
        await sb.update((account) => void (account.inventory = account.inventory.filter((r) => !/^fs-0{5}/.test(r.id))));
      }
    });
  });

  describe('FSx', () => {
    it('DescribeFileSystems: ONTAP file systems, UPDATING with its administrative action; pages; FileSystemNotFound', async () => {
      const { FileSystems } = await fsx.send(new DescribeFsxCommand({ FileSystemIds: [made.files!.id] }));
      expect(FileSystems).to.have.length(1);
      expect(FileSystems![0]).to.deep.include({ FileSystemId: made.files!.id, FileSystemType: 'ONTAP', Lifecycle: 'UPDATING', ResourceARN: made.files!.arn, StorageCapacity: 1024 });
      expect(FileSystems![0]!.Tags).to.deep.equal([{ Key: 'Name', Value: 'files' }]);
      expect(FileSystems![0]!.AdministrativeActions?.[0]).to.deep.include({ AdministrativeActionType: 'FILE_SYSTEM_UPDATE', Status: 'IN_PROGRESS' });
      const pages = await collect(paginateFsx({ client: fsx, pageSize: 1 }, {}));
      expect(pages.map((p) => p.FileSystems!.map((f) => f.FileSystemId))).to.deep.equal([[made.files!.id], [made.other!.id]]);
      const missing = await rejection(fsx.send(new DescribeFsxCommand({ FileSystemIds: ['fs-0123456789abcdef0'] })));
      expect(missing.name).to.equal('FileSystemNotFound');
      expect(missing.$metadata?.httpStatusCode).to.equal(400);
    });

    it('DescribeVolumes: ONTAP volume types, a volume being updated, the file-system-id filter, VolumeNotFound', async () => {
      const { Volumes } = await fsx.send(new DescribeVolumesCommand({}));
      expect(Volumes!.map((v) => [v.Name, v.VolumeType, v.Lifecycle, v.OntapConfiguration?.OntapVolumeType])).to.deep.equal([
        ['dp', 'ONTAP', 'AVAILABLE', 'DP'],
        ['busy', 'ONTAP', 'AVAILABLE', 'RW'],
      ]);
      expect(Volumes![0]).to.deep.include({ VolumeId: made.dp!.id, FileSystemId: made.files!.id, ResourceARN: made.dp!.arn });
      expect(Volumes![1]!.AdministrativeActions?.[0]).to.deep.include({ AdministrativeActionType: 'VOLUME_UPDATE', Status: 'IN_PROGRESS' });
      const onOther = await fsx.send(new DescribeVolumesCommand({ Filters: [{ Name: 'file-system-id', Values: [made.other!.id] }] }));
      expect(onOther.Volumes!.map((v) => v.VolumeId)).to.deep.equal([made.busy!.id]);
      const missing = await rejection(fsx.send(new DescribeVolumesCommand({ VolumeIds: ['fsvol-0123456789abcdef0'] })));
      expect(missing.name).to.equal('VolumeNotFound');
    });
  });

  it('serves the same operations over HTTP (`bkp sandbox serve`)', async () => {
    const server = await startSandboxServer({ path: sb.path, region: REGION });
    const common = { region: REGION, endpoint: server.endpoint, credentials: { accessKeyId: 'AKIASERVE', secretAccessKey: 'serve' }, maxAttempts: 1 };
    const clients = { rds: new RDSClient(common), efs: new EFSClient(common), fsx: new FSxClient(common) };
    try {
      expect((await clients.rds.send(new DescribeDBInstancesCommand({ DBInstanceIdentifier: 'orders' }))).DBInstances![0]!.DBInstanceStatus).to.equal('stopped');
      expect((await clients.efs.send(new DescribeEfsCommand({}))).FileSystems).to.have.length(4);
      expect((await clients.fsx.send(new DescribeVolumesCommand({}))).Volumes).to.have.length(2);
      expect((await rejection(clients.rds.send(new DescribeDBClustersCommand({ DBClusterIdentifier: 'nope' })))).name).to.equal('DBClusterNotFoundFault');
    } finally {
      for (const client of Object.values(clients)) client.destroy();
      await server.close();
    }
  });
});
