// bkp simulate and the service opt-in: the scratch account gets the configuration's region_settings,
// and a tag selection then leaves out a resource type that is not opted in, as AWS Backup does.
import { expect } from 'chai';
import { policy, resource, simulate, workdir, type Workdir } from './helpers.js';

const DAILY_35 = `
  rule "daily" {
    target_vault = backup_vault.main.name
    schedule     = "cron(0 5 ? * * *)"
    lifecycle { delete_after_days = 35 }
  }`;
const SOURCES = `
  source "ec2-instance" "web" { tags = { backup = "yes" } }
  source "efs" "shared" { tags = { backup = "yes" } }`;

describe('bkp simulate: the service opt-in', function () {
  this.timeout(60_000);
  let work: Workdir | undefined;
  afterEach(async () => {
    await work?.cleanup();
    work = undefined;
  });

  it('a tag selection protects no resource of a type region_settings opts out of', async () => {
    const optOut = `
region_settings "main" {
  resource_type_opt_in_preference = { EFS = false }
}`;
    work = await workdir({ 'main.bkp.hcl': policy({ sources: SOURCES, rules: DAILY_35, extra: optOut }) });
    const report = await simulate(work.dir, 3, { start: '2026-01-01T00:00:00Z' });
    expect(resource(report, 'web')).to.deep.include({ status: 'protected', created: 3 });
    expect(report.unprotected.map((u) => u.name)).to.include('shared');
  });
});
