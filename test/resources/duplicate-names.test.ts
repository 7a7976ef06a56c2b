// Two blocks that would create objects of one physical name (where AWS keeps names unique) are
// refused by validate and plan, at both blocks: AWS would refuse the second create only halfway
// through the apply, after the first was made.
import { expect } from 'chai';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { runInProcess } from '../reliability/support/in-process.js';
import { tempDir } from '../support/cli.js';

const PROVIDER = 'provider "sandbox" {\n  path = ".bkp/sandbox.json"\n}\n';

async function inDir(config: string, run: (dir: string) => Promise<void>): Promise<void> {
  const { dir, cleanup } = await tempDir();
  try {
    await writeFile(join(dir, 'main.bkp.hcl'), PROVIDER + config);
    await run(dir);
  } finally {
    await cleanup();
  }
}

describe('two blocks with one unique name', () => {
  it('validate and plan refuse two vaults of one name, naming both positions', async () => {
    await inDir('backup_vault "a" {\n  name = "same"\n}\nbackup_vault "b" {\n  name = "same"\n}\n', async (dir) => {
      for (const command of ['validate', 'plan']) {
        const result = await runInProcess(dir, ['-no-color', command]);
        expect(result.code, result.stdout + result.stderr).to.equal(1);
        const text = result.stdout + result.stderr;
        expect(text).to.contain('Error: Duplicate vault name');
        expect(text).to.contain('on main.bkp.hcl line 8');
        expect(text).to.contain('backup_vault.b and backup_vault.a (main.bkp.hcl:5:10)');
        expect(text).to.contain('Give one of them another name');
        expect(text).not.to.contain('    at ');
      }
    });
  });

  it('a vault and an air-gapped vault share the vault names', async () => {
    const config =
      'backup_vault "a" {\n  name = "same"\n}\n' +
      'logically_air_gapped_vault "b" {\n  name               = "same"\n  min_retention_days = 7\n  max_retention_days = 35\n}\n';
    await inDir(config, async (dir) => {
      const result = await runInProcess(dir, ['-no-color', 'validate']);
      expect(result.code).to.equal(1);
      expect(result.stdout + result.stderr).to.contain('logically_air_gapped_vault.b and backup_vault.a');
    });
  });

  it('accepts one name under two providers, and names unknown until apply', async () => {
    const config =
      'provider "sandbox" {\n  alias  = "dr"\n  path   = ".bkp/sandbox.json"\n  region = "us-west-2"\n}\n' +
      'variable "n" {\n  type = string\n}\n' +
      'backup_vault "a" {\n  name = "same"\n}\nbackup_vault "b" {\n  provider = sandbox.dr\n  name     = "same"\n}\n' +
      'backup_vault "c" {\n  name = var.n\n}\nbackup_vault "d" {\n  name = var.n\n}\n';
    await inDir(config, async (dir) => {
      const result = await runInProcess(dir, ['-no-color', 'validate']);
      expect(result.code, result.stdout + result.stderr).to.equal(0);
    });
  });

  it('backup plans may share a name (AWS refuses only the same whole document)', async () => {
    const plan = (label: string, schedule: string) =>
      `backup_plan "${label}" {\n  name = "same"\n  rule "r" {\n    target_vault = backup_vault.v.name\n    schedule     = "${schedule}"\n  }\n}\n`;
    await inDir('backup_vault "v" {\n  name = "vv"\n}\n' + plan('a', 'cron(0 5 * * ? *)') + plan('b', 'cron(0 6 * * ? *)'), async (dir) => {
      const result = await runInProcess(dir, ['-no-color', 'validate']);
      expect(result.code, result.stdout + result.stderr).to.equal(0);
    });
  });
});
