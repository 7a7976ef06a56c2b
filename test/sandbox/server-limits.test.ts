// Issue 22, section 7: `bkp sandbox serve` caps request bodies and answers only requests addressed
// to a loopback Host (a browser page rebound to 127.0.0.1 by DNS still sends its own name).
import { expect } from 'chai';
import { request } from 'node:http';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { isLoopbackHostHeader, MAX_REQUEST_BODY_BYTES, startSandboxServer, type RunningSandboxServer } from '../../src/sandbox/server.js';

interface Reply {
  status: number;
  errorType: string | undefined;
  body: string;
}

/** One request; `body` as chunks written one after another (chunked), or only announced by `announce`. */
function send(server: RunningSandboxServer, options: { host?: string; chunks?: Buffer[]; announce?: number }): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const headers: Record<string, string> = {
      host: options.host ?? `127.0.0.1:${server.port}`,
      'content-type': 'application/json',
      // The sandbox takes any signature, but wants one.
      authorization: 'AWS4-HMAC-SHA256 Credential=AKIAANYTHING/20261125/us-east-1/backup/aws4_request, SignedHeaders=host, Signature=00',
    };
    if (options.announce !== undefined) headers['content-length'] = String(options.announce);
    const req = request({ host: '127.0.0.1', port: server.port, method: 'GET', path: '/backup-vaults/', headers }, (res) => {
      let body = '';
      res.on('data', (d: Buffer) => (body += d.toString()));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, errorType: res.headers['x-amzn-errortype'] as string | undefined, body }));
    });
    // The server may close the connection before the whole body is sent: that is the point.
    req.on('error', (e: NodeJS.ErrnoException) => (e.code === 'EPIPE' || e.code === 'ECONNRESET' ? undefined : reject(e)));
    if (options.announce !== undefined) {
      // Announced, never sent: the answer must come without the server waiting for it.
      req.flushHeaders();
      return;
    }
    if (options.chunks === undefined) return void req.end();
    req.setHeader('transfer-encoding', 'chunked');
    const write = (i: number) => {
      const chunks = options.chunks ?? [];
      if (i >= chunks.length) return void req.end();
      if (req.destroyed) return;
      req.write(chunks[i], () => write(i + 1));
    };
    write(0);
  });
}

describe('sandbox serve request limits', function () {
  this.timeout(60_000);
  let dir: string;
  let server: RunningSandboxServer;
  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'bkp-serve-limits-'));
    server = await startSandboxServer({ path: join(dir, 'sandbox.json') });
  });
  afterEach(async () => {
    await server.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('answers a loopback Host, and refuses any other Host with a 403 that says why', async () => {
    for (const host of [`127.0.0.1:${server.port}`, `localhost:${server.port}`, `LOCALHOST:${server.port}`]) {
      expect((await send(server, { host })).status, host).to.equal(200);
    }
    for (const host of [`evil.example:${server.port}`, `127.0.0.1.evil.example:${server.port}`, `127.0.0.1:${server.port + 1}`, 'localhost', 'attacker.example']) {
      const reply = await send(server, { host });
      expect(reply.status, host).to.equal(403);
      expect(reply.errorType).to.equal('AccessDeniedException');
      expect(reply.body).to.include('addressed to this machine');
    }
    expect(isLoopbackHostHeader('[::1]:4566', 4566)).to.equal(true);
    expect(isLoopbackHostHeader('[::2]:4566', 4566)).to.equal(false);
  });

  it('answers 413 to a body announced above the cap without waiting for it', async () => {
    const reply = await send(server, { announce: 300 * 1024 * 1024 });
    expect(reply.status).to.equal(413);
    expect(reply.errorType).to.equal('RequestEntityTooLargeException');
  });

  it('stops reading a chunked body once it passes the cap, and answers 413', async () => {
    const chunk = Buffer.alloc(1024 * 1024, 0x20);
    const chunks = Array.from({ length: MAX_REQUEST_BODY_BYTES / chunk.length + 2 }, () => chunk);
    const reply = await send(server, { chunks });
    expect(reply.status).to.equal(413);
    expect((await send(server, { chunks: [Buffer.from('{}')] })).status).to.equal(200);
  });
});
