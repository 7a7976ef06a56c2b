// An option given without the value it needs is the user's mistake, said as yargs says it, never
// "a bug in bkp": yargs hands such parse errors to the parser's fail handler as errors of its own.
// An empty value (`-out=`, `-chdir=`) is refused too, by every option that takes one.
import { expect } from 'chai';
import { readdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parsePollInterval } from '../../src/app/duration.js';
import { runInProcess } from '../reliability/support/in-process.js';
import { tempDir } from '../support/cli.js';

/** The command as a shell would show it, with '' for an empty argument. */
const shown = (args: readonly string[]) => args.map((arg) => (arg === '' ? "''" : arg)).join(' ');

describe('options without their value', () => {
  let dir: string;
  let cleanup: () => Promise<void>;
  before(async () => {
    ({ dir, cleanup } = await tempDir('bkp-option-values-'));
    await writeFile(join(dir, 'main.bkp.hcl'), 'provider "sandbox" {\n  path = ".bkp/sandbox.json"\n}\n\nbackup_vault "main" {\n  name = "main"\n}\n');
    await writeFile(join(dir, 'policy.bkp.hcl'), 'policy "company" {\n  control "resources_protected_by_backup_plan" {}\n}\n');
  });
  after(() => cleanup());

  for (const [args, option] of [
    [['plan', '-var-file'], 'var-file'],
    [['console', '-var'], 'var'],
    [['plan', '-target'], 'target'],
  ] as const) {
    it(`bkp ${args.join(' ')}`, async () => {
      const result = await runInProcess(dir, [...args, '-no-color']);
      expect(result.code).to.equal(1);
      expect(result.stderr).to.include(`Not enough arguments following: ${option}`);
      expect(result.stderr).to.include('Run `bkp --help` for usage.');
      expect(result.stderr).not.to.include('bug in bkp');
    });
  }

  // `-out=`, `-chdir=` and `-vault ''` reached the commands as the empty string, which they took
  // for "not given" or for the current directory.
  for (const [args, message] of [
    [['-chdir=', 'validate'], '-chdir was given an empty value: it needs the directory to switch to, such as -chdir=envs/prod.'],
    [['plan', '-out='], '-out was given an empty value: it needs the name of the file to write the plan to, such as -out=tfplan.'],
    [['check', '-out='], '-out was given an empty value: it needs the name of the file to write the report to, such as -out=report.md.'],
    [['plan', '-target=backup_vault.main', '-target='], '-target was given an empty value'],
    [['apply', '-auto-approve', '-wait-interval='], '-wait-interval was given an empty value'],
    [['restore', 'arn:aws:backup:us-east-1:123456789012:recovery-point:x', '-vault', ''], '-vault was given an empty value'],
    [['sandbox', 'resource', 'add', 'efs', 'home', '--region='], '--region was given an empty value'],
    [['generate', '-out=', '-sandbox=account.json'], '-out was given an empty value'],
  ] as const) {
    it(`refuses bkp ${shown(args)} before the command runs`, async () => {
      const result = await runInProcess(dir, [...args, '-no-color']);
      expect(result.code).to.equal(1);
      expect(result.stderr).to.include(message);
      expect(result.stderr).not.to.include('bug in bkp');
      // Nothing ran: no configuration was validated, no account file or state written.
      expect(result.stdout).to.equal('');
      expect(await readdir(dir)).to.have.members(['main.bkp.hcl', 'policy.bkp.hcl']);
    });
  }

  // An empty argument was taken for a missing one: `apply -auto-approve ''` planned and applied afresh.
  for (const [args, message] of [
    [['apply', '-auto-approve', ''], 'The <planfile> argument is empty: it needs the name of a plan file saved with bkp plan -out=FILE; leave it out to plan afresh.'],
    [['show', ''], 'The <file> argument is empty'],
    [['state', 'rm', 'backup_vault.main', ''], 'The <addresses> argument is empty'],
    [['state', 'mv', 'backup_vault.main', ''], 'The <to> argument is empty: it needs a resource address, such as backup_vault.main.'],
    [['import', '', 'main'], 'The <address> argument is empty'],
    [['import', 'backup_vault.main', ''], 'The <id> argument is empty'],
    [['output', ''], 'The <name> argument is empty'],
    [['fmt', ''], 'The <paths> argument is empty'],
    [['jobs', 'stop', ''], 'The <address> argument is empty'],
    [['force-unlock', ''], 'The <id> argument is empty'],
  ] as const) {
    it(`refuses bkp ${shown(args)} before the command runs`, async () => {
      const result = await runInProcess(dir, [...args, '-no-color']);
      expect(result.code).to.equal(1);
      expect(result.stderr).to.include(message);
      expect(result.stdout).to.equal('');
      expect(await readdir(dir)).to.have.members(['main.bkp.hcl', 'policy.bkp.hcl']);
    });
  }

  it('refuses poll intervals too short to pause between calls, before doing anything', async () => {
    for (const args of [
      ['apply', '-auto-approve', '-wait', '-wait-interval=0s'],
      ['jobs', '--watch', '--interval=0'],
      ['restore', 'arn:aws:backup:us-east-1:123456789012:recovery-point:x', '-wait', '-wait-interval=50ms'],
    ]) {
      const result = await runInProcess(dir, [...args, '-no-color']);
      expect(result.code, args.join(' ')).to.equal(1);
      expect(result.stderr, args.join(' ')).to.match(/interval=\S+ is too short/);
    }
    expect(parsePollInterval('100ms', '--interval')).to.equal(100);
  });

  it('refuses a restore -iam-role-arn that is no IAM role ARN, before starting anything', async () => {
    const result = await runInProcess(dir, ['restore', 'arn:aws:backup:us-east-1:123456789012:recovery-point:x', '-iam-role-arn=bogus', '-auto-approve', '-no-color']);
    expect(result.code).to.equal(1);
    expect(result.stderr).to.include('-iam-role-arn=bogus is not an IAM role ARN.');
  });

  it('refuses a -wait-interval it cannot read before applying anything', async () => {
    const result = await runInProcess(dir, ['apply', '-auto-approve', '-wait', '-wait-interval=soon', '-no-color']);
    expect(result.code).to.equal(1);
    expect(result.stderr).to.include('Invalid duration "soon" for -wait-interval.');
    expect(await readdir(dir)).to.have.members(['main.bkp.hcl', 'policy.bkp.hcl']);
  });
});
