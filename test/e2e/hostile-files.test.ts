// The built CLI pointed at files that never end or never open: named pipes and /dev/zero as a
// configuration file, a -var-file, a file() argument, a state file and a saved plan. Each run ends
// with exit 1 and one "Error: …" naming the file and why, leaves no lock behind, and does not hang.
import { expect } from 'chai';
import { execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BKP_BIN, type CliResult } from '../support/cli.js';

const SANDBOX = 'provider "sandbox" {}\n';
/** A run that has not ended by then is hung: it is killed so that the test reports it instead of waiting forever. */
const HANG_GUARD_MS = 30_000;

function runGuarded(args: string[], cwd: string): Promise<CliResult & { hung: boolean }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BKP_BIN, ...args], { cwd, env: { ...process.env, NO_COLOR: '1' }, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    let hung = false;
    const guard = setTimeout(() => {
      hung = true;
      child.kill('SIGKILL');
    }, HANG_GUARD_MS);
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(guard);
      resolve({ code: code ?? 1, stdout, stderr, hung });
    });
  });
}

function expectRefused(result: CliResult & { hung: boolean }, message: string): void {
  expect(result.hung, 'the run hung and was killed').to.equal(false);
  expect(result.code).to.equal(1);
  const first = result.stderr.split('\n')[0];
  expect(first).to.equal(`Error: ${message}`);
  expect(result.stderr).not.to.match(/bug in bkp|\n\s+at /);
}

describe('e2e: named pipes and endless files', function () {
  let dir: string;
  before(function () {
    if (process.platform === 'win32' || !existsSync('/dev/zero')) this.skip();
  });
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'bkp-hostile-files-'));
    writeFileSync(join(dir, 'main.bkp.hcl'), SANDBOX);
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  const mkfifo = (name: string): void => {
    execFileSync('mkfifo', [join(dir, name)]);
  };

  it('a *.bkp.hcl that is a named pipe', async () => {
    mkfifo('x.bkp.hcl');
    expectRefused(await runGuarded(['validate'], dir), 'Cannot read the configuration file x.bkp.hcl: it is a named pipe (FIFO), not a regular file.');
  });

  it('a *.bkp.hcl linked to /dev/zero', async () => {
    symlinkSync('/dev/zero', join(dir, 'z.bkp.hcl'));
    expectRefused(await runGuarded(['validate'], dir), 'Cannot read the configuration file z.bkp.hcl: it is a character device, not a regular file.');
  });

  it('file() of a named pipe and of /dev/zero', async () => {
    mkfifo('pipe');
    writeFileSync(join(dir, 'main.bkp.hcl'), `${SANDBOX}locals {\n  a = file("pipe")\n  b = file("/dev/zero")\n}\n`);
    const result = await runGuarded(['validate'], dir);
    expect(result.hung).to.equal(false);
    expect(result.code).to.equal(1);
    expect(result.stderr).to.contain('file(): cannot read "pipe": it is a named pipe (FIFO), not a regular file.');
    expect(result.stderr).to.contain('file(): cannot read "/dev/zero": it is a character device, not a regular file.');
  });

  it('-var-file of a named pipe and of /dev/zero', async () => {
    mkfifo('v.bkpvars.hcl');
    for (const [file, why] of [
      ['v.bkpvars.hcl', 'a named pipe (FIFO)'],
      ['/dev/zero', 'a character device'],
    ] as const) {
      const result = await runGuarded(['validate', `-var-file=${file}`], dir);
      expect(result.hung).to.equal(false);
      expect(result.code).to.equal(1);
      expect(result.stderr).to.contain(`it is ${why}, not a regular file.`);
    }
  });

  it('a state file that is a named pipe: refused, and no lock is left behind', async () => {
    mkfifo('bkp.state.json');
    expectRefused(await runGuarded(['plan'], dir), 'Cannot read the state file bkp.state.json: it is a named pipe (FIFO), not a regular file.');
    expect(readdirSync(dir).filter((n) => n.includes('lock'))).to.deep.equal([]);
  });

  it('a saved plan that is a named pipe, for show and apply', async () => {
    mkfifo('plan.bin');
    for (const command of [['show', 'plan.bin'], ['apply', 'plan.bin']]) {
      expectRefused(await runGuarded(command, dir), 'Cannot read the plan file plan.bin: it is a named pipe (FIFO), not a regular file.');
    }
  });
});
