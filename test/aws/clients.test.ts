import { expect } from 'chai';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BackupClient, ListBackupVaultsCommand } from '@aws-sdk/client-backup';
import type { HttpRequest } from '@smithy/types';
import { sandboxClientSettings } from '../../src/app/sandbox-provider.js';
import { createBackupClient, createEc2Client } from '../../src/aws/clients.js';
import { forgetCachedAccount, openSandbox } from '../../src/sandbox/account.js';
import { SandboxRequestHandler } from '../../src/sandbox/transport.js';

describe('aws client factory', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'bkp-clients-test-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('builds AWS clients with region, profile, endpoint, adaptive retries and max attempts', async () => {
    const client = createBackupClient({ region: 'eu-west-3', profile: 'ops', endpoint: 'http://127.0.0.1:5000', maxAttempts: 7 });
    expect(client).to.be.instanceOf(BackupClient);
    expect(await client.config.region()).to.equal('eu-west-3');
    expect(((await client.config.retryStrategy()) as { mode?: string }).mode).to.equal('adaptive');
    expect(await client.config.maxAttempts()).to.equal(7);
    expect(client.config.profile).to.equal('ops');
    const endpoint = await client.config.endpoint!();
    expect(`${endpoint.protocol}//${endpoint.hostname}:${endpoint.port}`).to.equal('http://127.0.0.1:5000');
    expect(client.config.requestHandler).to.not.be.instanceOf(SandboxRequestHandler);
    client.destroy();
  });

  it('builds sandbox clients with the injected in-process handler, dummy credentials and the default region', async () => {
    const path = join(dir, 'sandbox.json');
    const client = createBackupClient(sandboxClientSettings({ region: '', path }));
    expect(client.config.requestHandler).to.be.instanceOf(SandboxRequestHandler);
    expect(await client.config.region()).to.equal('us-east-1');
    expect(((await client.config.retryStrategy()) as { mode?: string }).mode).to.equal('adaptive');
    const credentials = await client.config.credentials();
    expect(credentials.accessKeyId).to.be.a('string');
    expect((await client.send(new ListBackupVaultsCommand({}))).BackupVaultList).to.deep.equal([]);
    client.destroy();
    forgetCachedAccount(path);
  });

  it('loads the EC2 client lazily and routes sandbox EC2 calls to the emulator', async () => {
    const path = join(dir, 'sandbox.json');
    const ec2 = await createEc2Client(sandboxClientSettings({ region: 'eu-west-1', path }));
    const { DescribeInstancesCommand } = await import('@aws-sdk/client-ec2');
    const result = await ec2.send(new DescribeInstancesCommand({}));
    expect(result.Reservations).to.deep.equal([]);
    ec2.destroy();
    forgetCachedAccount(path);
  });

  it('reports the Date of each reply: the sandbox\'s virtual clock', async () => {
    const path = join(dir, 'sandbox.json');
    const start = new Date('2031-03-04T05:06:07Z');
    await openSandbox(path, { startTime: start }).read();
    const seen: Date[] = [];
    const client = createBackupClient({ ...sandboxClientSettings({ path }), onServerTime: (date) => seen.push(date) });
    await client.send(new ListBackupVaultsCommand({}));
    expect(seen.map((d) => d.toISOString())).to.deep.equal([start.toISOString()]);
    client.destroy();
    forgetCachedAccount(path);
  });

  it('calls an injected request handler instead of the network', async () => {
    const requests: string[] = [];
    const requestHandler = {
      handle: async (request: HttpRequest) => {
        requests.push(`${request.method} ${request.path}`);
        const body = new TextEncoder().encode(JSON.stringify({ BackupVaultList: [{ BackupVaultName: 'injected' }] }));
        return { response: { statusCode: 200, headers: { 'content-type': 'application/json' }, body } };
      },
    };
    const client = createBackupClient({ region: 'eu-west-1', requestHandler, credentials: { accessKeyId: 'a', secretAccessKey: 'b' } });
    const out = await client.send(new ListBackupVaultsCommand({}));
    expect(out.BackupVaultList?.map((v) => v.BackupVaultName)).to.deep.equal(['injected']);
    expect(requests).to.deep.equal(['GET /backup-vaults']);
    client.destroy();
  });
});
