// Watching jobs in a sandbox account, whose clock moves only with `bkp sandbox advance`: the watch
// says so once, follows an advance made meanwhile, and stops (not ok) when nothing moves.
import { expect } from 'chai';
import { CreateBackupVaultCommand, StartBackupJobCommand } from '@aws-sdk/client-backup';
import { ProviderClients } from '../../src/app/providers.js';
import { reportWatch, watchJobs, type JobTarget } from '../../src/app/jobs.js';
import type { ProviderConfig } from '../../src/config/model.js';
import { HOUR, REGION, ROLE_ARN, sandboxFixture, type SandboxFixture } from '../sandbox/fixture.js';
import { recordingHost } from '../support/recording-host.js';

describe('app/jobs: watching sandbox jobs', () => {
  let sb: SandboxFixture;
  let clients: ProviderClients;
  let target: JobTarget;
  beforeEach(async () => {
    sb = await sandboxFixture();
    const provider = { type: 'sandbox', key: 'sandbox', attributes: { path: sb.path, region: REGION }, ranges: {}, range: {} } as unknown as ProviderConfig;
    clients = new ProviderClients({ providers: [provider], dir: sb.dir });
    const instance = await sb.addResource('ec2-instance', 'web');
    await sb.client.send(new CreateBackupVaultCommand({ BackupVaultName: 'main' }));
    const job = await sb.client.send(new StartBackupJobCommand({ BackupVaultName: 'main', ResourceArn: instance.arn, IamRoleArn: ROLE_ARN }));
    target = { provider: 'sandbox', known: { jobId: job.BackupJobId!, address: 'on_demand_backup.web', state: 'CREATED', resourceArn: instance.arn, vault: 'main' } };
  });
  afterEach(() => {
    clients.destroy();
    sb.cleanup();
  });

  it('says once that only `bkp sandbox advance` moves the jobs, and stops waiting (exit 1) when nothing moves', async () => {
    const host = recordingHost();
    const ctx = { host, dir: sb.dir };
    const result = await watchJobs(ctx, clients, [target], { intervalMs: 1, json: false, signal: new AbortController().signal, sandboxIdleMs: 30 });
    expect(result).to.deep.include({ ok: false, interrupted: false, stalled: true });
    expect(result.jobs.map((j) => j.state)).to.deep.equal(['CREATED']);
    const hints = host.messages.filter((m) => m.code === 'BKP_W_SANDBOX_CLOCK');
    expect(hints).to.have.length(1);
    expect(hints[0]!.message).to.contain('The sandbox clock moves only with `bkp sandbox advance`');
    expect(await reportWatch(ctx, result, false)).to.equal(1);
    const stalled = host.messages.find((m) => m.code === 'BKP_W_SANDBOX_STALLED')!;
    expect(stalled.message).to.contain('Run `bkp sandbox advance 1h`');
    expect(host.messages.at(-1)!.code).to.equal('BKP_R_JOBS_WATCHED');
  });

  it('follows an advance made while it watches, to the end of the job', async () => {
    const host = recordingHost();
    const watching = watchJobs({ host, dir: sb.dir }, clients, [target], { intervalMs: 5, json: false, signal: new AbortController().signal, sandboxIdleMs: 3_600_000 });
    while (!host.messages.some((m) => m.code === 'BKP_W_SANDBOX_CLOCK')) await new Promise((resolve) => setTimeout(resolve, 5));
    await sb.advance(HOUR);
    const result = await watching;
    expect(result).to.deep.include({ ok: true, stalled: false, interrupted: false });
    expect(result.jobs.map((j) => j.state)).to.deep.equal(['COMPLETED']);
  });
});
