// Shared set-up of the on-demand backup and jobs end-to-end tests: a temporary directory with a
// sandbox account, source resources added through `bkp sandbox resource add`, and a configuration.
import { spawn } from 'node:child_process';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { createBackupClient } from '../../src/aws/clients.js';
import { sandboxClientSettings } from '../../src/app/sandbox-provider.js';
import { BKP_BIN, runBkp, tempDir, type CliResult } from '../support/cli.js';

export const ROLE = 'arn:aws:iam::123456789012:role/backup';

export interface OnDemandSpec {
  name: string;
  /** A source name (looked up in the inventory) or a full ARN. */
  source: string;
  trigger?: string;
  extra?: string;
}

export class Workspace {
  private constructor(
    readonly dir: string,
    readonly cleanup: () => Promise<void>,
  ) {}

  static async create(): Promise<Workspace> {
    const { dir, cleanup } = await tempDir('bkp-ondemand-');
    return new Workspace(dir, cleanup);
  }

  bkp(...args: string[]): Promise<CliResult> {
    return runBkp(args, { cwd: this.dir });
  }

  async ok(...args: string[]): Promise<CliResult> {
    const result = await this.bkp(...args);
    if (result.code !== 0) throw new Error(`bkp ${args.join(' ')} exited ${result.code}\n${result.stdout}\n${result.stderr}`);
    return result;
  }

  /** Adds a source resource and returns its ARN. */
  async addSource(type: string, name: string, ...flags: string[]): Promise<string> {
    await this.ok('sandbox', 'resource', 'add', type, name, ...flags);
    const list = JSON.parse((await this.ok('sandbox', 'resource', 'list', '--json')).stdout) as Array<{ name: string; type: string; arn: string }>;
    return list.find((r) => r.name === name && r.type === type)!.arn;
  }

  async configure(backups: Array<OnDemandSpec & { arn: string }>, vaultExtra = ''): Promise<void> {
    const blocks = backups.map(
      (b) => `
on_demand_backup "${b.name}" {
  resource_arn = "${b.arn}"
  vault        = backup_vault.main.name
  iam_role_arn = "${ROLE}"
  trigger      = "${b.trigger ?? 't1'}"
  ${b.extra ?? ''}
}`,
    );
    await writeFile(
      join(this.dir, 'main.bkp.hcl'),
      `provider "sandbox" {}\n\nbackup_vault "main" {\n  name = "main"\n  ${vaultExtra}\n}\n${blocks.join('\n')}\n`,
    );
  }

  backupClient() {
    return createBackupClient(sandboxClientSettings({ region: 'us-east-1', path: join(this.dir, '.bkp/sandbox.json') }));
  }

  async state(): Promise<{ lineage: string; resources: Array<{ address: string; id: string; attributes: Record<string, unknown> }>; jobs: Array<{ job_id: string; address: string; state: string }> }> {
    const { readFile } = await import('node:fs/promises');
    return JSON.parse(await readFile(join(this.dir, 'bkp.state.json'), 'utf8'));
  }

  async jobsJson(...args: string[]): Promise<Array<{ address: string | null; job_id: string; state: string; status_message: string | null }>> {
    return (JSON.parse((await this.bkp('jobs', '-json', ...args)).stdout) as { jobs: Array<{ address: string | null; job_id: string; state: string; status_message: string | null }> }).jobs;
  }

  /** Starts a long-running bkp (jobs --watch) and lets the test wait for its output. */
  start(...args: string[]): RunningBkp {
    const child = spawn(process.execPath, [BKP_BIN, ...args], { cwd: this.dir, env: { ...process.env, NO_COLOR: '1', FORCE_COLOR: '' } });
    const running: RunningBkp = {
      stdout: '',
      stderr: '',
      done: new Promise((resolve) => child.on('close', (code) => resolve({ code: code ?? 1, stdout: running.stdout, stderr: running.stderr }))),
      async waitFor(pattern: RegExp) {
        for (let i = 0; i < 600 && !pattern.test(running.stdout); i++) await new Promise((r) => setTimeout(r, 50));
        if (!pattern.test(running.stdout)) throw new Error(`never printed ${pattern}:\n${running.stdout}\n${running.stderr}`);
      },
    };
    child.stdout.on('data', (d: Buffer) => (running.stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (running.stderr += d.toString()));
    return running;
  }
}

export interface RunningBkp {
  stdout: string;
  stderr: string;
  done: Promise<CliResult>;
  waitFor(pattern: RegExp): Promise<void>;
}
