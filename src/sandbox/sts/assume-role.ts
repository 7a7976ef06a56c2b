// STS AssumeRole in the sandbox: the parameters checked as STS checks them (ValidationError with
// its "1 validation error detected" message), the role's account limited to the organization (the
// management account and its member accounts; AccessDenied otherwise, worded as STS words it), and
// temporary credentials that route later requests to that account (credentials.ts).
import { parseRoleArn } from '../../domain/arn.js';
import type { SandboxServiceContext } from '../service-context.js';
import { ServiceError } from '../service-error.js';
import { existingOrganization } from '../organizations/state.js';
import { el, type XmlElement } from '../xml.js';
import {
  assumedAccessKeyId,
  assumedRoleArn,
  roleUniqueId,
  secretAccessKeyFor,
  sessionTokenFor,
  type AssumedSession,
} from './credentials.js';

const SESSION_NAME = /^[\w+=,.@-]*$/;
const EXTERNAL_ID = /^[\w+=,.@:/-]*$/;
const DEFAULT_DURATION_SECONDS = 3600;
const MIN_DURATION_SECONDS = 900;
/** The longest MaxSessionDuration a role can have; the sandbox's roles all allow it. */
const MAX_DURATION_SECONDS = 43_200;

function validationError(field: string, value: string | undefined, constraint: string): ServiceError {
  const shown = value === undefined ? 'null' : `'${value}'`;
  return new ServiceError('ValidationError', `1 validation error detected: Value ${shown} at '${field}' failed to satisfy constraint: ${constraint}`);
}

function checkLength(field: string, value: string, min: number, max: number): void {
  if (value.length < min) throw validationError(field, value, `Member must have length greater than or equal to ${min}`);
  if (value.length > max) throw validationError(field, value, `Member must have length less than or equal to ${max}`);
}

function durationOf(raw: string | undefined): number {
  if (raw === undefined) return DEFAULT_DURATION_SECONDS;
  const seconds = /^\d+$/.test(raw) ? Number(raw) : Number.NaN;
  if (Number.isNaN(seconds)) throw validationError('durationSeconds', raw, 'Member must be a whole number of seconds');
  if (seconds < MIN_DURATION_SECONDS) throw validationError('durationSeconds', raw, `Member must have value greater than or equal to ${MIN_DURATION_SECONDS}`);
  if (seconds > MAX_DURATION_SECONDS) throw validationError('durationSeconds', raw, `Member must have value less than or equal to ${MAX_DURATION_SECONDS}`);
  return seconds;
}

/** Who is asking, as STS names the principal in AccessDenied messages. */
function callerArn(ctx: SandboxServiceContext, defaultArn: string): string {
  const caller = ctx.caller;
  return caller?.session !== undefined ? assumedRoleArn(caller.accountId, caller.session) : defaultArn;
}

/** AWS's format without milliseconds: 2026-01-05T01:00:00Z. */
const isoSeconds = (ms: number) => new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');

/** The AssumeRoleResult elements for a valid request; throws STS's error otherwise. */
export function assumeRole(params: Map<string, string>, ctx: SandboxServiceContext, defaultCallerArn: string): XmlElement[] {
  const roleArn = params.get('RoleArn');
  if (roleArn === undefined) throw validationError('roleArn', undefined, 'Member must not be null');
  checkLength('roleArn', roleArn, 20, 2048);
  const sessionName = params.get('RoleSessionName');
  if (sessionName === undefined) throw validationError('roleSessionName', undefined, 'Member must not be null');
  checkLength('roleSessionName', sessionName, 2, 64);
  if (!SESSION_NAME.test(sessionName)) throw validationError('roleSessionName', sessionName, 'Member must satisfy regular expression pattern: [\\w+=,.@-]*');
  const externalId = params.get('ExternalId');
  if (externalId !== undefined) {
    checkLength('externalId', externalId, 2, 1224);
    if (!EXTERNAL_ID.test(externalId)) throw validationError('externalId', externalId, 'Member must satisfy regular expression pattern: [\\w+=,.@:\\/-]*');
  }
  const durationSeconds = durationOf(params.get('DurationSeconds'));
  const role = parseRoleArn(roleArn);
  // The sandbox stands for an account of the aws partition only.
  if (role === undefined || role.partition !== 'aws') throw new ServiceError('ValidationError', `${roleArn} is not a valid IAM role ARN: use arn:aws:iam::ACCOUNT_ID:role/ROLE_NAME.`);
  const { account: accountId, name: roleName } = role;
  const org = existingOrganization(ctx.account);
  if (accountId !== ctx.accountId && org?.accounts[accountId] === undefined) {
    throw new ServiceError(
      'AccessDenied',
      `User: ${callerArn(ctx, defaultCallerArn)} is not authorized to perform: sts:AssumeRole on resource: ${roleArn} ` +
        `(the sandbox lets you assume roles only in its own account ${ctx.accountId} and the member accounts of its organization).`,
      403,
    );
  }
  // The sandbox never refuses expired credentials: Expiration serves only the SDK, which renews
  // credentials by this machine's clock. A sandbox clock behind it (an account not advanced for an
  // hour) would hand out credentials already expired there, and the SDK would assume the role again
  // before every request; a clock ahead of it keeps the sandbox's time.
  const issuedAt = Math.max(ctx.now.getTime(), Date.now());
  const session: AssumedSession = { roleArn, roleName, sessionName, expiration: issuedAt + durationSeconds * 1000 };
  return [
    el('Credentials', [
      el('AccessKeyId', assumedAccessKeyId(accountId)),
      el('SecretAccessKey', secretAccessKeyFor(accountId, session)),
      el('SessionToken', sessionTokenFor(session)),
      el('Expiration', isoSeconds(session.expiration)),
    ]),
    el('AssumedRoleUser', [el('AssumedRoleId', `${roleUniqueId(roleArn)}:${sessionName}`), el('Arn', assumedRoleArn(accountId, session))]),
  ];
}
