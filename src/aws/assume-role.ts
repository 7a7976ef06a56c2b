// A provider's `assume_role`: the temporary credentials every client of that provider signs with,
// obtained through the SDK's STS credential provider (fromTemporaryCredentials) and shared, so that
// a provider's Backup, tagging and Organizations clients, in every region, make one AssumeRole
// between them rather than one each.
import { userInfo } from 'node:os';
import { parseRoleArn } from '../domain/arn.js';
import type { AwsCredentialIdentity, AwsCredentialIdentityProvider, HttpHandlerOptions, HttpRequest, HttpResponse, RequestHandler } from '@smithy/types';

export interface AssumeRoleSettings {
  roleArn: string;
  /** RoleSessionName; default `bkp-<user>` (see defaultSessionName). */
  sessionName: string;
  externalId?: string;
  durationSeconds?: number;
}

/** What the STS client of the credential provider needs: where to call, and what to sign AssumeRole with. */
export interface AssumeRoleClientSettings {
  region: string;
  endpoint?: string;
  /** A named profile's credentials (or, without it, the SDK's default chain) sign the AssumeRole call. */
  profile?: string;
  /** Credentials to sign AssumeRole with instead (the sandbox's). */
  masterCredentials?: AwsCredentialIdentity;
  requestHandler?: RequestHandler<HttpRequest, HttpResponse, HttpHandlerOptions>;
}

/** `arn:aws:iam::123456789012:role/path/name` → 123456789012; undefined for anything else. */
export function roleAccountId(roleArn: string): string | undefined {
  return parseRoleArn(roleArn)?.account;
}

/**
 * STS accepts session names of 2–64 characters from [\w+=,.@-]: the local user's name with any
 * other character replaced, or "session" when there is no usable name.
 */
export function defaultSessionName(user: string | undefined = currentUser()): string {
  const cleaned = (user ?? '').replace(/[^\w+=,.@-]/g, '-');
  return `bkp-${cleaned === '' ? 'session' : cleaned}`.slice(0, 64);
}

function currentUser(): string | undefined {
  try {
    return userInfo().username;
  } catch {
    // No passwd entry for this uid (some containers): the session gets the generic name.
    return undefined;
  }
}

/** Refresh this long before the credentials expire, so no call signs with credentials about to lapse. */
const REFRESH_BEFORE_EXPIRY_MS = 5 * 60_000;

/**
 * One credentials provider for every client of a provider: the first call assumes the role, later
 * calls share that answer until it nears its expiration; a failed AssumeRole is not kept, so the
 * next call tries again. The SDK's module is loaded on first use, as the clients are.
 */
export function assumedRoleCredentials(role: AssumeRoleSettings, client: AssumeRoleClientSettings): AwsCredentialIdentityProvider {
  let source: AwsCredentialIdentityProvider | undefined;
  const fresh = async (): Promise<AwsCredentialIdentity> => {
    if (source === undefined) {
      const { fromNodeProviderChain, fromTemporaryCredentials } = await import('./sdk/credential-providers.js');
      source = fromTemporaryCredentials({
        params: {
          RoleArn: role.roleArn,
          RoleSessionName: role.sessionName,
          ...(role.externalId !== undefined ? { ExternalId: role.externalId } : {}),
          ...(role.durationSeconds !== undefined ? { DurationSeconds: role.durationSeconds } : {}),
        },
        masterCredentials: client.masterCredentials ?? (client.profile !== undefined ? fromNodeProviderChain({ profile: client.profile }) : undefined),
        clientConfig: {
          region: client.region,
          ...(client.endpoint !== undefined ? { endpoint: client.endpoint } : {}),
          ...(client.requestHandler !== undefined ? { requestHandler: client.requestHandler } : {}),
        },
      });
    }
    return source();
  };
  const expiring = (c: AwsCredentialIdentity) => c.expiration !== undefined && c.expiration.getTime() - Date.now() < REFRESH_BEFORE_EXPIRY_MS;
  let held: AwsCredentialIdentity | undefined;
  let pending: Promise<AwsCredentialIdentity> | undefined;
  return async () => {
    if (held !== undefined && !expiring(held)) return held;
    // Callers that arrive while AssumeRole is in flight share its answer (or its failure).
    pending ??= fresh()
      .then((credentials) => (held = credentials))
      .finally(() => {
        pending = undefined;
      });
    return pending;
  };
}
