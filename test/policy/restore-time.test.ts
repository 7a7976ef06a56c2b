// restore_time_for_resources_meet_target over plain inputs: not evaluated offline, the latest
// completed restore of each resource in scope against max_restore_time, the 30-day window.
import { expect } from 'chai';
import type { RestoreJobFacts } from '../../src/domain/job-facts.js';
import { evaluatePolicies } from '../../src/policy/evaluate.js';
import { isCompliant, type CheckInputs } from '../../src/policy/model.js';
import type { ObjectValue } from '../../src/core/values.js';
import { config, inputs, ORDERS, policy, WEB } from './builders.js';

const NOW = Date.parse('2026-11-25T12:00:00Z');
const MINUTE = 60_000;

/** A restore of `resourceArn` that completed `agoMinutes` before now after running `minutes`. */
function restore(id: string, resourceArn: string, minutes: number, agoMinutes: number, state = 'COMPLETED'): RestoreJobFacts {
  const completed = NOW - agoMinutes * MINUTE;
  return {
    type: 'restore',
    jobId: id,
    state,
    resourceArn,
    vault: 'main',
    createdAt: new Date(completed - minutes * MINUTE).toISOString(),
    completedAt: new Date(completed).toISOString(),
  };
}

function run(params: ObjectValue, extra: Partial<CheckInputs>) {
  const report = evaluatePolicies(config([], [policy([['restore_time_for_resources_meet_target', params]])]), inputs([WEB, ORDERS], extra));
  return { report, result: report.results[0]! };
}

describe('policy control restore_time_for_resources_meet_target', () => {
  it('is not evaluated without -refresh, and says why', () => {
    const { report, result } = run({ max_restore_time: 60 }, {});
    expect(result.status).to.equal('not_evaluated');
    expect(result.reason).to.include('needs -refresh').and.include('restore jobs');
    expect(isCompliant(report)).to.equal(true);
  });

  it('passes a resource whose latest completed restore took no longer than the target', () => {
    const jobs = [restore('slow-old', WEB.arn, 300, 3 * 24 * 60), restore('fast-new', WEB.arn, 45, 60)];
    const { result } = run({ max_restore_time: 60 }, { recoveryPoints: [], restoreJobs: jobs });
    expect(result.status).to.equal('compliant');
    expect(result.evaluated).to.deep.equal([WEB.arn]);
  });

  it('fails a resource whose latest completed restore was too slow, naming the job, the duration and the target', () => {
    const jobs = [restore('fast-old', WEB.arn, 10, 3 * 24 * 60), restore('slow-new', WEB.arn, 95, 60), restore('failed-newest', WEB.arn, 1, 5, 'FAILED')];
    const { report, result } = run({ max_restore_time: 60 }, { recoveryPoints: [], restoreJobs: jobs });
    expect(result.status).to.equal('non_compliant');
    expect(result.findings).to.have.length(1);
    const finding = result.findings[0]!;
    expect(finding.resource).to.equal(WEB.arn);
    expect(finding.message).to.include('job slow-new').and.include('took 95 minutes').and.include('the target is 60 minutes');
    // The resource's declaring block (a source block's line) is where the finding points.
    expect(finding.range?.start.line).to.equal(5);
    expect(isCompliant(report)).to.equal(false);
  });

  it('judges only resources in scope, and only restores completed in the last 30 days', () => {
    const jobs = [restore('slow-web', WEB.arn, 500, 60), restore('ancient-orders', ORDERS.arn, 500, 31 * 24 * 60), restore('slow-orders', ORDERS.arn, 500, 60)];
    const scoped = run({ max_restore_time: 60, resource_types: ['RDS'] }, { recoveryPoints: [], restoreJobs: jobs }).result;
    expect(scoped.findings.map((f) => f.resource)).to.deep.equal([ORDERS.arn]);
    const old = run({ max_restore_time: 60, resource_types: ['RDS'] }, { recoveryPoints: [], restoreJobs: [jobs[1]!] }).result;
    expect(old.status).to.equal('not_evaluated');
    expect(old.reason).to.include('none of the 1 resource in scope has a restore job completed in the last 30 days').and.include('restore_testing_plan');
  });
});
