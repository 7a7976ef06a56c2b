// With provider "aws" and no credentials, plan stops before planning with a clear message (as
// Terraform's AWS provider does), instead of showing every resource "to add" without a call.
import { expect } from 'chai';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { runBkp, tempDir } from '../support/cli.js';

describe('provider "aws" without credentials', function () {
  this.timeout(60_000);
  let dir: string;
  let cleanup: () => Promise<void>;
  before(async () => {
    ({ dir, cleanup } = await tempDir());
    await writeFile(join(dir, 'main.bkp.hcl'), 'provider "aws" {\n  region = "eu-west-1"\n}\n\nbackup_vault "main" {\n  name = "main"\n}\n');
  });
  after(async () => cleanup());

  it('plan of an empty state fails naming the provider and how to give it credentials', async () => {
    const env: NodeJS.ProcessEnv = { HOME: dir, AWS_EC2_METADATA_DISABLED: 'true', AWS_CONFIG_FILE: join(dir, 'none'), AWS_SHARED_CREDENTIALS_FILE: join(dir, 'none') };
    for (const name of ['AWS_ACCESS_KEY_ID', 'AWS_SECRET_ACCESS_KEY', 'AWS_SESSION_TOKEN', 'AWS_PROFILE', 'AWS_CONTAINER_CREDENTIALS_FULL_URI', 'AWS_CONTAINER_CREDENTIALS_RELATIVE_URI', 'AWS_WEB_IDENTITY_TOKEN_FILE']) {
      env[name] = undefined;
    }
    const plan = await runBkp(['plan'], { cwd: dir, env });
    expect(plan.code, plan.stdout + plan.stderr).to.equal(1);
    expect(plan.stdout).to.not.include('to add');
    expect(plan.stderr).to.include('No AWS credentials for provider "aws" in eu-west-1');
    expect(plan.stderr).to.include('AWS_PROFILE');
    expect(plan.stderr).to.not.match(/\n\s+at /);
  });
});
