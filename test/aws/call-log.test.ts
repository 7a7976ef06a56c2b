// BKP_LOG=debug|trace: each AWS call logs one line (service, operation, region, duration,
// attempts, retries, status or error code), and never a credential, a signature or a value.
import { expect } from 'chai';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { CreateBackupVaultCommand, ListBackupVaultsCommand } from '@aws-sdk/client-backup';
import { callLogFromEnv, type CallLog, type CallLogLevel } from '../../src/aws/call-log.js';
import { createBackupClient } from '../../src/aws/clients.js';
import { S3BucketStore } from '../../src/aws/s3-client.js';

const SECRET_ACCESS_KEY = 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYSECRETKEY';
const SESSION_TOKEN = 'FwoGZXIvYXdzSESSIONTOKENvalue';
const SECRET_TAG_VALUE = 'tag-value-that-must-not-be-logged';

describe('the AWS call log (BKP_LOG)', () => {
  let server: Server;
  let endpoint: string;
  /** Replies to play, in order, one per request; then 200 {}. */
  let replies: Array<{ status: number; body: object; headers?: Record<string, string> }> = [];
  const authorizations: string[] = [];
  before(async () => {
    server = createServer((req, res) => {
      authorizations.push(String(req.headers.authorization));
      req.resume();
      req.on('end', () => {
        const reply = replies.shift() ?? { status: 200, body: {} };
        res.writeHead(reply.status, { 'content-type': 'application/json', 'x-amzn-requestid': 'req-123', ...reply.headers });
        res.end(JSON.stringify(reply.body));
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  after(() => new Promise<void>((resolve) => server.close(() => resolve())));

  function client(level: CallLogLevel, lines: string[]) {
    const callLog: CallLog = { level, write: (line) => lines.push(line) };
    return createBackupClient({
      region: 'eu-west-1',
      endpoint,
      maxAttempts: 3,
      credentials: { accessKeyId: 'AKIAEXAMPLE', secretAccessKey: SECRET_ACCESS_KEY, sessionToken: SESSION_TOKEN },
      callLog,
    });
  }

  function expectNoSecrets(lines: string[]): void {
    const text = lines.join('\n');
    for (const secret of [SECRET_ACCESS_KEY, SESSION_TOKEN, SECRET_TAG_VALUE, 'AKIAEXAMPLE', 'Signature', 'Authorization', ...authorizations]) {
      expect(text, secret).to.not.include(secret);
    }
  }

  it('debug: one line per call with service, operation, region, status, duration and attempts', async () => {
    const lines: string[] = [];
    replies = [{ status: 200, body: { BackupVaultList: [] } }];
    await client('debug', lines).send(new ListBackupVaultsCommand({}));
    expect(lines).to.have.length(1);
    expect(lines[0]).to.match(/^bkp aws: Backup\.ListBackupVaults region=eu-west-1 status=200 duration=\d+ms attempts=1 retries=0$/);
    expectNoSecrets(lines);
  });

  it('counts the retries of a throttled call, and names the error code of a failed one', async function () {
    this.timeout(20_000);
    const lines: string[] = [];
    replies = [
      { status: 500, body: { __type: 'ServiceUnavailableException', message: 'try again' } },
      { status: 200, body: { BackupVaultList: [] } },
      { status: 403, body: { __type: 'AccessDeniedException', message: 'no' }, headers: { 'x-amzn-errortype': 'AccessDeniedException' } },
    ];
    const logged = client('debug', lines);
    await logged.send(new ListBackupVaultsCommand({}));
    await logged.send(new CreateBackupVaultCommand({ BackupVaultName: 'v', BackupVaultTags: { secret: SECRET_TAG_VALUE } })).catch(() => undefined);
    expect(lines[0]).to.match(/ status=200 .* attempts=2 retries=1$/);
    expect(lines[1]).to.match(/^bkp aws: Backup\.CreateBackupVault region=eu-west-1 status=403 error=AccessDeniedException duration=\d+ms attempts=1 retries=0$/);
    expectNoSecrets(lines);
  });

  it('trace: adds the request id and the parameter names, never their values', async () => {
    const lines: string[] = [];
    replies = [{ status: 200, body: { BackupVaultName: 'v' } }];
    await client('trace', lines).send(new CreateBackupVaultCommand({ BackupVaultName: 'v', BackupVaultTags: { secret: SECRET_TAG_VALUE }, CreatorRequestId: 'intent-1' }));
    expect(lines[0]).to.match(/ request_id=req-123 parameters=BackupVaultName,BackupVaultTags,CreatorRequestId$/);
    expect(lines[0]).to.not.include('intent-1');
    expectNoSecrets(lines);
  });

  it('is on only for BKP_LOG=debug or trace', () => {
    expect(callLogFromEnv({})).to.equal(undefined);
    expect(callLogFromEnv({ BKP_LOG: 'off' })).to.equal(undefined);
    expect(callLogFromEnv({ BKP_LOG: 'DEBUG' })?.level).to.equal('debug');
    expect(callLogFromEnv({ BKP_LOG: 'trace' })?.level).to.equal('trace');
  });

  it('writes to stderr when BKP_LOG is set and no log is given', async () => {
    const written: string[] = [];
    const original = process.stderr.write.bind(process.stderr);
    process.env.BKP_LOG = 'debug';
    process.stderr.write = ((chunk: string | Uint8Array) => (written.push(String(chunk)), true)) as typeof process.stderr.write;
    try {
      const plain = createBackupClient({ region: 'eu-west-1', endpoint, credentials: { accessKeyId: 'AKIAEXAMPLE', secretAccessKey: SECRET_ACCESS_KEY } });
      replies = [{ status: 200, body: { BackupVaultList: [] } }];
      await plain.send(new ListBackupVaultsCommand({}));
    } finally {
      process.stderr.write = original;
      delete process.env.BKP_LOG;
    }
    expect(written.join('')).to.match(/^bkp aws: Backup\.ListBackupVaults region=eu-west-1 status=200 /m);
    expectNoSecrets(written);
  });

  it('logs the calls of the S3 state backend too', async () => {
    const written: string[] = [];
    const original = process.stderr.write.bind(process.stderr);
    const saved = { ...process.env };
    Object.assign(process.env, { BKP_LOG: 'debug', AWS_ACCESS_KEY_ID: 'AKIAEXAMPLE', AWS_SECRET_ACCESS_KEY: SECRET_ACCESS_KEY, AWS_SESSION_TOKEN: SESSION_TOKEN });
    process.stderr.write = ((chunk: string | Uint8Array) => (written.push(String(chunk)), true)) as typeof process.stderr.write;
    try {
      replies = [{ status: 404, body: {} }];
      const store = new S3BucketStore({ bucket: 'state', region: 'eu-west-1', endpoint, maxAttempts: 1 });
      await store.get('bkp.state.json').catch(() => undefined);
    } finally {
      process.stderr.write = original;
      for (const name of ['BKP_LOG', 'AWS_ACCESS_KEY_ID', 'AWS_SECRET_ACCESS_KEY', 'AWS_SESSION_TOKEN']) {
        if (saved[name] === undefined) delete process.env[name];
        else process.env[name] = saved[name];
      }
    }
    expect(written.join('')).to.match(/^bkp aws: S3\.GetObject region=eu-west-1 status=404 /m);
    expectNoSecrets(written);
  });
});
