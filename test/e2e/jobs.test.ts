// `bkp jobs` end to end on the sandbox: listing (text and JSON), --watch as the virtual clock moves,
// every terminal state's exit status, `bkp jobs stop` and `bkp apply -wait`.
import { expect } from 'chai';
import { StartBackupJobCommand } from '@aws-sdk/client-backup';
import { ROLE, Workspace } from './on-demand-helpers.js';

describe('bkp jobs end to end (sandbox)', function () {
  this.timeout(180_000);
  let ws: Workspace;
  beforeEach(async () => {
    ws = await Workspace.create();
  });
  afterEach(async () => ws.cleanup());

  it('watches a backup of a running instance go CREATED → RUNNING → COMPLETED and exits 0', async () => {
    const arn = await ws.addSource('ec2-instance', 'web');
    await ws.configure([{ name: 'web', source: 'web', arn }]);
    const applied = await ws.ok('apply', '-auto-approve');
    expect(applied.stdout).to.include('1 backup job started; the sandbox clock moves only with `bkp sandbox advance`: run `bkp sandbox advance 1h`, then `bkp jobs`.');
    const watch = ws.start('jobs', '--watch', '--interval=100ms');
    await watch.waitFor(/CREATED/);
    await ws.ok('sandbox', 'advance', '6m');
    await watch.waitFor(/RUNNING/);
    await ws.ok('sandbox', 'advance', '10m');
    const result = await watch.done;
    expect(result.code, result.stderr).to.equal(0);
    expect(result.stderr.split('The sandbox clock moves only with `bkp sandbox advance`')).to.have.length(2);
    const lines = result.stdout.split('\n').filter((l) => l.startsWith('on_demand_backup.web (job '));
    expect(lines.map((l) => l.split(': ')[1]!.split(' ')[0])).to.deep.equal(['CREATED', 'RUNNING', 'COMPLETED']);
    expect(result.stdout).to.match(/ADDRESS\s+JOB ID\s+STATE\s+DONE\s+SIZE\s+START BY\s+COMPLETED/);
    expect(result.stdout).to.include('The backup job completed.');
    const state = await ws.state();
    expect(state.jobs[0]!.state).to.equal('COMPLETED');
    expect(state.resources.find((r) => r.address === 'on_demand_backup.web')!.attributes.state).to.equal('COMPLETED');
  });

  it('lists a completed backup of a stopped instance in text and JSON', async () => {
    const arn = await ws.addSource('ec2-instance', 'idle', '--state', 'stopped');
    await ws.configure([{ name: 'idle', source: 'idle', arn }]);
    await ws.ok('apply', '-auto-approve');
    await ws.ok('sandbox', 'advance', '1h');
    const text = await ws.ok('jobs');
    const row = text.stdout.split('\n').find((l) => l.startsWith('on_demand_backup.idle'))!;
    expect(row).to.match(/COMPLETED\s+100%\s+8\.0 GiB/);
    const [job] = await ws.jobsJson();
    expect(job).to.include({ address: 'on_demand_backup.idle', state: 'COMPLETED' });
  });

  it('ends EXPIRED when an FSx file system stays UPDATING past the start window (exit 1 with the message)', async () => {
    const arn = await ws.addSource('fsx', 'files', '--state', 'UPDATING');
    await ws.configure([{ name: 'files', source: 'files', arn, extra: 'start_window_minutes = 60' }]);
    await ws.ok('apply', '-auto-approve');
    await ws.ok('sandbox', 'advance', '2h');
    const result = await ws.bkp('jobs', '--watch', '--interval=100ms');
    expect(result.code).to.equal(1);
    expect(result.stdout).to.include('EXPIRED');
    expect(result.stderr).to.include('on_demand_backup.files').and.include('ended EXPIRED: Backup job could not start within the start window');
  });

  it('stops a running job: ABORTING, then ABORTED (watch exits 1, JSON says not ok)', async () => {
    const arn = await ws.addSource('ec2-instance', 'big', '--size', '500');
    await ws.configure([{ name: 'big', source: 'big', arn }]);
    await ws.ok('apply', '-auto-approve');
    await ws.ok('sandbox', 'advance', '6m');
    expect((await ws.jobsJson())[0]!.state).to.equal('RUNNING');
    const stop = await ws.ok('jobs', 'stop', 'on_demand_backup.big');
    expect(stop.stdout).to.include('ABORTING');
    await ws.ok('sandbox', 'advance', '2m');
    const watched = await ws.bkp('jobs', '--watch', '-json');
    expect(watched.code).to.equal(1);
    const doc = JSON.parse(watched.stdout) as { ok: boolean; jobs: Array<{ state: string; status_message: string }> };
    expect(doc.ok).to.equal(false);
    expect(doc.jobs[0]!.state).to.equal('ABORTED');
  });

  it('explains a refused stop (RDS jobs cannot be stopped)', async () => {
    const arn = await ws.addSource('rds-instance', 'db');
    await ws.configure([{ name: 'db', source: 'db', arn }]);
    await ws.ok('apply', '-auto-approve');
    const stop = await ws.bkp('jobs', 'stop', 'on_demand_backup.db');
    expect(stop.code).to.equal(1);
    expect(stop.stderr).to.include('refused to stop on_demand_backup.db').and.include('RDS');
    expect(stop.stderr).to.not.match(/\n\s+at /);
  });

  it('ends PARTIAL for a composite resource with a failing member', async () => {
    const arn = await ws.addSource('efs', 'shared', '--member', 'part-a', '--member', 'part-b:failed');
    await ws.configure([{ name: 'shared', source: 'shared', arn }]);
    await ws.ok('apply', '-auto-approve');
    await ws.ok('sandbox', 'advance', '1h');
    const result = await ws.bkp('jobs', '--watch');
    expect(result.code).to.equal(1);
    expect(result.stderr).to.include('ended PARTIAL').and.include('part-b');
  });

  it('apply -wait waits for the jobs it started', async () => {
    const arn = await ws.addSource('ec2-instance', 'web');
    await ws.configure([{ name: 'web', source: 'web', arn }]);
    const apply = ws.start('apply', '-auto-approve', '-wait', '-wait-interval=100ms');
    await apply.waitFor(/Waiting for the backup job to end/);
    // The state lock is released while it waits: another run can plan meanwhile.
    const meanwhile = await ws.bkp('plan', '-lock-timeout=0s');
    expect(meanwhile.code, meanwhile.stdout + meanwhile.stderr).to.equal(0);
    await ws.ok('sandbox', 'advance', '1h');
    const result = await apply.done;
    expect(result.code, result.stderr).to.equal(0);
    expect(result.stdout).to.include('COMPLETED').and.include('The backup job completed.');
    // … and the job's end is saved to the state afterwards.
    expect((await ws.state()).jobs.map((j) => j.state)).to.deep.equal(['COMPLETED']);
  });

  it('--all also lists the jobs of the managed vaults that bkp did not start', async () => {
    const arn = await ws.addSource('ec2-instance', 'web');
    await ws.configure([{ name: 'web', source: 'web', arn }]);
    await ws.ok('apply', '-auto-approve');
    const client = ws.backupClient();
    const other = await client.send(new StartBackupJobCommand({ BackupVaultName: 'main', ResourceArn: arn, IamRoleArn: ROLE }));
    client.destroy();
    expect((await ws.jobsJson()).map((j) => j.address)).to.deep.equal(['on_demand_backup.web']);
    const all = await ws.jobsJson('--all');
    expect(all.map((j) => j.job_id)).to.include(other.BackupJobId);
    expect(all.find((j) => j.job_id === other.BackupJobId)!.address).to.equal(null);
    const text = await ws.ok('jobs', '--all');
    expect(text.stdout).to.include('RESOURCE').and.include(other.BackupJobId!);
  });
});
