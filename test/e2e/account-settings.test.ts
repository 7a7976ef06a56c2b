// region_settings and global_settings end to end through the built CLI on the sandbox: apply, a
// plan with no change, a preference changed in place, drift made behind bkp's back by a real SDK
// client over `bkp sandbox serve`, import, and a destroy that leaves the account's settings alone.
import { expect } from 'chai';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { BackupClient, DescribeGlobalSettingsCommand, DescribeRegionSettingsCommand, UpdateRegionSettingsCommand } from '@aws-sdk/client-backup';
import { startSandboxServer, type RunningSandboxServer } from '../../src/sandbox/server.js';
import { runBkp, tempDir } from '../support/cli.js';

const REGION = 'eu-west-1';
const config = (dynamoDb: boolean) => `
provider "sandbox" {
  path   = ".bkp/sandbox.json"
  region = "${REGION}"
}

region_settings "main" {
  resource_type_opt_in_preference = {
    DynamoDB = ${dynamoDb}
    DSQL     = true
  }
}

global_settings "org" {
  cross_account_backup = true
}
`;

describe('account settings end to end (region_settings, global_settings)', function () {
  this.timeout(180_000);
  let dir: string;
  let cleanup: () => Promise<void>;
  let server: RunningSandboxServer | undefined;
  let client: BackupClient | undefined;
  const bkp = (...args: string[]) => runBkp(args, { cwd: dir });

  /** A real SDK client of the same sandbox account, served over HTTP as AWS would be. */
  async function sdk(): Promise<BackupClient> {
    server ??= await startSandboxServer({ path: join(dir, '.bkp/sandbox.json'), region: REGION });
    client ??= new BackupClient({ region: REGION, endpoint: server.endpoint, credentials: { accessKeyId: 'AKIDSANDBOX', secretAccessKey: 'sandbox' }, maxAttempts: 1 });
    return client;
  }
  const optIn = async () => (await (await sdk()).send(new DescribeRegionSettingsCommand({}))).ResourceTypeOptInPreference!;

  before(async () => {
    ({ dir, cleanup } = await tempDir());
  });
  after(async () => {
    client?.destroy();
    await server?.close();
    await cleanup?.();
  });

  it('apply sets the configured preferences and flags; the next plan has no changes', async () => {
    await writeFile(join(dir, 'main.bkp.hcl'), config(false));
    const apply = await bkp('apply', '-auto-approve');
    expect(apply.code, apply.stdout + apply.stderr).to.equal(0);
    expect(apply.stdout).to.include('Apply complete! Resources: 2 added, 0 changed, 0 destroyed.');
    expect(await optIn()).to.include({ DynamoDB: false, DSQL: true, EC2: true });
    expect((await (await sdk()).send(new DescribeGlobalSettingsCommand({}))).GlobalSettings).to.include({ isCrossAccountBackupEnabled: 'true' });

    const plan = await bkp('plan', '-detailed-exitcode');
    expect(plan.code, plan.stdout + plan.stderr).to.equal(0);
    expect(plan.stdout).to.include('No changes.');
  });

  it('a changed preference is an in-place update', async () => {
    await writeFile(join(dir, 'main.bkp.hcl'), config(true));
    const plan = await bkp('plan', '-detailed-exitcode');
    expect(plan.code, plan.stdout + plan.stderr).to.equal(2);
    expect(plan.stdout).to.include('# region_settings.main will be updated in place');
    expect(plan.stdout).to.match(/"DynamoDB" = false -> true/);
    const apply = await bkp('apply', '-auto-approve');
    expect(apply.code, apply.stdout + apply.stderr).to.equal(0);
    expect(await optIn()).to.include({ DynamoDB: true, DSQL: true });
  });

  it('drift made by an SDK client shows in the plan, and apply repairs only the managed type', async () => {
    await (await sdk()).send(new UpdateRegionSettingsCommand({ ResourceTypeOptInPreference: { DynamoDB: false, S3: false } }));
    const plan = await bkp('plan', '-detailed-exitcode');
    expect(plan.code, plan.stdout + plan.stderr).to.equal(2);
    expect(plan.stdout).to.include('region_settings.main has changed outside bkp');
    expect(plan.stdout).not.to.include('"S3"');
    const apply = await bkp('apply', '-auto-approve');
    expect(apply.code, apply.stdout + apply.stderr).to.equal(0);
    expect(await optIn()).to.include({ DynamoDB: true, S3: false });
  });

  it('import adopts the Region\'s settings by Region', async () => {
    const rm = await bkp('state', 'rm', 'region_settings.main');
    expect(rm.code, rm.stdout + rm.stderr).to.equal(0);
    const wrong = await bkp('import', 'region_settings.main', 'us-east-1');
    expect(wrong.code).to.equal(1);
    expect(wrong.stderr).to.include('Cannot import non-existent remote object');
    const imported = await bkp('import', 'region_settings.main', REGION);
    expect(imported.code, imported.stdout + imported.stderr).to.equal(0);
    const plan = await bkp('plan', '-detailed-exitcode');
    expect(plan.code, plan.stdout + plan.stderr).to.equal(0);
  });

  it('destroy only forgets: the plan says so and the account keeps its settings', async () => {
    const destroy = await bkp('destroy', '-auto-approve');
    expect(destroy.code, destroy.stdout + destroy.stderr).to.equal(0);
    expect(destroy.stdout).to.include('destroying region_settings only stops bkp managing them; the account keeps its settings');
    expect(destroy.stdout).to.include('destroying global_settings only stops bkp managing them; the account keeps its settings');
    expect(await optIn()).to.include({ DynamoDB: true, DSQL: true, S3: false });
    expect((await (await sdk()).send(new DescribeGlobalSettingsCommand({}))).GlobalSettings).to.include({ isCrossAccountBackupEnabled: 'true' });
  });
});

describe('bkp check and the service opt-in end to end', function () {
  this.timeout(180_000);
  let dir: string;
  let cleanup: () => Promise<void>;
  const bkp = (...args: string[]) => runBkp(args, { cwd: dir });
  const protectedConfig = (regionSettings: string) => `
provider "sandbox" {
  path       = ".bkp/sandbox.json"
  region     = "${REGION}"
  account_id = "123456789012"
  source "ec2-instance" "web" {
    id   = "i-0a1b2c3d4e5f60001"
    tags = { backup = "daily" }
  }
}

backup_vault "main" {
  name = "main"
}

backup_plan "daily" {
  name = "daily"
  rule "daily" {
    target_vault = backup_vault.main.name
    lifecycle {
      delete_after_days = 35
    }
  }
}

backup_selection "tagged" {
  plan         = backup_plan.daily
  name         = "tagged"
  iam_role_arn = "arn:aws:iam::123456789012:role/service-role/AWSBackupDefaultServiceRole"
  tag {
    key   = "backup"
    value = "daily"
  }
}
${regionSettings}
policy "company" {
  control "resources_protected_by_backup_plan" {
    resource_types = ["EC2"]
  }
}
`;
  const findings = (stdout: string) => (JSON.parse(stdout) as { findings: Array<{ message: string; range?: { start: { line: number } } }> }).findings;

  before(async () => {
    ({ dir, cleanup } = await tempDir());
  });
  after(async () => {
    await cleanup?.();
  });

  it('reports a selected instance whose type the configured region_settings opts out of, at that setting', async () => {
    await writeFile(join(dir, 'main.bkp.hcl'), protectedConfig(''));
    expect((await bkp('check', '-json')).code).to.equal(0);
    await writeFile(join(dir, 'main.bkp.hcl'), protectedConfig('region_settings "main" {\n  resource_type_opt_in_preference = { EC2 = false }\n}\n'));
    const check = await bkp('check', '-json');
    expect(check.code, check.stderr).to.equal(3);
    const [finding] = findings(check.stdout);
    expect(finding!.message).to.include('region_settings.main sets "EC2" = false');
    expect(finding!.range!.start.line).to.equal(36);
  });

  it('with -refresh, reports the account\'s opt-out made behind bkp\'s back', async () => {
    await writeFile(join(dir, 'main.bkp.hcl'), protectedConfig(''));
    const apply = await bkp('apply', '-auto-approve');
    expect(apply.code, apply.stdout + apply.stderr).to.equal(0);
    const server = await startSandboxServer({ path: join(dir, '.bkp/sandbox.json'), region: REGION });
    const client = new BackupClient({ region: REGION, endpoint: server.endpoint, credentials: { accessKeyId: 'AKIDSANDBOX', secretAccessKey: 'sandbox' }, maxAttempts: 1 });
    try {
      await client.send(new UpdateRegionSettingsCommand({ ResourceTypeOptInPreference: { EC2: false } }));
    } finally {
      client.destroy();
      await server.close();
    }
    expect((await bkp('check', '-json')).code).to.equal(0);
    const check = await bkp('check', '-json', '-refresh');
    expect(check.code, check.stderr).to.equal(3);
    expect(findings(check.stdout)[0]!.message).to.include('the account\'s service opt-in (DescribeRegionSettings in eu-west-1) has "EC2" = false');
  });
});
