// The one entry point of the emulator: the in-process SDK transport and `bkp sandbox serve` both
// hand every request to dispatch(), which applies injected faults, loads the account, routes by
// the request's SigV4 signing service and saves the account when the request changed it. A request
// signed with credentials from the sandbox's AssumeRole is served by the account they are for: a
// member account of the organization has its own file (organizations/member-accounts.ts).
import { setTimeout as sleep } from 'node:timers/promises';
import { resolve } from 'node:path';
import { readAccount, updateAccount, forgetCachedAccount, type AccountDefaults } from './account.js';
import { handleBackupRequest } from './backup/router.js';
import { backupErrorResponse, requestId } from './backup/errors.js';
import { catchUpRealTime, effectiveNow, realTimeCatchUpDue } from './clock.js';
import { activeFaults, type FaultInjector } from './faults.js';
import { signingRegion, signingService, type SandboxRequest, type SandboxResponse } from './protocol.js';
import { followOrganization, memberAccountDefaults, memberAccountPath, memberBehind } from './organizations/member-accounts.js';
import { policyPlansDue, reconcilePolicyPlans } from './organizations/policy-plans.js';
import { existingOrganization } from './organizations/state.js';
import { createServiceContext, type SandboxServiceContext } from './service-context.js';
import { ServiceError } from './service-error.js';
import type { AccountState } from './state.js';
import { assumedCallerOf, type AssumedCaller } from './sts/credentials.js';

export interface DispatchTarget extends AccountDefaults {
  /** The account file. */
  path: string;
  /** Faults to inject; default: setSandboxFaults() or BKP_SANDBOX_FAULTS. */
  faults?: FaultInjector;
}

/**
 * Thrown after a `lost_response` fault: the change WAS applied and saved, but the caller must not
 * see the reply. The in-process transport turns it into a socket-reset error (which the SDK
 * retries); `serve` destroys the connection.
 */
export class LostResponseError extends Error {
  readonly code = 'ECONNRESET';
  constructor() {
    super('socket hang up (sandbox fault injection: lost response)');
    this.name = 'LostResponseError';
  }
}

type ServiceHandler = (req: SandboxRequest, ctx: SandboxServiceContext) => SandboxResponse;

// Loaded on first use (most runs touch only Backup), then kept: a dynamic import() of a loaded
// module still costs a resolution and a promise on every request.
const loaders: Record<string, () => Promise<ServiceHandler>> = {
  ec2: async () => (await import('./ec2/service.js')).handleEc2Request,
  tagging: async () => (await import('./tagging/service.js')).handleTaggingRequest,
  rds: async () => (await import('./rds/service.js')).handleRdsRequest,
  elasticfilesystem: async () => (await import('./efs/service.js')).handleEfsRequest,
  fsx: async () => (await import('./fsx/service.js')).handleFsxRequest,
  organizations: async () => (await import('./organizations/service.js')).handleOrganizationsRequest,
  s3: async () => (await import('./s3/service.js')).handleS3Request,
  sts: async () => (await import('./sts/service.js')).handleStsRequest,
  kms: async () => (await import('./kms/service.js')).handleKmsRequest,
  iam: async () => (await import('./iam/service.js')).handleIamRequest,
};
const loaded = new Map<string, ServiceHandler>();

/** The services the sandbox emulates, by SigV4 signing name. */
export const SANDBOX_SERVICES: readonly string[] = ['backup', ...Object.keys(loaders)];

async function handlerFor(service: string | undefined): Promise<ServiceHandler | undefined> {
  if (service === 'backup') return handleBackupRequest;
  if (service === undefined || !Object.hasOwn(loaders, service)) return undefined;
  let handler = loaded.get(service);
  if (handler === undefined) {
    handler = await loaders[service]!();
    loaded.set(service, handler);
  }
  return handler;
}

/** Requests that never change the account (so they need neither the lock nor a save). */
function isReadOnly(req: SandboxRequest, service: string | undefined): boolean {
  if (service === 'backup' || service === 'elasticfilesystem' || service === 's3') return req.method === 'GET' || req.method === 'HEAD';
  if (service === 'tagging' || service === 'fsx' || service === 'organizations' || service === 'kms') return /\.(Get|Describe|List)[A-Za-z]*$/.test(req.headers['x-amz-target'] ?? '');
  if (service === 'ec2' || service === 'rds' || service === 'iam') {
    const action = queryAction(req);
    return action !== undefined && /^(Describe|Get|List)/.test(action);
  }
  return true;
}

/** The Action of a query-protocol request (EC2, RDS, IAM): in the query string or the form body. */
function queryAction(req: SandboxRequest): string | undefined {
  const fromQuery = req.query['Action'];
  if (typeof fromQuery === 'string') return fromQuery;
  const match = /(?:^|&)Action=([^&]*)/.exec(new TextDecoder().decode(req.body));
  return match?.[1] === undefined ? undefined : decodeURIComponent(match[1]);
}

/** An injected fault in the service's own error format, with the error names its SDK retries. */
async function faultResponse(service: string | undefined, kind: 'throttle' | 'error'): Promise<SandboxResponse> {
  const throttle = kind === 'throttle';
  switch (service) {
    case 'ec2': {
      const [status, code, message] = throttle ? [503, 'RequestLimitExceeded', 'Request limit exceeded.'] : [500, 'InternalError', 'An internal error has occurred.'];
      return ec2Error(status, code, message);
    }
    case 'rds': {
      const { rdsErrorResponse } = await import('./rds/service.js');
      return rdsErrorResponse(throttle ? new ServiceError('Throttling', 'Rate exceeded', 400) : new ServiceError('InternalFailure', 'An internal error has occurred.', 500));
    }
    case 'elasticfilesystem': {
      const { efsErrorResponse } = await import('./efs/service.js');
      return efsErrorResponse(throttle ? new ServiceError('ThrottlingException', 'Rate exceeded', 429) : new ServiceError('InternalServerError', 'An internal error has occurred.', 500));
    }
    case 'fsx': {
      const { fsxErrorResponse } = await import('./fsx/service.js');
      return fsxErrorResponse(throttle ? new ServiceError('ThrottlingException', 'Rate exceeded') : new ServiceError('InternalServerError', 'An internal error has occurred.', 500));
    }
    case 's3': {
      const { s3ErrorResponse } = await import('./s3/service.js');
      return s3ErrorResponse(throttle ? new ServiceError('SlowDown', 'Please reduce your request rate.', 503) : new ServiceError('InternalError', 'We encountered an internal error. Please try again.', 500));
    }
    case 'kms': {
      const { kmsErrorResponse } = await import('./kms/service.js');
      return kmsErrorResponse(throttle ? new ServiceError('ThrottlingException', 'Rate exceeded') : new ServiceError('KMSInternalException', 'An internal error has occurred.', 500));
    }
    case 'sts':
    case 'iam': {
      const { queryErrorResponse } = await import('./query-protocol.js');
      const namespace = service === 'sts' ? 'https://sts.amazonaws.com/doc/2011-06-15/' : 'https://iam.amazonaws.com/doc/2010-05-08/';
      return queryErrorResponse(namespace, throttle ? new ServiceError('Throttling', 'Rate exceeded') : new ServiceError('ServiceFailure', 'An internal error has occurred.', 500));
    }
    default:
      return throttle
        ? backupErrorResponse('ThrottlingException', 'Rate exceeded')
        : backupErrorResponse('ServiceUnavailableException', 'The service is temporarily unavailable. Please retry.');
  }
}

function ec2Error(status: number, code: string, message: string): SandboxResponse {
  const id = requestId();
  const xml = `<?xml version="1.0" encoding="UTF-8"?>\n<Response><Errors><Error><Code>${code}</Code><Message>${message}</Message></Error></Errors><RequestID>${id}</RequestID></Response>`;
  return { status, headers: { 'content-type': 'text/xml;charset=UTF-8' }, body: new TextEncoder().encode(xml) };
}

function unknownService(service: string | undefined): SandboxResponse {
  const message =
    service === undefined
      ? 'Missing Authentication Token: sign the request with SigV4 (any credentials work in the sandbox).'
      : `The sandbox does not emulate the "${service}" service (only ${SANDBOX_SERVICES.join(', ')}).`;
  const body = JSON.stringify({ message });
  const name = service === undefined ? 'MissingAuthenticationTokenException' : 'UnknownOperationException';
  return {
    status: service === undefined ? 403 : 404,
    headers: { 'content-type': 'application/json', 'x-amzn-errortype': name },
    body: new TextEncoder().encode(body),
  };
}

/**
 * Every HTTP reply carries the server's clock in `Date`; the sandbox's is the account's virtual
 * clock, which is how clients (`bkp check`) learn the account's "now" without reading its file.
 * Error replies go without it: the SDK treats an error whose Date differs from its own clock by
 * more than five minutes as a clock-skew failure and retries it, which a virtual clock days ahead
 * of the real one would trigger on every first error.
 */
function withServerDate(response: SandboxResponse, now: number): SandboxResponse {
  if (response.status >= 400) return response;
  return { ...response, headers: { ...response.headers, date: new Date(now).toUTCString() } };
}

function regionOf(req: SandboxRequest, target: DispatchTarget, account: AccountState): string {
  return signingRegion(req) ?? target.region ?? account.defaultRegion;
}

/**
 * Services that answer for the whole organization from the management account's file whoever
 * calls: STS (AssumeRole checks the organization's accounts) and Organizations (a member reads
 * the organization it belongs to). Every other service runs in the caller's own account.
 */
const ORGANIZATION_SERVICES: ReadonlySet<string> = new Set(['sts', 'organizations']);

/** How one request is run on one account file. */
interface AccountRun {
  path: string;
  defaults: AccountDefaults;
  /** Whether the account must change before it may serve the request (then the lock-free read is not enough). */
  behind(account: AccountState): boolean;
  /** Brings the account up to date under the lock; returns whether it changed. */
  catchUp(account: AccountState): boolean;
  /** After a request changed the account: what else must follow; returns whether it changed more. */
  afterChange(account: AccountState): boolean;
}

/** The management account's own file (the file the target names). */
function managementRun(target: DispatchTarget): AccountRun {
  const followOwnOrganization = (account: AccountState) => reconcilePolicyPlans(account, existingOrganization(account), account.clock.now);
  return {
    path: target.path,
    defaults: target,
    behind: (account) => realTimeCatchUpDue(account) || policyPlansDue(account, existingOrganization(account)),
    catchUp: (account) => {
      const caughtUp = catchUpRealTime(account);
      return followOwnOrganization(account) || caughtUp;
    },
    // An Organizations change (attach, detach, UpdatePolicy…) reaches the management account's
    // own policy plans at once, before the clock can move past it.
    afterChange: followOwnOrganization,
  };
}

/** A member account: its own file, on the organization's clock and policies (read from the management file). */
function memberRun(target: DispatchTarget, management: AccountState, memberId: string): AccountRun {
  const org = existingOrganization(management);
  const now = effectiveNow(management);
  return {
    path: memberAccountPath(resolve(target.path), memberId),
    defaults: memberAccountDefaults(management, memberId, now, target.region),
    behind: (member) => memberBehind(member, org, now),
    catchUp: (member) => followOrganization(member, org, now),
    // A member's requests cannot change the organization.
    afterChange: () => false,
  };
}

async function accountRunFor(target: DispatchTarget, service: string | undefined, caller: AssumedCaller | undefined): Promise<AccountRun> {
  if (caller === undefined || (service !== undefined && ORGANIZATION_SERVICES.has(service))) return managementRun(target);
  const management = await readAccount(target.path, target);
  return caller.accountId === management.accountId ? managementRun(target) : memberRun(target, management, caller.accountId);
}

export async function dispatch(req: SandboxRequest, target: DispatchTarget): Promise<SandboxResponse> {
  const faults = target.faults ?? activeFaults();
  const fault = faults.decide();
  if (fault.latencyMs > 0) await sleep(fault.latencyMs);
  const service = signingService(req);
  if (fault.kind === 'throttle' || fault.kind === 'error') return await faultResponse(service, fault.kind);
  const handler = await handlerFor(service);
  if (handler === undefined) return unknownService(service);

  const caller = assumedCallerOf(req);
  const run = await accountRunFor(target, service, caller);
  if (isReadOnly(req, service) && fault.kind !== 'lost_response') {
    const account = await readAccount(run.path, run.defaults);
    if (!run.behind(account)) {
      const ctx = createServiceContext(account, regionOf(req, target, account), new Date(effectiveNow(account)), caller, { readOnly: true });
      const response = handler(req, ctx);
      // A read-only request must not change the account; if one did, don't trust the cached copy.
      if (ctx.changed) forgetCachedAccount(run.path);
      return withServerDate(response, ctx.now.getTime());
    }
  }

  const response = await updateAccount(run.path, run.defaults, (account) => {
    const caughtUp = run.catchUp(account);
    const ctx = createServiceContext(account, regionOf(req, target, account), new Date(account.clock.now), caller);
    const value = withServerDate(handler(req, ctx), ctx.now.getTime());
    const followed = ctx.changed && run.afterChange(account);
    return { value, changed: ctx.changed || caughtUp || followed };
  });
  if (fault.kind === 'lost_response') throw new LostResponseError();
  return response;
}
