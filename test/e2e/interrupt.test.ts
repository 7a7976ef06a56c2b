// SIGINT during apply: in-flight calls finish, the state is saved, bkp exits 130, and a new
// apply completes the rest without creating anything twice.
import { expect } from 'chai';
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { ListBackupVaultsCommand } from '@aws-sdk/client-backup';
import { createBackupClient } from '../../src/aws/clients.js';
import { sandboxClientSettings } from '../../src/app/sandbox-provider.js';
import { BKP_BIN, runBkp, tempDir } from '../support/cli.js';

const VAULTS = 8;
const config = `
provider "sandbox" {
  path = ".bkp/sandbox.json"
}

backup_vault "v" {
  for_each = toset([${Array.from({ length: VAULTS }, (_, i) => `"v${i}"`).join(', ')}])
  name     = "vault-\${each.key}"
}
`;

describe('apply interrupted with SIGINT', function () {
  this.timeout(180_000);
  let dir: string;
  let cleanup: () => Promise<void>;

  before(async () => {
    ({ dir, cleanup } = await tempDir());
    await writeFile(join(dir, 'main.bkp.hcl'), config);
  });
  after(async () => cleanup());

  it('saves what completed, exits 130, and the next apply finishes without duplicates', async () => {
    const child = spawn(process.execPath, [BKP_BIN, 'apply', '-auto-approve', '-parallelism=1'], {
      cwd: dir,
      env: { ...process.env, NO_COLOR: '1', BKP_SANDBOX_FAULTS: 'latency_ms=150' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    let signalled = false;
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.stdout.on('data', (d: Buffer) => {
      stdout += d.toString();
      if (!signalled && stdout.includes('Creation complete')) {
        signalled = true;
        child.kill('SIGINT');
      }
    });
    const code = await new Promise<number | null>((resolve) => child.on('close', (c) => resolve(c)));
    expect(signalled, stdout + stderr).to.equal(true);
    expect(code, stdout + stderr).to.equal(130);
    expect(stderr).to.include('Interrupt received');
    expect(stdout).to.include('Apply interrupted.');

    const state = JSON.parse(await readFile(join(dir, 'bkp.state.json'), 'utf8'));
    const saved = state.resources.length as number;
    expect(saved).to.be.greaterThan(0);
    expect(saved).to.be.lessThan(VAULTS);

    const rest = await runBkp(['apply', '-auto-approve'], { cwd: dir });
    expect(rest.code, rest.stdout + rest.stderr).to.equal(0);
    expect(rest.stdout).to.include(`Resources: ${VAULTS - saved} added`);
    const vaults = await createBackupClient(sandboxClientSettings({ region: 'us-east-1', path: join(dir, '.bkp/sandbox.json') })).send(
      new ListBackupVaultsCommand({}),
    );
    expect(vaults.BackupVaultList).to.have.length(VAULTS);
  });
});

// What CI systems send on cancel or timeout (SIGTERM) and a closed terminal (SIGHUP) are Ctrl-C too.
describe('SIGTERM and SIGHUP', function () {
  this.timeout(180_000);
  let dir: string;
  let cleanup: () => Promise<void>;

  beforeEach(async () => {
    ({ dir, cleanup } = await tempDir());
    await writeFile(join(dir, 'main.bkp.hcl'), config);
  });
  afterEach(async () => cleanup());

  /** Runs bkp with slow sandbox calls and sends `signal` once `when` holds of its output. */
  async function interrupted(args: string[], signal: NodeJS.Signals, when: (output: string) => boolean) {
    const child = spawn(process.execPath, [BKP_BIN, ...args], {
      cwd: dir,
      env: { ...process.env, NO_COLOR: '1', BKP_SANDBOX_FAULTS: 'latency_ms=300' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    let signalled = false;
    const watch = (d: Buffer) => {
      output += d.toString();
      if (!signalled && when(output)) {
        signalled = true;
        child.kill(signal);
      }
    };
    child.stdout.on('data', watch);
    child.stderr.on('data', watch);
    const poll = setInterval(() => watch(Buffer.alloc(0)), 20);
    child.on('close', () => clearInterval(poll));
    const code = await new Promise<number | null>((resolve) => child.on('close', (c, s) => resolve(c ?? (s ? 128 : null))));
    expect(signalled, output).to.equal(true);
    return { code, output };
  }

  for (const signal of ['SIGTERM', 'SIGHUP'] as const) {
    it(`${signal} during apply saves what completed and leaves no state lock`, async () => {
      const { code, output } = await interrupted(['apply', '-auto-approve', '-parallelism=1'], signal, (out) => out.includes('Creation complete'));
      expect(code, output).to.equal(130);
      expect(output).to.include('Interrupt received');
      const state = JSON.parse(await readFile(join(dir, 'bkp.state.json'), 'utf8'));
      expect(state.resources.length).to.be.greaterThan(0);
      const plan = await runBkp(['plan', '-lock-timeout=0s'], { cwd: dir });
      expect(plan.code, plan.stdout + plan.stderr).to.equal(0);
    });
  }

  it('SIGTERM during a refresh (no handler of its own) releases the state lock', async () => {
    const first = await runBkp(['apply', '-auto-approve'], { cwd: dir });
    expect(first.code, first.stderr).to.equal(0);
    // The moment the state lock exists, the refresh is under way (its calls take 300 ms each).
    const { output } = await interrupted(['plan'], 'SIGTERM', () => existsSync(join(dir, '.bkp.state.json.lock')));
    expect(existsSync(join(dir, '.bkp.state.json.lock')), output).to.equal(false);
    const plan = await runBkp(['plan', '-lock-timeout=0s'], { cwd: dir });
    expect(plan.code, output + plan.stdout + plan.stderr).to.equal(0);
    expect(plan.stderr).to.not.include('locked');
  });
});
