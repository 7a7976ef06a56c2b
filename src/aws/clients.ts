// The SDK client factory. Everything above src/aws/ gets its clients here and never knows whether
// they talk to AWS or to the sandbox: a sandbox provider builds the very same clients with the
// in-process request handler and fixed dummy credentials.
import { BackupClient } from '@aws-sdk/client-backup';
import type { EC2Client } from '@aws-sdk/client-ec2';
import type { EFSClient } from '@aws-sdk/client-efs';
import type { FSxClient } from '@aws-sdk/client-fsx';
import type { RDSClient } from '@aws-sdk/client-rds';
import type { ResourceGroupsTaggingAPIClient } from '@aws-sdk/client-resource-groups-tagging-api';
import { DEFAULT_SANDBOX_ACCOUNT_ID, DEFAULT_SANDBOX_PATH, DEFAULT_SANDBOX_REGION } from '../sandbox/account.js';
import { SandboxRequestHandler } from '../sandbox/transport.js';
import type { SandboxSourceSpec } from './sandbox-sources.js';

export interface ProviderSettings {
  type: 'aws' | 'sandbox';
  region: string;
  profile?: string;
  endpoint?: string;
  /** Sandbox account file (default .bkp/sandbox.json). */
  sandboxPath?: string;
  /** Sandbox account id (default 123456789012). */
  accountId?: string;
  /** Source resources the sandbox account must contain (provider "sandbox" `source` blocks). */
  sandboxSources?: SandboxSourceSpec[];
  /** SDK attempts per call, first try included (SDK default 3). */
  maxAttempts?: number;
}

/** The sandbox accepts any signature; the SDK still needs credentials to sign with. */
const SANDBOX_CREDENTIALS = { accessKeyId: 'AKIASANDBOXEXAMPLE00', secretAccessKey: 'sandbox-secret-access-key' };

interface CommonClientConfig {
  region: string;
  retryMode: 'adaptive';
  cacheMiddleware: true;
  maxAttempts?: number;
  profile?: string;
  endpoint?: string;
  credentials?: typeof SANDBOX_CREDENTIALS;
  requestHandler?: SandboxRequestHandler;
}

// bkp pins its SDK versions: the SDK's notice about the Node.js versions of future releases is for
// bkp's maintainers to track, not for bkp's users to read on every run.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';

const sandboxHandlers = new Map<string, SandboxRequestHandler>();

/** One handler per sandbox target, so all clients of a run share the account cache. */
function sandboxHandler(provider: ProviderSettings): SandboxRequestHandler {
  const path = provider.sandboxPath ?? DEFAULT_SANDBOX_PATH;
  const region = provider.region || DEFAULT_SANDBOX_REGION;
  const accountId = provider.accountId ?? DEFAULT_SANDBOX_ACCOUNT_ID;
  const key = `${path}\u0000${region}\u0000${accountId}`;
  let handler = sandboxHandlers.get(key);
  if (handler === undefined) {
    handler = new SandboxRequestHandler({ path, region, accountId });
    sandboxHandlers.set(key, handler);
  }
  return handler;
}

function clientConfig(provider: ProviderSettings): CommonClientConfig {
  const config: CommonClientConfig = {
    region: provider.region || (provider.type === 'sandbox' ? DEFAULT_SANDBOX_REGION : provider.region),
    retryMode: 'adaptive',
    // The SDK otherwise builds each command's middleware chain again on every call (about 60 µs
    // per call here). bkp adds its own middleware only right after creating a client.
    cacheMiddleware: true,
  };
  if (provider.maxAttempts !== undefined) config.maxAttempts = provider.maxAttempts;
  if (provider.type === 'sandbox') {
    config.credentials = SANDBOX_CREDENTIALS;
    config.requestHandler = sandboxHandler(provider);
    return config;
  }
  // With a profile the SDK's default chain reads that profile from ~/.aws (fromIni).
  if (provider.profile !== undefined) config.profile = provider.profile;
  if (provider.endpoint !== undefined) config.endpoint = provider.endpoint;
  return config;
}

export function createBackupClient(provider: ProviderSettings): BackupClient {
  const client = new BackupClient(clientConfig(provider));
  if (provider.type === 'aws' && provider.endpoint !== undefined) addListTagsTrailingSlash(client);
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
export async function createEc2Client(provider: ProviderSettings): Promise<EC2Client> {
  const { EC2Client: Ec2ClientClass } = await import('@aws-sdk/client-ec2');
  return new Ec2ClientClass(clientConfig(provider));
}

/** The Resource Groups Tagging API: one paginated GetResources returns the tags of many resources. */
export async function createTaggingClient(provider: ProviderSettings): Promise<ResourceGroupsTaggingAPIClient> {
  const { ResourceGroupsTaggingAPIClient: TaggingClientClass } = await import('@aws-sdk/client-resource-groups-tagging-api');
  return new TaggingClientClass(clientConfig(provider));
}

/** Clients for the source checks of on-demand backups, each loaded only when a job needs it. */
export async function createRdsClient(provider: ProviderSettings): Promise<RDSClient> {
  const { RDSClient: RdsClientClass } = await import('@aws-sdk/client-rds');
  return new RdsClientClass(clientConfig(provider));
}

export async function createEfsClient(provider: ProviderSettings): Promise<EFSClient> {
  const { EFSClient: EfsClientClass } = await import('@aws-sdk/client-efs');
  return new EfsClientClass(clientConfig(provider));
}

export async function createFsxClient(provider: ProviderSettings): Promise<FSxClient> {
  const { FSxClient: FsxClientClass } = await import('@aws-sdk/client-fsx');
  return new FsxClientClass(clientConfig(provider));
}
