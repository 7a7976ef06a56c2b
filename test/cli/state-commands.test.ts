// The state commands in process, on the sandbox: what they need of the configuration (only the
// backend block), how they name the files they are given, and how they match addresses.
import { expect } from 'chai';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { runInProcess } from '../reliability/support/in-process.js';
import { tempDir } from '../support/cli.js';

const provider = 'provider "sandbox" { path = ".bkp/sandbox.json" }\n';

describe('state commands', function () {
  this.timeout(60_000);
  let dir: string;
  let cleanup: () => Promise<void>;
  const bkp = (...args: string[]) => runInProcess(dir, ['-no-color', ...args]);
  const writeConfig = (body: string) => writeFile(join(dir, 'main.bkp.hcl'), provider + body);

  beforeEach(async () => {
    ({ dir, cleanup } = await tempDir());
  });
  afterEach(async () => cleanup());

  describe('read only the backend block', () => {
    const guarded = `
variable "env" {
  type    = string
  default = "CHANGE-ME"
  validation {
    condition     = var.env != "CHANGE-ME"
    error_message = "Set env."
  }
}
backup_vault "v" { name = "vault-\${var.env}" }
output "name" { value = backup_vault.v.name }
`;

    it('a variable default that fails its validation stops none of them', async () => {
      await writeConfig(guarded);
      const apply = await bkp('apply', '-auto-approve', '-var', 'env=prod');
      expect(apply.code, apply.stderr).to.equal(0);
      for (const args of [['state', 'list'], ['state', 'show', 'backup_vault.v'], ['state', 'pull'], ['show'], ['output'], ['output', 'name']]) {
        const run = await bkp(...args);
        expect(run.code, `${args.join(' ')}: ${run.stderr}`).to.equal(0);
        expect(run.stderr, args.join(' ')).not.to.include('Set env.');
      }
      const list = await bkp('state', 'list');
      expect(list.stdout).to.include('backup_vault.v');
      const pulled = await bkp('state', 'pull');
      await writeFile(join(dir, 'pulled.json'), pulled.stdout);
      const push = await bkp('state', 'push', 'pulled.json');
      expect(push.code, push.stderr).to.equal(0);
      const mv = await bkp('state', 'mv', 'backup_vault.v', 'backup_vault.w');
      expect(mv.code, mv.stderr).to.equal(0);
      const rm = await bkp('state', 'rm', 'backup_vault.w');
      expect(rm.code, rm.stderr).to.equal(0);
    });

    it('force-unlock is not stopped by the variables either', async () => {
      await writeConfig(guarded);
      const unlock = await bkp('force-unlock', 'no-such-lock');
      expect(unlock.stderr).not.to.include('Set env.');
      expect(unlock.stderr).not.to.include('Invalid value for variable');
    });

    it('a backend that uses such a variable is refused, naming the backend', async () => {
      await writeConfig(`${guarded}\nbackend "local" { path = "state-\${var.env}.json" }\n`);
      const list = await bkp('state', 'list');
      expect(list.code).to.equal(1);
      expect(list.stderr).to.include('The backend "local" block refers to a variable that has no value, or a value that fails its validation');
    });
  });

  describe('state push', () => {
    it('names the pushed file, not the backend, when it is no bkp state', async () => {
      await writeConfig('');
      await writeFile(join(dir, 'e.json'), '{}\n');
      const empty = await bkp('state', 'push', 'e.json');
      expect(empty.code).to.equal(1);
      expect(empty.stderr).to.match(/e\.json is not a bkp state file: it has neither format_version nor bkp_version/);
      expect(empty.stderr).to.include('Nothing was pushed');
      expect(empty.stderr).to.include('bkp state pull');
      expect(empty.stderr).not.to.include('backend "local"');
      await writeFile(join(dir, 'g.json'), 'garbage\n');
      const garbage = await bkp('state', 'push', '-force', 'g.json');
      expect(garbage.code).to.equal(1);
      expect(garbage.stderr).to.include('g.json is not valid JSON');
      expect(garbage.stderr).to.include('Nothing was pushed. Repair');
      expect(garbage.stderr).not.to.include('.backup');
      expect(garbage.stderr).not.to.include('re-import');
    });
  });

  describe('a resource address without a key', () => {
    it('state list, mv and rm act on every instance of a for_each resource; an address given twice is removed once', async () => {
      await writeConfig(`
backup_vault "v" {
  for_each = toset(["a", "b"])
  name     = "v-\${each.key}"
}
backup_vault "single" { name = "single" }
`);
      const apply = await bkp('apply', '-auto-approve');
      expect(apply.code, apply.stderr).to.equal(0);
      const list = await bkp('state', 'list', 'backup_vault.v');
      expect(list.stdout.trim().split('\n')).to.deep.equal(['backup_vault.v["a"]', 'backup_vault.v["b"]']);
      const mv = await bkp('state', 'mv', 'backup_vault.v', 'backup_vault.w');
      expect(mv.code, mv.stderr).to.equal(0);
      expect((await bkp('state', 'list')).stdout.trim().split('\n')).to.deep.equal(['backup_vault.single', 'backup_vault.w["a"]', 'backup_vault.w["b"]']);
      const rm = await bkp('state', 'rm', 'backup_vault.w', 'backup_vault.w["a"]', 'backup_vault.single', 'backup_vault.single');
      expect(rm.code, rm.stderr).to.equal(0);
      expect(rm.stdout).to.include('Removed 3 resources from the state.');
      expect((await bkp('state', 'list')).stdout.trim()).to.equal('');
    });
  });
});
