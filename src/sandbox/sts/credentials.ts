// The temporary credentials the sandbox's AssumeRole hands out, and how a later request signed
// with them is recognised. The sandbox checks no signature, so the credentials themselves carry
// what it must know: the access key id names the account the role lives in (the dispatcher routes
// the request to that account), and the session token names the role and the session (what
// GetCallerIdentity answers). Nothing is stored, so AssumeRole changes no account file.
import { createHash } from 'node:crypto';
import type { SandboxRequest } from '../protocol.js';

/** Who signed a request with AssumeRole's credentials. */
export interface AssumedCaller {
  /** The account the assumed role is in: the request is served by that account. */
  accountId: string;
  /** From the session token; absent when the request carried no readable token. */
  session?: AssumedSession;
}

export interface AssumedSession {
  roleArn: string;
  roleName: string;
  sessionName: string;
  /** Epoch ms on the sandbox clock. */
  expiration: number;
}

// ASIA (AWS's prefix of temporary keys) + the 12-digit account + 4 hex digits derived from the
// account: 20 characters like AWS's, and a key someone typed by hand almost never routes.
const ASSUMED_KEY = /^ASIA(\d{12})([0-9A-F]{4})$/;
const TOKEN_PREFIX = 'bkpSandbox.';

function accountCheck(accountId: string): string {
  return createHash('sha256').update(`bkp-sandbox-assumed:${accountId}`).digest('hex').slice(0, 4).toUpperCase();
}

export function assumedAccessKeyId(accountId: string): string {
  return `ASIA${accountId}${accountCheck(accountId)}`;
}

/** The account an access key id from AssumeRole stands for; undefined for any other key. */
export function accountOfAccessKey(accessKeyId: string): string | undefined {
  const match = ASSUMED_KEY.exec(accessKeyId);
  return match !== null && match[2] === accountCheck(match[1]!) ? match[1] : undefined;
}

/** A secret key looks like AWS's (40 characters); the sandbox never checks it. */
export function secretAccessKeyFor(accountId: string, session: AssumedSession): string {
  return createHash('sha256').update(`secret:${accountId}:${session.roleArn}:${session.sessionName}:${session.expiration}`).digest('base64').slice(0, 40);
}

export function sessionTokenFor(session: AssumedSession): string {
  return TOKEN_PREFIX + Buffer.from(JSON.stringify(session)).toString('base64url');
}

function readSessionToken(token: string | undefined): AssumedSession | undefined {
  if (token === undefined || !token.startsWith(TOKEN_PREFIX)) return undefined;
  try {
    const value = JSON.parse(Buffer.from(token.slice(TOKEN_PREFIX.length), 'base64url').toString('utf8')) as Partial<AssumedSession>;
    const { roleArn, roleName, sessionName, expiration } = value;
    if (typeof roleArn !== 'string' || typeof roleName !== 'string' || typeof sessionName !== 'string' || typeof expiration !== 'number') return undefined;
    return { roleArn, roleName, sessionName, expiration };
  } catch {
    return undefined;
  }
}

function queryValue(req: SandboxRequest, name: string): string | undefined {
  const value = req.query[name];
  return Array.isArray(value) ? value[0] : value;
}

/** The access key id a request is signed with: from its Authorization header, or a presigned URL's X-Amz-Credential. */
export function accessKeyOf(req: SandboxRequest): string | undefined {
  const header = /Credential=([^/,\s]+)\//.exec(req.headers['authorization'] ?? '');
  if (header !== null) return header[1];
  return queryValue(req, 'X-Amz-Credential')?.split('/')[0];
}

/** The caller, when the request is signed with credentials from the sandbox's AssumeRole. */
export function assumedCallerOf(req: SandboxRequest): AssumedCaller | undefined {
  const key = accessKeyOf(req);
  const accountId = key === undefined ? undefined : accountOfAccessKey(key);
  if (accountId === undefined) return undefined;
  const session = readSessionToken(req.headers['x-amz-security-token'] ?? queryValue(req, 'X-Amz-Security-Token'));
  return session === undefined ? { accountId } : { accountId, session };
}

/** The assumed-role ARN STS reports for a session. */
/** Who the sandbox says the caller is: an IAM user of the account. */
export const SANDBOX_CALLER_NAME = 'sandbox';

export function sandboxUserArn(accountId: string): string {
  return `arn:aws:iam::${accountId}:user/${SANDBOX_CALLER_NAME}`;
}

/** The caller's ARN, as GetCallerIdentity names it: the assumed role's session, or the sandbox's user. */
export function callerArn(accountId: string, caller: AssumedCaller | undefined): string {
  return caller?.session !== undefined ? assumedRoleArn(caller.accountId, caller.session) : sandboxUserArn(accountId);
}

export function assumedRoleArn(accountId: string, session: AssumedSession): string {
  return `arn:aws:sts::${accountId}:assumed-role/${session.roleName}/${session.sessionName}`;
}

/** A role's unique id: AROA + 17 characters, stable per role ARN. */
export function roleUniqueId(roleArn: string): string {
  return `AROA${createHash('sha256').update(roleArn).digest('hex').slice(0, 17).toUpperCase()}`;
}
