// Shared helpers for the state tests: temp directories, sample documents, child processes.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { StateJob, StateResource } from '../../src/state/model.js';

const repoRoot = fileURLToPath(new URL('../../', import.meta.url));

/** A fresh directory per test, removed by the returned cleanup. */
export function tempDir(): { dir: string; cleanup: () => void } {
  const dir = mkdtempSync(join(tmpdir(), 'bkp-state-test-'));
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

export function sampleResource(name: string, attributes: StateResource['attributes'] = {}): StateResource {
  return {
    address: `backup_vault.${name}`,
    kind: 'backup_vault',
    name,
    provider: 'aws',
    id: name,
    attributes: { name, arn: `arn:aws:backup:eu-west-1:123456789012:backup-vault:${name}`, ...attributes },
    dependencies: [],
  };
}

export function sampleJob(jobId: string): StateJob {
  return {
    address: 'on_demand_backup.before-migration',
    job_id: jobId,
    trigger: '2026-11-25',
    resource_arn: 'arn:aws:ec2:eu-west-1:123456789012:instance/i-0abc',
    vault: 'main',
    state: 'CREATED',
    started_at: '2026-11-25T10:00:00.000Z',
    idempotency_token: `token-${jobId}`,
  };
}

/**
 * Runs a TypeScript fixture in its own Node process (the tsx loader, as `npx tsx` would, but
 * without a wrapper process, so a signal reaches the process that writes).
 */
export function spawnFixture(name: string, args: string[]): ChildProcess {
  return spawn(process.execPath, ['--import', 'tsx', join(repoRoot, 'test/state/fixtures', name), ...args], {
    cwd: repoRoot,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
}

export interface ChildResult {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

export function waitForExit(child: ChildProcess): Promise<ChildResult> {
  let stdout = '';
  let stderr = '';
  child.stdout?.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  return new Promise((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code, signal) => resolve({ code, signal, stdout, stderr }));
  });
}

/** Resolves once the child's stdout has a line satisfying `accept`. */
export function waitForLine(child: ChildProcess, accept: (line: string) => boolean): Promise<string> {
  return new Promise((resolve, reject) => {
    let buffer = '';
    let stderr = '';
    child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const onData = (chunk: Buffer) => {
      buffer += chunk.toString();
      const lines = buffer.split('\n');
      buffer = lines.pop() ?? '';
      const found = lines.find(accept);
      if (found !== undefined) {
        child.stdout?.off('data', onData);
        resolve(found);
      }
    };
    child.stdout?.on('data', onData);
    child.on('close', (code) => reject(new Error(`child exited (${code}) before the expected output; stderr: ${stderr}`)));
  });
}
