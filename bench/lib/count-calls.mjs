// Counts AWS API calls per operation name, from outside bkp: it wraps send() of the Smithy client
// class every AWS SDK v3 client extends (Backup, the Resource Groups Tagging API, EC2 share one copy
// of it), so every call bkp makes is seen whichever client makes it. Operations of services other
// than AWS Backup are prefixed with the service, e.g. "Resource Groups Tagging API: GetResources".
// Used in-process by the benchmarks, and preloaded into a `bkp` child process with
//   node --import ./bench/lib/count-calls.mjs bin/bkp.js …
// where BKP_BENCH_CALLS_FILE names a JSON file written at exit:
//   { "calls": { "ListBackupSelections": 500, … }, "sandboxRequests": 515 }
// sandboxRequests counts what the sandbox served (retries included), from its fault injector.
import { writeFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { BackupClient } from '@aws-sdk/client-backup';

const counts = new Map();
const SmithyClient = Object.getPrototypeOf(BackupClient.prototype);
const originalSend = SmithyClient.send;

if (!SmithyClient.__bkpBenchCounting) {
  Object.defineProperty(SmithyClient, '__bkpBenchCounting', { value: true });
  SmithyClient.send = function countedSend(command, ...rest) {
    const operation = String(command?.constructor?.name ?? 'Unknown').replace(/Command$/, '');
    const service = this.config?.serviceId;
    const name = service && service !== 'Backup' ? `${service}: ${operation}` : operation;
    counts.set(name, (counts.get(name) ?? 0) + 1);
    return originalSend.call(this, command, ...rest);
  };
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

export function resetCallCounts() {
  counts.clear();
}

const outFile = process.env.BKP_BENCH_CALLS_FILE;
if (outFile) {
  // The sandbox's own request counter, from the build being measured (see TARGET_ROOT in dist.ts);
  // loaded now so the exit handler stays synchronous.
  const root = process.env.BKP_BENCH_TARGET ? pathToFileURL(`${process.env.BKP_BENCH_TARGET}/`) : new URL('../../', import.meta.url);
  const faults = await import(new URL('dist/sandbox/faults.js', root).href);
  process.on('exit', () => {
    writeFileSync(outFile, JSON.stringify({ calls: callCounts(), sandboxRequests: faults.faultCounters().requests }));
  });
}
