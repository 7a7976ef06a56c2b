// The SDK client factory. Everything above src/aws/ gets its clients here and never knows whether
// they talk to AWS or to something that answers like it: a caller may inject a request handler
// (and credentials to sign with) that replaces the network, as provider "sandbox" does with the
// in-process emulator. This module knows nothing of that emulator.
import { BackupClient } from './sdk/client-backup.js';
import type { EC2Client } from '@aws-sdk/client-ec2';
import type { EFSClient } from '@aws-sdk/client-efs';
import type { FSxClient } from '@aws-sdk/client-fsx';
import type { OrganizationsClient } from '@aws-sdk/client-organizations';
import type { IAMClient } from '@aws-sdk/client-iam';
import type { KMSClient } from '@aws-sdk/client-kms';
import type { RDSClient } from '@aws-sdk/client-rds';
import type { ResourceGroupsTaggingAPIClient } from '@aws-sdk/client-resource-groups-tagging-api';
import type { STSClient } from '@aws-sdk/client-sts';
import { callLogFromEnv, withCallLog, type CallLog } from './call-log.js';
import { isUnreadableReply, UnreadableReplyError } from './errors.js';
import type { AwsCredentialIdentity, AwsCredentialIdentityProvider, HttpHandlerOptions, HttpRequest, HttpResponse, RequestHandler } from '@smithy/types';

export interface ClientSettings {
  region: string;
  profile?: string;
  endpoint?: string;
  /** SDK attempts per call, first try included (SDK default 3). */
  maxAttempts?: number;
  /** Serves the requests instead of the network (an in-process emulator); the SDK still signs and retries. */
  requestHandler?: RequestHandler<HttpRequest, HttpResponse, HttpHandlerOptions>;
  /**
   * Credentials to sign with instead of the SDK's default chain: fixed ones (the sandbox's), or a
   * provider shared by all clients of one provider block (its assume_role, see assume-role.ts).
   */
  credentials?: AwsCredentialIdentity | AwsCredentialIdentityProvider;
  /** Told the `Date` of every successful reply: the service's clock, which may not be this machine's. */
  onServerTime?: (date: Date) => void;
  /** Logs each call (BKP_LOG=debug|trace when not given). */
  callLog?: CallLog;
}

interface CommonClientConfig {
  region: string;
  retryMode: 'adaptive';
  cacheMiddleware: true;
  maxAttempts?: number;
  profile?: string;
  endpoint?: string;
  credentials?: AwsCredentialIdentity | AwsCredentialIdentityProvider;
  requestHandler?: RequestHandler<HttpRequest, HttpResponse, HttpHandlerOptions>;
}

// bkp pins its SDK versions: the SDK's notice about the Node.js versions of future releases is for
// bkp's maintainers to track, not for bkp's users to read on every run.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';

function clientConfig(settings: ClientSettings): CommonClientConfig {
  const config: CommonClientConfig = {
    region: settings.region,
    retryMode: 'adaptive',
    // The SDK otherwise builds each command's middleware chain again on every call (about 60 µs
    // per call here). bkp adds its own middleware only right after creating a client.
    cacheMiddleware: true,
  };
  if (settings.maxAttempts !== undefined) config.maxAttempts = settings.maxAttempts;
  if (settings.credentials !== undefined) config.credentials = settings.credentials;
  if (settings.requestHandler !== undefined) config.requestHandler = settings.requestHandler;
  // With a profile the SDK's default chain reads that profile from ~/.aws (fromIni). Assumed-role
  // credentials were already signed for with the profile's: the client needs no profile then.
  if (settings.profile !== undefined && settings.credentials === undefined) config.profile = settings.profile;
  if (settings.endpoint !== undefined) config.endpoint = settings.endpoint;
  return config;
}

/** The part of a client bkp's own middleware needs (every SDK client has it). */
interface WithMiddleware {
  middlewareStack: BackupClient['middlewareStack'];
}

/** Reports each successful reply's Date header to `settings.onServerTime`. */
function withServerClock<T>(client: T, settings: ClientSettings): T {
  const report = settings.onServerTime;
  if (report === undefined) return client;
  (client as WithMiddleware).middlewareStack.add(
    (next) => async (args) => {
      const result = await next(args);
      const date = (result.response as HttpResponse | undefined)?.headers?.['date'];
      const parsed = date === undefined ? Number.NaN : Date.parse(date);
      if (!Number.isNaN(parsed)) report(new Date(parsed));
      return result;
    },
    { step: 'deserialize', name: 'bkpServerClock' },
  );
  return client;
}

/**
 * Turns a reply the SDK cannot parse (its message: "Unexpected token '<' … Deserialization error")
 * into an error naming the operation, endpoint and HTTP status. Outside the retries, so it sees the
 * last attempt's failure.
 */
function withReadableFailures<T>(client: T): T {
  (client as WithMiddleware).middlewareStack.add(
    (next, context) => async (args) => {
      try {
        return await next(args);
      } catch (error) {
        if (!isUnreadableReply(error)) throw error;
        const request = args.request as { protocol?: string; hostname?: string; port?: number } | undefined;
        const endpoint = request?.hostname ? `${request.protocol ?? 'https:'}//${request.hostname}${request.port ? `:${request.port}` : ''}` : 'the endpoint';
        const response = (error as { $response?: { statusCode?: number; headers?: Record<string, string> } }).$response;
        const status = response?.statusCode ?? (error as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode;
        const operation = (context.commandName ?? 'the operation').replace(/Command$/, '');
        throw new UnreadableReplyError(operation, endpoint, status, response?.headers?.['content-type']);
      }
    },
    { step: 'build', name: 'bkpReadableFailures' },
  );
  return client;
}

/** bkp's middleware, added to every client it builds: readable failures, the service's clock, the call log. */
function withBkpMiddleware<T>(client: T, settings: ClientSettings): T {
  return withCallLog(withReadableFailures(withServerClock(client, settings)), settings.callLog ?? callLogFromEnv());
}

export function createBackupClient(settings: ClientSettings): BackupClient {
  const client = withBkpMiddleware(new BackupClient(clientConfig(settings)), settings);
  if (settings.endpoint !== undefined) addListTagsTrailingSlash(client);
  return client;
}

/**
 * AWS Backup's API model spells ListTags `GET /tags/{ResourceArn}/`; the SDK drops the final slash,
 * which AWS tolerates but AWS-compatible endpoints such as moto do not. Restore it for custom endpoints.
 */
function addListTagsTrailingSlash(client: BackupClient): void {
  client.middlewareStack.add(
    (next) => async (args) => {
      const request = args.request as { method?: string; path?: string };
      if (request.method === 'GET' && request.path?.startsWith('/tags/') && !request.path.endsWith('/')) request.path += '/';
      return next(args);
    },
    { step: 'build', name: 'bkpListTagsTrailingSlash' },
  );
}

/** EC2's client is large and slow to import; only source-resource checks need it. */
export async function createEc2Client(settings: ClientSettings): Promise<EC2Client> {
  const { EC2Client: Ec2ClientClass } = await import('./sdk/client-ec2.js');
  return withBkpMiddleware(new Ec2ClientClass(clientConfig(settings)), settings);
}

/** The Resource Groups Tagging API: one paginated GetResources returns the tags of many resources. */
export async function createTaggingClient(settings: ClientSettings): Promise<ResourceGroupsTaggingAPIClient> {
  const { ResourceGroupsTaggingAPIClient: TaggingClientClass } = await import('./sdk/client-resource-groups-tagging-api.js');
  return withBkpMiddleware(new TaggingClientClass(clientConfig(settings)), settings);
}

/** Clients for the source checks of on-demand backups, each loaded only when a job needs it. */
export async function createRdsClient(settings: ClientSettings): Promise<RDSClient> {
  const { RDSClient: RdsClientClass } = await import('./sdk/client-rds.js');
  return withBkpMiddleware(new RdsClientClass(clientConfig(settings)), settings);
}

export async function createEfsClient(settings: ClientSettings): Promise<EFSClient> {
  const { EFSClient: EfsClientClass } = await import('./sdk/client-efs.js');
  return withBkpMiddleware(new EfsClientClass(clientConfig(settings)), settings);
}

export async function createFsxClient(settings: ClientSettings): Promise<FSxClient> {
  const { FSxClient: FsxClientClass } = await import('./sdk/client-fsx.js');
  return withBkpMiddleware(new FsxClientClass(clientConfig(settings)), settings);
}

/** Organizations is a global service: the SDK signs for us-east-1 whatever the region, as AWS expects. */
export async function createOrganizationsClient(settings: ClientSettings): Promise<OrganizationsClient> {
  const { OrganizationsClient: OrganizationsClientClass } = await import('./sdk/client-organizations.js');
  return withBkpMiddleware(new OrganizationsClientClass(clientConfig(settings)), settings);
}

/** Clients the `data` sources read through (caller identity, KMS keys, IAM roles), each loaded only when a data block needs it. */
export async function createStsClient(settings: ClientSettings): Promise<STSClient> {
  const { STSClient: StsClientClass } = await import('./sdk/client-sts.js');
  return withBkpMiddleware(new StsClientClass(clientConfig(settings)), settings);
}

export async function createKmsClient(settings: ClientSettings): Promise<KMSClient> {
  const { KMSClient: KmsClientClass } = await import('./sdk/client-kms.js');
  return withBkpMiddleware(new KmsClientClass(clientConfig(settings)), settings);
}

/** IAM is global: its one endpoint answers for every region, and the SDK signs for us-east-1 whatever the region. */
export async function createIamClient(settings: ClientSettings): Promise<IAMClient> {
  const { IAMClient: IamClientClass } = await import('./sdk/client-iam.js');
  return withBkpMiddleware(new IamClientClass(clientConfig(settings)), settings);
}
