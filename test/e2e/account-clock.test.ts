// The planner judges time-bound refusals by the account's clock, not this machine's: on the
// sandbox, a compliance-mode vault lock becomes immutable when `bkp sandbox advance` passes its
// lock date, and a change to it is refused at plan time instead of failing at apply.
import { expect } from 'chai';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { runBkp, tempDir } from '../support/cli.js';

const config = (minDays: number) => `
provider "sandbox" {
  path = ".bkp/sandbox.json"
}

backup_vault "locked" {
  name = "locked"
  lock {
    min_retention_days  = ${minDays}
    max_retention_days  = 365
    changeable_for_days = 3
  }
}
`;

describe('the account clock at plan time (sandbox)', function () {
  this.timeout(120_000);
  let dir: string;
  let cleanup: () => Promise<void>;
  const bkp = (...args: string[]) => runBkp(args, { cwd: dir });
  before(async () => {
    ({ dir, cleanup } = await tempDir());
  });
  after(async () => cleanup());

  it('refuses to change a vault lock once the sandbox clock has passed its lock date', async () => {
    await writeFile(join(dir, 'main.bkp.hcl'), config(7));
    const apply = await bkp('apply', '-auto-approve');
    expect(apply.code, apply.stdout + apply.stderr).to.equal(0);
    await writeFile(join(dir, 'main.bkp.hcl'), config(14));
    const before = await bkp('plan');
    expect(before.code, before.stdout + before.stderr).to.equal(0);
    expect(before.stdout).to.include('will be updated in place');

    const advance = await bkp('sandbox', 'advance', '4d');
    expect(advance.code, advance.stdout + advance.stderr).to.equal(0);
    const after = await bkp('plan');
    expect(after.code, after.stdout + after.stderr).to.equal(1);
    expect(after.stderr).to.include('became immutable');
  });
});
