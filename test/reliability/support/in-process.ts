// Runs bkp commands inside the test process (same parser, same top-level error mapping as
// bin/bkp.js), so the fault suites can run hundreds of applies quickly and count the sandbox's
// injected faults through its in-process injector.
//
// Everything is loaded with import(): mocha may load test files through require(), and bkp's own
// lazy import()s would then see a second copy of each module (so `instanceof UserError` fails
// and the faults set here would not be the ones the transport reads).
import type { Io } from '../../../src/cli/io.js';
import type { FaultConfig, FaultInjector } from '../../../src/sandbox/faults.js';
import type { CliResult } from '../../support/cli.js';

function captureIo(): { io: Io; stdout: () => string; stderr: () => string } {
  let out = '';
  let err = '';
  const line = (text: string) => (text.endsWith('\n') || text === '' ? text : `${text}\n`);
  const io: Io = {
    out: (text) => void (out += line(text)),
    err: (text) => void (err += line(text)),
    status: (text) => void (err += text),
    color: false,
    colorErr: false,
    stdoutIsTty: false,
    stderrIsTty: false,
    stdinIsTty: false,
  };
  return { io, stdout: () => out, stderr: () => err };
}

/**
 * The SDK sleeps between retries (up to 20 s, 0.5 s and more after a throttle) with the global
 * setTimeout. The suites test what the retries do, not how long they wait: while `fastRetries`
 * runs, every global timer fires within a millisecond. (The sandbox's injected latency uses
 * node:timers/promises, which this does not touch.)
 */
async function withFastTimers<T>(work: () => Promise<T>): Promise<T> {
  const original = globalThis.setTimeout;
  const fast = ((handler: (...args: unknown[]) => void, _delay?: number, ...args: unknown[]) =>
    original(handler, 1, ...args)) as unknown as typeof setTimeout;
  globalThis.setTimeout = Object.assign(fast, original);
  try {
    return await work();
  } finally {
    globalThis.setTimeout = original;
  }
}

export interface InProcessOptions {
  /** Compress the SDK's retry back-off (see withFastTimers). */
  fastRetries?: boolean;
}

/** `bkp -chdir=DIR ARGS…` in this process; never throws: errors become exit codes as in the CLI. */
export async function runInProcess(dir: string, args: readonly string[], options: InProcessOptions = {}): Promise<CliResult> {
  return options.fastRetries ? withFastTimers(() => runOnce(dir, args)) : runOnce(dir, args);
}

async function runOnce(dir: string, args: readonly string[]): Promise<CliResult> {
  const { io, stdout, stderr } = captureIo();
  const savedExitCode = process.exitCode;
  process.exitCode = undefined;
  let code: number;
  const { normalizeArgv } = await import('../../../src/cli/argv.js');
  const { buildParser, reportError } = await import('../../../src/cli/main.js');
  try {
    await (await buildParser(normalizeArgv([`-chdir=${dir}`, ...args]), io)).parseAsync();
    code = typeof process.exitCode === 'number' ? process.exitCode : 0;
  } catch (error) {
    code = reportError(error, io);
  } finally {
    process.exitCode = savedExitCode;
  }
  return { code, stdout: stdout(), stderr: stderr() };
}

/** Sets the in-process sandbox faults (undefined: none), in the module instance bkp uses. */
export async function setFaults(config: Partial<FaultConfig> | undefined): Promise<FaultInjector | undefined> {
  const { setSandboxFaults } = await import('../../../src/sandbox/faults.js');
  return setSandboxFaults(config);
}
