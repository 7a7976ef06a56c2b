// A plan saved before there was any state, applied after another apply wrote the first state:
// it is stale (the state is new), not a plan of another configuration.
import { expect } from 'chai';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { runInProcess } from '../reliability/support/in-process.js';
import { tempDir } from '../support/cli.js';

describe('a saved plan made before the first state', () => {
  it('is refused as stale, saying that an apply has written a state since', async () => {
    const { dir, cleanup } = await tempDir('bkp-plan-before-state-');
    try {
      await writeFile(join(dir, 'main.bkp.hcl'), 'provider "sandbox" {}\nbackup_vault "v" { name = "vvv" }\n');
      expect((await runInProcess(dir, ['plan', '-out=p.plan'])).code).to.equal(0);
      expect((await runInProcess(dir, ['apply', '-auto-approve'])).code).to.equal(0);
      const result = await runInProcess(dir, ['apply', 'p.plan']);
      expect(result.code).to.equal(1);
      expect(result.stderr).to.contain('Saved plan is stale: it was made before there was a state').and.not.contain('different state lineage');
    } finally {
      await cleanup();
    }
  });
});
