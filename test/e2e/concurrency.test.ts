// Several bkp processes on one state: the lock serialises them and no write is lost.
import { expect } from 'chai';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { runBkp, tempDir } from '../support/cli.js';

const config = `
provider "sandbox" {
  path = ".bkp/sandbox.json"
}

variable "owner" {
  type    = string
  default = "nobody"
}

backup_vault "shared" {
  name = "shared"
  tags = { owner = var.owner }
}
`;

describe('concurrent applies on one state', function () {
  this.timeout(180_000);
  let dir: string;
  let cleanup: () => Promise<void>;
  const bkp = (args: string[], env?: NodeJS.ProcessEnv) => runBkp(args, { cwd: dir, env });
  const readState = async () => JSON.parse(await readFile(join(dir, 'bkp.state.json'), 'utf8'));

  before(async () => {
    ({ dir, cleanup } = await tempDir());
    await writeFile(join(dir, 'main.bkp.hcl'), config);
    const first = await bkp(['apply', '-auto-approve']);
    expect(first.code, first.stderr).to.equal(0);
  });
  after(async () => cleanup());

  it('four applies with -lock-timeout all finish; each change is one more serial', async () => {
    const before = (await readState()).serial as number;
    const owners = ['alice', 'bob', 'carol', 'dave'];
    const results = await Promise.all(
      owners.map((owner) => bkp(['apply', '-auto-approve', '-lock-timeout=60s', `-var=owner=${owner}`])),
    );
    for (const r of results) expect(r.code, r.stdout + r.stderr).to.equal(0);
    for (const r of results) expect(r.stdout).to.include('Resources: 0 added, 1 changed, 0 destroyed.');
    const state = await readState();
    expect(state.serial).to.equal(before + owners.length);
    const owner = state.resources[0].attributes.tags.owner;
    expect(owners).to.include(owner);
    const plan = await bkp(['plan', '-detailed-exitcode', `-var=owner=${owner}`]);
    expect(plan.code, plan.stdout).to.equal(0);
  });

  it('without -lock-timeout a held lock fails at once, naming its holder', async () => {
    // A slow refresh (sandbox latency) keeps the first plan holding the lock.
    let slowFinished = false;
    const slow = bkp(['plan'], { BKP_SANDBOX_FAULTS: 'latency_ms=3000' }).finally(() => (slowFinished = true));
    let lockFile = '';
    for (let i = 0; i < 100 && !lockFile; i++) {
      await new Promise((r) => setTimeout(r, 50));
      lockFile = await readFile(join(dir, '.bkp.state.json.lock'), 'utf8').catch(() => '');
    }
    expect(lockFile, 'the slow plan took the lock').to.not.equal('');
    const holder = JSON.parse(lockFile);
    const blocked = await bkp(['apply', '-auto-approve']);
    expect(slowFinished, 'the blocked apply gave up while the lock was still held').to.equal(false);
    expect(blocked.code).to.equal(1);
    expect(blocked.stderr).to.include(holder.ID);
    expect(blocked.stderr).to.include('plan');
    expect(blocked.stderr).to.include(String(holder.Pid));
    expect(blocked.stderr).to.not.match(/\n\s+at /);
    expect((await slow).code).to.equal(0);
  });
});
