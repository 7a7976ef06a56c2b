// Terraform commands bkp has under another name (refresh, taint) or not at all (untaint,
// workspace) say what to run instead; `bkp version` prints the version as `terraform version` does.
import { expect } from 'chai';
import { readdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { runInProcess } from '../reliability/support/in-process.js';
import { tempDir } from '../support/cli.js';
import { bkpVersion } from '../../src/core/version.js';
import type { Io } from '../../src/cli/io.js';

function silentIo(): Io {
  const ignore = () => undefined;
  return { out: ignore, err: ignore, status: ignore, color: false, colorErr: false, stdoutIsTty: false, stderrIsTty: false, stdinIsTty: false };
}

describe('Terraform commands', () => {
  let dir: string;
  let cleanup: () => Promise<void>;
  before(async () => {
    ({ dir, cleanup } = await tempDir('bkp-terraform-commands-'));
    await writeFile(join(dir, 'main.bkp.hcl'), 'provider "sandbox" {\n  path = ".bkp/sandbox.json"\n}\n');
  });
  after(() => cleanup());

  for (const [args, message, hint] of [
    [['refresh'], 'bkp has no refresh command', 'bkp apply -refresh-only'],
    [['taint', 'backup_vault.main'], 'bkp has no taint command', 'bkp apply -replace=ADDRESS'],
    [['untaint', 'backup_vault.main'], 'bkp has no untaint command', '-replace=ADDRESS'],
    [['workspace', 'new', 'prod'], 'bkp has no workspaces.', '-chdir=DIR'],
  ] as const) {
    it(`bkp ${args.join(' ')} says what to run instead, and does nothing`, async () => {
      const result = await runInProcess(dir, [...args, '-no-color']);
      expect(result.code).to.equal(1);
      expect(result.stderr).to.include(message);
      expect(result.stderr).to.include(hint);
      expect(await readdir(dir)).to.deep.equal(['main.bkp.hcl']);
    });
  }

  it('bkp version prints the version, and --help lists none of these', async () => {
    const version = await runInProcess(dir, ['version']);
    expect(version.code).to.equal(0);
    expect(version.stdout).to.equal(`${bkpVersion()}\n`);
    const { buildParser } = await import('../../src/cli/main.js');
    const help = await (await buildParser([], silentIo())).getHelp();
    expect(help).to.include('bkp plan');
    expect(help).not.to.match(/^\s+bkp (refresh|taint|untaint|workspace|version)\b/m);
  });

  it('is told apart from a flag value of the same name', async () => {
    const result = await runInProcess(dir, ['-var-file', 'refresh', 'validate', '-no-color']);
    expect(result.stderr).not.to.include('bkp has no refresh command');
    expect(result.stderr).to.include('refresh');
  });
});
