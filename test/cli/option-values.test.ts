// An option given without the value it needs is the user's mistake, said as yargs says it, never
// "a bug in bkp": yargs hands such parse errors to the parser's fail handler as errors of its own.
// An empty -out= is refused too: a plan would silently not be saved, a report written over ".".
import { expect } from 'chai';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { runInProcess } from '../reliability/support/in-process.js';
import { tempDir } from '../support/cli.js';

describe('options without their value', () => {
  let dir: string;
  let cleanup: () => Promise<void>;
  before(async () => {
    ({ dir, cleanup } = await tempDir('bkp-option-values-'));
    await writeFile(join(dir, 'main.bkp.hcl'), 'provider "sandbox" {\n  path = ".bkp/sandbox.json"\n}\n');
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

  it('refuses an empty -out= for plan and check', async () => {
    await writeFile(join(dir, 'policy.bkp.hcl'), 'policy "company" {\n  control "resources_protected_by_backup_plan" {}\n}\n');
    const plan = await runInProcess(dir, ['plan', '-out=', '-no-color']);
    expect(plan.code).to.equal(1);
    expect(plan.stderr).to.include('-out needs the name of the file to write the plan to.');
    const check = await runInProcess(dir, ['check', '-out=', '-no-color']);
    expect(check.code).to.equal(1);
    expect(check.stderr).to.include('-out needs the name of the file to write the report to.');
  });
});
