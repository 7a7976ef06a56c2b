// `bkp sandbox advance` names the restore jobs (bkp restore) and copy jobs that ended while the
// clock moved, once each, instead of "Nothing happened".
import { expect } from 'chai';
import { cp } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { runInProcess } from '../reliability/support/in-process.js';
import { tempDir } from '../support/cli.js';

const QUICKSTART = fileURLToPath(new URL('../../examples/quickstart', import.meta.url));
const RESTORE = fileURLToPath(new URL('../../examples/restore', import.meta.url));
const withoutLocalState = (source: string) => !/[\/]\.bkp([\/]|$)|bkp\.state\.json/.test(source);

describe('app: sandbox advance events for restore jobs', function () {
  this.timeout(120_000);

  it('reports a restore job started with bkp restore when it ends, and only then', async () => {
    const { dir, cleanup } = await tempDir('bkp-advance-restore-');
    try {
      await cp(QUICKSTART, dir, { recursive: true, filter: withoutLocalState });
      const apply = await runInProcess(dir, ['apply', '-auto-approve']);
      expect(apply.code, apply.stderr).to.equal(0);
      expect((await runInProcess(dir, ['sandbox', 'advance', '1d'])).code).to.equal(0);
      const restore = await runInProcess(dir, ['restore', 'on_demand_backup.before-upgrade', '-auto-approve']);
      expect(restore.code, restore.stderr).to.equal(0);
      const advanced = await runInProcess(dir, ['sandbox', 'advance', '2h', '-no-color']);
      expect(advanced.code, advanced.stderr).to.equal(0);
      expect(advanced.stdout).to.not.contain('Nothing happened');
      expect(advanced.stdout).to.match(/restore job \S+ of web \(i-0a1b2c3d4e5f60001\) COMPLETED: created i-/);
      expect(advanced.stdout).to.contain('1 restore job ended.');
      const again = await runInProcess(dir, ['sandbox', 'advance', '1m', '-no-color']);
      expect(again.stdout).to.not.contain('restore job');
    } finally {
      await cleanup();
    }
  });

  it("reports the copy jobs of a rule's copy action when they end", async () => {
    const { dir, cleanup } = await tempDir('bkp-advance-copy-');
    try {
      await cp(RESTORE, dir, { recursive: true, filter: withoutLocalState });
      const apply = await runInProcess(dir, ['apply', '-auto-approve']);
      expect(apply.code, apply.stderr).to.equal(0);
      const advanced = await runInProcess(dir, ['sandbox', 'advance', '1d', '-no-color']);
      expect(advanced.code, advanced.stderr).to.equal(0);
      expect(advanced.stdout).to.match(/copy job \S+ of \S+ .*to arn:aws:backup:us-west-2:123456789012:backup-vault:restore-demo-dr COMPLETED/);
      expect(advanced.stdout).to.match(/\d+ copy jobs? ended\./);
    } finally {
      await cleanup();
    }
  });
});
