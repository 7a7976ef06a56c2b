// A build that did not finish (a bundle of dist/ missing) is a user error that says how to build
// bkp again, not a bug report with a stack: for the CLI's own bundle, which the launcher reads
// before any of bkp runs, and for an AWS SDK bundle, which a plan loads on its first AWS call.
import { expect } from 'chai';
import { spawnSync } from 'node:child_process';
import { cp, rm, symlink } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { tempDir } from '../support/cli.js';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

describe('built CLI: an incomplete installation', function () {
  this.timeout(60_000);
  let dir: string;
  let cleanup: () => Promise<void>;
  beforeEach(async () => {
    ({ dir, cleanup } = await tempDir('bkp-installation-'));
    for (const part of ['bin', 'dist', 'package.json', 'schemas']) await cp(join(ROOT, part), join(dir, 'bkp', part), { recursive: true });
    await symlink(join(ROOT, 'node_modules'), join(dir, 'bkp', 'node_modules'), 'dir');
    await cp(join(ROOT, 'examples', 'quickstart'), join(dir, 'quickstart'), { recursive: true });
    await rm(join(dir, 'quickstart', '.bkp'), { recursive: true, force: true });
    await rm(join(dir, 'quickstart', 'bkp.state.json'), { force: true });
  });
  afterEach(async () => cleanup());

  const bkp = (...args: string[]) =>
    spawnSync(process.execPath, [join(dir, 'bkp', 'bin', 'bkp.js'), `-chdir=${join(dir, 'quickstart')}`, ...args, '-no-color'], { encoding: 'utf8' });

  const expectInstallationError = (run: ReturnType<typeof bkp>, missing: string) => {
    expect(run.status, run.stderr).to.equal(1);
    expect(run.stderr.split('\n')[0]).to.match(/^Error: bkp's installation is incomplete: /).and.include(missing);
    expect(run.stderr).to.include('run `npm run build` in its folder');
    expect(run.stderr).not.to.include('This is a bug');
    expect(run.stderr, 'no stack').not.to.match(/^\s+at /m);
  };

  it('without dist/bkp.cjs: every command says so and exits 1', async () => {
    expect(bkp('validate').status, 'the copy works before a file is removed').to.equal(0);
    await rm(join(dir, 'bkp', 'dist', 'bkp.cjs'));
    expectInstallationError(bkp('validate'), 'dist/bkp.cjs cannot be read (ENOENT).');
  });

  it('without schemas/ beside dist/: every command says so and exits 1', async () => {
    await rm(join(dir, 'bkp', 'schemas'), { recursive: true });
    expectInstallationError(bkp('validate'), 'holds package.json and schemas/.');
  });

  it('without the AWS SDK core bundle: a plan says so at its first AWS call and exits 1', async () => {
    await rm(join(dir, 'bkp', 'dist', 'aws-sdk', 'core.cjs'));
    expect(bkp('validate').status, 'validate loads no SDK bundle').to.equal(0);
    expectInstallationError(bkp('plan'), 'dist/aws-sdk/core.cjs cannot be read (ENOENT).');
  });
});
