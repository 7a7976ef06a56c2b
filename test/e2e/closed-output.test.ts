// `bkp plan | head -1`: the reader of stdout goes away before bkp has written everything. bkp must
// neither crash with a stack trace (Node's unhandled EPIPE) nor stop an apply half-way: the command
// finishes and only its output is dropped.
import { expect } from 'chai';
import { spawn } from 'node:child_process';
import { closeSync, existsSync, openSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { BKP_BIN, tempDir } from '../support/cli.js';

const config = `
provider "sandbox" {
  path = ".bkp/sandbox.json"
}

backup_vault "main" {
  name = "main"
}

backup_plan "daily" {
  name = "daily"
  rule "daily" {
    target_vault = backup_vault.main.name
  }
}
`;

/** Runs bkp with its stdout closed by the reader as soon as it starts. */
function runWithClosedStdout(args: string[], cwd: string): Promise<{ code: number | null; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BKP_BIN, ...args], { cwd, env: { ...process.env, NO_COLOR: '1' }, stdio: ['ignore', 'pipe', 'pipe'] });
    child.stdout.destroy();
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stderr }));
  });
}

describe('a reader that closes stdout early (bkp … | head)', function () {
  this.timeout(60_000);
  let dir: string;
  let cleanup: () => Promise<void>;

  before(async () => {
    ({ dir, cleanup } = await tempDir());
    await writeFile(join(dir, 'main.bkp.hcl'), config);
  });
  after(async () => cleanup());

  it('validate exits 0 without a stack trace', async () => {
    const run = await runWithClosedStdout(['validate'], dir);
    expect(run.stderr).not.to.match(/EPIPE|at .*\(.*:\d+:\d+\)/);
    expect(run.code).to.equal(0);
  });

  it('a write that fails otherwise (stdout on a full device) is an error on stderr and exit 1, not a stack trace or a silent success', async function () {
    if (!existsSync('/dev/full')) {
      process.stdout.write('skipped: this machine has no /dev/full\n');
      this.skip();
    }
    const run = await new Promise<{ code: number | null; stderr: string }>((resolve, reject) => {
      const full = openSync('/dev/full', 'w');
      const child = spawn(process.execPath, [BKP_BIN, 'validate'], { cwd: dir, env: { ...process.env, NO_COLOR: '1' }, stdio: ['ignore', full, 'pipe'] });
      closeSync(full);
      let stderr = '';
      child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
      child.on('error', reject);
      child.on('close', (code) => resolve({ code, stderr }));
    });
    expect(run.stderr).to.include('bkp could not write its output: ENOSPC');
    expect(run.stderr).not.to.match(/at .*\(.*:\d+:\d+\)/);
    expect(run.code).to.equal(1);
  });

  it('apply still applies everything and writes its state', async () => {
    const run = await runWithClosedStdout(['apply', '-auto-approve'], dir);
    expect(run.stderr).not.to.match(/EPIPE|at .*\(.*:\d+:\d+\)/);
    expect(run.code).to.equal(0);
    const state = JSON.parse(await readFile(join(dir, 'bkp.state.json'), 'utf8')) as { resources: { address: string }[] };
    expect(state.resources.map((r) => r.address).sort()).to.deep.equal(['backup_plan.daily', 'backup_vault.main']);
  });
});
