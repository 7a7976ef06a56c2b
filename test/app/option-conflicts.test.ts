// Options that exclude each other, or that a saved plan makes meaningless, are refused before any
// work, as Terraform refuses them: before, one of them was silently dropped (`apply -destroy
// PLANFILE` applied the saved plan, `plan -destroy -refresh-only` planned a refresh only).
import { expect } from 'chai';
import { readdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { runInProcess } from '../reliability/support/in-process.js';
import { tempDir } from '../support/cli.js';

describe('options that exclude each other', () => {
  let dir: string;
  let cleanup: () => Promise<void>;
  /** The files after the saved plan was made (the sandbox account, the plan key, the plan). */
  let files: string[];
  before(async () => {
    ({ dir, cleanup } = await tempDir('bkp-option-conflicts-'));
    await writeFile(join(dir, 'main.bkp.hcl'), 'provider "sandbox" {\n  path = "account.json"\n}\n\nbackup_vault "main" {\n  name = "main"\n}\n');
    await writeFile(join(dir, 'policy.bkp.hcl'), 'policy "company" {\n  control "resources_protected_by_backup_plan" {}\n}\n');
    const saved = await runInProcess(dir, ['plan', '-out=vault.plan', '-no-color']);
    expect(saved.code, saved.stderr).to.equal(0);
    files = await readdir(dir);
    expect(files).to.include('vault.plan').and.not.include('bkp.state.json');
  });
  after(() => cleanup());

  for (const [args, message] of [
    [['plan', '-destroy', '-refresh-only'], '-refresh-only and -destroy cannot be used together'],
    [['destroy', '-auto-approve', '-refresh-only'], '-refresh-only and -destroy cannot be used together'],
    [['apply', '-auto-approve', '-refresh-only', '-refresh=false'], '-refresh-only and -refresh=false cannot be used together'],
    [['apply', '-destroy', 'vault.plan'], '-destroy cannot be used when applying a saved plan'],
    [['apply', 'vault.plan', '-target=backup_vault.main', '-replace=backup_vault.main'], '-target, -replace cannot be used when applying a saved plan'],
    [['apply', 'vault.plan', '-refresh-only'], '-refresh-only cannot be used when applying a saved plan'],
    [['plan', '-json', '-format=markdown'], '-json and -format=markdown disagree'],
    [['check', '-json', '-format=sarif'], '-json and -format=sarif disagree'],
    [['simulate', '-days=1', '-json', '-format=markdown'], '-json and -format=markdown disagree'],
  ] as const) {
    it(`refuses bkp ${args.join(' ')}, changing nothing`, async () => {
      const result = await runInProcess(dir, [...args, '-no-color']);
      expect(result.code).to.equal(1);
      expect(result.stderr).to.include(message);
      expect(await readdir(dir)).to.have.members(files);
    });
  }

  it('applies a saved plan given only what it needs', async () => {
    const result = await runInProcess(dir, ['apply', 'vault.plan', '-no-color']);
    expect(result.code, result.stderr).to.equal(0);
    expect(result.stdout).to.include('Resources: 1 added');
  });
});
