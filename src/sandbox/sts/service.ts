// The sandbox's STS (query protocol): GetCallerIdentity, answered for the account's one caller,
// the user the sandbox's credentials stand for.
import { createHash } from 'node:crypto';
import type { SandboxRequest, SandboxResponse } from '../protocol.js';
import { queryAction, queryErrorResponse, queryParameters, queryResponse } from '../query-protocol.js';
import type { SandboxServiceContext } from '../service-context.js';
import { ServiceError } from '../service-error.js';
import { el, renderXml } from '../xml.js';

const NAMESPACE = 'https://sts.amazonaws.com/doc/2011-06-15/';
/** Who the sandbox says the caller is: an IAM user of the account. */
export const SANDBOX_CALLER_NAME = 'sandbox';

/** The caller's unique id: an IAM user id (AIDA + 17 characters), stable per account. */
export function sandboxCallerUserId(accountId: string): string {
  return `AIDA${createHash('sha256').update(`${accountId}:user/${SANDBOX_CALLER_NAME}`).digest('hex').slice(0, 17).toUpperCase()}`;
}

export function handleStsRequest(req: SandboxRequest, ctx: SandboxServiceContext): SandboxResponse {
  let action: string;
  try {
    ({ action } = queryAction(queryParameters(req), { GetCallerIdentity: true }));
  } catch (error) {
    if (error instanceof ServiceError) return queryErrorResponse(NAMESPACE, error);
    throw error;
  }
  const result = renderXml([
    el('Arn', `arn:aws:iam::${ctx.accountId}:user/${SANDBOX_CALLER_NAME}`),
    el('UserId', sandboxCallerUserId(ctx.accountId)),
    el('Account', ctx.accountId),
  ]);
  return queryResponse(action, NAMESPACE, result);
}
