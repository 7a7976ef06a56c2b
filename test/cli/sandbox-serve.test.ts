import { expect } from 'chai';
import { createServer } from 'node:net';
import { join } from 'node:path';
import {
  BackupClient,
  CreateBackupVaultCommand,
  DescribeBackupVaultCommand,
  ListBackupVaultsCommand,
} from '@aws-sdk/client-backup';
import { DescribeInstancesCommand, EC2Client, RunInstancesCommand } from '@aws-sdk/client-ec2';
import { createBackupClient } from '../../src/aws/clients.js';
import { sandboxClientSettings } from '../../src/app/sandbox-provider.js';
import { runServe } from '../../src/app/sandbox/serve.js';
import { FaultInjector } from '../../src/sandbox/faults.js';
import { isLoopbackHost, startSandboxServer, type RunningSandboxServer } from '../../src/sandbox/server.js';
import { recordingHost } from '../support/recording-host.js';
import { bkpSandbox, tempDir } from './sandbox-helpers.js';

const credentials = { accessKeyId: 'AKIAANYTHING', secretAccessKey: 'anything' };

describe('bkp sandbox serve', () => {
  let dir: string;
  let cleanup: () => void;
  let server: RunningSandboxServer | undefined;
  beforeEach(() => ({ dir, cleanup } = tempDir()));
  afterEach(async () => {
    await server?.close();
    server = undefined;
    cleanup();
  });

  it('serves AWS Backup and EC2 to SDK clients over HTTP, from the same account file as in-process clients', async () => {
    const path = join(dir, 'sandbox.json');
    server = await startSandboxServer({ path });
    expect(server.endpoint).to.match(/^http:\/\/127\.0\.0\.1:\d+$/);
    const backup = new BackupClient({ region: 'us-east-1', endpoint: server.endpoint, credentials, maxAttempts: 1 });
    await backup.send(new CreateBackupVaultCommand({ BackupVaultName: 'over-http', BackupVaultTags: { team: 'infra' } }));
    const inProcess = createBackupClient(sandboxClientSettings({ region: 'us-east-1', path: path }));
    const listed = await inProcess.send(new ListBackupVaultsCommand({}));
    expect(listed.BackupVaultList?.map((v) => v.BackupVaultName)).to.deep.equal(['over-http']);
    expect(listed.BackupVaultList?.[0]?.BackupVaultArn).to.equal('arn:aws:backup:us-east-1:123456789012:backup-vault:over-http');

    const missing = await backup.send(new DescribeBackupVaultCommand({ BackupVaultName: 'nope' })).catch((e: Error) => e);
    expect((missing as Error).name).to.equal('AccessDeniedException');

    const ec2 = new EC2Client({ region: 'us-east-1', endpoint: server.endpoint, credentials, maxAttempts: 1 });
    const run = await ec2.send(new RunInstancesCommand({ ImageId: 'ami-12c6146b', MinCount: 1, MaxCount: 1 }));
    const described = await ec2.send(new DescribeInstancesCommand({ InstanceIds: [run.Instances![0]!.InstanceId!] }));
    expect(described.Reservations?.[0]?.Instances?.[0]?.State?.Name).to.equal('running');
    const notFound = await ec2.send(new DescribeInstancesCommand({ InstanceIds: ['i-0123456789abcdef0'] })).catch((e: Error) => e);
    expect((notFound as Error).name).to.equal('InvalidInstanceID.NotFound');
    backup.destroy();
    ec2.destroy();
  });

  it('closes cleanly while a keep-alive client is connected, and refuses connections afterwards', async () => {
    server = await startSandboxServer({ path: join(dir, 'sandbox.json') });
    const backup = new BackupClient({ region: 'us-east-1', endpoint: server.endpoint, credentials, maxAttempts: 1 });
    await backup.send(new ListBackupVaultsCommand({}));
    await server.close();
    server = undefined;
    const after = await backup.send(new ListBackupVaultsCommand({})).catch((e: Error & { code?: string }) => e);
    // A pooled socket the server closed reads as a reset; a new one is refused.
    expect((after as { code?: string }).code).to.be.oneOf(['ECONNREFUSED', 'ECONNRESET', 'EPIPE']);
    backup.destroy();
  });

  it('drops the connection on a lost_response fault after applying the change', async () => {
    const path = join(dir, 'sandbox.json');
    server = await startSandboxServer({ path, faults: new FaultInjector({ lostResponse: 1 }) });
    const backup = new BackupClient({ region: 'us-east-1', endpoint: server.endpoint, credentials, maxAttempts: 1 });
    const failure = await backup.send(new CreateBackupVaultCommand({ BackupVaultName: 'applied' })).catch((e: Error) => e);
    expect(failure).to.be.instanceOf(Error);
    const inProcess = createBackupClient(sandboxClientSettings({ region: 'us-east-1', path: path }));
    const listed = await inProcess.send(new ListBackupVaultsCommand({}));
    expect(listed.BackupVaultList?.map((v) => v.BackupVaultName)).to.deep.equal(['applied']);
    backup.destroy();
  });

  it('refuses non-loopback hosts and a port in use, with a hint', async () => {
    for (const host of ['0.0.0.0', '192.168.1.10', '::', 'example.com']) {
      const error = await startSandboxServer({ path: join(dir, 'x.json'), host }).catch((e: Error) => e);
      expect((error as Error).message, host).to.contain('is not a loopback address');
    }
    const blocker = createServer();
    await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
    const port = (blocker.address() as { port: number }).port;
    try {
      const error = await startSandboxServer({ path: join(dir, 'x.json'), port }).catch((e: Error & { hint?: string }) => e);
      expect((error as Error).message).to.equal(`Port ${port} on 127.0.0.1 is already in use.`);
      expect((error as { hint?: string }).hint).to.contain('--port');
    } finally {
      await new Promise((resolve) => blocker.close(resolve));
    }
    const cli = await bkpSandbox(dir, 'serve', '--host', '0.0.0.0');
    expect(cli.exitCode).to.equal(1);
    expect(cli.error?.hint).to.contain('127.0.0.1');
  });

  it('refuses a --port that is no port number as a usage error, not a bug', async () => {
    for (const [port, message] of [
      ['70000', '--port must be a whole number from 0 to 65535, not 70000.'],
      ['-1', '--port must be a whole number from 0 to 65535, not -1.'],
      ['many', '--port must be a whole number from 0 to 65535.'],
    ] as const) {
      const cli = await bkpSandbox(dir, 'serve', `--port=${port}`);
      expect(cli.exitCode, port).to.equal(1);
      expect(cli.error?.message, port).to.equal(message);
      expect(cli.error?.source, port).to.equal('user');
    }
  });

  it('knows which hosts are loopback', () => {
    for (const host of ['127.0.0.1', '127.1.2.3', '::1', 'localhost']) expect(isLoopbackHost(host), host).to.equal(true);
    for (const host of ['0.0.0.0', '10.0.0.1', '::', 'localhost.example.com', '']) expect(isLoopbackHost(host), host).to.equal(false);
  });

  it('runServe tells its host the endpoint, serves until stopped, then says it stopped', async () => {
    const host = recordingHost();
    const stop = new AbortController();
    const done = runServe({ host, dir }, { port: 0 }, stop.signal);
    while (host.messages.length === 0) await new Promise((resolve) => setTimeout(resolve, 10));
    const serving = host.messages[0]!;
    if (serving.code !== 'BKP_R_SANDBOX_SERVING') throw new Error(`first message is ${serving.code}`);
    const { endpoint } = serving.data;
    expect(endpoint).to.match(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(serving.data.path).to.equal(join(dir, '.bkp', 'sandbox.json'));
    expect(serving.message).to.contain(`aws --endpoint-url ${endpoint}`);
    const backup = new BackupClient({ region: 'us-east-1', endpoint, credentials, maxAttempts: 1 });
    expect((await backup.send(new ListBackupVaultsCommand({}))).BackupVaultList).to.deep.equal([]);
    stop.abort();
    expect(await done).to.equal(0);
    expect(host.messages.map((m) => [m.code, m.level])).to.deep.equal([
      ['BKP_R_SANDBOX_SERVING', 'result'],
      ['BKP_I_SANDBOX_STOPPED', 'info'],
    ]);
    backup.destroy();
  });
});
