// The XML shapes of RDS DB instances and DB clusters (Aurora and DocumentDB clusters are both RDS
// clusters, told apart by Engine), with the member names of the RDS API model: lists are wrapped
// per member (`<TagList><Tag>…</Tag></TagList>`), not EC2's `<item>`.
import { createHash } from 'node:crypto';
import { accountOf, regionOf, type SourceResource } from '../inventory.js';
import { el, type XmlElement } from '../xml.js';

/** RDS spells statuses in lower case; the sandbox's UPDATING is RDS's `modifying`. */
const STATUS: Record<string, string> = {
  AVAILABLE: 'available',
  CREATING: 'creating',
  UPDATING: 'modifying',
  DELETING: 'deleting',
  FAILED: 'failed',
  STOPPED: 'stopped',
};

export const ENGINE: Record<string, { engine: string; version: string }> = {
  'rds-instance': { engine: 'postgres', version: '16.3' },
  'aurora-cluster': { engine: 'aurora-postgresql', version: '16.2' },
  'docdb-cluster': { engine: 'docdb', version: '5.0.0' },
};

export function rdsStatus(resource: SourceResource): string {
  return STATUS[resource.state] ?? resource.state.toLowerCase();
}

/** A member list: `<TagList><Tag>…</Tag></TagList>`. */
function members(listName: string, memberName: string, items: readonly (readonly (XmlElement | undefined)[])[]): XmlElement {
  return el(
    listName,
    items.map((children) => el(memberName, children)),
  );
}

function tagList(tags: Record<string, string>): XmlElement {
  return members(
    'TagList',
    'Tag',
    Object.entries(tags).map(([key, value]) => [el('Key', key), el('Value', value)]),
  );
}

/** Stable per resource, shaped like RDS's: `db-` or `cluster-` and 26 upper-case characters. */
function resourceId(prefix: string, resource: SourceResource): string {
  return `${prefix}-${createHash('sha256').update(resource.arn).digest('hex').slice(0, 26).toUpperCase()}`;
}

/** The DNS suffix RDS derives from the account and region. */
function endpointHost(resource: SourceResource, name: string): string {
  const region = regionOf(resource);
  const suffix = createHash('sha256').update(accountOf(resource)).digest('hex').slice(0, 12);
  return `${name.toLowerCase()}.c${suffix}.${region}.rds.amazonaws.com`;
}

export function dbInstanceElements(db: SourceResource): (XmlElement | undefined)[] {
  const { engine, version } = ENGINE[db.type]!;
  const region = regionOf(db);
  return [
    el('DBInstanceIdentifier', db.id.toLowerCase()),
    el('DBInstanceClass', 'db.t3.micro'),
    el('Engine', engine),
    el('DBInstanceStatus', rdsStatus(db)),
    el('MasterUsername', 'postgres'),
    db.state === 'CREATING' ? undefined : el('Endpoint', [el('Address', endpointHost(db, db.id)), el('Port', 5432)]),
    el('AllocatedStorage', db.sizeGiB),
    el('InstanceCreateTime', db.createdAt),
    el('BackupRetentionPeriod', 7),
    el('AvailabilityZone', `${region}a`),
    el('MultiAZ', false),
    el('EngineVersion', version),
    el('AutoMinorVersionUpgrade', true),
    el('LicenseModel', 'postgresql-license'),
    el('PubliclyAccessible', false),
    el('StorageType', 'gp3'),
    el('DbInstancePort', 0),
    el('StorageEncrypted', true),
    el('DbiResourceId', resourceId('db', db)),
    el('CopyTagsToSnapshot', false),
    el('DBInstanceArn', db.arn),
    el('IAMDatabaseAuthenticationEnabled', false),
    el('DeletionProtection', false),
    tagList(db.tags),
  ];
}

export function dbClusterElements(cluster: SourceResource): (XmlElement | undefined)[] {
  const { engine, version } = ENGINE[cluster.type]!;
  const region = regionOf(cluster);
  const port = engine === 'docdb' ? 27017 : 5432;
  return [
    el('AllocatedStorage', 1),
    el('AvailabilityZones', ['a', 'b', 'c'].map((zone) => el('AvailabilityZone', `${region}${zone}`))),
    el('BackupRetentionPeriod', 1),
    el('DBClusterIdentifier', cluster.id.toLowerCase()),
    el('Status', rdsStatus(cluster)),
    el('Endpoint', endpointHost(cluster, `${cluster.id}.cluster`)),
    el('ReaderEndpoint', endpointHost(cluster, `${cluster.id}.cluster-ro`)),
    el('MultiAZ', false),
    el('Engine', engine),
    el('EngineVersion', version),
    el('Port', port),
    el('MasterUsername', engine === 'docdb' ? 'docdbadmin' : 'postgres'),
    members('DBClusterMembers', 'DBClusterMember', []),
    el('StorageEncrypted', true),
    el('DbClusterResourceId', resourceId('cluster', cluster)),
    el('DBClusterArn', cluster.arn),
    el('ClusterCreateTime', cluster.createdAt),
    el('EngineMode', 'provisioned'),
    el('DeletionProtection', false),
    tagList(cluster.tags),
  ];
}
