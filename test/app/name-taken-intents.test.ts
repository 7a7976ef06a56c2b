// A create that AWS refuses because another request took the name leaves no create intent behind
// (it made nothing), and an intent whose name is held by an object the state manages at another
// address is settled without an orphan warning: bkp never advises deleting or importing an object
// it manages.
import { expect } from 'chai';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { runInProcess } from '../reliability/support/in-process.js';
import { tempDir } from '../support/cli.js';

const provider = (path: string) => `provider "sandbox" {\n  path = "${path}"\n}\n`;
const vault = (label: string, name: string) => `backup_vault "${label}" {\n  name = "${name}"\n}\n`;

async function intentsOf(dir: string): Promise<unknown[]> {
  return JSON.parse(await readFile(join(dir, 'bkp.state.json'), 'utf8')).intents ?? [];
}

describe('create intents and names taken by others', () => {
  it('a create refused with AlreadyExists leaves no intent that blocks later plans', async () => {
    const ours = await tempDir();
    const theirs = await tempDir();
    try {
      const account = join(ours.dir, 'account.json');
      await writeFile(join(ours.dir, 'main.bkp.hcl'), provider(account) + vault('b', 'same'));
      await writeFile(join(theirs.dir, 'main.bkp.hcl'), provider(account) + vault('x', 'same'));
      const planned = await runInProcess(ours.dir, ['-no-color', 'plan', '-out=p.bin']);
      expect(planned.code, planned.stdout + planned.stderr).to.equal(0);
      // Someone else takes the name between plan and apply.
      const other = await runInProcess(theirs.dir, ['-no-color', 'apply', '-auto-approve']);
      expect(other.code, other.stdout + other.stderr).to.equal(0);

      const applied = await runInProcess(ours.dir, ['-no-color', 'apply', 'p.bin']);
      expect(applied.code).to.equal(1);
      expect(applied.stderr).to.contain('AlreadyExists');
      expect(await intentsOf(ours.dir)).to.deep.equal([]);

      // The next plan refuses the taken name (with the import it needs), not an interrupted create.
      const again = await runInProcess(ours.dir, ['-no-color', 'plan']);
      expect(again.code).to.equal(1);
      expect(again.stdout + again.stderr).to.contain('a vault named "same" already exists');
      expect(again.stdout + again.stderr).not.to.contain('interrupted create');
      // Renamed, the block plans and applies.
      await writeFile(join(ours.dir, 'main.bkp.hcl'), provider(account) + vault('b', 'same2'));
      const renamed = await runInProcess(ours.dir, ['-no-color', 'apply', '-auto-approve']);
      expect(renamed.code, renamed.stdout + renamed.stderr).to.equal(0);
    } finally {
      await ours.cleanup();
      await theirs.cleanup();
    }
  });

  it('an intent whose name the state manages at another address is settled without an orphan warning', async () => {
    const { dir, cleanup } = await tempDir();
    try {
      await writeFile(join(dir, 'main.bkp.hcl'), provider('.bkp/sandbox.json') + vault('a', 'same'));
      expect((await runInProcess(dir, ['-no-color', 'apply', '-auto-approve'])).code).to.equal(0);
      // What an older bkp left: the intent of backup_vault.b's refused create of "same".
      const path = join(dir, 'bkp.state.json');
      const state = JSON.parse(await readFile(path, 'utf8'));
      const recorded = state.resources[0];
      state.intents = [
        { address: 'backup_vault.b', kind: 'backup_vault', provider: recorded.provider, token: 'f0f0f0f0-0000-4000-8000-000000000000', identity: 'same', recorded_at: new Date().toISOString() },
      ];
      state.serial += 1;
      await writeFile(path, JSON.stringify(state, null, 2));
      await writeFile(join(dir, 'main.bkp.hcl'), provider('.bkp/sandbox.json') + vault('a', 'same') + vault('b', 'same2'));

      const applied = await runInProcess(dir, ['-no-color', 'apply', '-auto-approve']);
      const text = applied.stdout + applied.stderr;
      expect(applied.code, text).to.equal(0);
      expect(text).not.to.contain('Orphaned');
      expect(text).not.to.contain('interrupted create');
      expect(await intentsOf(dir)).to.deep.equal([]);
    } finally {
      await cleanup();
    }
  });
});
