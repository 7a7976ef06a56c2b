// Job views: the table, the JSON document, watch lines and the TTY progress display, and the
// on-demand backup lines of the plan views.
import { expect } from 'chai';
import type { JobFacts } from '../../src/domain/job-facts.js';
import { jobsToJson, renderJobChange, renderJobProgress, renderJobTable, renderWatchOutcome } from '../../src/render/jobs.js';
import { renderPlanHuman } from '../../src/render/plan-human.js';
import { planToJson } from '../../src/render/plan-json.js';
import { renderPlanMarkdown } from '../../src/render/plan-markdown.js';
import { makePlan, prior, resourceConfig } from './plan-fixtures.js';

const ARN = 'arn:aws:ec2:us-east-1:123456789012:instance/i-0abc';
const job = (extra: Partial<JobFacts> = {}): JobFacts => ({
  address: 'on_demand_backup.web',
  jobId: 'D48D8717-0C9D-72DF-1F56-14E703BF2345',
  state: 'RUNNING',
  percentDone: '42.0',
  sizeBytes: 3 * 1024 ** 3,
  resourceArn: ARN,
  vault: 'main',
  startBy: '2026-11-25T20:00:00.000Z',
  ...extra,
});

describe('job views', () => {
  it('renders the table with state, percent, size, start-by and completion', () => {
    const text = renderJobTable([job(), job({ address: undefined, jobId: 'OTHER', state: 'COMPLETED', completedAt: '2026-11-25T13:05:00.000Z' })], false);
    const [header, first, second] = text.split('\n');
    expect(header).to.match(/^ADDRESS\s+JOB ID\s+STATE\s+DONE\s+SIZE\s+START BY\s+COMPLETED$/);
    expect(first).to.match(/^on_demand_backup\.web\s+D48D8717-0C9D-72DF-1F56-14E703BF2345\s+RUNNING\s+42%\s+3\.0 GiB\s+2026-11-25 20:00Z\s+-$/);
    expect(second).to.match(/^-\s+OTHER\s+COMPLETED\s+100%/);
    expect(second).to.include('2026-11-25 13:05Z');
    expect(renderJobTable([], false)).to.include('No backup jobs');
  });

  it('prints JSON with nulls for unknown facts and the watch outcome', () => {
    const doc = JSON.parse(jobsToJson([job({ address: undefined })], { ok: false }));
    expect(doc.ok).to.equal(false);
    expect(doc.jobs[0]).to.include({ address: null, state: 'RUNNING', percent_done: '42.0', terminal: false, completed_at: null });
  });

  it('prints one plain line per state, with the message of a failure', () => {
    expect(renderJobChange(job(), false)).to.equal('on_demand_backup.web (job D48D8717-0C9D-72DF-1F56-14E703BF2345): RUNNING 42%');
    expect(renderJobChange(job({ state: 'FAILED', statusMessage: 'instance terminated' }), false)).to.match(/: FAILED: instance terminated$/);
  });

  it('draws a progress bar per job for a TTY', () => {
    const text = renderJobProgress([job(), job({ address: 'on_demand_backup.db', state: 'COMPLETED' })], false);
    expect(text.split('\n')[0]).to.include('[########............] 42%');
    expect(text.split('\n')[1]).to.include('[####################] 100%').and.include('COMPLETED');
  });

  it('succeeds only when every job COMPLETED, listing each failure with its message', () => {
    expect(renderWatchOutcome([job({ state: 'COMPLETED' })], false)).to.deep.include({ ok: true, failures: [] });
    const outcome = renderWatchOutcome([job({ state: 'COMPLETED' }), job({ state: 'PARTIAL', statusMessage: 'part-b failed' })], false);
    expect(outcome.ok).to.equal(false);
    expect(outcome.summary).to.equal('1 of 2 backup jobs did not complete.');
    expect(outcome.failures).to.deep.equal(['on_demand_backup.web (job D48D8717-0C9D-72DF-1F56-14E703BF2345) ended PARTIAL: part-b failed']);
  });

  it('names the jobs watched by their type: restore jobs, copy jobs, or jobs for a mix', () => {
    expect(renderWatchOutcome([job({ type: 'restore', state: 'FAILED' }), job({ type: 'restore', state: 'COMPLETED' })], false).summary).to.equal('1 of 2 restore jobs did not complete.');
    expect(renderWatchOutcome([job({ type: 'copy', state: 'COMPLETED' })], false).summary).to.equal('The copy job completed.');
    expect(renderWatchOutcome([job({ state: 'COMPLETED' }), job({ type: 'copy', state: 'COMPLETED' })], false).summary).to.equal('All 2 jobs completed.');
  });

  const copy = (extra: Partial<JobFacts> = {}): JobFacts => ({
    type: 'copy',
    jobId: 'C0PY0000-0000-0000-0000-000000000001',
    state: 'COMPLETED',
    resourceArn: ARN,
    vault: 'main',
    destinationVaultArn: 'arn:aws:backup:us-west-2:123456789012:backup-vault:dr',
    destinationRegion: 'us-west-2',
    sourceRecoveryPointArn: 'arn:aws:ec2:us-east-1::image/ami-0source',
    recoveryPointArn: 'arn:aws:ec2:us-west-2::image/ami-0copy',
    ...extra,
  });

  it('adds TYPE and DESTINATION (vault and region) columns when copies are listed, and says what a failed copy was', () => {
    const [header, backupRow, copyRow] = renderJobTable([job(), copy()], false, { types: ['backup', 'copy'] }).split('\n');
    expect(header).to.match(/^ADDRESS\s+TYPE\s+JOB ID\s+STATE\s+DONE\s+SIZE\s+DESTINATION\s+START BY\s+COMPLETED$/);
    expect(backupRow).to.match(/^on_demand_backup\.web\s+backup\s+D48D8717\S+\s+RUNNING\s+42%\s+3\.0 GiB\s+-\s+2026-11-25 20:00Z/);
    expect(copyRow).to.match(/^-\s+copy\s+C0PY0000\S+\s+COMPLETED\s+100%\s+-\s+dr \(us-west-2\)\s+-\s+-$/);
    expect(renderJobChange(copy({ state: 'FAILED', statusMessage: 'vault gone' }), false)).to.equal('copy job C0PY0000-0000-0000-0000-000000000001: FAILED: vault gone');
    expect(renderJobTable([], false, { types: ['copy'] })).to.equal('No copy jobs of the managed vaults and plans in the last 30 days.');
    expect(renderJobTable([], false, { types: ['backup', 'copy'] })).to.include('No backup or copy jobs');
  });

  const restoreTest = (extra: Partial<JobFacts> = {}): JobFacts => ({
    type: 'restore',
    jobId: 'RE5T0000-0000-0000-0000-000000000001',
    state: 'COMPLETED',
    resourceArn: ARN,
    vault: 'main',
    createdResourceArn: 'arn:aws:ec2:us-east-1:123456789012:instance/i-0restored',
    restoreTestingPlanArn: 'arn:aws:backup:us-east-1:123456789012:restore-testing-plan:weekly-1',
    validationStatus: 'TIMED_OUT',
    validationStatusMessage: 'No validation result arrived within the 4-hour validation window.',
    deletionStatus: 'SUCCESSFUL',
    ...extra,
  });

  it('adds VALIDATION and DELETION columns when restore tests are listed, and their fields in JSON', () => {
    const [header, testRow, restoreRow] = renderJobTable([restoreTest(), restoreTest({ jobId: 'PLAIN', restoreTestingPlanArn: undefined, validationStatus: undefined, deletionStatus: undefined })], false, { types: ['restore'] }).split('\n');
    expect(header).to.match(/^ADDRESS\s+TYPE\s+JOB ID\s+STATE\s+DONE\s+SIZE\s+VALIDATION\s+DELETION\s+START BY\s+COMPLETED$/);
    expect(testRow).to.match(/^-\s+restore\s+RE5T0000\S+\s+COMPLETED\s+100%\s+-\s+TIMED_OUT\s+SUCCESSFUL\s+-\s+-$/);
    expect(restoreRow).to.match(/^-\s+restore\s+PLAIN\s+COMPLETED\s+100%\s+-\s+-\s+-\s+-\s+-$/);
    expect(renderJobTable([job()], false)).to.not.include('VALIDATION');
    const doc = JSON.parse(jobsToJson([restoreTest(), job()]));
    expect(doc.jobs[0]).to.include({
      type: 'restore',
      restore_testing_plan_arn: 'arn:aws:backup:us-east-1:123456789012:restore-testing-plan:weekly-1',
      validation_status: 'TIMED_OUT',
      validation_status_message: 'No validation result arrived within the 4-hour validation window.',
      deletion_status: 'SUCCESSFUL',
      created_resource_arn: 'arn:aws:ec2:us-east-1:123456789012:instance/i-0restored',
    });
    expect(doc.jobs[1]).to.include({ validation_status: null, deletion_status: null, restore_testing_plan_arn: null });
  });

  it('prints the type of every job in JSON, and a copy\'s destination and source point', () => {
    const doc = JSON.parse(jobsToJson([job(), copy()]));
    expect(doc.jobs[0]).to.include({ type: 'backup', destination_vault_arn: null, destination_region: null, source_recovery_point_arn: null });
    expect(doc.jobs[1]).to.include({
      type: 'copy',
      address: null,
      destination_vault_arn: 'arn:aws:backup:us-west-2:123456789012:backup-vault:dr',
      destination_region: 'us-west-2',
      source_recovery_point_arn: 'arn:aws:ec2:us-east-1::image/ami-0source',
      recovery_point_arn: 'arn:aws:ec2:us-west-2::image/ami-0copy',
      terminal: true,
    });
  });
});

describe('plan views of on-demand backups', () => {
  const desired = { resource_arn: ARN, vault: 'main', iam_role_arn: 'arn:aws:iam::123456789012:role/b', trigger: 't1' };
  const stateAttrs = { ...desired, start_window_minutes: 480, completion_window_minutes: 10080, recovery_point_tags: {}, job_id: 'J1', state: 'COMPLETED', percent_done: '100.0' };

  it('renders a start backup job line and counts it apart from the objects to add', () => {
    const plan = makePlan({ desired: [resourceConfig('on_demand_backup.web', desired)] });
    const text = renderPlanHuman(plan, { color: false });
    expect(text).to.include('  # on_demand_backup.web will start a backup job');
    expect(text).to.include(`  + start backup job of ${ARN} into vault "main"`);
    expect(text).to.include('Plan: 0 to add, 0 to change, 0 to destroy, 1 backup job to start.');
    const json = planToJson(plan);
    expect(json.job_starts).to.deep.equal([{ address: 'on_demand_backup.web', resource_arn: ARN, vault: 'main', trigger: 't1', reason: 'new on-demand backup' }]);
    expect(json.summary.jobs).to.equal(1);
    expect(json.applyable).to.equal(true);
    expect(renderPlanMarkdown(plan)).to.include('start backup job').and.include('1 backup job to start');
  });

  it('explains a new job on a new trigger, and forgetting on destroy', () => {
    const replaced = makePlan({ desired: [resourceConfig('on_demand_backup.web', { ...desired, trigger: 't2' })], prior: [prior('on_demand_backup.web', 'J1', stateAttrs)] });
    const text = renderPlanHuman(replaced, { color: false });
    expect(text).to.include('# on_demand_backup.web will start a new backup job: `trigger` changed (the previous recovery point is kept per its lifecycle)');
    expect(text).to.include('1 backup job to start');
    const forgotten = renderPlanHuman(makePlan({ prior: [prior('on_demand_backup.web', 'J1', stateAttrs)] }), { color: false });
    expect(forgotten).to.include('bkp forgets the job (the recovery point is kept per its lifecycle)');
    expect(forgotten).to.include('0 to add, 0 to change, 1 to destroy, 0 backup jobs to start.');
  });
});
