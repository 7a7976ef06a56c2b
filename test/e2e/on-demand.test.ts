// on_demand_backup end to end on the sandbox: plan lines, preflight, starting jobs once, new jobs
// on a new trigger, forgetting on destroy.
import { expect } from 'chai';
import { DescribeBackupJobCommand, ListBackupJobsCommand, ListRecoveryPointsByBackupVaultCommand, StartBackupJobCommand } from '@aws-sdk/client-backup';
import { jobToken } from '../../src/resources/on-demand-backup/handler.js';
import { ROLE, Workspace } from './on-demand-helpers.js';

describe('on_demand_backup end to end (sandbox)', function () {
  this.timeout(180_000);
  let ws: Workspace;
  beforeEach(async () => {
    ws = await Workspace.create();
  });
  afterEach(async () => ws.cleanup());

  it('plans a job start, starts it once, and records it in state', async () => {
    const arn = await ws.addSource('ec2-instance', 'web');
    await ws.configure([{ name: 'web', source: 'web', arn }]);
    const plan = await ws.bkp('plan', '-detailed-exitcode');
    expect(plan.code, plan.stderr).to.equal(2);
    expect(plan.stdout).to.include('# on_demand_backup.web will start a backup job');
    expect(plan.stdout).to.include(`+ start backup job of ${arn} into vault "main"`);
    expect(plan.stdout).to.include('Plan: 1 to add, 0 to change, 0 to destroy, 1 backup job to start.');
    const json = JSON.parse((await ws.ok('plan', '-json')).stdout);
    expect(json.job_starts).to.deep.equal([{ address: 'on_demand_backup.web', resource_arn: arn, vault: 'main', trigger: 't1', reason: 'new on-demand backup' }]);
    expect(json.summary).to.deep.include({ add: 1, jobs: 1 });

    await ws.ok('apply', '-auto-approve');
    const state = await ws.state();
    const resource = state.resources.find((r) => r.address === 'on_demand_backup.web')!;
    expect(resource.id).to.match(/^[0-9A-F-]{36}$/);
    expect(resource.attributes.job_id).to.equal(resource.id);
    expect(state.jobs).to.have.length(1);
    expect(state.jobs[0]).to.include({ job_id: resource.id, address: 'on_demand_backup.web', state: 'CREATED' });

    const again = await ws.bkp('plan', '-detailed-exitcode');
    expect(again.code, again.stdout + again.stderr).to.equal(0);
  });

  it('refuses at plan time a backup of a terminated instance, which AWS would fail', async () => {
    const arn = await ws.addSource('ec2-instance', 'old', '--state', 'terminated');
    await ws.configure([{ name: 'old', source: 'old', arn }]);
    const plan = await ws.bkp('plan');
    expect(plan.code).to.equal(1);
    expect(plan.stderr).to.include('on_demand_backup.old').and.include('terminated');

    // Started behind bkp's back, the job fails as AWS Backup fails it.
    await ws.ok('apply', '-auto-approve', '-target=backup_vault.main');
    const client = ws.backupClient();
    const started = await client.send(new StartBackupJobCommand({ BackupVaultName: 'main', ResourceArn: arn, IamRoleArn: ROLE }));
    await ws.ok('sandbox', 'advance', '30m');
    const job = await client.send(new DescribeBackupJobCommand({ BackupJobId: started.BackupJobId }));
    client.destroy();
    expect(job.State).to.equal('FAILED');
    expect(job.StatusMessage).to.include('terminated');
  });

  it('warns at plan time that an FSx file system being updated makes the job wait', async () => {
    const arn = await ws.addSource('fsx', 'files', '--state', 'UPDATING');
    await ws.configure([{ name: 'files', source: 'files', arn, extra: 'start_window_minutes = 60' }]);
    const plan = await ws.bkp('plan');
    expect(plan.code, plan.stderr).to.equal(0);
    expect(plan.stderr).to.include('wait in the queue');
  });

  it('refuses a retention the vault lock forbids', async () => {
    const arn = await ws.addSource('ec2-instance', 'web');
    await ws.configure([{ name: 'web', source: 'web', arn, extra: 'lifecycle {\n    delete_after_days = 400\n  }' }], 'lock {\n    min_retention_days = 7\n    max_retention_days = 100\n  }');
    const plan = await ws.bkp('plan');
    expect(plan.code).to.equal(1);
    expect(plan.stderr).to.match(/retention/i);
  });

  it('starts no second job when apply is re-run after a crash between StartBackupJob and the state write', async () => {
    const arn = await ws.addSource('ec2-instance', 'web');
    await ws.configure([{ name: 'web', source: 'web', arn }]);
    await ws.ok('apply', '-auto-approve', '-target=backup_vault.main');
    const { lineage } = await ws.state();
    // The crashed apply's call: the same token and parameters bkp sends.
    const client = ws.backupClient();
    const token = jobToken(lineage, 'on_demand_backup.web', { trigger: 't1', resource_arn: arn, vault: 'main' });
    const crashed = await client.send(
      new StartBackupJobCommand({ BackupVaultName: 'main', ResourceArn: arn, IamRoleArn: ROLE, IdempotencyToken: token, StartWindowMinutes: 480, CompleteWindowMinutes: 10080 }),
    );
    await ws.ok('apply', '-auto-approve');
    const jobs = await client.send(new ListBackupJobsCommand({ ByBackupVaultName: 'main' }));
    client.destroy();
    expect(jobs.BackupJobs).to.have.length(1);
    const state = await ws.state();
    expect(state.resources.find((r) => r.address === 'on_demand_backup.web')!.id).to.equal(crashed.BackupJobId);
  });

  it('starts a new job on a new trigger, keeps the old recovery point, and forgets the job on destroy', async () => {
    const arn = await ws.addSource('ec2-instance', 'web');
    await ws.configure([{ name: 'web', source: 'web', arn, trigger: 'release-1' }]);
    await ws.ok('apply', '-auto-approve');
    await ws.ok('sandbox', 'advance', '1h');

    await ws.configure([{ name: 'web', source: 'web', arn, trigger: 'release-2' }]);
    const plan = await ws.ok('plan');
    expect(plan.stdout).to.include('will start a new backup job: `trigger` changed');
    expect(plan.stdout).to.include('0 to add, 0 to change, 0 to destroy, 1 backup job to start.');
    await ws.ok('apply', '-auto-approve');
    await ws.ok('sandbox', 'advance', '1h');

    const state = await ws.state();
    expect(state.jobs.map((j) => j.address)).to.deep.equal(['on_demand_backup.web', 'on_demand_backup.web']);
    expect(new Set(state.jobs.map((j) => j.job_id)).size).to.equal(2);
    const shown = JSON.parse((await ws.ok('show', 'on_demand_backup.web', '-json')).stdout);
    expect(shown.recovery_points).to.have.length(2);
    expect(shown.recovery_points[0].incremental).to.equal(false);
    expect(shown.recovery_points[1].incremental).to.equal(true);
    expect(shown.recovery_points[1].parent_recovery_point_arn).to.equal(shown.recovery_points[0].recovery_point_arn);
    const vaultView = await ws.ok('show', 'backup_vault.main');
    expect(vaultView.stdout).to.include('2 recovery points in vault "main"').and.include('storage class: WARM');

    await ws.configure([]);
    const forget = await ws.ok('apply', '-auto-approve');
    expect(forget.stdout).to.include('the recovery point is kept per its lifecycle');
    const after = await ws.state();
    expect(after.resources.map((r) => r.address)).to.deep.equal(['backup_vault.main']);
    expect(after.jobs).to.have.length(2);
    const client = ws.backupClient();
    const points = await client.send(new ListRecoveryPointsByBackupVaultCommand({ BackupVaultName: 'main' }));
    client.destroy();
    expect(points.RecoveryPoints).to.have.length(2);
  });
});
