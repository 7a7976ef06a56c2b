// Benchmark 2 (issue 3): sandbox throughput beside moto (bench/sandbox-throughput.ts), and where
// the in-process time goes: the SDK round trip (build, sign, serialize, parse) against the
// emulator alone, called with a request captured once from the SDK:
//   - dispatch(): fault decision, account cache lookup, routing, the operation, the reply;
//   - the service handler alone, on an account already read.
//
//   npm run bench -- --only=sandbox [--quick]      (or: npx tsx bench/sandbox.ts [--quick])
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { BackupClient } from '@aws-sdk/client-backup';
import { EC2Client } from '@aws-sdk/client-ec2';
import type { HttpHandlerOptions, HttpRequest } from '@smithy/types';
import type { DispatchTarget } from '../src/sandbox/dispatch.js';
import type { SandboxRequest, SandboxResponse } from '../src/sandbox/protocol.js';
import type { SandboxServiceContext } from '../src/sandbox/service-context.js';
import { fromDist } from './lib/dist.js';
import { benchOptions, goal, progress, startReport, table } from './lib/report.js';
import { median, ms, times } from './lib/stats.js';
import { call, markdown, OPERATIONS, prepare, runThroughput, TURN_MS, WARMUP_MS, type Clients, type Measurement, type Operation } from './sandbox-throughput.js';

// The built emulator (dist/), as `bkp` runs it.
const { readAccount } = await fromDist<typeof import('../src/sandbox/account.js')>('sandbox/account.js');
const { handleBackupRequest } = await fromDist<typeof import('../src/sandbox/backup/router.js')>('sandbox/backup/router.js');
const { dispatch } = await fromDist<typeof import('../src/sandbox/dispatch.js')>('sandbox/dispatch.js');
const { handleEc2Request } = await fromDist<typeof import('../src/sandbox/ec2/service.js')>('sandbox/ec2/service.js');
const { FaultInjector } = await fromDist<typeof import('../src/sandbox/faults.js')>('sandbox/faults.js');
const { createServiceContext } = await fromDist<typeof import('../src/sandbox/service-context.js')>('sandbox/service-context.js');
const { SandboxRequestHandler, toSandboxRequest } = await fromDist<typeof import('../src/sandbox/transport.js')>('sandbox/transport.js');

const options = benchOptions();
const CALLS = options.quick ? 200 : 2_000;
const BUDGET_MS = options.quick ? 3_000 : 10_000;
const EMULATOR_CALLS = options.quick ? 500 : 2_000;
const GOAL_RATIO = 20;
const REGION = 'us-east-1';
const credentials = { accessKeyId: 'AKIABENCH', secretAccessKey: 'bench' };

type ServiceHandler = (req: SandboxRequest, ctx: SandboxServiceContext) => SandboxResponse;

interface EmulatorCost {
  operation: Operation;
  dispatchP50Ms: number;
  dispatchMeanMs: number;
  handlerP50Ms: number;
  handlerMeanMs: number;
}

/** The sandbox transport, remembering the last request the SDK signed. */
class CapturingHandler extends SandboxRequestHandler {
  last: SandboxRequest | undefined;

  override async handle(request: HttpRequest, options?: HttpHandlerOptions) {
    this.last = await toSandboxRequest(request);
    return super.handle(request, options);
  }
}

function perCall(samples: number[]): { p50: number; mean: number } {
  return { p50: median(samples), mean: samples.reduce((a, b) => a + b, 0) / samples.length };
}

async function sampleMany(times: number, work: () => Promise<unknown> | unknown): Promise<number[]> {
  const samples: number[] = [];
  for (let i = 0; i < times; i++) {
    const t0 = performance.now();
    await work();
    samples.push(performance.now() - t0);
  }
  return samples;
}

/** Cost of the emulator alone for each operation, without the SDK. */
async function emulatorCosts(): Promise<EmulatorCost[]> {
  const workDir = mkdtempSync(join(tmpdir(), 'bkp-bench-emulator-'));
  try {
    // No faults, whatever the environment says: this is the emulator's own cost.
    const target: DispatchTarget = { path: join(workDir, 'account.json'), region: REGION, faults: new FaultInjector() };
    const transport = new CapturingHandler(target);
    const config = { region: REGION, credentials, requestHandler: transport, maxAttempts: 1 };
    const clients: Clients = { backup: new BackupClient(config), ec2: new EC2Client(config) };
    const planId = await prepare(clients);
    const costs: EmulatorCost[] = [];
    for (const operation of OPERATIONS) {
      await call(clients, operation, planId);
      const request = transport.last!;
      const handler: ServiceHandler = operation === 'DescribeInstances' ? handleEc2Request : handleBackupRequest;
      const check = await dispatch(request, target);
      if (check.status !== 200) throw new Error(`${operation} through dispatch() answered ${check.status}`);
      await sampleMany(50, () => dispatch(request, target));
      const viaDispatch = perCall(await sampleMany(EMULATOR_CALLS, () => dispatch(request, target)));
      const account = await readAccount(target.path, target);
      const handlerOnly = perCall(
        await sampleMany(EMULATOR_CALLS, () => handler(request, createServiceContext(account, REGION, new Date(account.clock.now)))),
      );
      costs.push({
        operation,
        dispatchP50Ms: viaDispatch.p50,
        dispatchMeanMs: viaDispatch.mean,
        handlerP50Ms: handlerOnly.p50,
        handlerMeanMs: handlerOnly.mean,
      });
    }
    clients.backup.destroy();
    clients.ec2.destroy();
    return costs;
  } finally {
    rmSync(workDir, { recursive: true, force: true });
  }
}

const { report, finish } = startReport('sandbox', 'Sandbox throughput (issue 3)');
progress(`sandbox: at least ${CALLS} sequential calls per operation and target (or ${BUDGET_MS} ms of calls each), in turns of ${TURN_MS} ms`);
const throughput = await runThroughput({ calls: CALLS, budgetMs: BUDGET_MS });
progress('sandbox: emulator cost without the SDK');
const costs = await emulatorCosts();

for (const operation of OPERATIONS) {
  const ratio = throughput.ratios[operation];
  report.goals.push(
    ratio
      ? goal(`${operation}: in-process sandbox requests/s over moto's`, times(ratio.throughput), '≥ 20×', ratio.throughput >= GOAL_RATIO)
      : goal(`${operation}: in-process sandbox requests/s over moto's`, 'n/a', '≥ 20×', null, 'moto is not installed: skipped'),
  );
}
report.sections.push(markdown(throughput.results, throughput.ratios));

const inProcess = (operation: Operation): Measurement | undefined =>
  throughput.results.find((r) => r.operation === operation && r.target === 'sandbox (in-process)');
report.sections.push(
  'Where the in-process time goes (per call; the emulator called directly with a request the SDK signed once):',
  table(
    ['operation', 'SDK round trip, p50', 'dispatch(), p50', 'service handler alone, p50', 'SDK share of the round trip'],
    costs.map((c) => {
      const roundTrip = inProcess(c.operation)?.p50Ms ?? Number.NaN;
      const sdkShare = (roundTrip - c.dispatchP50Ms) / roundTrip;
      return [c.operation, ms(roundTrip), ms(c.dispatchP50Ms), ms(c.handlerP50Ms), Number.isFinite(sdkShare) ? `${Math.round(sdkShare * 100)}%` : 'n/a'];
    }),
    ['l', 'r', 'r', 'r', 'r'],
  ),
);
report.notes.push(
  `At least ${CALLS} sequential calls per cell (or ${BUDGET_MS / 1000} s of calls), the targets taking turns of ${TURN_MS} ms until all are done (so a slow spell of the machine falls on all of them), after ${WARMUP_MS / 1000} s of warm-up calls to each target; the emulator alone: ${EMULATOR_CALLS} calls each after 50 warm-up calls, no injected faults.`,
  '"dispatch()" includes the account cache check (a stat of the account file), routing and the JSON/XML reply; "service handler alone" is routing, the operation and the reply on an account already in memory.',
  ...(throughput.motoMissing ? ['moto is not installed (`python3 -m moto.server`): the comparison with moto was skipped.'] : []),
  ...(process.env.BKP_SANDBOX_FAULTS ? [`BKP_SANDBOX_FAULTS=${process.env.BKP_SANDBOX_FAULTS} was set: the sandbox rows include injected faults.`] : []),
);
finish(options);
