// An option given without the value it needs is the user's mistake, said as yargs says it, never
// "a bug in bkp": yargs hands such parse errors to the parser's fail handler as errors of its own.
// An empty -out= is refused too: a plan would silently not be saved, a report written over ".".
import { expect } from 'chai';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runInProcess } from '../reliability/support/in-process.js';

describe('options without their value', () => {
  let dir: string;
  before(async () => {
    dir = await mkdtemp(join(tmpdir(), 'bkp-option-values-'));
    await writeFile(join(dir, 'main.bkp.hcl'), 'provider "sandbox" {\n  path = ".bkp/sandbox.json"\n}\n');
  });
  after(async () => rm(dir, { recursive: true, force: true }));

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
