// An EC2Client wired straight to the sandbox's EC2 service over an in-memory account: the real
// SDK serializer and deserializer, no account file and no dispatcher in between.
import { EC2Client } from '@aws-sdk/client-ec2';
import type { HttpRequest, HttpResponse } from '@smithy/types';
import { newAccount } from '../../../src/sandbox/account.js';
import { handleEc2Request } from '../../../src/sandbox/ec2/service.js';
import { signingRegion, type SandboxRequest } from '../../../src/sandbox/protocol.js';
import { createServiceContext } from '../../../src/sandbox/service-context.js';
import type { AccountState } from '../../../src/sandbox/state.js';

export const START = new Date('2026-01-05T10:00:00Z');

export interface Ec2Fixture {
  account: AccountState;
  client: EC2Client;
  /** Whether the last request said it changed the account. */
  lastChanged(): boolean;
}

function toSandboxRequest(request: HttpRequest): SandboxRequest {
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(request.headers)) headers[name.toLowerCase()] = value;
  const body = typeof request.body === 'string' ? new TextEncoder().encode(request.body) : (request.body as Uint8Array);
  return { method: request.method, path: request.path, query: {}, headers, body };
}

export function ec2Fixture(region = 'us-east-1', account = newAccount({ startTime: START, seed: 'ec2-tests' })): Ec2Fixture {
  let changed = false;
  const requestHandler = {
    metadata: { handlerProtocol: 'sandbox-test' },
    async handle(request: HttpRequest): Promise<{ response: HttpResponse }> {
      const req = toSandboxRequest(request);
      const ctx = createServiceContext(account, signingRegion(req) ?? region, new Date(account.clock.now));
      const reply = handleEc2Request(req, ctx);
      changed = ctx.changed;
      return { response: { statusCode: reply.status, headers: reply.headers, body: reply.body } };
    },
    updateHttpClientConfig() {},
    httpHandlerConfigs: () => ({}),
    destroy() {},
  };
  const client = new EC2Client({
    region,
    credentials: { accessKeyId: 'AKIATEST', secretAccessKey: 'secret' },
    requestHandler,
    maxAttempts: 1,
  });
  return { account, client, lastChanged: () => changed };
}

/** The error a failed SDK call rejected with. */
export async function sdkError(promise: Promise<unknown>): Promise<Error & { $metadata?: { httpStatusCode?: number } }> {
  try {
    await promise;
  } catch (error) {
    return error as Error;
  }
  throw new Error('expected the call to fail');
}
