// The in-process transport: an object the AWS SDK clients accept as their `requestHandler`.
// The SDK builds, signs and retries requests exactly as for AWS; this handler only replaces the
// socket, handing each request to dispatch() and the reply back as an HTTP response.
import type { HttpHandlerOptions, HttpRequest, HttpResponse } from '@smithy/types';
import { dispatch, LostResponseError, type DispatchTarget } from './dispatch.js';
import type { SandboxRequest } from './protocol.js';

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

export class SandboxRequestHandler {
  readonly metadata = { handlerProtocol: 'sandbox' };

  constructor(private readonly target: DispatchTarget) {}

  async handle(request: HttpRequest, options: HttpHandlerOptions = {}): Promise<{ response: HttpResponse }> {
    if (options.abortSignal?.aborted) throw abortError();
    let reply;
    try {
      reply = await dispatch(await toSandboxRequest(request), this.target);
    } catch (e) {
      if (e instanceof LostResponseError) {
        // What a dropped connection looks like to the SDK: retryable by its ECONNRESET code.
        const reset = new Error('socket hang up') as NodeJS.ErrnoException;
        reset.code = 'ECONNRESET';
        throw reset;
      }
      throw e;
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
