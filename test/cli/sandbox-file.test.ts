// Which account file `bkp sandbox …` works on: --file, else the configuration's provider
// "sandbox" path (the default provider's when several name files), else .bkp/sandbox.json.
import { expect } from 'chai';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { bkpSandbox, tempDir } from './sandbox-helpers.js';

describe('bkp sandbox: the account file', () => {
  let dir: string;
  let cleanup: () => void;
  beforeEach(() => ({ dir, cleanup } = tempDir()));
  afterEach(() => cleanup());

  const config = (text: string) => writeFileSync(join(dir, 'main.bkp.hcl'), text);

  it('uses the path of the configuration\'s provider "sandbox" and says so', async () => {
    config('provider "sandbox" {\n  path = "accounts/dev.json"\n}\n');
    const added = await bkpSandbox(dir, 'resource', 'add', 'ec2-instance', 'web');
    expect(added.exitCode, added.stderr).to.equal(0);
    expect(added.stderr).to.contain('Sandbox account file: accounts/dev.json (provider "sandbox" in the configuration).');
    expect(existsSync(join(dir, 'accounts', 'dev.json'))).to.equal(true);
    expect(existsSync(join(dir, '.bkp', 'sandbox.json'))).to.equal(false);
    const status = await bkpSandbox(dir, 'status', '--json');
    expect(status.exitCode).to.equal(0);
    expect((JSON.parse(status.stdout) as { path: string }).path).to.equal(join(dir, 'accounts', 'dev.json'));
  });

  it('with several sandbox providers, uses the default (unaliased) provider\'s and names the others', async () => {
    config(
      'provider "sandbox" {\n  alias = "dr"\n  path = "dr.json"\n}\nprovider "sandbox" {\n  path = "main.json"\n}\n',
    );
    const advanced = await bkpSandbox(dir, 'advance', '1h');
    expect(advanced.exitCode, advanced.stderr).to.equal(0);
    expect(advanced.stderr).to.contain('Sandbox account file: main.json (provider "sandbox"; the configuration also names dr.json: use --file=PATH for another).');
    expect(existsSync(join(dir, 'main.json'))).to.equal(true);
    expect(existsSync(join(dir, 'dr.json'))).to.equal(false);
  });

  it('--file overrides the configuration, and works even when the configuration does not parse', async () => {
    config('provider "sandbox" {\n  path = "accounts/dev.json"\n');
    const status = await bkpSandbox(dir, 'status', '--file=other.json');
    expect(status.exitCode, status.stderr).to.equal(0);
    expect(status.stderr).to.contain('Sandbox account file: other.json (--file).');
    expect(existsSync(join(dir, 'other.json'))).to.equal(true);
  });

  it('without --file, a configuration that does not parse is a clear error naming the way out', async () => {
    config('provider "sandbox" {\n  path = "accounts/dev.json"\n');
    const status = await bkpSandbox(dir, 'status');
    expect(status.exitCode).to.equal(1);
    expect(status.error?.message).to.contain('The configuration does not parse, so bkp cannot tell which sandbox account file it names');
    expect(status.error?.message).to.contain('--file=PATH');
    expect(existsSync(join(dir, 'accounts', 'dev.json'))).to.equal(false);
  });

  it('keeps .bkp/sandbox.json without configuration, or when the configuration has no sandbox provider', async () => {
    const bare = await bkpSandbox(dir, 'resource', 'add', 'efs', 'home');
    expect(bare.exitCode, bare.stderr).to.equal(0);
    expect(bare.stderr).to.contain('Sandbox account file: .bkp/sandbox.json (the default');
    expect(existsSync(join(dir, '.bkp', 'sandbox.json'))).to.equal(true);
    mkdirSync(join(dir, 'aws'));
    writeFileSync(join(dir, 'aws', 'main.bkp.hcl'), 'provider "aws" {\n  region = "eu-west-1"\n}\n');
    const awsOnly = await bkpSandbox(join(dir, 'aws'), 'resource', 'add', 'efs', 'home');
    expect(awsOnly.exitCode, awsOnly.stderr).to.equal(0);
    expect(existsSync(join(dir, 'aws', '.bkp', 'sandbox.json'))).to.equal(true);
  });
});
