// Sandbox throughput beside moto: round trip per call and requests per second for GetBackupPlan
// and DescribeInstances, with the same SDK client code against each target, sequential calls.
//
//   npx tsx bench/sandbox-throughput.ts [--calls 2000] [--budget-ms 15000]    (after npm run build)
//
// Prints a Markdown table, then the same numbers as JSON. Goal: the in-process sandbox serves at
// least 20x moto's requests per second. `npm run bench` calls runThroughput() from bench/sandbox.ts.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { performance } from 'node:perf_hooks';
import { BackupClient, CreateBackupPlanCommand, CreateBackupVaultCommand, GetBackupPlanCommand } from '@aws-sdk/client-backup';
import { DescribeInstancesCommand, EC2Client, RunInstancesCommand } from '@aws-sdk/client-ec2';
import { startMoto } from '../test/support/moto.js';
import { fromDist } from './lib/dist.js';

// The built emulator (dist/), as `bkp` runs it.
const { createBackupClient, createEc2Client } = await fromDist<typeof import('../src/aws/clients.js')>('aws/clients.js');
const { sandboxClientSettings } = await fromDist<typeof import('../src/app/sandbox-provider.js')>('app/sandbox-provider.js');
const { startSandboxServer } = await fromDist<typeof import('../src/sandbox/server.js')>('sandbox/server.js');

export interface Clients {
  backup: BackupClient;
  ec2: EC2Client;
}

interface Target {
  name: string;
  clients: Clients;
  close(): Promise<void>;
}

export interface Measurement {
  operation: string;
  target: string;
  calls: number;
  meanMs: number;
  p50Ms: number;
  p95Ms: number;
  requestsPerSecond: number;
}

export const OPERATIONS = ['GetBackupPlan', 'DescribeInstances'] as const;
export type Operation = (typeof OPERATIONS)[number];

function option(name: string, fallback: number): number {
  const index = process.argv.indexOf(`--${name}`);
  const value = index < 0 ? undefined : Number(process.argv[index + 1]);
  return value !== undefined && Number.isFinite(value) && value > 0 ? value : fallback;
}

export interface ThroughputOptions {
  /** Sequential calls per operation and target, at least (targets keep taking turns until all have made them). */
  calls: number;
  /** A target has finished once it has called for this long in total, even with fewer calls. */
  budgetMs: number;
}

/**
 * Warm-up before measuring: every target is called for the same time. In-process, the SDK's
 * request path takes a few thousand calls to reach V8's optimised code (after 300 calls the next
 * 2,000 still ran at half the steady rate); moto, a Python server, gets the same time to warm its
 * caches. What is measured is each target's steady rate.
 */
export const WARMUP_MS = 3_000;
const credentials = { accessKeyId: 'AKIABENCH', secretAccessKey: 'bench' };

/** The same account content on every target: a vault, a plan and three instances. */
export async function prepare(clients: Clients): Promise<string> {
  await clients.backup.send(new CreateBackupVaultCommand({ BackupVaultName: 'bench' }));
  const plan = await clients.backup.send(
    new CreateBackupPlanCommand({
      BackupPlan: { BackupPlanName: 'bench', Rules: [{ RuleName: 'daily', TargetBackupVaultName: 'bench', Lifecycle: { DeleteAfterDays: 35 } }] },
    }),
  );
  await clients.ec2.send(new RunInstancesCommand({ ImageId: 'ami-12c6146b', MinCount: 3, MaxCount: 3 }));
  return plan.BackupPlanId!;
}

export function call(clients: Clients, operation: Operation, planId: string): Promise<unknown> {
  return operation === 'GetBackupPlan'
    ? clients.backup.send(new GetBackupPlanCommand({ BackupPlanId: planId }))
    : clients.ec2.send(new DescribeInstancesCommand({}));
}

/**
 * Calls in turns of this long per target, round after round: a shared machine's slow spells then
 * fall on every target alike instead of on whichever was being measured (measured one after the
 * other, the ratio to moto swung between 21x and 27x from run to run).
 */
export const TURN_MS = 250;

interface Tally {
  durations: number[];
  elapsedMs: number;
}

/** Warms every target up, then measures them in turns until each has made `calls` calls or used its budget. */
async function measureInTurns(prepared: Array<{ target: Target; planId: string }>, operation: Operation, options: ThroughputOptions): Promise<Measurement[]> {
  for (const { target, planId } of prepared) {
    const warmupStarted = performance.now();
    while (performance.now() - warmupStarted < WARMUP_MS) await call(target.clients, operation, planId);
  }
  const tallies: Tally[] = prepared.map(() => ({ durations: [], elapsedMs: 0 }));
  const finished = (t: Tally) => t.durations.length >= options.calls || t.elapsedMs >= options.budgetMs;
  while (!tallies.every(finished)) {
    for (const [index, { target, planId }] of prepared.entries()) {
      const tally = tallies[index]!;
      const turnStarted = performance.now();
      while (performance.now() - turnStarted < TURN_MS) {
        const t0 = performance.now();
        await call(target.clients, operation, planId);
        tally.durations.push(performance.now() - t0);
      }
      tally.elapsedMs += performance.now() - turnStarted;
    }
  }
  return prepared.map(({ target }, index) => summary(operation, target.name, tallies[index]!));
}

function summary(operation: Operation, target: string, { durations, elapsedMs }: Tally): Measurement {
  const sorted = [...durations].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;
  return {
    operation,
    target,
    calls: durations.length,
    meanMs: round(durations.reduce((a, b) => a + b, 0) / durations.length),
    p50Ms: round(at(0.5)),
    p95Ms: round(at(0.95)),
    requestsPerSecond: round((durations.length / elapsedMs) * 1000),
  };
}

function round(n: number): number {
  return Math.round(n * 1000) / 1000;
}

function endpointClients(endpoint: string): Clients {
  const config = { region: 'us-east-1', endpoint, credentials, maxAttempts: 1 };
  return { backup: new BackupClient(config), ec2: new EC2Client(config) };
}

async function targets(workDir: string): Promise<{ list: Target[]; motoMissing: boolean }> {
  const list: Target[] = [];
  const settings = sandboxClientSettings({ region: 'us-east-1', path: join(workDir, 'in-process.json') });
  list.push({
    name: 'sandbox (in-process)',
    clients: { backup: createBackupClient(settings), ec2: await createEc2Client(settings) },
    close: async () => undefined,
  });
  const server = await startSandboxServer({ path: join(workDir, 'served.json') });
  const served = endpointClients(server.endpoint);
  list.push({ name: 'sandbox (serve, HTTP)', clients: served, close: () => server.close() });
  const moto = await startMoto();
  if (moto !== undefined) list.push({ name: 'moto (HTTP)', clients: endpointClients(moto.endpoint), close: () => moto.stop() });
  return { list, motoMissing: moto === undefined };
}

export interface Ratio {
  /** Requests per second, in-process sandbox over moto. */
  throughput: number;
  /** Median round trip, moto over in-process sandbox: less sensitive to a busy machine. */
  median: number;
}

export function markdown(results: Measurement[], ratios: Record<string, Ratio | null>): string {
  const lines = [
    '| operation | target | calls | mean ms | p50 ms | p95 ms | requests/s |',
    '| --- | --- | ---: | ---: | ---: | ---: | ---: |',
    ...results.map((r) => `| ${r.operation} | ${r.target} | ${r.calls} | ${r.meanMs} | ${r.p50Ms} | ${r.p95Ms} | ${r.requestsPerSecond} |`),
    '',
    '| operation | in-process sandbox / moto, requests/s | moto / in-process sandbox, median round trip |',
    '| --- | ---: | ---: |',
    ...Object.entries(ratios).map(([op, ratio]) =>
      ratio === null ? `| ${op} | n/a (moto not installed) | n/a |` : `| ${op} | ${ratio.throughput}x | ${ratio.median}x |`,
    ),
  ];
  return lines.join('\n');
}

export interface ThroughputResult {
  results: Measurement[];
  /** By operation; null when moto is not installed. */
  ratios: Record<string, Ratio | null>;
  motoMissing: boolean;
}

/** Measures every operation on every target (in-process sandbox, served sandbox, moto if present). */
export async function runThroughput(options: ThroughputOptions): Promise<ThroughputResult> {
  const workDir = mkdtempSync(join(tmpdir(), 'bkp-bench-'));
  const { list, motoMissing } = await targets(workDir);
  const results: Measurement[] = [];
  try {
    const prepared: Array<{ target: Target; planId: string }> = [];
    for (const target of list) prepared.push({ target, planId: await prepare(target.clients) });
    for (const operation of OPERATIONS) results.push(...(await measureInTurns(prepared, operation, options)));
  } finally {
    for (const target of list) await target.close();
    rmSync(workDir, { recursive: true, force: true });
  }
  const ratios: Record<string, Ratio | null> = {};
  for (const operation of OPERATIONS) {
    const sandbox = results.find((r) => r.operation === operation && r.target === 'sandbox (in-process)');
    const moto = results.find((r) => r.operation === operation && r.target === 'moto (HTTP)');
    ratios[operation] =
      sandbox && moto
        ? { throughput: round(sandbox.requestsPerSecond / moto.requestsPerSecond), median: round(moto.p50Ms / sandbox.p50Ms) }
        : null;
  }
  return { results, ratios, motoMissing };
}

async function main(): Promise<void> {
  const options: ThroughputOptions = { calls: option('calls', 2000), budgetMs: option('budget-ms', 10_000) };
  const { results, ratios, motoMissing } = await runThroughput(options);
  const faults = process.env['BKP_SANDBOX_FAULTS'];
  const notes = [
    `Node ${process.version}, at least ${options.calls} sequential calls per cell (or ${options.budgetMs} ms of calls), in turns of ${TURN_MS} ms per target, after ${WARMUP_MS / 1000} s of warm-up calls.`,
    ...(motoMissing ? ['moto is not installed (python3 -m moto.server): no comparison.'] : []),
    ...(faults ? [`BKP_SANDBOX_FAULTS=${faults} is set: the sandbox numbers include injected faults.`] : []),
  ];
  process.stdout.write(`${markdown(results, ratios)}\n\n${notes.join('\n')}\n\n`);
  process.stdout.write(
    `${JSON.stringify({ calls: options.calls, budgetMs: options.budgetMs, node: process.version, results, ratios, goal: '>= 20x moto in-process' }, null, 2)}\n`,
  );
}

// Run as a script; imported by bench/sandbox.ts for `npm run bench`.
if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) await main();
