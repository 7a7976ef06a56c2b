// Two aws providers that assume roles in two accounts, against moto (which routes a request signed
// with AssumeRole's credentials to the role's account): each vault lands in its own account, the
// state records each account, and the second plan is clean. Needs `npm run build` (runs bin/bkp.js).
import { expect } from 'chai';
import { BackupClient, ListBackupVaultsCommand } from '@aws-sdk/client-backup';
import { fromTemporaryCredentials } from '@aws-sdk/credential-providers';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { requireMoto, type MotoServer } from '../../support/moto.js';
import { runBkp, tempDir } from '../../support/cli.js';

const DEV_ACCOUNT = '111111111111';
const PROD_ACCOUNT = '222222222222';

const config = (endpoint: string) => `
provider "aws" {
  region   = "us-east-1"
  endpoint = "${endpoint}"
  assume_role {
    role_arn = "arn:aws:iam::${DEV_ACCOUNT}:role/bkp-deployer"
  }
}

provider "aws" {
  alias    = "prod"
  region   = "eu-west-1"
  endpoint = "${endpoint}"
  assume_role {
    role_arn     = "arn:aws:iam::${PROD_ACCOUNT}:role/bkp-deployer"
    external_id  = "bkp-prod"
    session_name = "bkp-ci"
  }
}

backup_vault "dev" {
  name = "dev-vault"
}

backup_vault "prod" {
  provider = aws.prod
  name     = "prod-vault"
}
`;

describe('provider assume_role against moto (provider "aws")', function () {
  this.timeout(120_000);
  let moto: MotoServer;
  let dir: string;
  let cleanup: () => Promise<void>;
  const env = { AWS_ACCESS_KEY_ID: 'testing', AWS_SECRET_ACCESS_KEY: 'testing', AWS_REGION: 'us-east-1', AWS_EC2_METADATA_DISABLED: 'true' };
  const bkp = (...args: string[]) => runBkp(args, { cwd: dir, env });

  /** The vault names an account holds in a region, seen with that account's own (assumed) credentials. */
  async function vaultsOf(account: string, region: string): Promise<string[]> {
    const credentials = fromTemporaryCredentials({
      params: { RoleArn: `arn:aws:iam::${account}:role/checker`, RoleSessionName: 'test' },
      masterCredentials: { accessKeyId: 'testing', secretAccessKey: 'testing' },
      clientConfig: { region, endpoint: moto.endpoint },
    });
    const client = new BackupClient({ region, endpoint: moto.endpoint, credentials });
    try {
      const listed = await client.send(new ListBackupVaultsCommand({}));
      return (listed.BackupVaultList ?? []).map((v) => v.BackupVaultName!).sort();
    } finally {
      client.destroy();
    }
  }

  before(async function () {
    moto = await requireMoto(this);
    ({ dir, cleanup } = await tempDir());
  });
  after(async () => {
    await cleanup?.();
    await moto?.stop();
  });

  it("creates each provider's vault in its role's account, records the accounts, and plans clean", async () => {
    await writeFile(join(dir, 'main.bkp.hcl'), config(moto.endpoint));
    const apply = await bkp('apply', '-auto-approve');
    expect(apply.code, apply.stdout + apply.stderr).to.equal(0);
    expect(apply.stdout).to.include('Apply complete! Resources: 2 added, 0 changed, 0 destroyed.');

    expect(await vaultsOf(DEV_ACCOUNT, 'us-east-1')).to.deep.equal(['dev-vault']);
    expect(await vaultsOf(PROD_ACCOUNT, 'eu-west-1')).to.deep.equal(['prod-vault']);
    // Nothing landed in the account the provider's own credentials belong to.
    expect(await vaultsOf('123456789012', 'us-east-1')).to.deep.equal([]);
    expect(await vaultsOf('123456789012', 'eu-west-1')).to.deep.equal([]);

    const state = JSON.parse(await readFile(join(dir, 'bkp.state.json'), 'utf8')) as { resources: { address: string; location?: object }[] };
    const locations = Object.fromEntries(state.resources.map((r) => [r.address, r.location]));
    expect(locations).to.deep.equal({
      'backup_vault.dev': { region: 'us-east-1', account_id: DEV_ACCOUNT },
      'backup_vault.prod': { region: 'eu-west-1', account_id: PROD_ACCOUNT },
    });

    const plan = await bkp('plan', '-detailed-exitcode');
    expect(plan.code, plan.stdout + plan.stderr).to.equal(0);
    expect(plan.stdout).to.include('No changes.');
  });
});
