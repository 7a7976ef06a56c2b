// provider "sandbox": the one place that builds the sandbox's in-process request handler and
// hands it to the SDK clients, with credentials to sign with (the sandbox accepts any). Everything
// else reaches the sandbox account only through those clients, exactly as it reaches AWS.
import type { ClientSettings } from '../aws/clients.js';
import { DEFAULT_SANDBOX_ACCOUNT_ID, DEFAULT_SANDBOX_PATH, DEFAULT_SANDBOX_REGION } from '../sandbox/defaults.js';
import type { SandboxOrganizationSpec } from '../sandbox/organizations/seed.js';
import type { SandboxSourceSpec } from '../sandbox/sources.js';
import { SandboxRequestHandler } from '../sandbox/transport.js';

export type { SandboxOrganizationSpec, SandboxSourceSpec };

export interface SandboxTarget {
  /** The account file (default .bkp/sandbox.json). */
  path?: string;
  /** Default us-east-1. */
  region?: string;
  /** Default 123456789012. */
  accountId?: string;
  /** Source resources the account must hold (the provider's `source` blocks); the sandbox creates them on open. */
  sources?: readonly SandboxSourceSpec[];
  /** The organization's OUs and member accounts (the provider's `organization` block), created on open. */
  organization?: SandboxOrganizationSpec;
  /** The member account whose role the provider assumes: its sources are created there. */
  sourcesAccountId?: string;
  maxAttempts?: number;
}

export interface SandboxClientSettings extends ClientSettings {
  /** Opens the account now: creates it if needed and adds the declared sources (requests also do it). */
  open(): Promise<void>;
}

/** The sandbox accepts any signature; the SDK still needs credentials to sign with. */
const SANDBOX_CREDENTIALS = { accessKeyId: 'AKIASANDBOXEXAMPLE00', secretAccessKey: 'sandbox-secret-access-key' };

/** One handler per sandbox target, so all clients of a run share it (and the account opens once). */
const handlers = new Map<string, SandboxRequestHandler>();

export function sandboxClientSettings(target: SandboxTarget = {}): SandboxClientSettings {
  const path = target.path ?? DEFAULT_SANDBOX_PATH;
  const region = target.region || DEFAULT_SANDBOX_REGION;
  const accountId = target.accountId ?? DEFAULT_SANDBOX_ACCOUNT_ID;
  const sources = target.sources ?? [];
  const organization = target.organization;
  const sourcesAccountId = target.sourcesAccountId;
  const key = JSON.stringify([path, region, accountId, sources, organization ?? null, sourcesAccountId ?? null]);
  let handler = handlers.get(key);
  if (handler === undefined) {
    handler = new SandboxRequestHandler({ path, region, accountId, sources, organization, sourcesAccountId });
    handlers.set(key, handler);
  }
  const requestHandler = handler;
  const settings: SandboxClientSettings = { region, credentials: SANDBOX_CREDENTIALS, requestHandler, open: () => requestHandler.open() };
  if (target.maxAttempts !== undefined) settings.maxAttempts = target.maxAttempts;
  return settings;
}
