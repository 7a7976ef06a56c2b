// Provider blocks → SDK clients, one per provider key ("aws", "aws.dr", "sandbox"): the one place
// where a run's clients are built, handed to the engine through the ProviderAccess interface.
import { isAbsolute, resolve } from 'node:path';
import type { BackupClient } from '@aws-sdk/client-backup';
import type { OrganizationsClient } from '@aws-sdk/client-organizations';
import type { ResourceGroupsTaggingAPIClient } from '@aws-sdk/client-resource-groups-tagging-api';
import type { ClientSettings } from '../aws/clients.js';
import { assumedRoleCredentials, defaultSessionName, roleAccountId, type AssumeRoleSettings } from '../aws/assume-role.js';
import type { ProviderAccess, ProviderClientSet, ResourceLocation } from '../resources/handler.js';
import { sandboxClientSettings, type SandboxTarget } from './sandbox-provider.js';
import type { Config, ProviderConfig } from '../config/model.js';
import { ErrorCode, UserError } from '../core/errors.js';
import { isObjectValue, type Value } from '../core/values.js';
import { DEFAULT_SANDBOX_ACCOUNT_ID, DEFAULT_SANDBOX_PATH } from '../sandbox/defaults.js';
import { Limiter } from '../engine/limiter.js';

/** Credential checks (AssumeRole calls, with assume_role) in flight at once, before -parallelism applies. */
const CREDENTIAL_CHECKS_AT_ONCE = 10;

/** A provider block as the clients see it (a sandbox's carries the emulator as request handler). */
export interface ProviderSettings extends ClientSettings {
  type: 'aws' | 'sandbox';
  /** provider "sandbox": the account file. */
  sandboxPath?: string;
  accountId?: string;
  /** provider "sandbox": its source blocks, to build clients of another region of the same account file. */
  sandboxSources?: SandboxTarget['sources'];
  /** provider "sandbox": its organization block, likewise. */
  sandboxOrganization?: SandboxTarget['organization'];
  /** Readies the account behind the clients now (a sandbox creates its declared sources). */
  open?: () => Promise<void>;
  /** The provider's assume_role: its clients sign with that role's temporary credentials. */
  assumeRole?: AssumeRoleSettings;
}

const str = (v: unknown) => (typeof v === 'string' && v !== '' ? v : undefined);

/** provider "sandbox" `organization` block → the sandbox's seed of OUs and member accounts. */
function organizationSpec(block: Value | undefined): SandboxTarget['organization'] {
  if (!isObjectValue(block)) return undefined;
  const list = (v: Value | undefined) => (Array.isArray(v) ? v.filter(isObjectValue) : []);
  return {
    rootId: str(block.root_id),
    units: list(block.unit).map((u) => ({ name: String(u.name), id: str(u.id), parent: str(u.parent) })),
    accounts: list(block.account).map((m) => ({ name: String(m.name), id: String(m.id), email: str(m.email), unit: str(m.unit) })),
  };
}

/** The account file of a provider "sandbox" block (`path`, relative to the configuration directory). */
export function sandboxProviderPath(provider: ProviderConfig, dir: string): string {
  const relative = str(provider.attributes.path) ?? DEFAULT_SANDBOX_PATH;
  return isAbsolute(relative) ? relative : resolve(dir, relative);
}

/** The provider's `assume_role` block (an object value), checked enough to know the role's account. */
function assumeRoleOf(provider: ProviderConfig): AssumeRoleSettings | undefined {
  const block = provider.attributes.assume_role;
  if (!isObjectValue(block)) return undefined;
  const roleArn = str(block.role_arn) ?? '';
  if (roleAccountId(roleArn) === undefined) {
    throw new UserError(ErrorCode.ConfigInvalid, `provider "${provider.key}": assume_role.role_arn "${roleArn}" is not an IAM role ARN.`, {
      hint: 'Write the ARN of the role to assume, for example arn:aws:iam::123456789012:role/bkp-deployer.',
    });
  }
  return {
    roleArn,
    sessionName: str(block.session_name) ?? defaultSessionName(),
    ...(str(block.external_id) !== undefined ? { externalId: str(block.external_id) } : {}),
    ...(typeof block.duration_seconds === 'number' ? { durationSeconds: block.duration_seconds } : {}),
  };
}

/** The settings with the role's credentials in place of the provider's own, which sign the AssumeRole call. */
function withAssumedRole(settings: ProviderSettings, role: AssumeRoleSettings | undefined): ProviderSettings {
  if (role === undefined) return settings;
  const masterCredentials = settings.credentials !== undefined && typeof settings.credentials !== 'function' ? settings.credentials : undefined;
  const credentials = assumedRoleCredentials(role, {
    region: settings.region,
    endpoint: settings.endpoint,
    profile: settings.profile,
    masterCredentials,
    requestHandler: settings.requestHandler,
  });
  return { ...settings, credentials, assumeRole: role };
}

export function providerSettings(provider: ProviderConfig, dir: string): ProviderSettings {
  const role = assumeRoleOf(provider);
  return withAssumedRole(ownProviderSettings(provider, dir, role && roleAccountId(role.roleArn)), role);
}

/** The provider's settings without its assume_role (whose account, for a sandbox, holds the sources). */
function ownProviderSettings(provider: ProviderConfig, dir: string, roleAccount?: string): ProviderSettings {
  const a = provider.attributes;
  if (provider.type === 'sandbox') {
    const path = sandboxProviderPath(provider, dir);
    const region = str(a.region) ?? 'us-east-1';
    const accountId = str(a.account_id);
    const sources = (Array.isArray(a.source) ? a.source : []).filter(isObjectValue).map((s) => ({
      type: String(s.type),
      name: String(s.name),
      id: str(s.id),
      state: str(s.state),
      sizeGiB: typeof s.size_gib === 'number' ? s.size_gib : undefined,
      tags: isObjectValue(s.tags) ? (Object.fromEntries(Object.entries(s.tags).map(([k, v]) => [k, String(v)])) as Record<string, string>) : undefined,
    }));
    const organization = organizationSpec(a.organization);
    return {
      type: 'sandbox',
      sandboxPath: path,
      accountId,
      sandboxSources: sources,
      sandboxOrganization: organization,
      ...sandboxClientSettings({ path, region, accountId, sources, organization, sourcesAccountId: roleAccount }),
    };
  }
  const region = str(a.region) ?? process.env.AWS_REGION ?? process.env.AWS_DEFAULT_REGION;
  if (!region) {
    throw new UserError(ErrorCode.ConfigInvalid, `provider "${provider.key}" has no region.`, {
      hint: 'Set region in the provider block, or AWS_REGION in the environment.',
    });
  }
  return { type: 'aws', region, profile: str(a.profile), endpoint: str(a.endpoint) };
}

/** The settings of a provider moved to the place where an object of it was made. */
function settingsAt(settings: ProviderSettings, at: ResourceLocation): ProviderSettings {
  if (settings.type !== 'sandbox') return { ...settings, region: at.region };
  const path = settings.sandboxPath!;
  // With assume_role the role's credentials choose the account; the handler stays the provider's own.
  const accountId = settings.assumeRole !== undefined ? settings.accountId : (at.account_id ?? settings.accountId);
  const sourcesAccountId = settings.assumeRole && roleAccountId(settings.assumeRole.roleArn);
  const moved = sandboxClientSettings({ path, region: at.region, accountId, sources: settings.sandboxSources, organization: settings.sandboxOrganization, sourcesAccountId });
  return { ...settings, accountId, ...moved, ...(settings.assumeRole !== undefined ? { credentials: settings.credentials } : {}) };
}

/** How to bring back a provider key the state names: "aws", "aws.dr" or an instance, aws.account["prod"]. */
function restoreProviderHint(key: string): string {
  const parts = /^([a-z]+)(?:\.([A-Za-z_][A-Za-z0-9_-]*)(?:\[(".*")\])?)?$/.exec(key);
  if (!parts) return `Add provider "${key}" back until its resources are destroyed.`;
  const [, type, alias, instance] = parts;
  if (instance !== undefined) return `Add the key ${instance} back to the for_each of provider "${type}" with alias = "${alias}" until its resources are destroyed.`;
  return `Add provider block "${type}"${alias !== undefined ? ` with alias = "${alias}"` : ''} back until its resources are destroyed.`;
}

/** Clients for a run, built on first use. */
export class ProviderClients implements ProviderAccess {
  private readonly settings = new Map<string, ProviderSettings>();
  private readonly backupClients = new Map<string, BackupClient>();
  private readonly taggingClients = new Map<string, ResourceGroupsTaggingAPIClient>();
  private readonly organizationsClients = new Map<string, Promise<OrganizationsClient>>();
  /** The latest `Date` each provider's AWS Backup replies carried: the account's clock. */
  private readonly serverTimes = new Map<string, Date>();

  constructor(config: Pick<Config, 'providers' | 'dir'>) {
    for (const p of config.providers) this.settings.set(p.key, providerSettings(p, config.dir));
  }

  keys(): string[] {
    return [...this.settings.keys()];
  }

  /**
   * Where a provider points: its region and, when known without a call, its account: the assumed
   * role's account, or the sandbox's (an AWS account id otherwise needs a call).
   */
  location(key: string): ResourceLocation {
    const settings = this.settingsFor(key);
    const roleAccount = settings.assumeRole !== undefined ? roleAccountId(settings.assumeRole.roleArn) : undefined;
    if (roleAccount !== undefined) return { region: settings.region, account_id: roleAccount };
    if (settings.type !== 'sandbox') return { region: settings.region };
    return { region: settings.region, account_id: settings.accountId ?? DEFAULT_SANDBOX_ACCOUNT_ID };
  }

  settingsFor(key: string): ProviderSettings {
    const s = this.settings.get(key);
    if (!s) {
      throw new UserError(ErrorCode.ConfigInvalid, `The state refers to provider "${key}", which the configuration no longer declares.`, {
        hint: restoreProviderHint(key),
      });
    }
    return s;
  }

  /**
   * Fails when an aws provider has no credentials, before anything is planned: a plan of an empty
   * state makes no AWS call, so it would otherwise show every resource "to add" and fail only at
   * apply. Resolving them reads the environment, profiles and, last, the instance metadata service.
   */
  async checkCredentials(): Promise<void> {
    // Concurrently, a few at a time: with assume_role each check is an AssumeRole round trip, and
    // a configuration of 200 provider blocks would otherwise wait for them one after another.
    const checked = [...this.settings].filter(([, settings]) => settings.type === 'aws' || settings.assumeRole !== undefined);
    const failures = await new Limiter(CREDENTIAL_CHECKS_AT_ONCE).map(checked, ([key, settings]) => this.credentialFailure(key, settings));
    // The first failing provider in configuration order, whatever finished first.
    const failure = failures.find((f) => f !== undefined);
    if (failure !== undefined) throw failure;
  }

  /** Resolves one provider's credentials; the error to report when that fails. */
  private async credentialFailure(key: string, settings: ProviderSettings): Promise<UserError | undefined> {
    const client = await this.backup(key);
    try {
      await client.config.credentials();
      return undefined;
    } catch (error) {
      if (settings.assumeRole !== undefined) return assumeRoleFailure(key, settings.assumeRole, error);
      const profile = settings.profile !== undefined ? ` (profile "${settings.profile}")` : '';
      return new UserError(ErrorCode.AwsCredentials, `No AWS credentials for provider "${key}"${profile} in ${settings.region}: ${(error as Error).message}`, {
        hint:
          'Set AWS_PROFILE or the profile argument of the provider block (run aws sso login for an SSO profile), ' +
          'or AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY; or use provider "sandbox" to try bkp without AWS.',
      });
    }
  }

  /**
   * The account's "now" as its replies tell it, when it differs from this machine's: a sandbox's
   * virtual clock (moved by `bkp sandbox advance`). Undefined before any reply, and for AWS,
   * whose clock is this machine's (to the second its Date headers carry).
   */
  accountNow(): Date | undefined {
    for (const [key, date] of this.serverTimes) if (this.settings.get(key)?.type === 'sandbox') return date;
    return undefined;
  }

  ownClock(providerKey: string): boolean {
    return this.settings.get(providerKey)?.type === 'sandbox';
  }

  /** Opens the accounts before the first call (a sandbox account creates the sources its provider block declares). */
  async prepare(): Promise<void> {
    for (const settings of this.settings.values()) await settings.open?.();
  }

  async backup(key: string): Promise<BackupClient> {
    let client = this.backupClients.get(key);
    if (!client) {
      const { createBackupClient } = await import('../aws/clients.js');
      const settings = this.settingsFor(key);
      client = createBackupClient({ ...settings, onServerTime: (date) => this.serverTimes.set(key, date) });
      this.backupClients.set(key, client);
    }
    return client;
  }

  async clients(key: string, at?: ResourceLocation): Promise<ProviderClientSet> {
    if (at !== undefined) return this.clientsAt(key, at);
    return { backup: await this.backup(key), tagging: () => this.tagging(key), organizations: () => this.organizations(key, this.settingsFor(key)), settings: this.settingsFor(key) };
  }

  /** Clients of the region (and sandbox account) an object of provider `key` was made in. */
  private async clientsAt(key: string, at: ResourceLocation): Promise<ProviderClientSet> {
    const settings = settingsAt(this.settingsFor(key), at);
    const cacheKey = `${key}@${at.region}/${at.account_id ?? ''}`;
    const { createBackupClient, createTaggingClient } = await import('../aws/clients.js');
    let backup = this.backupClients.get(cacheKey);
    if (!backup) {
      backup = createBackupClient(settings);
      this.backupClients.set(cacheKey, backup);
    }
    const tagging = async () => {
      let client = this.taggingClients.get(cacheKey);
      if (!client) {
        client = await createTaggingClient(settings);
        this.taggingClients.set(cacheKey, client);
      }
      return client;
    };
    return { backup, tagging, organizations: () => this.organizations(cacheKey, settings), settings };
  }

  /** Organizations is global: one client per provider (and account) whatever the region asked for. */
  private organizations(cacheKey: string, settings: ProviderSettings): Promise<OrganizationsClient> {
    let client = this.organizationsClients.get(cacheKey);
    if (!client) {
      client = import('../aws/clients.js').then(({ createOrganizationsClient }) => createOrganizationsClient(settings));
      this.organizationsClients.set(cacheKey, client);
    }
    return client;
  }

  async tagging(key: string): Promise<ResourceGroupsTaggingAPIClient> {
    let client = this.taggingClients.get(key);
    if (!client) {
      const { createTaggingClient } = await import('../aws/clients.js');
      client = await createTaggingClient(this.settingsFor(key));
      this.taggingClients.set(key, client);
    }
    return client;
  }

  destroy(): void {
    for (const c of this.backupClients.values()) c.destroy();
    for (const c of this.taggingClients.values()) c.destroy();
    for (const c of this.organizationsClients.values()) void c.then((client) => client.destroy());
  }
}

/** A failed AssumeRole: which provider, which role, and STS's own words (AccessDenied: …). */
function assumeRoleFailure(key: string, role: AssumeRoleSettings, error: unknown): UserError {
  const name = (error as { name?: string }).name;
  const message = (error as Error).message;
  const said = name !== undefined && name !== 'Error' && !message.startsWith(name) ? `${name}: ${message}` : message;
  return new UserError(ErrorCode.AwsCredentials, `Provider "${key}" could not assume the role ${role.roleArn}: ${said}`, {
    hint:
      "Check that the role exists, that its trust policy lets the provider's own credentials (its profile, the default chain, or the sandbox's) assume it, " +
      'and that external_id matches the one the trust policy requires.',
    cause: error,
  });
}
