// The built CLI as a child process that a test hook kills at a chosen point (see the
// BKP_TEST_KILL_* hooks in src/sandbox/transport.ts and src/state/durable-file-adapter.ts).
import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BKP_BIN } from '../../support/cli.js';
import type { ReliabilityFigures } from './figures.js';

export interface ChildOutcome {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
  /** "METHOD PATH" of every AWS request the child made (BKP_TEST_CALL_LOG). */
  calls: string[];
}

const DELETE_RECOVERY_POINT = /^DELETE \/backup-vaults\/[^/]+\/recovery-points\//;

/** Adds a child's AWS calls to the figures; a DeleteRecoveryPoint among them is counted (and must be 0). */
export function countCalls(figures: ReliabilityFigures, outcome: ChildOutcome): void {
  figures.awsCalls += outcome.calls.length;
  figures.deleteRecoveryPointCalls += outcome.calls.filter((c) => DELETE_RECOVERY_POINT.test(c)).length;
}

export async function runChild(dir: string, args: readonly string[], env: NodeJS.ProcessEnv): Promise<ChildOutcome> {
  const callLog = join(tmpdir(), `bkp-calls-${randomUUID()}.log`);
  const outcome = await spawnChild(dir, args, { BKP_TEST_CALL_LOG: callLog, ...env });
  const log = await readFile(callLog, 'utf8').catch(() => '');
  await rm(callLog, { force: true });
  return { ...outcome, calls: log.split('\n').filter((line) => line !== '') };
}

function spawnChild(dir: string, args: readonly string[], env: NodeJS.ProcessEnv): Promise<Omit<ChildOutcome, 'calls'>> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BKP_BIN, ...args], {
      cwd: dir,
      env: { ...process.env, NO_COLOR: '1', FORCE_COLOR: '', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('error', reject);
    child.on('close', (code, signal) => resolve({ code, signal, stdout, stderr }));
  });
}
