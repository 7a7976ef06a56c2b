// Values of sensitive variables never reach the state file or a saved plan, and plans still see
// whether they changed: the built CLI on a sandbox account, with a secret in a vault tag and in
// a plan tag, through apply, plan, -refresh=false, drift and saved plans.
import { expect } from 'chai';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { ListBackupVaultsCommand, ListTagsCommand, TagResourceCommand } from '@aws-sdk/client-backup';
import { createBackupClient } from '../../src/aws/clients.js';
import { sandboxClientSettings } from '../../src/app/sandbox-provider.js';
import { runBkp, tempDir } from '../support/cli.js';

const CONFIG = `
provider "sandbox" {
  path   = ".bkp/sandbox.json"
  region = "eu-west-1"
}

variable "owner" {
  type      = string
  sensitive = true
}

backup_vault "main" {
  name = "main"
  tags = { owner = var.owner, team = "infra" }
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
  tags = { contact = "\${var.owner}@example.com" }
}
`;

const FIRST = 'First-Secret-9f3a71';
const SECOND = 'Second-Secret-0c2be4';

describe('e2e: sensitive values stay out of the state and saved plans', function () {
  this.timeout(120_000);
  let dir = '';
  let cleanup: () => Promise<void>;
  const bkp = (...args: string[]) => runBkp(args, { cwd: dir });
  const stateText = () => readFile(join(dir, 'bkp.state.json'), 'utf8');
  const client = () => createBackupClient(sandboxClientSettings({ region: 'eu-west-1', path: join(dir, '.bkp/sandbox.json') }));
  const vaultTags = async () => {
    const backup = client();
    const vaults = await backup.send(new ListBackupVaultsCommand({}));
    const arn = vaults.BackupVaultList!.find((v) => v.BackupVaultName === 'main')!.BackupVaultArn!;
    return { arn, tags: (await backup.send(new ListTagsCommand({ ResourceArn: arn }))).Tags ?? {} };
  };

  before(async () => {
    ({ dir, cleanup } = await tempDir('bkp-sensitive-'));
    await writeFile(join(dir, 'main.bkp.hcl'), CONFIG);
  });
  after(async () => cleanup());

  it('apply sends the secret to AWS but writes only markers to the state', async () => {
    const apply = await bkp('apply', '-auto-approve', `-var=owner=${FIRST}`);
    expect(apply.code, apply.stderr).to.equal(0);
    expect((await vaultTags()).tags.owner).to.equal(FIRST);
    const text = await stateText();
    expect(text).to.not.include(FIRST);
    const state = JSON.parse(text) as { resources: Array<{ address: string; attributes: { name?: string; tags: Record<string, string> }; sensitive_paths?: string[] }> };
    const vault = state.resources.find((r) => r.address === 'backup_vault.main')!;
    // The taint covers the attribute whose expression read the variable: the whole tags map.
    expect(vault.sensitive_paths).to.deep.equal(['/tags']);
    expect(vault.attributes.tags.owner).to.match(/^bkp-sensitive:scrypt:[A-Za-z0-9_-]{43}$/);
    expect(vault.attributes.tags.team).to.match(/^bkp-sensitive:scrypt:/);
    expect(vault.attributes.name, 'attributes that are not sensitive stay readable').to.equal('main');
    const plan = state.resources.find((r) => r.address === 'backup_plan.daily')!;
    expect(plan.attributes.tags.contact).to.match(/^bkp-sensitive:scrypt:/);
    expect(plan.attributes.tags.contact, 'markers are salted by address and path').to.not.equal(vault.attributes.tags.owner);
  });

  it('an unchanged secret plans no change, with and without refresh', async () => {
    const plan = await bkp('plan', '-detailed-exitcode', `-var=owner=${FIRST}`);
    expect(plan.code, plan.stdout + plan.stderr).to.equal(0);
    expect(plan.stdout).to.include('No changes.');
    const offline = await bkp('plan', '-detailed-exitcode', '-refresh=false', `-var=owner=${FIRST}`);
    expect(offline.code, offline.stdout + offline.stderr).to.equal(0);
  });

  it('a changed secret plans an update without printing either value, with and without refresh', async () => {
    for (const extra of [[], ['-refresh=false']]) {
      const plan = await bkp('plan', '-detailed-exitcode', ...extra, `-var=owner=${SECOND}`);
      expect(plan.code, plan.stdout + plan.stderr).to.equal(2);
      expect(plan.stdout).to.include('Plan: 0 to add, 2 to change, 0 to destroy');
      expect(plan.stdout).to.include('(sensitive value)');
      expect(plan.stdout).to.not.include(FIRST).and.not.include(SECOND);
    }
  });

  it('a secret changed behind bkp’s back is drift, shown masked, and repaired', async () => {
    const { arn } = await vaultTags();
    await client().send(new TagResourceCommand({ ResourceArn: arn, Tags: { owner: 'Changed-Outside-77' } }));
    const plan = await bkp('plan', '-detailed-exitcode', `-var=owner=${FIRST}`);
    expect(plan.code, plan.stdout + plan.stderr).to.equal(2);
    expect(plan.stdout).to.include('# backup_vault.main has changed outside bkp');
    expect(plan.stdout).to.include('Plan: 0 to add, 1 to change, 0 to destroy');
    expect(plan.stdout).to.not.include('Changed-Outside-77').and.not.include(FIRST);
    const apply = await bkp('apply', '-auto-approve', `-var=owner=${FIRST}`);
    expect(apply.code, apply.stderr).to.equal(0);
    expect((await vaultTags()).tags.owner).to.equal(FIRST);
    expect(await stateText()).to.not.include('Changed-Outside-77').and.not.include(FIRST);
    expect((await bkp('plan', '-detailed-exitcode', `-var=owner=${FIRST}`)).code).to.equal(0);
  });

  it('a saved plan holds markers only, and applies with the same secret given again', async () => {
    const plan = await bkp('plan', '-out=change.plan', `-var=owner=${SECOND}`);
    expect(plan.code, plan.stderr).to.equal(0);
    const file = await readFile(join(dir, 'change.plan'), 'utf8');
    expect(file).to.not.include(SECOND).and.not.include(FIRST);
    expect(file).to.include('bkp-sensitive:scrypt:');

    const show = await bkp('show', 'change.plan');
    expect(show.code, show.stderr).to.equal(0);
    expect(show.stdout).to.include('(sensitive value)').and.not.include('bkp-sensitive:');

    const wrong = await bkp('apply', 'change.plan', `-var=owner=${FIRST}`);
    expect(wrong.code).to.equal(1);
    expect(wrong.stderr).to.include('Saved plan does not match the sensitive variables given');
    expect(wrong.stderr).to.not.include(FIRST).and.not.include('    at ');
    expect((await vaultTags()).tags.owner, 'a refused plan changes nothing').to.equal(FIRST);

    const apply = await bkp('apply', 'change.plan', `-var=owner=${SECOND}`);
    expect(apply.code, apply.stderr).to.equal(0);
    expect(apply.stdout).to.include('Resources: 0 added, 2 changed, 0 destroyed.');
    expect((await vaultTags()).tags.owner).to.equal(SECOND);
    expect(await stateText()).to.not.include(SECOND);
    expect((await bkp('plan', '-detailed-exitcode', `-var=owner=${SECOND}`)).code).to.equal(0);
  });

  it('state show masks the markers, and needs no value for the variable', async () => {
    const show = await bkp('state', 'show', 'backup_vault.main');
    expect(show.code, show.stderr).to.equal(0);
    expect(show.stdout).to.include('(sensitive value)').and.not.include('bkp-sensitive:').and.not.include(SECOND);
  });

  it('a variable marked sensitive after an apply leaves the state at the next apply, with no change to make', async () => {
    const other = await tempDir('bkp-sensitive-later-');
    try {
      const run = (...args: string[]) => runBkp(args, { cwd: other.dir });
      const config = (sensitive: boolean) =>
        CONFIG.replace('sensitive = true', `sensitive = ${sensitive}`);
      await writeFile(join(other.dir, 'main.bkp.hcl'), config(false));
      expect((await run('apply', '-auto-approve', `-var=owner=${FIRST}`)).code).to.equal(0);
      expect(await readFile(join(other.dir, 'bkp.state.json'), 'utf8')).to.include(FIRST);
      await writeFile(join(other.dir, 'main.bkp.hcl'), config(true));
      const apply = await run('apply', '-auto-approve', `-var=owner=${FIRST}`);
      expect(apply.code, apply.stderr).to.equal(0);
      expect(apply.stdout).to.include('No changes.');
      expect(await readFile(join(other.dir, 'bkp.state.json'), 'utf8')).to.not.include(FIRST);
      expect((await run('plan', '-detailed-exitcode', `-var=owner=${FIRST}`)).code).to.equal(0);
    } finally {
      await other.cleanup();
    }
  });

  it('a sensitive on-demand trigger stays out of the state, its job history and plan -json', async () => {
    const other = await tempDir('bkp-sensitive-trigger-');
    const TRIGGER = 'Ticket-Secret-5d81aa';
    try {
      await writeFile(
        join(other.dir, 'main.bkp.hcl'),
        `provider "sandbox" {
  path   = ".bkp/sandbox.json"
  region = "eu-west-1"
  source "ec2-instance" "web" {
    id = "i-0a1b2c3d4e5f60001"
  }
}
variable "ticket" {
  type      = string
  sensitive = true
}
backup_vault "main" {
  name = "main"
}
on_demand_backup "snapshot" {
  resource_arn = "arn:aws:ec2:eu-west-1:123456789012:instance/i-0a1b2c3d4e5f60001"
  vault        = backup_vault.main.name
  iam_role_arn = "arn:aws:iam::123456789012:role/backup"
  trigger      = var.ticket
}
`,
      );
      const run = (...args: string[]) => runBkp(args, { cwd: other.dir });
      const planned = await run('plan', '-json', `-var=ticket=${TRIGGER}`);
      expect(planned.code, planned.stderr).to.equal(0);
      expect(planned.stdout).to.include('"job_starts"').and.not.include(TRIGGER);
      const apply = await run('apply', '-auto-approve', `-var=ticket=${TRIGGER}`);
      expect(apply.code, apply.stderr).to.equal(0);
      expect(apply.stdout + apply.stderr).to.not.include(TRIGGER);
      const state = JSON.parse(await readFile(join(other.dir, 'bkp.state.json'), 'utf8')) as { jobs: Array<{ trigger?: string }> };
      expect(state.jobs).to.have.length(1);
      expect(state.jobs[0]!.trigger).to.match(/^bkp-sensitive:scrypt:/);
      expect(JSON.stringify(state)).to.not.include(TRIGGER);
      expect((await run('plan', '-detailed-exitcode', `-var=ticket=${TRIGGER}`)).code, 'the same trigger starts no new job').to.equal(0);
      const next = await run('plan', '-detailed-exitcode', '-var=ticket=Another-Ticket');
      expect(next.code).to.equal(2);
      expect(next.stdout).to.include('1 backup job to start').and.not.include('Another-Ticket');
    } finally {
      await other.cleanup();
    }
  });
});
