// `bkp generate`'s flags: a wrong value is a user error that says what to write, never a bug
// report, and nothing is written or created because of it.
import { expect } from 'chai';
import { readdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { runInProcess } from '../reliability/support/in-process.js';
import { tempDir } from '../support/cli.js';

describe('bkp generate: flags', () => {
  let dir: string;
  let cleanup: () => Promise<void>;
  beforeEach(async () => {
    ({ dir, cleanup } = await tempDir('bkp-generate-flags-'));
    await writeFile(join(dir, 'main.bkp.hcl'), 'provider "sandbox" {\n  path   = ".bkp/sandbox.json"\n  region = "eu-west-1"\n}\n\nbackup_vault "main" {\n  name = "main"\n}\n');
    const applied = await runInProcess(dir, ['apply', '-auto-approve', '-no-color']);
    expect(applied.code, applied.stderr).to.equal(0);
  });
  afterEach(() => cleanup());

  const generate = (...args: string[]) => runInProcess(dir, ['generate', '-out=adopted', ...args, '-no-color']);
  const refused = (result: { code: number; stderr: string }, message: string) => {
    expect(result.code).to.equal(1);
    expect(result.stderr).to.include(message);
    expect(result.stderr).not.to.include('bug in bkp');
  };

  it('reads the account a sandbox file holds', async () => {
    const result = await generate('-sandbox=.bkp/sandbox.json', '-region=eu-west-1');
    expect(result.code, result.stderr).to.equal(0);
    expect((await readdir(join(dir, 'adopted'))).sort()).to.include.members(['imports.bkp.hcl', 'vaults.bkp.hcl']);
  });

  it('refuses -parallelism outside 1 to 1000, as plan does', async () => {
    refused(await generate('-sandbox=.bkp/sandbox.json', '-parallelism=0'), '-parallelism must be a whole number from 1 to 1000, not 0.');
    const notANumber = await generate('-sandbox=.bkp/sandbox.json', '-parallelism=many');
    refused(notANumber, '-parallelism must be a whole number from 1 to 1000.');
    expect(notANumber.stderr).not.to.include('NaN');
  });

  it('refuses a -sandbox file that does not exist, and creates none', async () => {
    refused(await generate('-sandbox=missing/sandbox.json'), `there is no sandbox account file at ${join(dir, 'missing', 'sandbox.json')}`);
    expect(await readdir(dir)).not.to.include.members(['missing', 'adopted']);
  });

  it('refuses a -region that is no Region, which the generated provider block could not hold', async () => {
    refused(await generate('-sandbox=.bkp/sandbox.json', '-region=Europe'), '"Europe" is not an AWS Region.');
    expect(await readdir(dir)).not.to.include('adopted');
  });
});
