// A provider whose region changes, end to end on the sandbox: the objects made in the old region
// are not "deleted outside bkp" nor orphaned; they are replaced (created in the new region, deleted
// in the old one, read there until then).
import { expect } from 'chai';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { ListBackupPlansCommand, ListBackupVaultsCommand } from '@aws-sdk/client-backup';
import { createBackupClient } from '../../src/aws/clients.js';
import { sandboxClientSettings } from '../../src/app/sandbox-provider.js';
import { runBkp, tempDir } from '../support/cli.js';

const config = (region: string) => `provider "sandbox" {
  region = "${region}"
}

backup_vault "main" {
  name = "main"
}

backup_plan "daily" {
  name = "daily"
  rule "daily" {
    target_vault = backup_vault.main.name
    schedule     = "cron(0 5 ? * * *)"
    lifecycle {
      delete_after_days = 35
    }
  }
}
`;

describe('provider region change end to end (sandbox)', function () {
  this.timeout(120_000);
  let dir: string;
  let cleanup: () => Promise<void>;
  beforeEach(async () => ({ dir, cleanup } = await tempDir('bkp-region-')));
  afterEach(async () => cleanup());

  const bkp = (...args: string[]) => runBkp(args, { cwd: dir });
  async function inRegion(region: string): Promise<{ vaults: string[]; plans: string[] }> {
    const client = createBackupClient(sandboxClientSettings({ region, path: join(dir, '.bkp/sandbox.json') }));
    try {
      const vaults = (await client.send(new ListBackupVaultsCommand({}))).BackupVaultList ?? [];
      const plans = (await client.send(new ListBackupPlansCommand({}))).BackupPlansList ?? [];
      return { vaults: vaults.map((v) => v.BackupVaultName!), plans: plans.map((p) => p.BackupPlanName!) };
    } finally {
      client.destroy();
    }
  }

  it('replaces the objects in the new region and deletes them from the old one', async () => {
    await writeFile(join(dir, 'main.bkp.hcl'), config('eu-west-1'));
    const first = await bkp('apply', '-auto-approve');
    expect(first.code, first.stderr).to.equal(0);
    const state = JSON.parse(await readFile(join(dir, 'bkp.state.json'), 'utf8')) as { resources: Array<{ location?: unknown }> };
    expect(state.resources.map((r) => r.location)).to.deep.equal([
      { region: 'eu-west-1', account_id: '123456789012' },
      { region: 'eu-west-1', account_id: '123456789012' },
    ]);

    await writeFile(join(dir, 'main.bkp.hcl'), config('us-east-1'));
    const plan = await bkp('plan');
    expect(plan.code, plan.stderr).to.equal(0);
    expect(plan.stdout).to.not.include('outside bkp');
    expect(plan.stdout).to.include("# backup_vault.main must be replaced: the provider's region changed from eu-west-1 to us-east-1");
    expect(plan.stdout).to.include('Plan: 2 to add, 0 to change, 2 to destroy');

    const apply = await bkp('apply', '-auto-approve');
    expect(apply.code, apply.stdout + apply.stderr).to.equal(0);
    expect(await inRegion('eu-west-1')).to.deep.equal({ vaults: [], plans: [] });
    expect(await inRegion('us-east-1')).to.deep.equal({ vaults: ['main'], plans: ['daily'] });
    const again = await bkp('plan', '-detailed-exitcode');
    expect(again.code, again.stdout).to.equal(0);
  });

  it('keeps today\'s behaviour for a state written without locations', async () => {
    await writeFile(join(dir, 'main.bkp.hcl'), config('eu-west-1'));
    expect((await bkp('apply', '-auto-approve')).code).to.equal(0);
    const path = join(dir, 'bkp.state.json');
    const state = JSON.parse(await readFile(path, 'utf8')) as { resources: Array<{ location?: unknown }> };
    for (const r of state.resources) delete r.location;
    await writeFile(path, JSON.stringify(state));
    await writeFile(join(dir, 'main.bkp.hcl'), config('us-east-1'));
    const plan = await bkp('plan');
    expect(plan.code, plan.stderr).to.equal(0);
    expect(plan.stdout).to.include('deleted outside bkp');
  });
});
