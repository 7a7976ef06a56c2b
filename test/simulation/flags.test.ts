// `bkp simulate` flag parsing: -days, -start, and an -inventory-from that nothing uses.
import { expect } from 'chai';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { runInProcess } from '../reliability/support/in-process.js';
import { tempDir } from '../support/cli.js';
import { parseDays, parseStart } from '../../src/app/simulate.js';
import { BkpError } from '../../src/core/errors.js';

function messageOf(fn: () => unknown): string {
  try {
    fn();
  } catch (e) {
    expect(e).to.be.instanceOf(BkpError);
    return (e as BkpError).message;
  }
  throw new Error('expected an error');
}

describe('bkp simulate flags', () => {
  it('-days: a whole number from 1 to 3650, required', () => {
    expect(parseDays('1')).to.equal(1);
    expect(parseDays('400')).to.equal(400);
    expect(parseDays('3650')).to.equal(3650);
    expect(messageOf(() => parseDays(undefined))).to.equal('bkp simulate needs -days: how many days to simulate.');
    for (const bad of ['0', '3651', '-3', '1.5', '1e2', 'ten', ' ']) {
      expect(messageOf(() => parseDays(bad)), bad).to.equal(`-days must be a whole number of days from 1 to 3650, not "${bad}".`);
    }
  });

  it('-start: a UTC date or an ISO instant with its zone', () => {
    expect(parseStart(undefined)).to.equal(undefined);
    expect(parseStart('2026-01-01')?.toISOString()).to.equal('2026-01-01T00:00:00.000Z');
    expect(parseStart('2026-01-01T06:30:00+02:00')?.toISOString()).to.equal('2026-01-01T04:30:00.000Z');
    expect(parseStart('2028-02-29')?.toISOString()).to.equal('2028-02-29T00:00:00.000Z');
    for (const bad of ['2026-01-01T06:00', '2026-13-01', '2026-02-30', '2026-02-29', '2026-04-31T06:00:00Z', 'tomorrow', '1767225600000']) {
      expect(messageOf(() => parseStart(bad)), bad).to.contain('-start must be a UTC date');
    }
  });

  it('-inventory-from: a warning when every provider is a sandbox, which it would not stand in for', async () => {
    const { dir, cleanup } = await tempDir('bkp-simulate-flags-');
    try {
      await writeFile(join(dir, 'main.bkp.hcl'), 'provider "sandbox" {\n  path = "account.json"\n}\n\nbackup_vault "main" {\n  name = "main"\n}\n');
      // It must exist; it is never read here.
      await writeFile(join(dir, 'inventory.json'), '{}');
      const unused = await runInProcess(dir, ['simulate', '-days=1', '-inventory-from=inventory.json', '-no-color']);
      expect(unused.code).to.equal(0);
      expect(unused.stderr).to.include('-inventory-from is not used');
      const without = await runInProcess(dir, ['simulate', '-days=1', '-no-color']);
      expect(without.stderr).not.to.include('-inventory-from');
    } finally {
      await cleanup();
    }
  });

  it('-inventory-from: a warning when the inventory has no resources in an aws provider\'s Region', async function () {
    this.timeout(60_000);
    const { dir, cleanup } = await tempDir('bkp-simulate-flags-');
    try {
      const config = (region: string) =>
        `provider "aws" {\n  region = "${region}"\n}\n\nbackup_vault "main" {\n  name = "main"\n}\n`;
      const added = await runInProcess(dir, ['sandbox', 'resource', 'add', 'ec2-instance', 'app', '--tag', 'backup=yes', '--region', 'us-east-1', '--file', 'inventory.json']);
      expect(added.code, added.stderr).to.equal(0);
      await writeFile(join(dir, 'main.bkp.hcl'), config('eu-west-1'));
      const elsewhere = await runInProcess(dir, ['simulate', '-days=1', '-inventory-from=inventory.json', '-no-color']);
      expect(elsewhere.code, elsewhere.stderr).to.equal(0);
      expect(elsewhere.stderr).to.include('-inventory-from has no resources in eu-west-1');
      expect(elsewhere.stderr).to.include('--region eu-west-1');
      await writeFile(join(dir, 'main.bkp.hcl'), config('us-east-1'));
      const same = await runInProcess(dir, ['simulate', '-days=1', '-inventory-from=inventory.json', '-no-color']);
      expect(same.code, same.stderr).to.equal(0);
      expect(same.stderr).to.not.include('has no resources in');
    } finally {
      await cleanup();
    }
  });
});
