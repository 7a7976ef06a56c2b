// -target and -replace take addresses, and bkp import an ID: a value that is no address (or an
// empty ID) is a usage error before any planning or AWS call, instead of a plan that silently
// targets or replaces nothing, or an AWS error about the request bkp made of it.
import { expect } from 'chai';
import { readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { runInProcess } from '../reliability/support/in-process.js';
import { tempDir } from '../support/cli.js';

describe('-target, -replace and import arguments', () => {
  let dir: string;
  let cleanup: () => Promise<void>;
  before(async () => {
    ({ dir, cleanup } = await tempDir('bkp-address-flags-'));
    await writeFile(join(dir, 'main.bkp.hcl'), 'provider "sandbox" {\n  path = ".bkp/sandbox.json"\n}\n\nbackup_vault "main" {\n  name = "main"\n}\n');
    const applied = await runInProcess(dir, ['apply', '-auto-approve', '-no-color']);
    expect(applied.code, applied.stderr).to.equal(0);
  });
  after(() => cleanup());

  const bkp = (...args: string[]) => runInProcess(dir, [...args, '-no-color']);

  it('refuses a -target that is neither a resource nor a module address', async () => {
    const result = await bkp('plan', '-target=nonsense!!');
    expect(result.code).to.equal(1);
    expect(result.stderr).to.include('-target=nonsense!!: "nonsense!!" is neither a resource nor a module address.');
    expect(result.stderr).not.to.include('bug in bkp');
  });

  it('refuses a -replace that is no resource address, and apply changes nothing', async () => {
    const state = await readFile(join(dir, 'bkp.state.json'), 'utf8');
    const result = await bkp('apply', '-auto-approve', '-replace=backup_vault');
    expect(result.code).to.equal(1);
    expect(result.stderr).to.include('-replace=backup_vault: "backup_vault" is not a resource address.');
    expect(await readFile(join(dir, 'bkp.state.json'), 'utf8')).to.equal(state);
  });

  it('refuses a -replace that names a module, as README says of any non-resource address', async () => {
    const result = await bkp('plan', '-replace=module.x');
    expect(result.code).to.equal(1);
    expect(result.stderr).to.include('-replace=module.x: "module.x" is a module, not a resource address.');
  });

  it('warns when a -target matches nothing in the configuration or the state (a typo)', async () => {
    const typo = await bkp('plan', '-target=backup_vault.nope');
    expect(typo.code).to.equal(0);
    expect(typo.stdout + typo.stderr).to.include('Warning: -target=backup_vault.nope matches nothing');
    const real = await bkp('plan', '-target=backup_vault.main');
    expect(real.stdout + real.stderr).not.to.include('matches nothing');
  });

  it('refuses an empty ID to import, before any call', async () => {
    await writeFile(join(dir, 'second.bkp.hcl'), 'backup_vault "second" {\n  name = "second"\n}\n');
    try {
      const result = await bkp('import', 'backup_vault.second', '');
      expect(result.code).to.equal(1);
      expect(result.stderr).to.include('The <id> argument is empty: it needs the id of the AWS object');
      expect(result.stderr).not.to.include('Exception');
    } finally {
      await rm(join(dir, 'second.bkp.hcl'));
    }
  });

  it('refuses to import into what is no resource address, before reading the configuration', async () => {
    for (const address of ['nonsense!!', 'backup_vault']) {
      const result = await bkp('import', address, 'main');
      expect(result.code, address).to.equal(1);
      expect(result.stderr).to.include(`"${address}" is not a resource address.`);
      expect(result.stderr).not.to.include('Write its block first');
    }
    const module = await bkp('import', 'module.team', 'main');
    expect(module.stderr).to.include('module.team is a module: bkp import takes the address of one resource.');
  });

  it('takes resource and module addresses', async () => {
    for (const flag of ['-target=backup_vault.main', '-target=module.team', '-target=module.team["a"].backup_vault.main', '-replace=backup_vault.main']) {
      const result = await bkp('plan', flag);
      expect(result.code, `${flag}: ${result.stderr}`).to.equal(0);
    }
  });
});
