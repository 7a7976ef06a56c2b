// A `bkp` command in a child process with the API call counter preloaded (count-calls.mjs) and,
// optionally, latency injected into every sandbox call: wall, CPU, peak RSS (child.ts) and the
// calls per operation the child made.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { runChild, type ChildRun } from './child.js';
import { BKP_BIN, REPO_ROOT } from './dist.js';

const COUNTER = pathToFileURL(join(REPO_ROOT, 'bench', 'lib', 'count-calls.mjs')).href;

export interface CountedRun extends ChildRun {
  /** SDK calls per operation name. */
  calls: Record<string, number>;
  totalCalls: number;
  /** HTTP requests the SDK sent for them, one per attempt (retries included). */
  requests: number;
}

export interface CountedRunOptions {
  cwd: string;
  /** Milliseconds added to every sandbox call (BKP_SANDBOX_FAULTS=latency_ms=N); 0 injects nothing. */
  latencyMs: number;
  /** More environment for the child, applied last (a test may inject its own faults). */
  env?: NodeJS.ProcessEnv;
}

export function sumCalls(calls: Record<string, number>): number {
  return Object.values(calls).reduce((a, b) => a + b, 0);
}

/** `node --import count-calls.mjs bin/bkp.js …args`. */
export async function countedBkp(args: readonly string[], options: CountedRunOptions): Promise<CountedRun> {
  const scratch = mkdtempSync(join(tmpdir(), 'bkp-bench-calls-'));
  try {
    const callsFile = join(scratch, 'calls.json');
    const env: NodeJS.ProcessEnv = { ...process.env, BKP_BENCH_CALLS_FILE: callsFile, NO_COLOR: '1' };
    delete env.BKP_SANDBOX_FAULTS;
    if (options.latencyMs > 0) env.BKP_SANDBOX_FAULTS = `latency_ms=${options.latencyMs}`;
    Object.assign(env, options.env);
    const run = await runChild(process.execPath, ['--import', COUNTER, BKP_BIN, ...args], { cwd: options.cwd, env });
    let counted: { calls: Record<string, number>; requests: number } = { calls: {}, requests: 0 };
    try {
      counted = JSON.parse(readFileSync(callsFile, 'utf8')) as typeof counted;
    } catch {
      // A child that died before its exit handler wrote nothing; its exit code tells the story.
    }
    return { ...run, calls: counted.calls, totalCalls: sumCalls(counted.calls), requests: counted.requests };
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}
