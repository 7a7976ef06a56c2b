// An object the state already manages at one address cannot be imported at another (bkp import or
// an import block): two blocks would change it in turn on every apply.
import { expect } from 'chai';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { runInProcess } from '../reliability/support/in-process.js';
import { tempDir } from '../support/cli.js';

const CONFIG =
  'provider "sandbox" {\n  path = ".bkp/sandbox.json"\n}\n' +
  'backup_vault "imp" {\n  name = "imp1"\n}\n';
const DUP = 'backup_vault "dup" {\n  name = "imp1"\n  tags = { team = "other" }\n}\n';

describe('importing an object already managed', () => {
  let dir: string;
  let cleanup: () => Promise<void>;
  beforeEach(async () => {
    ({ dir, cleanup } = await tempDir());
    await writeFile(join(dir, 'main.bkp.hcl'), CONFIG);
    const applied = await runInProcess(dir, ['-no-color', 'apply', '-auto-approve']);
    expect(applied.code, applied.stdout + applied.stderr).to.equal(0);
  });
  afterEach(() => cleanup());

  it('bkp import refuses, naming the address that manages it', async () => {
    // (With name = "imp1" too, validate refuses the two blocks first: one vault name, two blocks.)
    await writeFile(join(dir, 'main.bkp.hcl'), CONFIG + DUP.replace('"imp1"', '"imp2"'));
    const result = await runInProcess(dir, ['-no-color', 'import', 'backup_vault.dup', 'imp1']);
    expect(result.code, result.stdout + result.stderr).to.equal(1);
    expect(result.stderr).to.contain('Resource already managed by bkp: backup_vault.imp manages "imp1"');
    expect(result.stderr).to.contain('bkp state mv backup_vault.imp backup_vault.dup');
    expect(result.stderr).not.to.contain('    at ');
    const listed = await runInProcess(dir, ['-no-color', 'state', 'list']);
    expect(listed.stdout.trim().split('\n')).to.deep.equal(['backup_vault.imp']);
  });

  it('an import block is refused at plan time, at the block', async () => {
    await writeFile(join(dir, 'main.bkp.hcl'), CONFIG + DUP.replace('"imp1"', '"imp2"') + 'import {\n  to = backup_vault.dup\n  id = "imp1"\n}\n');
    const result = await runInProcess(dir, ['-no-color', 'plan']);
    const text = result.stdout + result.stderr;
    expect(result.code, text).to.equal(1);
    expect(text).to.contain('Error: Resource already managed by bkp');
    expect(text).to.contain('on main.bkp.hcl line 11');
    expect(text).to.contain('but backup_vault.imp already manages that object');
  });
});
