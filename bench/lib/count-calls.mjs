// Counts AWS API calls per operation name, and the HTTP requests they took, from outside bkp.
// Both are seen through the AWS SDK, never through bkp's own modules: a bundled copy of a module is
// not the copy this file would import from dist/, so a counter read from there stays 0 (it did,
// until bench/RESULTS.md of December 2026 reported "the sandbox served 0 requests" for every run).
// Which copy of the SDK is counted depends on who makes the calls:
// - the CLI (`bin/bkp.js`) takes every SDK package from the SDK's own bundles, dist/aws-sdk/,
//   through the launcher's `awsSdkModule` (bin/load-bundle.cjs): preloaded into the CLI, this file
//   wraps that function and counts the bundles' copy the first time the CLI asks for a package;
// - anything else (the benchmarks' in-process code, which imports dist/'s modules) uses
//   node_modules' copy, which is counted.
//
// - Calls: send() of the Smithy client class every AWS SDK v3 client extends (Backup, the Resource
//   Groups Tagging API, EC2 share one copy of it) is wrapped, so every call is seen whichever
//   client makes it. Operations of services other than AWS Backup are prefixed with the service,
//   e.g. "Resource Groups Tagging API: GetResources".
// - Requests: on its first call each client gets one middleware in the SDK's documented
//   "deserialize" step, which runs inside the retry loop, once per attempt: every request the
//   request handler received, retries included. With the in-process sandbox as the handler, that
//   is every request the sandbox served.
//
// Used in-process by the benchmarks, and preloaded into a `bkp` child process with
//   node --import ./bench/lib/count-calls.mjs bin/bkp.js …
// where BKP_BENCH_CALLS_FILE names a JSON file written at exit:
//   { "calls": { "ListBackupSelections": 500, … }, "requests": 515 }
import { writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { basename, dirname, join } from 'node:path';

const counts = new Map();
let requests = 0;
const countedClients = new WeakSet();

function countRequests(client) {
  countedClients.add(client);
  client.middlewareStack.add(
    (next) => (args) => {
      requests += 1;
      return next(args);
    },
    { step: 'deserialize', name: 'bkpBenchCountRequests', priority: 'low' },
  );
}

/** Counts the calls of every client of the SDK copy `BackupClient` comes from. */
function countEveryClient(BackupClient) {
  const SmithyClient = Object.getPrototypeOf(BackupClient.prototype);
  if (SmithyClient.__bkpBenchCounting) return;
  Object.defineProperty(SmithyClient, '__bkpBenchCounting', { value: true });
  const originalSend = SmithyClient.send;
  SmithyClient.send = function countedSend(command, ...rest) {
    const operation = String(command?.constructor?.name ?? 'Unknown').replace(/Command$/, '');
    const service = this.config?.serviceId;
    const name = service && service !== 'Backup' ? `${service}: ${operation}` : operation;
    counts.set(name, (counts.get(name) ?? 0) + 1);
    // Before the client's first call builds (and, with cacheMiddleware, keeps) its handler chain.
    if (!countedClients.has(this)) countRequests(this);
    return originalSend.call(this, command, ...rest);
  };
}

// process.argv is set before preloaded modules run: the script is the CLI's launcher when this
// file was preloaded into `bkp`.
const cli = process.argv[1] !== undefined && basename(process.argv[1]) === 'bkp.js' ? process.argv[1] : undefined;
if (cli !== undefined) {
  const launcher = createRequire(import.meta.url)(join(dirname(cli), 'load-bundle.cjs'));
  const sdkModule = launcher.awsSdkModule;
  launcher.awsSdkModule = function countedSdkModule(name) {
    countEveryClient(sdkModule('@aws-sdk/client-backup').BackupClient);
    return sdkModule(name);
  };
} else {
  countEveryClient((await import('@aws-sdk/client-backup')).BackupClient);
}

/** Calls per operation since the last reset, sorted by name. */
export function callCounts() {
  return Object.fromEntries([...counts.entries()].sort(([a], [b]) => a.localeCompare(b)));
}

export function totalCalls() {
  let total = 0;
  for (const n of counts.values()) total += n;
  return total;
}

/** HTTP requests sent since the last reset: one per attempt, retries included. */
export function totalRequests() {
  return requests;
}

export function resetCallCounts() {
  counts.clear();
  requests = 0;
}

const outFile = process.env.BKP_BENCH_CALLS_FILE;
if (outFile) {
  process.on('exit', () => {
    writeFileSync(outFile, JSON.stringify({ calls: callCounts(), requests }));
  });
}
