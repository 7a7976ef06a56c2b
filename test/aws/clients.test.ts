import { expect } from 'chai';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BackupClient, ListBackupVaultsCommand } from '@aws-sdk/client-backup';
import { createBackupClient, createEc2Client } from '../../src/aws/clients.js';
import { forgetCachedAccount } from '../../src/sandbox/account.js';
import { SandboxRequestHandler } from '../../src/sandbox/transport.js';

describe('aws client factory', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'bkp-clients-test-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('builds AWS clients with region, profile, endpoint, adaptive retries and max attempts', async () => {
    const client = createBackupClient({ type: 'aws', region: 'eu-west-3', profile: 'ops', endpoint: 'http://127.0.0.1:5000', maxAttempts: 7 });
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

  it('builds sandbox clients with the in-process handler, dummy credentials and the default region', async () => {
    const path = join(dir, 'sandbox.json');
    const client = createBackupClient({ type: 'sandbox', region: '', sandboxPath: path });
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
    const ec2 = await createEc2Client({ type: 'sandbox', region: 'eu-west-1', sandboxPath: path });
    const { DescribeInstancesCommand } = await import('@aws-sdk/client-ec2');
    const result = await ec2.send(new DescribeInstancesCommand({}));
    expect(result.Reservations).to.deep.equal([]);
    ec2.destroy();
    forgetCachedAccount(path);
  });
});
