// Starts moto (a Python AWS emulator) for conformance tests and benchmarks, when this machine
// has it. One server per test file: start it in `before`, stop it in `after`.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';

export interface MotoServer {
  /** e.g. http://127.0.0.1:45123 */
  endpoint: string;
  stop(): Promise<void>;
}

const NOT_INSTALLED = 'skipped: moto is not installed (python3 -m moto.server)';
const STARTUP_TIMEOUT_MS = 15_000;

let installed: boolean | undefined;

/** Whether `python3 -m moto.server` can run here (checked once per process). */
export function motoInstalled(): boolean {
  if (installed === undefined) {
    const probe = spawnSync('python3', ['-c', 'import moto.server'], { stdio: 'ignore', timeout: 20_000 });
    installed = probe.status === 0;
  }
  return installed;
}

/** A moto server on 127.0.0.1 and a free port, or undefined when moto is not installed. */
export async function startMoto(): Promise<MotoServer | undefined> {
  if (!motoInstalled()) return undefined;
  const port = await freePort();
  const child = spawn('python3', ['-m', 'moto.server', '-H', '127.0.0.1', '-p', String(port)], {
    stdio: ['ignore', 'ignore', 'pipe'],
    // Its own process group, so stop() can end the server and any worker it forks.
    detached: true,
  });
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => {
    stderr = (stderr + chunk.toString()).slice(-4000);
  });
  const endpoint = `http://127.0.0.1:${port}`;
  try {
    await waitUntilAnswering(endpoint, child);
  } catch (error) {
    await stopChild(child);
    throw new Error(`moto did not start: ${(error as Error).message}\n${stderr}`);
  }
  return { endpoint, stop: () => stopChild(child) };
}

/**
 * For a mocha `before` hook: starts moto, or prints why not and skips the suite's tests.
 * Usage: `before(async function () { moto = await requireMoto(this); })`.
 */
export async function requireMoto(hook: Mocha.Context): Promise<MotoServer> {
  hook.timeout(STARTUP_TIMEOUT_MS + 10_000);
  const server = await startMoto();
  if (server === undefined) {
    process.stdout.write(`${NOT_INSTALLED}\n`);
    hook.skip();
  }
  return server as MotoServer;
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      const port = typeof address === 'object' && address !== null ? address.port : 0;
      probe.close(() => resolve(port));
    });
  });
}

async function waitUntilAnswering(endpoint: string, child: ChildProcess): Promise<void> {
  const deadline = Date.now() + STARTUP_TIMEOUT_MS;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`exited with code ${child.exitCode}`);
    try {
      const response = await fetch(`${endpoint}/moto-api/`, { signal: AbortSignal.timeout(1000) });
      await response.arrayBuffer();
      return;
    } catch {
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
  throw new Error(`no answer on ${endpoint} within ${STARTUP_TIMEOUT_MS / 1000}s`);
}

async function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null || child.pid === undefined) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  signalGroup(child.pid, 'SIGTERM');
  const timer = setTimeout(() => signalGroup(child.pid!, 'SIGKILL'), 3000);
  await exited;
  clearTimeout(timer);
}

function signalGroup(pid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(-pid, signal);
  } catch {
    // The group is already gone.
  }
}
