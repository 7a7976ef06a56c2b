// The README's main command: the quickstart applies on a fresh sandbox and then plans no changes.
import { expect } from 'chai';
import { cp, readFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { runBkp, tempDir } from '../support/cli.js';

const QUICKSTART = resolve(import.meta.dirname, '../../examples/quickstart');

describe('examples/quickstart on a fresh sandbox', function () {
  this.timeout(120_000);
  let dir: string;
  let cleanup: () => Promise<void>;

  before(async () => {
    ({ dir, cleanup } = await tempDir());
    await cp(join(QUICKSTART, 'main.bkp.hcl'), join(dir, 'main.bkp.hcl'));
  });
  after(async () => cleanup());

  it('validates', async () => {
    const r = await runBkp(['-chdir=' + dir, 'validate'], { cwd: dir });
    expect(r.code, r.stderr).to.equal(0);
    expect(r.stdout).to.include('Success!');
  });

  it('applies, creating the sandbox sources its provider block declares, then has no changes', async () => {
    const apply = await runBkp(['-chdir=' + dir, 'apply', '-auto-approve'], { cwd: dir });
    expect(apply.code, apply.stdout + apply.stderr).to.equal(0);
    expect(apply.stdout).to.include('Apply complete!');
    const account = JSON.parse(await readFile(join(dir, '.bkp/sandbox.json'), 'utf8'));
    const web = account.inventory.find((r: { name: string }) => r.name === 'web');
    expect(web.id).to.equal('i-0a1b2c3d4e5f60001');
    expect(web.tags.backup).to.equal('standard');
    const plan = await runBkp(['-chdir=' + dir, 'plan', '-detailed-exitcode'], { cwd: dir });
    expect(plan.code, plan.stdout + plan.stderr).to.equal(0);
  });

  it('a second apply does not add the sources again', async () => {
    const apply = await runBkp(['-chdir=' + dir, 'apply', '-auto-approve'], { cwd: dir });
    expect(apply.code, apply.stderr).to.equal(0);
    const account = JSON.parse(await readFile(join(dir, '.bkp/sandbox.json'), 'utf8'));
    expect(account.inventory.filter((r: { name: string }) => r.name === 'web')).to.have.length(1);
  });
});
