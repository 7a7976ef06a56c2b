// Runs a child process and measures it from outside: wall time always; CPU time (user + sys) and
// peak RSS through GNU time (/usr/bin/time) when the machine has it.
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';

export interface ChildRun {
  exitCode: number;
  wallMs: number;
  /** user + sys, when GNU time is available. */
  cpuMs?: number;
  userMs?: number;
  systemMs?: number;
  /** Peak resident set size in bytes, when GNU time is available. */
  peakRssBytes?: number;
  stdout: string;
  stderr: string;
}

export interface ChildOptions {
  cwd?: string;
  env?: NodeJS.ProcessEnv;
  /** Measure CPU and memory with GNU time (default true when available). */
  resourceUsage?: boolean;
}

const GNU_TIME = '/usr/bin/time';

export function gnuTimeAvailable(): boolean {
  return process.platform === 'linux' && existsSync(GNU_TIME);
}

/** Runs `command args…`; wall time includes process start and exit. */
export async function runChild(command: string, args: readonly string[], options: ChildOptions = {}): Promise<ChildRun> {
  const useTime = (options.resourceUsage ?? true) && gnuTimeAvailable();
  const scratch = useTime ? mkdtempSync(join(tmpdir(), 'bkp-bench-time-')) : undefined;
  const timeFile = scratch ? join(scratch, 'time.txt') : undefined;
  const [file, argv] = timeFile ? [GNU_TIME, ['-o', timeFile, '-f', '%e %U %S %M', command, ...args]] : [command, [...args]];
  const started = performance.now();
  const { exitCode, stdout, stderr } = await new Promise<{ exitCode: number; stdout: string; stderr: string }>((resolve, reject) => {
    const child = spawn(file, argv, { cwd: options.cwd, env: options.env ?? process.env, stdio: ['ignore', 'pipe', 'pipe'] });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout.on('data', (chunk: Buffer) => out.push(chunk));
    child.stderr.on('data', (chunk: Buffer) => err.push(chunk));
    child.on('error', reject);
    child.on('close', (code, signal) =>
      resolve({ exitCode: code ?? (signal ? 128 : 1), stdout: Buffer.concat(out).toString(), stderr: Buffer.concat(err).toString() }),
    );
  });
  const wallMs = performance.now() - started;
  const run: ChildRun = { exitCode, wallMs, stdout, stderr };
  if (timeFile && scratch) {
    try {
      // GNU time prints "Command exited with non-zero status N" first when the child failed.
      const line = readFileSync(timeFile, 'utf8').trim().split('\n').pop() ?? '';
      const [, user, system, rssKb] = line.split(/\s+/).map(Number);
      if ([user, system, rssKb].every((n) => Number.isFinite(n))) {
        run.userMs = user! * 1000;
        run.systemMs = system! * 1000;
        run.cpuMs = run.userMs + run.systemMs;
        run.peakRssBytes = rssKb! * 1024;
      }
    } finally {
      rmSync(scratch, { recursive: true, force: true });
    }
  }
  return run;
}

/** The last lines of a child's output, for error messages. */
export function tail(text: string, lines = 15): string {
  return text.trimEnd().split('\n').slice(-lines).join('\n');
}
