// The planner with on_demand_backup: job starts, new jobs on trigger changes, forgetting on destroy.
import { expect } from 'chai';
import { UNKNOWN, type ObjectValue } from '../../src/core/values.js';
import { plan, type PlannerInput, type PriorResource } from '../../src/engine/planner.js';
import { jobStarts, planSummary } from '../../src/engine/plan-model.js';
import { resourceConfig } from '../support/resource-config.js';

const now = new Date('2026-11-25T12:00:00Z');
const ARN = 'arn:aws:ec2:us-east-1:123456789012:instance/i-0abc';

function run(input: Partial<PlannerInput>) {
  return plan({ desired: [], prior: [], refreshed: new Map(), now, mode: 'normal', ...input });
}

const desired = (extra: ObjectValue = {}): ObjectValue => ({
  resource_arn: ARN,
  vault: 'main',
  iam_role_arn: 'arn:aws:iam::123456789012:role/backup',
  lifecycle: { delete_after_days: 30 },
  trigger: 't1',
  ...extra,
});

function priorJob(extra: ObjectValue = {}): PriorResource {
  return {
    address: 'on_demand_backup.web',
    kind: 'on_demand_backup',
    name: 'web',
    provider: 'sandbox',
    id: 'JOB-1',
    attributes: {
      ...desired(),
      start_window_minutes: 480,
      completion_window_minutes: 10080,
      recovery_point_tags: {},
      job_id: 'JOB-1',
      state: 'COMPLETED',
      percent_done: '100.0',
      ...extra,
    },
    dependencies: [],
  };
}

describe('planner: on_demand_backup', () => {
  it('plans a new on-demand backup as a job start, not as an object to add', () => {
    const p = run({ desired: [resourceConfig('on_demand_backup.web', desired())] });
    const change = p.changes[0]!;
    expect(change.action).to.equal('create');
    expect(change.startsJob).to.equal(true);
    expect(change.after!.job_id).to.equal(UNKNOWN);
    expect(planSummary(p)).to.deep.equal({ add: 0, change: 0, destroy: 0, import: 0 });
    expect(jobStarts(p)).to.deep.equal([{ address: 'on_demand_backup.web', resource_arn: ARN, vault: 'main', trigger: 't1', reason: 'new on-demand backup' }]);
  });

  it('is a no-op when the job was started with the same settings (defaults and unset compare equal)', () => {
    const p = run({ desired: [resourceConfig('on_demand_backup.web', desired({ start_window_minutes: 480 }))], prior: [priorJob()] });
    expect(p.changes[0]!.action).to.equal('no-op');
    expect(jobStarts(p)).to.have.length(0);
    expect(p.diagnostics).to.have.length(0);
  });

  for (const [attribute, value] of [
    ['trigger', 't2'],
    ['resource_arn', 'arn:aws:ec2:us-east-1:123456789012:instance/i-0def'],
    ['vault', 'other'],
  ] as const) {
    it(`starts a new job, created first, when ${attribute} changes`, () => {
      const p = run({ desired: [resourceConfig('on_demand_backup.web', desired({ [attribute]: value }))], prior: [priorJob()] });
      const change = p.changes[0]!;
      expect(change.action).to.equal('replace');
      expect(change.replaceOrder).to.equal('create-first');
      expect(change.startsJob).to.equal(true);
      expect(change.replacePaths).to.deep.equal([[attribute]]);
      expect(change.reason).to.match(/new backup job/).and.match(/recovery point is kept/);
      expect(planSummary(p)).to.deep.equal({ add: 0, change: 0, destroy: 0, import: 0 });
      expect(jobStarts(p)).to.have.length(1);
    });
  }

  it('plans other changes as no-op with a warning: they take effect with the next job', () => {
    const p = run({
      desired: [resourceConfig('on_demand_backup.web', desired({ lifecycle: { delete_after_days: 60 }, recovery_point_tags: { a: 'b' } }))],
      prior: [priorJob()],
    });
    expect(p.changes[0]!.action).to.equal('no-op');
    expect(p.diagnostics).to.have.length(1);
    expect(p.diagnostics[0]!.severity).to.equal('warning');
    expect(p.diagnostics[0]!.detail).to.include('`lifecycle`').and.include('`recovery_point_tags`').and.include('change `trigger`');
  });

  it('forgets a removed on-demand backup and says the recovery point is kept', () => {
    const p = run({ prior: [priorJob()] });
    const change = p.changes[0]!;
    expect(change.action).to.equal('delete');
    expect(change.startsJob).to.equal(undefined);
    expect(change.reason).to.include('recovery point is kept per its lifecycle');
  });

  it('is not drift when refresh sees the job progress', () => {
    const refreshed = new Map([['on_demand_backup.web', { ...priorJob().attributes, state: 'COMPLETED', percent_done: '100.0' }]]);
    const p = run({
      desired: [resourceConfig('on_demand_backup.web', desired())],
      prior: [priorJob({ state: 'RUNNING', percent_done: '40.0' })],
      refreshed,
    });
    expect(p.drift).to.have.length(0);
    expect(p.refreshedState).to.have.length(1);
    expect(p.changes[0]!.action).to.equal('no-op');
  });

  describe('a lifecycle change', () => {
    const POINT = 'arn:aws:ec2:us-east-1::image/ami-0123456789abcdef0';
    const changeLifecycle = (state: string, extra: ObjectValue = {}) =>
      run({
        desired: [resourceConfig('on_demand_backup.web', desired({ lifecycle: { delete_after_days: 60 }, ...extra }))],
        prior: [priorJob({ state, recovery_point_arn: POINT })],
      });

    it('of a completed job is an in-place update of its recovery point, not a new job', () => {
      const p = changeLifecycle('COMPLETED');
      const change = p.changes[0]!;
      expect(change.action).to.equal('update');
      expect(change.startsJob).to.equal(undefined);
      expect(change.reason).to.equal(`the lifecycle of recovery point ${POINT} changes (UpdateRecoveryPointLifecycle); no new backup job`);
      expect(change.after!.lifecycle).to.deep.equal({ delete_after_days: 60 });
      expect(change.after!.recovery_point_arn).to.equal(POINT);
      expect(jobStarts(p)).to.have.length(0);
      expect(planSummary(p)).to.deep.equal({ add: 0, change: 1, destroy: 0, import: 0 });
      expect(p.diagnostics).to.have.length(0);
    });

    it('of a job not complete yet is the warning: it takes effect with the next job', () => {
      const p = changeLifecycle('RUNNING');
      expect(p.changes[0]!.action).to.equal('no-op');
      expect(p.diagnostics.map((d) => d.summary)).to.deep.equal(['on_demand_backup.web: change not applied to the started job']);
    });
  });
});
