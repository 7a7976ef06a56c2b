// count and dynamic blocks end to end on the sandbox: two counted vaults and a plan whose rules
// are generated apply; the next plan has no change; count = 1 destroys exactly the [1] instance.
// A resource switched to count plans a delete and a create (no implicit move, see
// docs/dynamic-and-count.md) and `bkp state mv` into `[0]` keeps the object.
import { expect } from 'chai';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { runBkp, tempDir } from '../support/cli.js';

const config = (copies: number): string => `provider "sandbox" {}

variable "retention" {
  default = { daily = 35, weekly = 90 }
}

backup_vault "copy" {
  count = ${copies}
  name  = "copy-\${count.index}"
}

backup_plan "main" {
  name = "main"
  dynamic "rule" {
    for_each = var.retention
    labels   = [rule.key]
    content {
      target_vault = backup_vault.copy[0].name
      lifecycle {
        delete_after_days = rule.value
      }
    }
  }
}
`;

describe('count and dynamic blocks end to end (sandbox)', function () {
  this.timeout(120_000);
  let dir: string;
  let cleanup: () => Promise<void>;
  beforeEach(async () => ({ dir, cleanup } = await tempDir('bkp-count-')));
  afterEach(async () => cleanup());

  const bkp = (...args: string[]) => runBkp(args, { cwd: dir });
  const configure = (text: string) => writeFile(join(dir, 'main.bkp.hcl'), text);

  it('applies count = 2 with generated rules, plans no change, then count = 1 destroys only [1]', async () => {
    await configure(config(2));
    const apply = await bkp('apply', '-auto-approve');
    expect(apply.code, apply.stdout + apply.stderr).to.equal(0);
    expect(apply.stdout).to.include('backup_vault.copy[0]: Creation complete').and.include('backup_vault.copy[1]: Creation complete');

    const state = JSON.parse(await readFile(join(dir, 'bkp.state.json'), 'utf8')) as { resources: Array<{ address: string; key?: unknown; attributes: { rule?: Array<{ name: string }> } }> };
    expect(state.resources.map((r) => [r.address, r.key])).to.deep.equal([
      ['backup_plan.main', undefined],
      ['backup_vault.copy[0]', 0],
      ['backup_vault.copy[1]', 1],
    ]);
    expect(state.resources[0]!.attributes.rule!.map((r) => r.name).sort()).to.deep.equal(['daily', 'weekly']);

    const unchanged = await bkp('plan', '-detailed-exitcode');
    expect(unchanged.code, unchanged.stdout + unchanged.stderr).to.equal(0);

    await configure(config(1));
    const plan = await bkp('plan', '-json');
    expect(plan.code, plan.stderr).to.equal(0);
    const changes = (JSON.parse(plan.stdout) as { resource_changes: Array<{ address: string; index?: unknown; change: { actions: string[] } }> }).resource_changes;
    expect(changes.filter((c) => c.change.actions.join() !== 'no-op').map((c) => [c.address, c.index, c.change.actions])).to.deep.equal([['backup_vault.copy[1]', 1, ['delete']]]);

    const shrink = await bkp('apply', '-auto-approve');
    expect(shrink.code, shrink.stdout + shrink.stderr).to.equal(0);
    expect(shrink.stdout).to.include('Apply complete! Resources: 0 added, 0 changed, 1 destroyed.');
    const list = await bkp('state', 'list');
    expect(list.stdout.trim().split('\n')).to.deep.equal(['backup_plan.main', 'backup_vault.copy[0]']);
  });

  it('moves a single resource into [0] when count is added (as Terraform), targets one instance, and moves [0] back when count goes', async () => {
    await configure('provider "sandbox" {}\n\nbackup_vault "copy" {\n  name = "copy-0"\n}\n');
    expect((await bkp('apply', '-auto-approve')).code).to.equal(0);
    const before = JSON.parse((await bkp('state', 'pull')).stdout) as { resources: Array<{ address: string; id: string }> };
    await configure('provider "sandbox" {}\n\nbackup_vault "copy" {\n  count = 2\n  name  = "copy-${count.index}"\n}\n');
    // The vault becomes copy[0]: nothing destroyed, only [1] created.
    const switched = await bkp('plan', '-no-color');
    expect(switched.stdout).to.include('# backup_vault.copy has moved to backup_vault.copy[0]');
    expect(switched.stdout).to.include('Plan: 1 to add, 0 to change, 0 to destroy');
    const targeted = await bkp('plan', '-target=backup_vault.copy[1]');
    expect(targeted.code, targeted.stderr).to.equal(0);
    expect(targeted.stdout).to.include('backup_vault.copy[1] will be created');
    const apply = await bkp('apply', '-auto-approve', '-no-color');
    expect(apply.code, apply.stderr).to.equal(0);
    expect(apply.stdout).to.include('Resources: 1 added, 0 changed, 0 destroyed.');
    const after = JSON.parse((await bkp('state', 'pull')).stdout) as typeof before;
    expect(after.resources.find((r) => r.address === 'backup_vault.copy[0]')?.id).to.equal(before.resources[0]!.id);
    // count removed: [0] is the vault again, [1] goes.
    await configure('provider "sandbox" {}\n\nbackup_vault "copy" {\n  name = "copy-0"\n}\n');
    const back = await bkp('plan', '-no-color');
    expect(back.stdout).to.include('# backup_vault.copy[0] has moved to backup_vault.copy');
    expect(back.stdout).to.include('Plan: 0 to add, 0 to change, 1 to destroy');
  });
});
