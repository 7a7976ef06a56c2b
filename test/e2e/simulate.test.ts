// `bkp simulate` through the built CLI: the views, the flag errors, and the promise that the real
// sandbox account and the real state are never touched.
import { expect } from 'chai';
import { readFile, readdir, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { runBkp, tempDir } from '../support/cli.js';

const CONFIG = `
provider "sandbox" {
  path   = ".bkp/sandbox.json"
  region = "eu-west-1"
  source "ec2-instance" "web" { tags = { backup = "yes" } }
  source "rds-instance" "orders" {}
}
backup_vault "main" { name = "main" }
backup_plan "policy" {
  name = "policy"
  rule "daily" {
    target_vault = backup_vault.main.name
    schedule     = "cron(0 5 ? * * *)"
    lifecycle { delete_after_days = var.retention }
  }
}
variable "retention" {
  type    = number
  default = 35
}
backup_selection "tagged" {
  plan         = backup_plan.policy
  name         = "tagged"
  iam_role_arn = "arn:aws:iam::123456789012:role/backup"
  tag {
    key   = "backup"
    value = "yes"
  }
}
`;

interface SimulationJson {
  start: string;
  end: string;
  days: number;
  resources: { name: string; existing: { total: number }; created: number; sources: { label: string }[] }[];
  not_protected: { name: string; type: string; backed_up_with: string | null }[];
}

describe('bkp simulate (CLI)', function () {
  this.timeout(120_000);
  let dir: string;
  let cleanup: () => Promise<void>;
  const bkp = (...args: string[]) => runBkp(['-chdir=' + dir, ...args], { cwd: dir });

  before(async () => {
    ({ dir, cleanup } = await tempDir('bkp-simulate-'));
    await writeFile(join(dir, 'main.bkp.hcl'), CONFIG);
  });
  after(async () => cleanup());

  it('on a configuration never applied: reports, and creates neither the account file nor a state', async () => {
    const r = await bkp('simulate', '-days=40', '-start=2026-01-01');
    expect(r.code, r.stderr).to.equal(0);
    expect(r.stdout).to.contain('Simulated 40 days: 2026-01-01 00:00 UTC → 2026-02-10 00:00 UTC');
    // Points of days 0..39; those of days 5..39 remain (35 days), 5 expired.
    expect(r.stdout).to.match(/backup_plan\.policy\/daily\s+main\s+35\s+35\s+0\s+40\s+5\s+0\s+1d/);
    expect(r.stdout).to.contain('oldest restorable point: 2026-01-06 05:05 UTC (backup_plan.policy/daily, warm)');
    expect(r.stdout).to.contain('Not protected (no selection matches them):\n  orders (rds-instance orders, eu-west-1)');
    expect(await readdir(dir)).to.deep.equal(['main.bkp.hcl']);
  });

  it('leaves an applied account and its state byte for byte and mtime unchanged, and takes no lock', async () => {
    const apply = await bkp('apply', '-auto-approve');
    expect(apply.code, apply.stderr).to.equal(0);
    const files = [join(dir, '.bkp', 'sandbox.json'), join(dir, 'bkp.state.json')];
    const before = await Promise.all(files.map(async (f) => ({ bytes: await readFile(f), mtime: (await stat(f, { bigint: true })).mtimeNs })));
    const entries = async () => [...(await readdir(dir)), ...(await readdir(join(dir, '.bkp')))].sort();
    const listing = await entries();

    // -var reaches the simulated configuration: a 10-day retention keeps 10 points.
    const r = await bkp('simulate', '-days', '30', '-json', '-var', 'retention=10');
    expect(r.code, r.stderr).to.equal(0);
    const report = JSON.parse(r.stdout) as SimulationJson;
    expect(report.days).to.equal(30);
    const web = report.resources.find((x) => x.name === 'web')!;
    expect(web.existing.total).to.equal(10);
    expect(web.created).to.be.within(29, 30);
    expect(web.sources.map((s) => s.label)).to.deep.equal(['backup_plan.policy/daily']);
    // The instance's root volume is backed up with it (an AMI covers its volumes).
    expect(report.not_protected.map((u) => [u.type, u.backed_up_with])).to.deep.equal([
      ['rds-instance', null],
      ['ebs-volume', 'web'],
    ]);

    for (const [i, f] of files.entries()) {
      expect((await readFile(f)).equals(before[i]!.bytes), `${f} changed`).to.equal(true);
      expect((await stat(f, { bigint: true })).mtimeNs, `${f} mtime`).to.equal(before[i]!.mtime);
    }
    expect(await entries()).to.deep.equal(listing);
  });

  it('prints Markdown for a pull-request comment', async () => {
    const r = await bkp('simulate', '-days=40', '-start=2026-01-01', '-format=markdown');
    expect(r.code, r.stderr).to.equal(0);
    expect(r.stdout).to.contain('### bkp simulate: 40 days');
    expect(r.stdout).to.contain('| `web` (ec2-instance) | `backup_plan.policy/daily` | main | 35 | 35 | 0 | 40 | 5 | 0 | 1d | 2026-01-06 05:05 UTC |');
    expect(r.stdout).to.contain('**Not protected:** `orders` (rds-instance)');
  });

  it('refuses a missing or out-of-range -days and a bad -start, with exit code 1', async () => {
    const missing = await bkp('simulate');
    expect(missing.code).to.equal(1);
    expect(missing.stderr).to.contain('bkp simulate needs -days');
    // The full range of bad values is covered by test/simulation/flags.test.ts.
    for (const days of ['0', 'ten']) {
      const r = await bkp('simulate', `-days=${days}`);
      expect(r.code, days).to.equal(1);
      expect(r.stderr).to.contain(`-days must be a whole number of days from 1 to 3650, not "${days}"`);
      expect(r.stderr).to.not.contain('    at ');
    }
    const start = await bkp('simulate', '-days=5', '-start=yesterday');
    expect(start.code).to.equal(1);
    expect(start.stderr).to.contain('-start must be a UTC date');
  });
});
