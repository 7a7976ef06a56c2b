// The sandbox's STS (query protocol): GetCallerIdentity, answered for the caller (the user the
// sandbox's credentials stand for, or the role session AssumeRole's credentials name), and
// AssumeRole into the sandbox's account or a member account of its organization (assume-role.ts).
import { createHash } from 'node:crypto';
import type { SandboxRequest, SandboxResponse } from '../protocol.js';
import { queryAction, queryErrorResponse, queryParameters, queryResponse } from '../query-protocol.js';
import type { SandboxServiceContext } from '../service-context.js';
import { ServiceError } from '../service-error.js';
import { el, renderXml, type XmlElement } from '../xml.js';
import { assumeRole } from './assume-role.js';
import { assumedRoleArn, roleUniqueId, SANDBOX_CALLER_NAME, sandboxUserArn } from './credentials.js';

const NAMESPACE = 'https://sts.amazonaws.com/doc/2011-06-15/';
export { SANDBOX_CALLER_NAME };

/** The caller's unique id: an IAM user id (AIDA + 17 characters), stable per account. */
export function sandboxCallerUserId(accountId: string): string {
  return `AIDA${createHash('sha256').update(`${accountId}:user/${SANDBOX_CALLER_NAME}`).digest('hex').slice(0, 17).toUpperCase()}`;
}

const userArn = sandboxUserArn;

function callerIdentity(ctx: SandboxServiceContext): XmlElement[] {
  const caller = ctx.caller;
  if (caller === undefined) return [el('Arn', userArn(ctx.accountId)), el('UserId', sandboxCallerUserId(ctx.accountId)), el('Account', ctx.accountId)];
  if (caller.session === undefined) {
    // An access key from AssumeRole without its session token: STS cannot tell who signed.
    throw new ServiceError('InvalidClientTokenId', 'The security token included in the request is invalid: send the SessionToken AssumeRole returned with its AccessKeyId.', 403);
  }
  return [
    el('Arn', assumedRoleArn(caller.accountId, caller.session)),
    el('UserId', `${roleUniqueId(caller.session.roleArn)}:${caller.session.sessionName}`),
    el('Account', caller.accountId),
  ];
}

const ACTIONS = {
  GetCallerIdentity: (_params: Map<string, string>, ctx: SandboxServiceContext) => callerIdentity(ctx),
  AssumeRole: (params: Map<string, string>, ctx: SandboxServiceContext) => assumeRole(params, ctx, userArn(ctx.accountId)),
};

export function handleStsRequest(req: SandboxRequest, ctx: SandboxServiceContext): SandboxResponse {
  try {
    const params = queryParameters(req);
    const { action, handler } = queryAction(params, ACTIONS);
    return queryResponse(action, NAMESPACE, renderXml(handler(params, ctx)));
  } catch (error) {
    if (error instanceof ServiceError) return queryErrorResponse(NAMESPACE, error);
    throw error;
  }
}
