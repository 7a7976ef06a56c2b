// An error in a variable file shows as one in a configuration file does: named by its path in the
// configuration directory, with the line and a caret under the value.
import { expect } from 'chai';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { runInProcess } from '../reliability/support/in-process.js';
import { tempDir } from '../support/cli.js';

describe('diagnostics of variable files', () => {
  it('name the file as in the configuration directory and show the excerpt, for -var-file and auto-loaded files', async () => {
    const { dir, cleanup } = await tempDir('bkp-var-file-diagnostics-');
    try {
      await writeFile(join(dir, 'main.bkp.hcl'), 'provider "sandbox" {}\nvariable "n" { type = number }\n');
      await writeFile(join(dir, 'prod.bkpvars.hcl'), 'n = "x"\n');
      const given = await runInProcess(dir, ['validate', '-no-color', '-var-file=prod.bkpvars.hcl']);
      expect(given.code).to.equal(1);
      expect(given.stderr).to.contain('on prod.bkpvars.hcl line 1:\n  1: n = "x"\n         ^^^').and.not.contain(dir);
      await writeFile(join(dir, 'env.auto.bkpvars.hcl'), 'n = \n');
      const auto = await runInProcess(dir, ['validate', '-no-color']);
      expect(auto.stderr).to.contain('on env.auto.bkpvars.hcl line 1:\n  1: n = ');
    } finally {
      await cleanup();
    }
  });
});
