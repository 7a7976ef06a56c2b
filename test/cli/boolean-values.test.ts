// A boolean option given a value takes only true or false: yargs read any other value as false,
// so `-lock=maybe` ran without the lock and `-refresh=off` skipped the refresh without a word.
import { expect } from 'chai';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { runInProcess } from '../reliability/support/in-process.js';
import { tempDir } from '../support/cli.js';

describe('boolean option values', () => {
  let dir: string;
  let cleanup: () => Promise<void>;

  before(async () => {
    ({ dir, cleanup } = await tempDir());
    await writeFile(join(dir, 'main.bkp.hcl'), 'provider "sandbox" { path = ".bkp/sandbox.json" }\n');
  });
  after(async () => cleanup());

  for (const args of [['state', 'list', '-lock=maybe'], ['plan', '-refresh=off'], ['apply', '-auto-approve=yes'], ['output', '-json=1']]) {
    it(`refuses ${args.join(' ')}, saying what the option takes`, async () => {
      const run = await runInProcess(dir, ['-no-color', ...args]);
      expect(run.code).to.equal(1);
      const bad = args.at(-1)!;
      expect(run.stderr).to.include(`Error: ${bad}: ${bad.split('=')[0]} takes true or false.`);
      expect(run.stderr).not.to.match(/\n\s+at /);
    });
  }

  it('accepts true and false', async () => {
    expect((await runInProcess(dir, ['state', 'list', '-lock=false'])).code).to.equal(0);
    expect((await runInProcess(dir, ['state', 'list', '-lock=true'])).code).to.equal(0);
  });
});
