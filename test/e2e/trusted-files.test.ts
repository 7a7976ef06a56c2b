// Issue 22, sections 5 to 7, through the built CLI: files bkp no longer trusts too much.
import { expect } from 'chai';
import { createHash } from 'node:crypto';
import { lstat, readFile, readlink, stat, symlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { runBkp, tempDir } from '../support/cli.js';

const config = `
provider "sandbox" {
  path = ".bkp/sandbox.json"
}

backup_vault "main" {
  name = "main"
  tags = { team = var.team }
}

variable "team" {
  type    = string
  default = "infra"
}
`;

describe('files bkp does not trust', function () {
  this.timeout(180_000);
  let dir: string;
  let cleanup: () => Promise<void>;
  const bkp = (...args: string[]) => runBkp(args, { cwd: dir });

  beforeEach(async () => {
    ({ dir, cleanup } = await tempDir('bkp-trusted-'));
    await writeFile(join(dir, 'main.bkp.hcl'), config);
    const applied = await bkp('apply', '-auto-approve');
    expect(applied.code, applied.stderr).to.equal(0);
  });
  afterEach(async () => cleanup());

  it('refuses a saved plan edited and re-hashed as sha256(body); applies the plan as written', async () => {
    expect((await bkp('plan', '-out=change.plan', '-var=team=ops')).code).to.equal(0);
    expect((await stat(join(dir, 'bkp.state.json.plankey'))).mode & 0o777).to.equal(0o600);
    const original = await readFile(join(dir, 'change.plan'), 'utf8');
    const { integrity: _old, ...body } = JSON.parse(original) as Record<string, unknown>;
    const forgedBody = JSON.parse(JSON.stringify(body).replaceAll('"ops"', '"forged"')) as Record<string, unknown>;
    const integrity = createHash('sha256').update(JSON.stringify(forgedBody)).digest('hex');
    await writeFile(join(dir, 'change.plan'), JSON.stringify({ ...forgedBody, integrity }));
    const refused = await bkp('apply', 'change.plan');
    expect(refused.code, refused.stdout).to.equal(1);
    expect(refused.stderr).to.include('signature does not match').and.not.include('This is a bug');
    expect(await readFile(join(dir, '.bkp/sandbox.json'), 'utf8')).to.not.include('forged');

    await writeFile(join(dir, 'change.plan'), original);
    const applied = await bkp('apply', 'change.plan');
    expect(applied.code, applied.stderr).to.equal(0);
  });

  it('refuses a state with __proto__ as an attribute name with a message, not a crash', async () => {
    const statePath = join(dir, 'bkp.state.json');
    await writeFile(statePath, (await readFile(statePath, 'utf8')).replace('"attributes": {', '"attributes": {"__proto__": {"a": 1},'));
    const plan = await bkp('plan', '-refresh=false');
    expect(plan.code).to.equal(1);
    expect(plan.stderr).to.include('reserved key "__proto__"').and.not.include('This is a bug');
  });

  it('writes a check report over a planted symbolic link, never through it', async () => {
    const victim = join(dir, 'victim.txt');
    await writeFile(victim, 'keep me');
    await symlink(victim, join(dir, 'report.md'));
    await writeFile(join(dir, 'policy.bkp.hcl'), 'policy "company" {\n  control "resources_protected_by_backup_plan" {}\n}\n');
    const check = await bkp('check', '-format=markdown', '-out=report.md');
    expect(check.code, check.stderr).to.be.oneOf([0, 2]);
    expect(await readFile(victim, 'utf8')).to.equal('keep me');
    expect((await lstat(join(dir, 'report.md'))).isSymbolicLink()).to.equal(false);
    await readlink(join(dir, 'report.md')).then(
      () => expect.fail('report.md is still a link'),
      () => undefined,
    );
  });

  it('shows control characters from the state escaped in show, and in the refusal of an address that holds them', async () => {
    const statePath = join(dir, 'bkp.state.json');
    const text = (await readFile(statePath, 'utf8')).replace('"team": "infra"', '"team": "infra\\u001b]0;owned\\u0007\\u009b2J"');
    await writeFile(statePath, text);
    const show = await bkp('show');
    expect(show.stdout, show.stdout).to.include('infra\\u001b]0;owned\\u0007\\u009b2J');
    await writeFile(statePath, text.replace('"address": "backup_vault.main"', '"address": "backup_vault.main\\u001b[2J"'));
    const list = await bkp('state', 'list');
    expect(list.code).to.equal(1);
    expect(list.stderr).to.include('has the address "backup_vault.main\\x1b[2J", which is no resource address');
    for (const output of [show.stdout, list.stdout, list.stderr]) expect(output).to.not.match(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/);
  });

  it('force-unlock removes a sandbox account lock by the ID its message gives', async () => {
    await writeFile(join(dir, '.bkp/sandbox.json.lock'), '');
    const wrong = await bkp('force-unlock', 'sandbox-0000');
    expect(wrong.code).to.equal(1);
    expect(wrong.stderr).to.include('No sandbox account lock has the ID');
    const id = `sandbox-damaged-${createHash('sha256').update('').digest('hex').slice(0, 12)}`;
    const unlocked = await bkp('force-unlock', id);
    expect(unlocked.code, unlocked.stderr).to.equal(0);
    await lstat(join(dir, '.bkp/sandbox.json.lock')).then(
      () => expect.fail('the lock is still there'),
      () => undefined,
    );
  });
});
