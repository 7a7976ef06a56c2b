// Adopting existing objects (import blocks and `bkp import`) and editing state (show, state list,
// show, mv, rm, force-unlock) through the CLI on the sandbox.
import { expect } from 'chai';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { CreateBackupVaultCommand, ListBackupVaultsCommand } from '@aws-sdk/client-backup';
import { createBackupClient } from '../../src/aws/clients.js';
import { sandboxClientSettings } from '../../src/app/sandbox-provider.js';
import { runBkp, tempDir } from '../support/cli.js';

const provider = `
provider "sandbox" {
  path = ".bkp/sandbox.json"
}
`;

describe('import and state commands', function () {
  this.timeout(120_000);
  let dir: string;
  let cleanup: () => Promise<void>;
  const bkp = (...args: string[]) => runBkp(args, { cwd: dir });
  const backup = () => createBackupClient(sandboxClientSettings({ region: 'us-east-1', path: join(dir, '.bkp/sandbox.json') }));
  const writeConfig = (body: string) => writeFile(join(dir, 'main.bkp.hcl'), provider + body);

  before(async () => {
    ({ dir, cleanup } = await tempDir());
    await writeConfig('');
    await backup().send(new CreateBackupVaultCommand({ BackupVaultName: 'orphan', BackupVaultTags: { team: 'infra' } }));
    await backup().send(new CreateBackupVaultCommand({ BackupVaultName: 'second' }));
  });
  after(async () => cleanup());

  it('an import block adopts an existing vault: planned as an import, recorded by apply', async () => {
    await writeConfig(`
backup_vault "orphan" {
  name = "orphan"
  tags = { team = "infra" }
}

import {
  to = backup_vault.orphan
  id = "orphan"
}
`);
    const plan = await bkp('plan', '-detailed-exitcode');
    expect(plan.code, plan.stdout + plan.stderr).to.equal(2);
    expect(plan.stdout).to.include('# backup_vault.orphan will be imported');
    expect(plan.stdout).to.include('Plan: 1 to import, 0 to add, 0 to change, 0 to destroy');
    // As Terraform's JSON plan: the import is marked, so CI tools can tell it from a creation.
    const json = await bkp('plan', '-json');
    const change = (JSON.parse(json.stdout) as { resource_changes: Array<{ address: string; change: { actions: string[]; importing?: { id: string } } }> }).resource_changes.find(
      (c) => c.address === 'backup_vault.orphan',
    );
    expect(change?.change.importing, json.stdout).to.deep.equal({ id: 'orphan' });
    expect(change?.change.actions).to.deep.equal(['no-op']);
    const apply = await bkp('apply', '-auto-approve');
    expect(apply.code, apply.stdout + apply.stderr).to.equal(0);
    const again = await bkp('plan', '-detailed-exitcode');
    expect(again.code, again.stdout).to.equal(0);
  });

  it('an import block naming a missing object is a plan error', async () => {
    await writeConfig(`
backup_vault "ghost" {
  name = "ghost"
}

import {
  to = backup_vault.ghost
  id = "ghost"
}
`);
    const plan = await bkp('plan');
    expect(plan.code).to.equal(1);
    expect(plan.stderr).to.include('Cannot import non-existent remote object');
    expect(plan.stderr).to.include('main.bkp.hcl line');
  });

  it('bkp import adopts an object by id; state list and show display it', async () => {
    await writeConfig(`
backup_vault "orphan" {
  name = "orphan"
  tags = { team = "infra" }
}

backup_vault "second" {
  name = "second"
}
`);
    const imported = await bkp('import', 'backup_vault.second', 'second');
    expect(imported.code, imported.stderr).to.equal(0);
    expect(imported.stdout).to.include('Import successful!');
    const twice = await bkp('import', 'backup_vault.second', 'second');
    expect(twice.code).to.equal(1);
    expect(twice.stderr).to.include('already managed');
    const list = await bkp('state', 'list');
    expect(list.stdout.trim().split('\n')).to.deep.equal(['backup_vault.orphan', 'backup_vault.second']);
    const show = await bkp('state', 'show', 'backup_vault.second');
    expect(show.stdout).to.include('resource "backup_vault" "second"');
    expect(show.stdout).to.match(/name\s+= "second"/);
    const json = JSON.parse((await bkp('show', '-json')).stdout);
    expect(json.values.root_module.resources.map((r: { address: string }) => r.address)).to.deep.equal(['backup_vault.orphan', 'backup_vault.second']);
    const plan = await bkp('plan', '-detailed-exitcode');
    expect(plan.code, plan.stdout).to.equal(0);
  });

  it('state mv follows a renamed block; state rm forgets without deleting', async () => {
    await writeConfig(`
backup_vault "orphan" {
  name = "orphan"
  tags = { team = "infra" }
}

backup_vault "renamed" {
  name = "second"
}
`);
    const mv = await bkp('state', 'mv', 'backup_vault.second', 'backup_vault.renamed');
    expect(mv.code, mv.stderr).to.equal(0);
    expect((await bkp('plan', '-detailed-exitcode')).code).to.equal(0);
    await writeConfig(`
backup_vault "orphan" {
  name = "orphan"
  tags = { team = "infra" }
}
`);
    const rm = await bkp('state', 'rm', 'backup_vault.renamed');
    expect(rm.code, rm.stderr).to.equal(0);
    expect((await bkp('plan', '-detailed-exitcode')).code).to.equal(0);
    const vaults = await backup().send(new ListBackupVaultsCommand({}));
    expect(vaults.BackupVaultList!.map((v) => v.BackupVaultName).sort()).to.deep.equal(['orphan', 'second']);
  });

  it('a stale lock is reported with its holder and removed by force-unlock', async () => {
    const lock = {
      ID: '6c0b3d4e-0000-4000-8000-000000000001',
      Operation: 'apply',
      Who: 'someone@elsewhere',
      Pid: 2147483,
      Created: '2026-11-25T10:00:00.000Z',
      Version: '0.1.0',
    };
    await writeFile(join(dir, '.bkp.state.json.lock'), JSON.stringify(lock), { mode: 0o600 });
    const blocked = await bkp('plan');
    expect(blocked.code).to.equal(1);
    expect(blocked.stderr).to.include(lock.ID);
    expect(blocked.stderr).to.include('someone@elsewhere');
    expect(blocked.stderr).to.include(`bkp force-unlock ${lock.ID}`);
    const wrong = await bkp('force-unlock', 'not-the-id');
    expect(wrong.code).to.equal(1);
    const unlock = await bkp('force-unlock', lock.ID);
    expect(unlock.code, unlock.stderr).to.equal(0);
    expect((await bkp('plan')).code).to.equal(0);
  });
});
