// provider "sandbox" with assume_role: the management account's provider assumes a role in each
// member account of its organization, and the sandbox's STS routes the calls signed with the
// returned credentials to that member account. Each vault lands in its own account (seen through
// SDK clients of that account), the state records each account, and the second plan is clean.
// Needs the sandbox's AssumeRole for member accounts (issue 21, part 4) and `npm run build`.
import { expect } from 'chai';
import { BackupClient, ListBackupVaultsCommand } from '@aws-sdk/client-backup';
import { fromTemporaryCredentials } from '@aws-sdk/credential-providers';
import type { AwsCredentialIdentity } from '@smithy/types';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { sandboxClientSettings } from '../../src/app/sandbox-provider.js';
import { runBkp, tempDir } from '../support/cli.js';

const MANAGEMENT = '999999999999';
const PROD = '111111111111';
const DEV = '222222222222';
const SANDBOX_FILE = '.bkp/org.json';

const organization = `
  organization {
    account "shop-prod" { id = "${PROD}" }
    account "shop-dev"  { id = "${DEV}" }
  }`;

const config = `
provider "sandbox" {
  path       = "${SANDBOX_FILE}"
  account_id = "${MANAGEMENT}"
  region     = "eu-west-1"
${organization}
}

provider "sandbox" {
  alias      = "prod"
  path       = "${SANDBOX_FILE}"
  account_id = "${MANAGEMENT}"
  region     = "eu-west-1"
${organization}
  assume_role {
    role_arn = "arn:aws:iam::${PROD}:role/OrganizationAccountAccessRole"
  }
}

provider "sandbox" {
  alias      = "dev"
  path       = "${SANDBOX_FILE}"
  account_id = "${MANAGEMENT}"
  region     = "us-east-1"
${organization}
  assume_role {
    role_arn    = "arn:aws:iam::${DEV}:role/OrganizationAccountAccessRole"
    external_id = "bkp-dev"
  }
}

backup_vault "prod" {
  provider = sandbox.prod
  name     = "prod-vault"
}

backup_vault "dev" {
  provider = sandbox.dev
  name     = "dev-vault"
}
`;

describe('provider "sandbox" with assume_role into member accounts', function () {
  this.timeout(120_000);
  let dir: string;
  let cleanup: () => Promise<void>;
  const bkp = (...args: string[]) => runBkp([...args, '-no-color'], { cwd: dir });

  /**
   * The vault names of one sandbox account and region, read through the SDK as bkp reads them: a
   * member account's with the credentials of a role assumed there, as in AWS.
   */
  async function vaultsOf(accountId: string, region: string): Promise<string[]> {
    const settings = sandboxClientSettings({ path: join(dir, SANDBOX_FILE), region, accountId: MANAGEMENT });
    const credentials =
      accountId === MANAGEMENT
        ? settings.credentials
        : fromTemporaryCredentials({
            params: { RoleArn: `arn:aws:iam::${accountId}:role/OrganizationAccountAccessRole`, RoleSessionName: 'test' },
            masterCredentials: settings.credentials as AwsCredentialIdentity,
            clientConfig: { region, requestHandler: settings.requestHandler },
          });
    const client = new BackupClient({ ...settings, credentials });
    try {
      const listed = await client.send(new ListBackupVaultsCommand({}));
      return (listed.BackupVaultList ?? []).map((v) => v.BackupVaultName!).sort();
    } finally {
      client.destroy();
    }
  }

  before(async () => {
    ({ dir, cleanup } = await tempDir());
  });
  after(async () => cleanup());

  it("creates each provider's vault in its role's member account and plans clean", async () => {
    await writeFile(join(dir, 'main.bkp.hcl'), config);
    const apply = await bkp('apply', '-auto-approve');
    expect(apply.code, apply.stdout + apply.stderr).to.equal(0);
    expect(apply.stdout).to.include('Apply complete! Resources: 2 added, 0 changed, 0 destroyed.');

    const state = JSON.parse(await readFile(join(dir, 'bkp.state.json'), 'utf8')) as { resources: { address: string; location?: object; attributes: { arn?: string } }[] };
    const byAddress = Object.fromEntries(state.resources.map((r) => [r.address, r]));
    expect(byAddress['backup_vault.prod']!.location).to.deep.equal({ region: 'eu-west-1', account_id: PROD });
    expect(byAddress['backup_vault.dev']!.location).to.deep.equal({ region: 'us-east-1', account_id: DEV });
    expect(byAddress['backup_vault.prod']!.attributes.arn).to.equal(`arn:aws:backup:eu-west-1:${PROD}:backup-vault:prod-vault`);

    expect(await vaultsOf(PROD, 'eu-west-1')).to.deep.equal(['prod-vault']);
    expect(await vaultsOf(DEV, 'us-east-1')).to.deep.equal(['dev-vault']);
    expect(await vaultsOf(MANAGEMENT, 'eu-west-1')).to.deep.equal([]);
    expect(await vaultsOf(MANAGEMENT, 'us-east-1')).to.deep.equal([]);

    const plan = await bkp('plan', '-detailed-exitcode');
    expect(plan.code, plan.stdout + plan.stderr).to.equal(0);
    expect(plan.stdout).to.include('No changes.');
  });
});
