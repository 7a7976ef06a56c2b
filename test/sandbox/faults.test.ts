import { expect } from 'chai';
import { CreateBackupVaultCommand, DescribeBackupVaultCommand, ListBackupVaultsCommand } from '@aws-sdk/client-backup';
import { createBackupClient } from '../../src/aws/clients.js';
import { sandboxClientSettings } from '../../src/app/sandbox-provider.js';
import { activeFaults, FAULTS_ENV, FaultInjector, faultCounters, parseFaultSpec, setSandboxFaults, type FaultDecision } from '../../src/sandbox/faults.js';
import { REGION, rejection, sandboxFixture, type SandboxFixture } from './fixture.js';

/** Injects the given faults for the first requests, then none. */
class ScriptedFaults extends FaultInjector {
  constructor(private readonly script: FaultDecision['kind'][]) {
    super();
  }
  override decide(): FaultDecision {
    const kind = this.script.shift() ?? 'none';
    if (kind !== 'none') this.counters[kind] += 1;
    this.counters.requests += 1;
    return { kind, latencyMs: 0 };
  }
}

describe('sandbox faults', () => {
  let sb: SandboxFixture;
  const savedEnv = process.env[FAULTS_ENV];
  beforeEach(async () => {
    sb = await sandboxFixture();
  });
  afterEach(() => {
    setSandboxFaults(undefined);
    if (savedEnv === undefined) delete process.env[FAULTS_ENV];
    else process.env[FAULTS_ENV] = savedEnv;
    sb.cleanup();
  });

  it('parses BKP_SANDBOX_FAULTS and refuses bad specs with a clear message', () => {
    expect(parseFaultSpec('throttle=0.2,error=0.05,lost_response=0.05,latency_ms=20,seed=7')).to.deep.equal({
      throttle: 0.2,
      error: 0.05,
      lostResponse: 0.05,
      latencyMs: 20,
      seed: 7,
    });
    expect(() => parseFaultSpec('throttle=2')).to.throw(/probability/);
    expect(() => parseFaultSpec('explode=0.1')).to.throw(/unknown fault "explode"/);
    expect(() => parseFaultSpec('throttle=abc')).to.throw(/non-negative number/);
    expect(() => parseFaultSpec('throttle=0.6,error=0.6')).to.throw(/must not exceed 1/);
  });

  it('reads the environment variable and replays the same faults for the same seed', () => {
    process.env[FAULTS_ENV] = 'throttle=0.3,error=0.1,lost_response=0.1,seed=42';
    const kinds = () => {
      const injector = new FaultInjector(parseFaultSpec(process.env[FAULTS_ENV]!));
      return Array.from({ length: 200 }, () => injector.decide().kind);
    };
    const first = kinds();
    expect(kinds()).to.deep.equal(first);
    expect(first.filter((k) => k === 'throttle').length).to.be.within(40, 80);
    expect(activeFaults().config.seed).to.equal(42);
    const other = new FaultInjector({ ...parseFaultSpec(process.env[FAULTS_ENV]!), seed: 43 });
    expect(Array.from({ length: 200 }, () => other.decide().kind)).to.not.deep.equal(first);
  });

  it('throttle → 400 ThrottlingException and error → 500 ServiceUnavailableException, nothing applied', async () => {
    setSandboxFaults(new ScriptedFaults(['throttle', 'error']));
    const throttled = await rejection(sb.noRetryClient.send(new CreateBackupVaultCommand({ BackupVaultName: 'aa' })));
    expect(throttled.name).to.equal('ThrottlingException');
    expect(throttled.$metadata?.httpStatusCode).to.equal(400);
    const failed = await rejection(sb.noRetryClient.send(new CreateBackupVaultCommand({ BackupVaultName: 'aa' })));
    expect(failed.name).to.equal('ServiceUnavailableException');
    expect(failed.$metadata?.httpStatusCode).to.equal(500);
    const vaults = await sb.client.send(new ListBackupVaultsCommand({}));
    expect(vaults.BackupVaultList).to.have.length(0);
    expect(faultCounters()).to.deep.include({ throttle: 1, error: 1 });
  });

  it('lost_response applies and saves the change but drops the reply; the SDK retry then sees it', async () => {
    setSandboxFaults(new ScriptedFaults(['lost_response']));
    const lost = await rejection(sb.noRetryClient.send(new CreateBackupVaultCommand({ BackupVaultName: 'aa' })));
    expect((lost as { code?: string }).code).to.equal('ECONNRESET');
    const described = await sb.client.send(new DescribeBackupVaultCommand({ BackupVaultName: 'aa' }));
    expect(described.BackupVaultName).to.equal('aa');
    expect((await sb.read()).backup[REGION]!.vaults['aa']).to.not.equal(undefined);

    // With retries and a CreatorRequestId, the retried create returns the vault made by the lost attempt.
    setSandboxFaults(new ScriptedFaults(['lost_response']));
    const created = await sb.client.send(new CreateBackupVaultCommand({ BackupVaultName: 'bb', CreatorRequestId: 'req-b' }));
    expect(created.BackupVaultName).to.equal('bb');
    // Without one, the SDK fills CreatorRequestId itself (an idempotency token) and reuses it on the retry.
    setSandboxFaults(new ScriptedFaults(['lost_response']));
    const auto = await sb.client.send(new CreateBackupVaultCommand({ BackupVaultName: 'cc' }));
    expect(auto.BackupVaultName).to.equal('cc');
    expect((await sb.read()).backup[REGION]!.vaults['cc']!.creatorRequestId).to.match(/^[0-9a-f-]{36}$/);
  });

  it('the SDK adaptive retries get every call through random throttling, errors and lost responses', async function () {
    // The adaptive rate limiter slows the client down after throttling, as it would against AWS.
    this.timeout(90_000);
    const injector = setSandboxFaults({ throttle: 0.2, error: 0.1, lostResponse: 0.1, seed: 7 })!;
    const client = createBackupClient(sandboxClientSettings({ region: REGION, path: sb.path, maxAttempts: 10 }));
    const calls = 10;
    try {
      for (let i = 0; i < calls / 2; i++) await client.send(new CreateBackupVaultCommand({ BackupVaultName: `v${i}`, CreatorRequestId: `r${i}` }));
      for (let i = 0; i < calls / 2; i++) await client.send(new DescribeBackupVaultCommand({ BackupVaultName: `v${i}` }));
    } finally {
      client.destroy();
    }
    const counters = injector.counters;
    expect(counters.requests).to.be.greaterThan(calls);
    expect(counters.throttle + counters.error + counters.lost_response).to.equal(counters.requests - calls);
    expect(counters.throttle).to.be.greaterThan(0);
    setSandboxFaults(undefined);
    expect((await sb.client.send(new ListBackupVaultsCommand({}))).BackupVaultList).to.have.length(calls / 2);
  });
});
