// The in-process transport: an object the AWS SDK clients accept as their `requestHandler`.
// The SDK builds, signs and retries requests exactly as for AWS; this handler only replaces the
// socket, handing each request to dispatch() and the reply back as an HTTP response.
import { appendFileSync } from 'node:fs';
import type { HttpHandlerOptions, HttpRequest, HttpResponse } from '@smithy/types';
import { dispatch, LostResponseError, type DispatchTarget } from './dispatch.js';
import type { SandboxRequest } from './protocol.js';
import { resolve } from 'node:path';
import { readAccount } from './account.js';
import { effectiveNow } from './clock.js';
import { memberAccountDefaults, memberAccountPath } from './organizations/member-accounts.js';
import { seedOrganizationOf } from './organizations/seed-account.js';
import type { SandboxOrganizationSpec } from './organizations/seed.js';
import { seedSources, type SandboxSourceSpec } from './sources.js';

const encoder = new TextEncoder();

async function bodyBytes(body: unknown): Promise<Uint8Array> {
  if (body === undefined || body === null) return new Uint8Array();
  if (typeof body === 'string') return encoder.encode(body);
  if (body instanceof Uint8Array) return body;
  if (ArrayBuffer.isView(body)) return new Uint8Array(body.buffer, body.byteOffset, body.byteLength);
  if (body instanceof ArrayBuffer) return new Uint8Array(body);
  if (typeof (body as AsyncIterable<unknown>)[Symbol.asyncIterator] === 'function') {
    const parts: Uint8Array[] = [];
    for await (const part of body as AsyncIterable<string | Uint8Array>) parts.push(typeof part === 'string' ? encoder.encode(part) : part);
    return Buffer.concat(parts);
  }
  throw new TypeError('The sandbox transport cannot read this request body type.');
}

function lowerCaseHeaders(headers: Record<string, string>): Record<string, string> {
  const result: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) result[name.toLowerCase()] = value;
  return result;
}

function queryOf(query: HttpRequest['query']): SandboxRequest['query'] {
  const result: SandboxRequest['query'] = {};
  for (const [key, value] of Object.entries(query ?? {})) {
    if (value === null || value === undefined) result[key] = '';
    else result[key] = Array.isArray(value) ? [...value] : value;
  }
  return result;
}

function abortError(): Error {
  const error = new Error('Request aborted');
  error.name = 'AbortError';
  return error;
}

/** Converts the SDK's request into the sandbox's view of it. */
export async function toSandboxRequest(request: HttpRequest): Promise<SandboxRequest> {
  return {
    method: request.method.toUpperCase(),
    path: request.path || '/',
    query: queryOf(request.query),
    headers: lowerCaseHeaders(request.headers),
    body: await bodyBytes(request.body),
  };
}

/**
 * Test hooks of the reliability suites (test/reliability), inert unless their variable is set:
 * BKP_TEST_CALL_LOG=FILE appends "METHOD PATH" for every request, and
 * BKP_TEST_KILL_AFTER_CALLS=N[:SIGINT] sends this process SIGKILL (or one SIGINT) once the Nth
 * request has reached the account (its change saved, its reply not yet seen by bkp): a crash, or
 * an interrupt, between two AWS calls.
 */
const killSpec = /^(\d+)(?::(SIGINT))?$/.exec(process.env.BKP_TEST_KILL_AFTER_CALLS ?? '');
const testHooks = {
  callLog: process.env.BKP_TEST_CALL_LOG,
  killAfterCalls: killSpec ? Number(killSpec[1]) : 0,
  signal: (killSpec?.[2] ?? 'SIGKILL') as NodeJS.Signals,
  calls: 0,
};

function afterTestableCall(request: SandboxRequest): void {
  if (testHooks.callLog !== undefined) appendFileSync(testHooks.callLog, `${request.method} ${request.path}\n`);
  testHooks.calls += 1;
  if (testHooks.killAfterCalls > 0 && testHooks.calls === testHooks.killAfterCalls) process.kill(process.pid, testHooks.signal);
}

export interface SandboxHandlerOptions extends DispatchTarget {
  /** Source resources the account must hold (provider "sandbox" `source` blocks), created on open. */
  sources?: readonly SandboxSourceSpec[];
  /** The OUs and member accounts of its organization (provider "sandbox" `organization` block), created on open. */
  organization?: SandboxOrganizationSpec;
  /**
   * The account the sources belong in, when the provider assumes a role in a member account of
   * the file's organization: its own file then holds them (default: the file's own account).
   */
  sourcesAccountId?: string;
}

export class SandboxRequestHandler {
  readonly metadata = { handlerProtocol: 'sandbox' };
  private opened: Promise<void> | undefined;

  constructor(private readonly target: SandboxHandlerOptions) {}

  /**
   * Opens the account once per handler: adds the declared sources it lacks. Every request waits
   * for it; callers may also open early, to report a bad source first.
   */
  open(): Promise<void> {
    this.opened ??= this.seed().catch((error: unknown) => {
      this.opened = undefined;
      throw error;
    });
    return this.opened;
  }

  private async seed(): Promise<void> {
    const { sources = [], organization, sourcesAccountId, ...defaults } = this.target;
    if (organization !== undefined) await seedOrganizationOf(defaults.path, defaults, organization);
    if (sources.length === 0) return;
    const management = await readAccount(defaults.path, defaults);
    if (sourcesAccountId === undefined || sourcesAccountId === management.accountId) {
      await seedSources(defaults.path, defaults, sources);
      return;
    }
    // A new member file starts as dispatch() would start it: on the organization's clock.
    const memberDefaults = memberAccountDefaults(management, sourcesAccountId, effectiveNow(management), defaults.region);
    await seedSources(memberAccountPath(resolve(defaults.path), sourcesAccountId), memberDefaults, sources);
  }

  async handle(request: HttpRequest, options: HttpHandlerOptions = {}): Promise<{ response: HttpResponse }> {
    if (options.abortSignal?.aborted) throw abortError();
    await this.open();
    let reply;
    const sandboxRequest = await toSandboxRequest(request);
    try {
      reply = await dispatch(sandboxRequest, this.target);
    } catch (e) {
      if (e instanceof LostResponseError) {
        // What a dropped connection looks like to the SDK: retryable by its ECONNRESET code.
        const reset = new Error('socket hang up') as NodeJS.ErrnoException;
        reset.code = 'ECONNRESET';
        throw reset;
      }
      throw e;
    } finally {
      if (testHooks.callLog !== undefined || testHooks.killAfterCalls > 0) afterTestableCall(sandboxRequest);
    }
    if (options.abortSignal?.aborted) throw abortError();
    return { response: { statusCode: reply.status, headers: reply.headers, body: reply.body } };
  }

  updateHttpClientConfig(): void {
    // Nothing to configure: there is no socket.
  }

  httpHandlerConfigs(): Record<string, never> {
    return {};
  }

  destroy(): void {
    // No resources held.
  }
}
