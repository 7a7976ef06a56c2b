// The built CLI (`node bin/bkp.js`, compiled to dist/ by `npm test`), end to end in a temp dir.
import { expect } from 'chai';
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { BackupClient, ListBackupVaultsCommand, CreateBackupVaultCommand } from '@aws-sdk/client-backup';
import { tempDir } from '../cli/sandbox-helpers.js';
import { serveSandbox } from '../support/sandbox-serve.js';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const bin = join(root, 'bin', 'bkp.js');

function bkp(dir: string, ...args: string[]) {
  const result = spawnSync(process.execPath, [bin, `-chdir=${dir}`, ...args], { encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
  return { stdout: result.stdout, stderr: result.stderr, status: result.status };
}

describe('bkp sandbox (built CLI)', function () {
  this.timeout(30_000);
  let dir: string;
  let cleanup: () => void;

  before(function () {
    if (!existsSync(join(root, 'dist', 'bkp.cjs'))) {
      throw new Error('dist/ is missing: build first with `npm run build` (npm test does).');
    }
  });
  beforeEach(() => ({ dir, cleanup } = tempDir()));
  afterEach(() => cleanup());

  it('adds and lists resources, with Terraform-style single-dash flags', () => {
    const added = bkp(dir, 'sandbox', 'resource', 'add', 'vm', 'legacy', '-state=ERROR');
    expect(added.status).to.equal(0);
    expect(added.stdout).to.match(/^Added vm legacy\n/);
    const listed = bkp(dir, 'sandbox', 'resource', 'list', '-json');
    expect(listed.status).to.equal(0);
    expect(JSON.parse(listed.stdout)[0]).to.include({ type: 'vm', name: 'legacy', state: 'ERROR' });
    expect(existsSync(join(dir, '.bkp', 'sandbox.json'))).to.equal(true);
  });

  it('prints user errors on stderr with the hint and exits 1, without a stack', () => {
    const result = bkp(dir, 'sandbox', 'resource', 'add', 'ec2-instanse', 'web');
    expect(result.status).to.equal(1);
    expect(result.stdout).to.equal('');
    expect(result.stderr).to.contain('Error: Unknown source resource type "ec2-instanse". Did you mean "ec2-instance"?');
    expect(result.stderr).to.contain('The sandbox knows these types: ec2-instance, ebs-volume');
    expect(result.stderr).to.not.match(/\n\s+at /);
    const missing = bkp(dir, 'sandbox', 'resource');
    expect(missing.stderr).to.contain('Name an action: add, list, set or rm.');
  });

  it('serves over HTTP until interrupted, then exits 0', async () => {
    const server = await serveSandbox(dir);
    const backup = new BackupClient({ region: 'us-east-1', endpoint: server.endpoint, credentials: { accessKeyId: 'AKIA', secretAccessKey: 'x' }, maxAttempts: 1 });
    let stopped: Awaited<ReturnType<typeof server.stop>>;
    try {
      await backup.send(new CreateBackupVaultCommand({ BackupVaultName: 'served' }));
      const listed = await backup.send(new ListBackupVaultsCommand({}));
      expect(listed.BackupVaultList?.map((v) => v.BackupVaultName)).to.deep.equal(['served']);
    } finally {
      backup.destroy();
      stopped = await server.stop();
    }
    expect(stopped.code).to.equal(0);
    expect(stopped.stderr).to.contain('Sandbox server stopped.');
    // The server folded its journal into the account file as it exited: the file alone is the account.
    expect(existsSync(join(dir, '.bkp', 'sandbox.json.journal'))).to.equal(false);
    expect(Object.keys(JSON.parse(readFileSync(join(dir, '.bkp', 'sandbox.json'), 'utf8')).backup['us-east-1'].vaults)).to.deep.equal(['served']);
    const status = bkp(dir, 'sandbox', 'status', '-json');
    expect(JSON.parse(status.stdout).regions[0]).to.include({ name: 'us-east-1', vaults: 1 });
  });
});
