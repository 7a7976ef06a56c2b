// `bkp sandbox serve`: the same emulator over HTTP, so the AWS CLI or any SDK pointed at
// `http://127.0.0.1:PORT` talks to the sandbox account. Each request becomes a SandboxRequest for
// dispatch(), exactly as the in-process transport does it; only the socket is new.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { isIP } from 'node:net';
import { ErrorCode, UserError } from '../core/errors.js';
import { dispatch, LostResponseError, type DispatchTarget } from './dispatch.js';
import type { SandboxRequest, SandboxResponse } from './protocol.js';

export interface SandboxServerOptions extends DispatchTarget {
  /** 0 (the default) picks a free port. */
  port?: number;
  /** A loopback address; default 127.0.0.1. */
  host?: string;
}

export interface RunningSandboxServer {
  host: string;
  port: number;
  /** e.g. http://127.0.0.1:4566 — the `endpoint` for SDK clients. */
  endpoint: string;
  /** Stops accepting requests and closes open connections. */
  close(): Promise<void>;
}

/** The sandbox accepts any credentials, so it must never listen beyond this machine. */
export function isLoopbackHost(host: string): boolean {
  if (host === 'localhost') return true;
  if (isIP(host) === 4) return host.startsWith('127.');
  if (isIP(host) === 6) return host === '::1' || host === '0:0:0:0:0:0:0:1';
  return false;
}

export async function startSandboxServer(options: SandboxServerOptions): Promise<RunningSandboxServer> {
  const host = options.host ?? '127.0.0.1';
  if (!isLoopbackHost(host)) {
    throw new UserError(ErrorCode.Sandbox, `The sandbox only listens on this machine; "${host}" is not a loopback address.`, {
      hint: 'Use --host 127.0.0.1 (the default), ::1 or localhost. The sandbox accepts any credentials, so it must not be reachable from other machines.',
    });
  }
  const { port: _port, host: _host, ...target } = options;
  const server = createServer((req, res) => {
    void serve(req, res, target);
  });
  await listen(server, options.port ?? 0, host);
  const address = server.address();
  const port = typeof address === 'object' && address !== null ? address.port : (options.port ?? 0);
  const urlHost = isIP(host) === 6 ? `[${host}]` : host;
  return {
    host,
    port,
    endpoint: `http://${urlHost}:${port}`,
    close: () => closeServer(server),
  };
}

function listen(server: Server, port: number, host: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const onError = (error: NodeJS.ErrnoException) => {
      server.off('listening', onListening);
      if (error.code === 'EADDRINUSE') {
        reject(
          new UserError(ErrorCode.Sandbox, `Port ${port} on ${host} is already in use.`, {
            hint: 'Pick another port with --port, or stop the process that uses it.',
            cause: error,
          }),
        );
      } else if (error.code === 'EACCES') {
        reject(
          new UserError(ErrorCode.Sandbox, `Port ${port} on ${host} needs privileges this process lacks.`, {
            hint: 'Pick a port above 1023 with --port, or 0 (the default) for any free port.',
            cause: error,
          }),
        );
      } else reject(error);
    };
    const onListening = () => {
      server.off('error', onError);
      resolve();
    };
    server.once('error', onError);
    server.once('listening', onListening);
    server.listen(port, host);
  });
}

function closeServer(server: Server): Promise<void> {
  return new Promise((resolve, reject) => {
    server.close((error) => (error ? reject(error) : resolve()));
    // Keep-alive connections of SDK clients would otherwise hold close() open.
    server.closeAllConnections();
  });
}

/**
 * The largest request body the sandbox reads: 10 MiB, far above any AWS Backup or EC2 request bkp
 * or a client sends (a backup plan document is limited to tens of kilobytes). A larger body is
 * answered 413 without being read to the end, so a client cannot make serve buffer gigabytes.
 */
export const MAX_REQUEST_BODY_BYTES = 10 * 1024 * 1024;

async function serve(req: IncomingMessage, res: ServerResponse, target: DispatchTarget): Promise<void> {
  const refusal = refuseRequest(req);
  if (refusal !== undefined) return send(res, refusal, true);
  let reply: SandboxResponse;
  try {
    const request = await toSandboxRequest(req);
    if (request === undefined) return send(res, tooLarge(), true);
    reply = await dispatch(request, target);
  } catch (error) {
    if (error instanceof LostResponseError) {
      // The change was applied; the client sees a dropped connection, as on a real network.
      req.socket.destroy();
      return;
    }
    reply = internalFailure(error);
  }
  send(res, reply, false);
}

function send(res: ServerResponse, reply: SandboxResponse, closeConnection: boolean): void {
  // A refused request's body may still be on its way: closing the connection stops reading it.
  // A HEAD reply (S3 HeadObject) states the length of the body it does not send.
  const length = reply.headers['content-length'] ?? String(reply.body.byteLength);
  const headers = { ...reply.headers, 'content-length': length, ...(closeConnection ? { connection: 'close' } : {}) };
  res.writeHead(reply.status, headers);
  res.end(reply.body);
}

/**
 * A request serve answers without reading it: one addressed to a name other than this machine's
 * loopback (a web page that rebound its own DNS name to 127.0.0.1 reaches the port, but its
 * requests still carry its own Host), or one announcing a body above the cap.
 */
function refuseRequest(req: IncomingMessage): SandboxResponse | undefined {
  const host = req.headers.host ?? '';
  if (!isLoopbackHostHeader(host, req.socket.localPort)) {
    return awsError(403, 'AccessDeniedException', `The sandbox answers only requests addressed to this machine (127.0.0.1:PORT, localhost:PORT or [::1]:PORT); this one was addressed to "${host.slice(0, 100)}". Point the client's endpoint at http://127.0.0.1:${req.socket.localPort ?? 'PORT'}.`);
  }
  const length = Number(req.headers['content-length'] ?? '0');
  if (Number.isFinite(length) && length > MAX_REQUEST_BODY_BYTES) return tooLarge();
  return undefined;
}

/** `127.0.0.1:PORT`, `localhost:PORT`, `[::1]:PORT` (any 127.x address), with the port serve listens on. */
export function isLoopbackHostHeader(host: string, port: number | undefined): boolean {
  const match = /^(\[[^\]]+\]|[^:]+):(\d+)$/.exec(host.trim().toLowerCase());
  if (match === null || Number(match[2]) !== port) return false;
  const name = match[1]!.startsWith('[') ? match[1]!.slice(1, -1) : match[1]!;
  return isLoopbackHost(name);
}

function tooLarge(): SandboxResponse {
  return awsError(413, 'RequestEntityTooLargeException', `Request body too large: the sandbox accepts at most ${MAX_REQUEST_BODY_BYTES} bytes (10 MiB).`);
}

function awsError(status: number, type: string, message: string): SandboxResponse {
  return {
    status,
    headers: { 'content-type': 'application/json', 'x-amzn-errortype': type },
    body: new TextEncoder().encode(JSON.stringify({ Code: type, Message: message, Type: 'User' })),
  };
}

/** The request, or undefined when its body passed the cap (reading stopped there). */
async function toSandboxRequest(req: IncomingMessage): Promise<SandboxRequest | undefined> {
  const url = req.url ?? '/';
  const queryStart = url.indexOf('?');
  const path = queryStart < 0 ? url : url.slice(0, queryStart);
  const query: SandboxRequest['query'] = {};
  if (queryStart >= 0) {
    for (const [key, value] of new URLSearchParams(url.slice(queryStart + 1))) {
      const existing = query[key];
      if (existing === undefined) query[key] = value;
      else query[key] = Array.isArray(existing) ? [...existing, value] : [existing, value];
    }
  }
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(req.headers)) {
    if (value !== undefined) headers[name.toLowerCase()] = Array.isArray(value) ? value.join(', ') : value;
  }
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    // Chunked bodies announce no length: counted as they come, and dropped past the cap.
    if (size > MAX_REQUEST_BODY_BYTES) return undefined;
    chunks.push(chunk as Buffer);
  }
  return { method: (req.method ?? 'GET').toUpperCase(), path: path || '/', query, headers, body: Buffer.concat(chunks) };
}

/** A failure inside the sandbox, answered in AWS's JSON error shape so SDKs report it readably. */
function internalFailure(error: unknown): SandboxResponse {
  const message = error instanceof Error ? error.message : String(error);
  return {
    status: 500,
    headers: { 'content-type': 'application/json', 'x-amzn-errortype': 'InternalFailure' },
    body: new TextEncoder().encode(JSON.stringify({ message: `The sandbox failed: ${message}` })),
  };
}
