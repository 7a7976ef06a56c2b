// restore_time_for_resources_meet_target: every resource in scope that was restored lately was
// restored within max_restore_time minutes (Audit Manager's RESTORE_TIME_FOR_RESOURCES_MEET_TARGET,
// AWS Config's *_MEETS_RESTORE_TIME_TARGET: the latest restore's duration against the target).
// Needs the account's restore jobs, so only with -refresh; a job's duration is from its creation
// to its completion, the two times ListRestoreJobs gives.
import { RESTORE_TIME_WINDOW_DAYS } from '../../domain/audit-controls.js';
import type { RestoreJobFacts } from '../../domain/job-facts.js';
import type { ControlContext, ControlOutcome, RawFinding } from '../context.js';
import { numberParameter } from '../parameters.js';

/** The restore jobs judged: those completed in the last 30 days (as long as AWS lists jobs). */
export const RESTORE_WINDOW_DAYS = RESTORE_TIME_WINDOW_DAYS;
const DAY_MS = 86_400_000;
const MINUTE_MS = 60_000;

export function evaluateRestoreTime(ctx: ControlContext): ControlOutcome {
  const jobs = ctx.inputs.restoreJobs;
  if (jobs === undefined) {
    return { evaluated: [], findings: [], notEvaluated: 'not evaluated (needs -refresh): restore times can only be read from the account\'s restore jobs' };
  }
  const target = numberParameter(ctx, 'max_restore_time');
  // Validation requires it; a configuration that skipped validation is not judged against a guess.
  if (target === undefined) return { evaluated: [], findings: [], notEvaluated: 'not evaluated: the control sets no max_restore_time' };
  const since = ctx.inputs.now.getTime() - RESTORE_WINDOW_DAYS * DAY_MS;
  const evaluated: string[] = [];
  const findings: RawFinding[] = [];
  for (const resource of ctx.scoped) {
    const latest = latestCompleted(jobs.filter((j) => j.resourceArn === resource.arn), since);
    if (latest === undefined) continue;
    evaluated.push(resource.arn);
    if (latest.minutes <= target) continue;
    findings.push({
      resource: resource.arn,
      resourceType: resource.type,
      message:
        `${resource.type} resource ${resource.arn}: its latest completed restore, job ${latest.job.jobId} (completed ${latest.job.completedAt}), took ${minutes(latest.minutes)}; ` +
        `the target is ${minutes(target)} (max_restore_time). Restore from a recovery point that restores faster (a smaller or warmer one), or raise the target if it is not the business's recovery time objective.`,
      range: resource.range ?? ctx.controlRange,
    });
  }
  if (evaluated.length === 0) {
    const n = ctx.scoped.length;
    return {
      evaluated: [],
      findings: [],
      notEvaluated: `not evaluated: none of the ${n} ${n === 1 ? 'resource' : 'resources'} in scope has a restore job completed in the last ${RESTORE_WINDOW_DAYS} days. Declare a restore_testing_plan and restore_testing_selection, or restore one with bkp restore.`,
    };
  }
  return { evaluated, findings };
}

const minutes = (n: number) => `${n} ${n === 1 ? 'minute' : 'minutes'}`;

function latestCompleted(jobs: readonly RestoreJobFacts[], since: number): { job: RestoreJobFacts; minutes: number } | undefined {
  let best: { job: RestoreJobFacts; completed: number; minutes: number } | undefined;
  for (const job of jobs) {
    if (job.state !== 'COMPLETED' || job.createdAt === undefined || job.completedAt === undefined) continue;
    const completed = Date.parse(job.completedAt);
    if (completed < since || (best !== undefined && completed <= best.completed)) continue;
    best = { job, completed, minutes: Math.ceil((completed - Date.parse(job.createdAt)) / MINUTE_MS) };
  }
  return best;
}
