// The AWS CLI against `bkp sandbox serve` for the services data sources read: STS (query), IAM
// (query, global) and KMS (JSON 1.1), requests and replies exactly as the CLI sends and parses
// them. Skipped, with a message, on a machine without the `aws` command.
import { expect } from 'chai';
import { awsCliInstalled, runAwsCli, type AwsCliRun } from '../support/aws-cli.js';
import { startSandboxServer, type RunningSandboxServer } from '../../src/sandbox/server.js';
import { ACCOUNT_ID, REGION, ROLE_ARN, sandboxFixture, type SandboxFixture } from '../sandbox/fixture.js';

describe('sandbox: the AWS CLI against bkp sandbox serve for STS, KMS and IAM', function () {
  this.timeout(120_000);
  let sb: SandboxFixture;
  let server: RunningSandboxServer;

  before(async function () {
    if (!awsCliInstalled()) {
      process.stdout.write('skipped: the AWS CLI is not installed (aws --version)\n');
      this.skip();
    }
    sb = await sandboxFixture();
    server = await startSandboxServer({ path: sb.path, region: REGION });
  });
  after(async () => {
    await server?.close();
    sb?.cleanup();
  });

  const aws = (...args: string[]): Promise<AwsCliRun> => runAwsCli(server.endpoint, sb.dir, REGION, args);
  const json = (run: AwsCliRun): Record<string, unknown> => {
    expect(run.code, run.stderr).to.equal(0);
    return JSON.parse(run.stdout) as Record<string, unknown>;
  };

  it('sts get-caller-identity', async () => {
    expect(json(await aws('sts', 'get-caller-identity'))).to.deep.include({ Account: ACCOUNT_ID, Arn: `arn:aws:iam::${ACCOUNT_ID}:user/sandbox` });
  });

  it('kms describe-key by alias, list-aliases, create-key and create-alias, and the not-found error', async () => {
    const key = json(await aws('kms', 'describe-key', '--key-id', 'alias/aws/backup')).KeyMetadata as Record<string, unknown>;
    expect(key).to.deep.include({ AWSAccountId: ACCOUNT_ID, KeyManager: 'AWS', KeyState: 'Enabled' });
    expect(key.Arn).to.match(new RegExp(`^arn:aws:kms:${REGION}:${ACCOUNT_ID}:key/[0-9a-f-]{36}$`));
    const created = json(await aws('kms', 'create-key', '--description', 'vaults')).KeyMetadata as Record<string, unknown>;
    expect((await aws('kms', 'create-alias', '--alias-name', 'alias/vaults', '--target-key-id', String(created.KeyId))).code).to.equal(0);
    const aliases = (json(await aws('kms', 'list-aliases')).Aliases as { AliasName: string; TargetKeyId: string }[]);
    expect(aliases.find((a) => a.AliasName === 'alias/vaults')?.TargetKeyId).to.equal(created.KeyId);
    expect(aliases.find((a) => a.AliasName === 'alias/aws/backup')?.TargetKeyId).to.equal(key.KeyId);
    const missing = await aws('kms', 'describe-key', '--key-id', 'alias/nope');
    expect(missing.code).to.not.equal(0);
    expect(missing.stderr).to.include('NotFoundException').and.include('alias/nope is not found');
  });

  it('iam get-role for the default backup role and a created one, and NoSuchEntity', async () => {
    expect(json(await aws('iam', 'get-role', '--role-name', 'AWSBackupDefaultServiceRole')).Role).to.deep.include({ Arn: ROLE_ARN, Path: '/service-role/' });
    const policy = JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { Service: 'backup.amazonaws.com' }, Action: 'sts:AssumeRole' }] });
    expect((await aws('iam', 'create-role', '--role-name', 'ops', '--assume-role-policy-document', policy)).code).to.equal(0);
    const role = json(await aws('iam', 'get-role', '--role-name', 'ops')).Role as Record<string, unknown>;
    expect(role).to.deep.include({ Arn: `arn:aws:iam::${ACCOUNT_ID}:role/ops`, Path: '/' });
    // The CLI decodes the URL-encoded trust policy into a document, as it does for AWS.
    expect(role.AssumeRolePolicyDocument).to.deep.equal(JSON.parse(policy));
    const missing = await aws('iam', 'get-role', '--role-name', 'nobody');
    expect(missing.code).to.not.equal(0);
    expect(missing.stderr).to.include('NoSuchEntity').and.include('The role with name nobody cannot be found.');
  });
});
