// The built CLI takes the AWS SDK from its own bundles (dist/aws-sdk/), loaded through the
// launcher the first time a command asks for an SDK package: `bkp validate` must never load them
// (docs/architecture.md, "Start-up"), a plan gets every package it uses from there, and every
// client shares the core bundle's client class.
import { expect } from 'chai';
import { spawnSync } from 'node:child_process';
import { cp } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { tempDir } from '../support/cli.js';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

/** The SDK packages the CLI asked the launcher for while running `args` in this process. */
function sdkPackagesAskedFor(args: string[]): string[] {
  const script = `
    const launcher = require('./bin/load-bundle.cjs');
    const asked = new Set();
    const sdkModule = launcher.awsSdkModule;
    launcher.awsSdkModule = (name) => { asked.add(name); return sdkModule(name); };
    const cli = launcher.loadBundle('dist/bkp.cjs', 'dist/bkp.cjs.cache').exports;
    cli.main(${JSON.stringify(args)}).then(() => {
      if (process.exitCode) throw new Error('bkp exited with ' + process.exitCode);
      process.stderr.write(JSON.stringify([...asked].sort()));
    });`;
  const child = spawnSync(process.execPath, ['-e', script], { cwd: ROOT, encoding: 'utf8' });
  expect(child.status, child.stderr).to.equal(0);
  return JSON.parse(child.stderr) as string[];
}

describe('built CLI: the AWS SDK bundles', function () {
  this.timeout(60_000);

  it('are not loaded by bkp validate', () => {
    expect(sdkPackagesAskedFor(['-chdir=examples/quickstart', 'validate', '-no-color'])).to.deep.equal([]);
  });

  it('give a plan every SDK package it uses: AWS Backup, and EC2 to check the instance the on-demand backup names', async () => {
    const { dir, cleanup } = await tempDir('bkp-sdk-bundle-');
    try {
      await cp(join(ROOT, 'examples', 'quickstart'), dir, { recursive: true });
      expect(sdkPackagesAskedFor([`-chdir=${dir}`, 'plan', '-no-color'])).to.include.members(['@aws-sdk/client-backup', '@aws-sdk/client-ec2']);
    } finally {
      await cleanup();
    }
  });
});

describe('built CLI: the AWS SDK bundles\' packages', () => {
  it('share one client class: EC2\'s client, in a bundle of its own, extends the class the core bundle\'s AWS Backup client extends', () => {
    const script = `
      const { awsSdkModule } = require('./bin/load-bundle.cjs');
      const base = (client) => Object.getPrototypeOf(client.prototype);
      const backup = awsSdkModule('@aws-sdk/client-backup').BackupClient;
      const ec2 = awsSdkModule('@aws-sdk/client-ec2').EC2Client;
      process.stdout.write(String(typeof ec2 === 'function' && base(ec2) === base(backup)));`;
    expect(spawnSync(process.execPath, ['-e', script], { cwd: ROOT, encoding: 'utf8' }).stdout).to.equal('true');
  });
});
