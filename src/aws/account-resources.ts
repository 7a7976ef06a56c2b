// The resources an account holds that AWS Backup can protect, with their tags, read for
// `bkp check` through the services' own Describe calls (EC2 instances and volumes, RDS instances,
// Aurora and DocumentDB clusters, EFS and FSx file systems, FSx volumes), untagged ones included;
// DynamoDB tables, S3 buckets and VMs, which bkp has no Describe client for, through the Resource
// Groups Tagging API, which lists only tagged resources. The same calls serve AWS and the sandbox.
import { formatArn, parseArn, resourceIdOfArn } from '../domain/arn.js';
import type { ClientSettings } from './clients.js';
import { awsCallError, awsErrorName, UnreadableReplyError } from './errors.js';
import { SourceClients } from './source-clients.js';

export interface AccountResource {
  arn: string;
  /** AWS Backup's resource type: EC2, EBS, RDS, Aurora, DocumentDB, EFS, FSx, DynamoDB, S3, VirtualMachine. */
  type: string;
  /** i-…, the DB identifier, fs-…. */
  id: string;
  /** The Name tag, a DB identifier, an EFS or FSx volume name. */
  name?: string;
  tags: Record<string, string>;
}

export interface AccountResources {
  resources: AccountResource[];
  /** Services left out, each with why: "FSx (access denied)" (the account is listed without them). */
  unreadable: string[];
  /** The clock of the account's services (the Date of their replies): a sandbox's is virtual. */
  serverTime?: Date;
}

type Tags = Array<{ Key?: string; Value?: string }> | undefined;

function tagMap(tags: Tags): Record<string, string> {
  return Object.fromEntries((tags ?? []).flatMap((t) => (t.Key !== undefined ? [[t.Key, t.Value ?? '']] : [])));
}

/** Follows a listing's page token until the last page. */
async function allPages<P>(fetch: (token: string | undefined) => Promise<P>, next: (page: P) => string | undefined, each: (page: P) => void): Promise<void> {
  let token: string | undefined;
  do {
    const page = await fetch(token);
    each(page);
    token = next(page) || undefined;
  } while (token);
}

type Lister = (clients: SourceClients, add: (resource: AccountResource) => void) => Promise<void>;

const listEc2: Lister = async (clients, add) => {
  const ec2 = await import('./sdk/client-ec2.js');
  const client = await clients.ec2();
  const region = clients.settings.region;
  await allPages(
    (NextToken) => client.send(new ec2.DescribeInstancesCommand({ NextToken, MaxResults: 1000 })),
    (page) => page.NextToken,
    (page) => {
      for (const reservation of page.Reservations ?? []) {
        for (const i of reservation.Instances ?? []) {
          // A terminated instance lingers in the listing for a while but is no longer a resource.
          if (!i.InstanceId || i.State?.Name === 'terminated') continue;
          const tags = tagMap(i.Tags);
          add({ arn: `arn:aws:ec2:${region}:${reservation.OwnerId}:instance/${i.InstanceId}`, type: 'EC2', id: i.InstanceId, name: tags['Name'], tags });
        }
      }
    },
  );
  await allPages(
    (NextToken) => client.send(new ec2.DescribeVolumesCommand({ NextToken, MaxResults: 500 })),
    (page) => page.NextToken,
    (page) => {
      for (const v of page.Volumes ?? []) {
        if (!v.VolumeId || v.State === 'deleted') continue;
        const tags = tagMap(v.Tags);
        // A volume does not say its account: listAccountResources fills it in from the others' ARNs.
        add({ arn: `arn:aws:ec2:${region}::volume/${v.VolumeId}`, type: 'EBS', id: v.VolumeId, name: tags['Name'], tags });
      }
    },
  );
};

const listRds: Lister = async (clients, add) => {
  const rds = await import('./sdk/client-rds.js');
  const client = await clients.rds();
  await allPages(
    (Marker) => client.send(new rds.DescribeDBInstancesCommand({ Marker, MaxRecords: 100 })),
    (page) => page.Marker,
    (page) => {
      for (const db of page.DBInstances ?? []) {
        // Members of an Aurora or DocumentDB cluster are backed up with their cluster.
        if (!db.DBInstanceArn || !db.DBInstanceIdentifier || db.DBClusterIdentifier) continue;
        add({ arn: db.DBInstanceArn, type: 'RDS', id: db.DBInstanceIdentifier, name: db.DBInstanceIdentifier, tags: tagMap(db.TagList) });
      }
    },
  );
  await allPages(
    (Marker) => client.send(new rds.DescribeDBClustersCommand({ Marker, MaxRecords: 100 })),
    (page) => page.Marker,
    (page) => {
      for (const c of page.DBClusters ?? []) {
        if (!c.DBClusterArn || !c.DBClusterIdentifier) continue;
        const type = c.Engine === 'docdb' ? 'DocumentDB' : c.Engine === 'neptune' ? 'Neptune' : 'Aurora';
        add({ arn: c.DBClusterArn, type, id: c.DBClusterIdentifier, name: c.DBClusterIdentifier, tags: tagMap(c.TagList) });
      }
    },
  );
};

const listEfs: Lister = async (clients, add) => {
  const efs = await import('./sdk/client-efs.js');
  const client = await clients.efs();
  await allPages(
    (Marker) => client.send(new efs.DescribeFileSystemsCommand({ Marker, MaxItems: 100 })),
    (page) => page.NextMarker,
    (page) => {
      for (const fs of page.FileSystems ?? []) {
        if (!fs.FileSystemArn || !fs.FileSystemId || fs.LifeCycleState === 'deleted') continue;
        add({ arn: fs.FileSystemArn, type: 'EFS', id: fs.FileSystemId, name: fs.Name, tags: tagMap(fs.Tags) });
      }
    },
  );
};

const listFsx: Lister = async (clients, add) => {
  const fsx = await import('./sdk/client-fsx.js');
  const client = await clients.fsx();
  await allPages(
    (NextToken) => client.send(new fsx.DescribeFileSystemsCommand({ NextToken })),
    (page) => page.NextToken,
    (page) => {
      for (const fs of page.FileSystems ?? []) {
        if (!fs.ResourceARN || !fs.FileSystemId) continue;
        const tags = tagMap(fs.Tags);
        add({ arn: fs.ResourceARN, type: 'FSx', id: fs.FileSystemId, name: tags['Name'], tags });
      }
    },
  );
  await allPages(
    (NextToken) => client.send(new fsx.DescribeVolumesCommand({ NextToken })),
    (page) => page.NextToken,
    (page) => {
      for (const v of page.Volumes ?? []) {
        if (!v.ResourceARN || !v.VolumeId) continue;
        add({ arn: v.ResourceARN, type: 'FSx', id: v.VolumeId, name: v.Name, tags: tagMap(v.Tags) });
      }
    },
  );
};

/** Resource types the tagging API lists for kinds bkp has no Describe client for. */
const TAGGED_ONLY: Record<string, string> = { 'dynamodb:table': 'DynamoDB', s3: 'S3', 'backup-gateway:vm': 'VirtualMachine' };

const listTagged: Lister = async (clients, add) => {
  const { GetResourcesCommand } = await import('./sdk/client-resource-groups-tagging-api.js');
  const client = await clients.tagging();
  for (const [filter, type] of Object.entries(TAGGED_ONLY)) {
    try {
      await allPages(
        (PaginationToken) => client.send(new GetResourcesCommand({ ResourceTypeFilters: [filter], PaginationToken, ResourcesPerPage: 100 })),
        (page) => page.PaginationToken,
        (page) => {
          for (const m of page.ResourceTagMappingList ?? []) {
            if (m.ResourceARN) add({ arn: m.ResourceARN, type, id: resourceIdOfArn(m.ResourceARN) ?? m.ResourceARN, tags: tagMap(m.Tags) });
          }
        },
      );
    } catch (e) {
      // A region or partition where the tagging API does not know the type: nothing to list.
      if (awsErrorName(e) !== 'InvalidParameterException') throw e;
    }
  }
};

/** Each lister, and the resource types it finds. */
const LISTERS: Array<[string, Lister, readonly string[]]> = [
  ['EC2', listEc2, ['EC2', 'EBS']],
  ['RDS', listRds, ['RDS', 'Aurora', 'DocumentDB', 'Neptune']],
  ['EFS', listEfs, ['EFS']],
  ['FSx', listFsx, ['FSx']],
  ['tagged resources', listTagged, Object.values(TAGGED_ONLY)],
];

/** Errors that mean "these credentials may not describe that service", not "the call failed". */
const DENIED = /^(AccessDenied(Exception)?|UnauthorizedOperation|AuthorizationError|UnauthorizedException)$/;
/** What an AWS-compatible endpoint (moto, LocalStack) answers for a service or call it lacks. */
const NOT_SERVED = /^(UnknownOperationException|InvalidAction|NotImplemented|InternalFailure)$/;

/** Why a service can be left out of the listing, or undefined when its error must fail the read. */
function whyUnreadable(error: unknown, settings: ClientSettings): string | undefined {
  const name = awsErrorName(error) ?? '';
  if (DENIED.test(name)) return 'access denied';
  const status = (error as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode;
  // An endpoint that is not AWS may not serve every service: a modelled error name, or an
  // unreadable 404/501 page instead of an AWS reply.
  const unreadableReply = error instanceof SyntaxError || error instanceof UnreadableReplyError || status === 404 || status === 501;
  if (settings.endpoint !== undefined && (NOT_SERVED.test(name) || unreadableReply)) return 'not served by the endpoint';
  return undefined;
}

/** The account's resources of `types` (AWS Backup resource types; default all): each service is read only when one of its types is wanted. */
export async function listAccountResources(settings: ClientSettings, provider: string, types: ReadonlySet<string> | 'all' = 'all'): Promise<AccountResources> {
  let serverTime: Date | undefined;
  const clients = new SourceClients({ ...settings, onServerTime: (date) => (serverTime = date) });
  const resources: AccountResource[] = [];
  const unreadable: string[] = [];
  const add = (resource: AccountResource) => void resources.push(resource);
  try {
    for (const [service, list, finds] of LISTERS) {
      if (types !== 'all' && !finds.some((type) => types.has(type))) continue;
      try {
        await list(clients, add);
      } catch (e) {
        const why = whyUnreadable(e, settings);
        if (why !== undefined) unreadable.push(`${service} (${why})`);
        else throw awsCallError(e, `Listing the ${service} resources of`, `provider ${provider}`);
      }
    }
  } finally {
    await clients.destroy();
  }
  const account = resources.map((r) => parseArn(r.arn)?.account).find((a) => a !== undefined && a !== '');
  if (account !== undefined) {
    for (const r of resources) {
      const arn = r.type === 'EBS' ? parseArn(r.arn) : undefined;
      if (arn !== undefined && arn.account === '') r.arn = formatArn({ ...arn, account });
    }
  }
  return { resources, unreadable, serverTime };
}
