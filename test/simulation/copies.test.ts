// Copies in `bkp simulate`: a rule copying to a vault of the DR region (a provider alias of the same
// sandbox account) — copies counted per destination, apart from the backups, and the worst gap of
// the DR copies, also when every copy fails.
import { expect } from 'chai';
import { renderSimulationHuman, simulationToJson } from '../../src/render/simulation.js';
import { DAY, policy, resource, simulate, workdir, type Workdir } from './helpers.js';

const WEB = `  source "ec2-instance" "web" { tags = { backup = "yes" } }`;
const DR = `
provider "sandbox" {
  alias  = "dr"
  path   = ".bkp/sandbox.json"
  region = "us-west-2"
}

backup_vault "dr" {
  provider = sandbox.dr
  name     = "dr"
}`;

function dailyCopyingTo(destination: string): string {
  return `
  rule "daily" {
    target_vault = backup_vault.main.name
    schedule     = "cron(0 5 ? * * *)"
    lifecycle { delete_after_days = 35 }
    copy {
      destination_vault_arn = ${destination}
      lifecycle { delete_after_days = 7 }
    }
  }`;
}

describe('bkp simulate: copies per destination and the worst gap of the DR copies', function () {
  this.timeout(60_000);
  let work: Workdir | undefined;
  afterEach(async () => {
    await work?.cleanup();
    work = undefined;
  });

  it('counts the daily DR copies with their own lifecycle, apart from the backups', async () => {
    work = await workdir({ 'main.bkp.hcl': policy({ sources: WEB, rules: dailyCopyingTo('backup_vault.dr.arn'), extra: DR }) });
    const report = await simulate(work.dir, 20, { start: '2026-01-01T00:00:00Z' });
    // 20 ticks (days 0..19 at 05:00): 20 backups in main, each copied to dr. A copy is kept 7 days:
    // those of days 13..19 remain at the end (day 20, 00:00), the 13 before expired.
    const web = resource(report, 'web');
    expect(web.created).to.equal(20);
    expect(web.existing.total).to.equal(20);
    expect(report.copies).to.have.length(1);
    const [dr] = report.copies;
    expect(dr).to.deep.include({ region: 'us-west-2', vault: 'dr', crossRegion: true, resources: 1, created: 20, expired: 13, failedJobs: 0 });
    expect(dr!.existing).to.deep.equal({ total: 7, warm: 7, cold: 0 });
    // A copy a day, each the same time after its backup.
    expect(dr!.worstGap).to.deep.include({ ms: DAY, open: false, resourceName: 'web' });

    const text = renderSimulationHuman(report, { color: false });
    expect(text).to.include('Copies, per destination vault:');
    expect(text).to.match(/dr \(us-west-2, cross-region\)\s+1\s+7\s+7\s+0\s+20\s+13\s+0\s+1d, web/);
    expect(text).to.include('worst gap of the DR copies: 1d, web in dr (us-west-2, cross-region)');
    expect(text).to.include('20 copies to 1 destination vault.');
    const json = simulationToJson(report);
    expect(json.copies[0]).to.deep.include({ region: 'us-west-2', vault: 'dr', cross_region: true, created: 20 });
    expect(json.totals.worst_dr_copy_gap).to.deep.include({ hours: 24, open: false, region: 'us-west-2', vault: 'dr', resource: 'web' });
  });

  it('reports the copies that fail (no such DR vault) and a gap open since the first attempt', async () => {
    const missing = '"arn:aws:backup:us-west-2:123456789012:backup-vault:missing"';
    work = await workdir({ 'main.bkp.hcl': policy({ sources: WEB, rules: dailyCopyingTo(missing), extra: DR }) });
    const report = await simulate(work.dir, 10, { start: '2026-01-01T00:00:00Z' });
    const [gone] = report.copies;
    expect(gone).to.deep.include({ region: 'us-west-2', vault: 'missing', crossRegion: true, created: 0, failedJobs: 10 });
    expect(gone!.lastFailure).to.contain('does not exist');
    // No copy ever: the gap runs from the first attempt (day 0, a few minutes after the backup) to the end.
    expect(gone!.worstGap!.open).to.equal(true);
    expect(gone!.worstGap!.to).to.equal(Date.parse('2026-01-11T00:00:00Z'));
    expect(gone!.worstGap!.ms).to.be.within(9 * DAY + 18 * 3_600_000, 9 * DAY + 19 * 3_600_000);
    expect(resource(report, 'web').failedJobs).to.equal(0);
    expect(renderSimulationHuman(report, { color: false })).to.include('last failed copy to missing (us-west-2): Destination backup vault');
  });
});
