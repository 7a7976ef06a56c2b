// Renaming a block label while keeping the physical name, end to end on the sandbox: the plan
// suggests `bkp state mv`, and apply deletes the old vault before creating the new one (in
// parallel, the create failed with AlreadyExistsException one time in three against moto).
import { expect } from 'chai';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { runBkp, tempDir } from '../support/cli.js';

describe('renaming a block label with the same name end to end (sandbox)', function () {
  this.timeout(120_000);
  let dir: string;
  let cleanup: () => Promise<void>;
  beforeEach(async () => ({ dir, cleanup } = await tempDir('bkp-rename-')));
  afterEach(async () => cleanup());

  const configure = (label: string) => writeFile(join(dir, 'main.bkp.hcl'), `provider "sandbox" {}\n\nbackup_vault "${label}" {\n  name = "main"\n}\n`);
  const bkp = (...args: string[]) => runBkp(args, { cwd: dir });

  it('deletes then re-creates, after a plan that suggests bkp state mv', async () => {
    await configure('old');
    expect((await bkp('apply', '-auto-approve')).code).to.equal(0);
    await configure('main');
    const plan = await bkp('plan');
    expect(plan.code, plan.stderr).to.equal(0);
    expect(plan.stdout).to.include('Plan: 1 to add, 0 to change, 1 to destroy');
    expect(plan.stderr).to.include('backup_vault.main takes the name "main" of backup_vault.old').and.include('bkp state mv backup_vault.old backup_vault.main');

    const apply = await bkp('apply', '-auto-approve');
    expect(apply.code, apply.stdout + apply.stderr).to.equal(0);
    expect(apply.stdout.indexOf('backup_vault.old: Destruction complete')).to.be.greaterThan(-1);
    expect(apply.stdout.indexOf('backup_vault.old: Destruction complete')).to.be.lessThan(apply.stdout.indexOf('backup_vault.main: Creation complete'));
    const again = await bkp('plan', '-detailed-exitcode');
    expect(again.code, again.stdout).to.equal(0);
  });

  it('keeps the object when the user follows the hint', async () => {
    await configure('old');
    expect((await bkp('apply', '-auto-approve')).code).to.equal(0);
    await configure('main');
    expect((await bkp('state', 'mv', 'backup_vault.old', 'backup_vault.main')).code).to.equal(0);
    const plan = await bkp('plan', '-detailed-exitcode');
    expect(plan.code, plan.stdout).to.equal(0);
  });
});
