// restore_time_for_resources_meet_target end to end through the built CLI on the sandbox: not
// evaluated offline; with -refresh, judged from the account's restore jobs after `bkp restore` made
// one — failing a target shorter than the restore took, passing a longer one.
import { expect } from 'chai';
import { appendFile, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Workspace } from './on-demand-helpers.js';

interface CheckJson {
  compliant: boolean;
  controls: Array<{ control: string; status: string; reason?: string; resources_evaluated: string[] }>;
  findings: Array<{ control: string; resource: string; message: string }>;
}

const policy = (minutes: number) => `
policy "recovery" {
  control "restore_time_for_resources_meet_target" {
    max_restore_time = ${minutes}
    resource_types   = ["EC2"]
  }
}
`;

describe('bkp check restore_time_for_resources_meet_target end to end (sandbox)', function () {
  this.timeout(180_000);
  let ws: Workspace;
  before(async () => {
    ws = await Workspace.create();
  });
  after(async () => ws?.cleanup());

  const check = async (...flags: string[]): Promise<{ code: number; doc: CheckJson }> => {
    const result = await ws.bkp('check', '-json', ...flags);
    expect(result.stderr, result.stderr).to.not.include('Error');
    return { code: result.code, doc: JSON.parse(result.stdout) as CheckJson };
  };
  const restoreControl = (doc: CheckJson) => doc.controls.find((c) => c.control === 'restore_time_for_resources_meet_target')!;

  it('is not evaluated offline, fails a restore slower than the target with -refresh, and passes a longer target', async () => {
    const arn = await ws.addSource('ec2-instance', 'web');
    await ws.configure([{ name: 'web', source: 'web', arn }]);
    const configFile = join(ws.dir, 'main.bkp.hcl');
    const base = await readFile(configFile, 'utf8');
    await appendFile(configFile, policy(1));
    await ws.ok('apply', '-auto-approve');
    await ws.ok('sandbox', 'advance', '1h');

    const offline = await check();
    expect(offline.code).to.equal(0);
    expect(restoreControl(offline.doc).status).to.equal('not_evaluated');
    expect(restoreControl(offline.doc).reason).to.include('needs -refresh');

    const before = await check('-refresh');
    expect(restoreControl(before.doc).status, 'no restore yet').to.equal('not_evaluated');
    expect(restoreControl(before.doc).reason).to.include('has a restore job completed in the last 30 days');

    const started = JSON.parse((await ws.ok('restore', 'on_demand_backup.web', '-auto-approve', '-json')).stdout) as { restore_job: { job_id: string } };
    const jobId = started.restore_job.job_id;
    await ws.ok('sandbox', 'advance', '1h');

    const slow = await check('-refresh');
    expect(slow.code, JSON.stringify(slow.doc)).to.equal(3);
    expect(restoreControl(slow.doc).status).to.equal('non_compliant');
    expect(restoreControl(slow.doc).resources_evaluated).to.deep.equal([arn]);
    const finding = slow.doc.findings.find((f) => f.control === 'restore_time_for_resources_meet_target')!;
    expect(finding.resource).to.equal(arn);
    expect(finding.message).to.include(`job ${jobId}`).and.include('the target is 1 minute (max_restore_time)');
    const took = Number(/took (\d+) minutes/.exec(finding.message)?.[1]);
    expect(took, finding.message).to.be.greaterThan(1);

    await writeFile(configFile, base + policy(took));
    const met = await check('-refresh');
    expect(met.code, JSON.stringify(met.doc)).to.equal(0);
    expect(restoreControl(met.doc).status).to.equal('compliant');
    expect(restoreControl(met.doc).resources_evaluated).to.deep.equal([arn]);
  });
});
