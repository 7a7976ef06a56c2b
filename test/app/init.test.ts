// `bkp init`: the starter configuration in a new directory; nothing written where a configuration
// already is (a Terraform user runs init first in every CI job); a .gitignore of the user's kept.
import { expect } from 'chai';
import { readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { runInProcess } from '../reliability/support/in-process.js';
import { tempDir } from '../support/cli.js';

describe('bkp init', () => {
  let dir: string;
  let cleanup: () => Promise<void>;
  beforeEach(async () => ({ dir, cleanup } = await tempDir('bkp-init-')));
  afterEach(() => cleanup());

  it('writes a starter configuration that validates, and a .gitignore for the state', async () => {
    const init = await runInProcess(dir, ['init', '-no-color']);
    expect(init.code, init.stderr).to.equal(0);
    expect(init.stdout).to.include('Wrote main.bkp.hcl and .gitignore.');
    expect(await readFile(join(dir, '.gitignore'), 'utf8')).to.include('bkp.state.json');
    const validate = await runInProcess(dir, ['validate', '-no-color']);
    expect(validate.code, validate.stderr).to.equal(0);
  });

  it('writes nothing, and succeeds, where a configuration already is: run again, or in any configuration', async () => {
    await runInProcess(dir, ['init', '-no-color']);
    await writeFile(join(dir, 'vaults.bkp.hcl'), 'backup_vault "other" {\n  name = "other"\n}\n');
    const before = await readFile(join(dir, 'main.bkp.hcl'), 'utf8');
    const again = await runInProcess(dir, ['init', '-no-color']);
    expect(again.code, again.stderr).to.equal(0);
    expect(again.stdout).to.include('The directory already holds a configuration (main.bkp.hcl and 1 other configuration file): bkp init wrote nothing.');
    expect(await readFile(join(dir, 'main.bkp.hcl'), 'utf8')).to.equal(before);
    expect((await readdir(dir)).sort()).to.deep.equal(['.gitignore', 'main.bkp.hcl', 'vaults.bkp.hcl']);
  });

  it('leaves a .gitignore of the user\'s as it is, and says what to add to it', async () => {
    await writeFile(join(dir, '.gitignore'), 'node_modules/\n');
    const init = await runInProcess(dir, ['init', '-no-color']);
    expect(init.code, init.stderr).to.equal(0);
    expect(init.stdout).to.include('Wrote main.bkp.hcl.').and.include('.gitignore exists and was left as it is').and.include('  bkp.state.json\n');
    expect(await readFile(join(dir, '.gitignore'), 'utf8')).to.equal('node_modules/\n');
  });

  it('says, without a stack, when a file is in the way of the directory to initialize', async () => {
    await writeFile(join(dir, 'afile'), 'x');
    for (const [target, reason] of [
      ['afile', 'a file of that name is in the way'],
      [join('afile', 'sub'), 'a part of its path is a file, not a folder'],
    ] as const) {
      const init = await runInProcess(join(dir, target), ['init', '-no-color']);
      expect(init.code).to.equal(1);
      expect(init.stderr).to.include(`bkp init cannot write ${join(dir, target)}: ${reason}.`);
      expect(init.stderr).not.to.include('bug in bkp');
    }
  });
});
