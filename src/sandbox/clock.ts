// The sandbox's clock. Virtual by default: time moves only when advanced, and advancing processes
// every event on the way in time order (schedule ticks, job transitions, lifecycle steps). In real
// mode (demos) the account follows the wall clock; pending events are processed on each request.
import { InternalError } from '../core/errors.js';
import { copyEventIsCurrent, processCopyEvent, queueCopyJobsOf, queueRuleCopies } from './engine/copy-events.js';
import { EventQueue, type QueuedEvent } from './engine/event-queue.js';
import { isTerminal, processJob, type EngineScope } from './engine/jobs.js';
import { heldRecoveryPoints } from './engine/legal-holds.js';
import { applyLifecycle, nextLifecycleEvent } from './engine/lifecycle.js';
import { processReportEvent, queueReportEventsOf, reportEventIsCurrent } from './engine/report-jobs.js';
import { processRestoreTestEvent, queueRestoreJob, queueRestoreTestRunsOf, restoreTestEventIsCurrent } from './engine/restore-test-events.js';
import { advanceRestoreJob } from './engine/restore-tests.js';
import { runTick } from './engine/scheduler.js';
import { regionState, type AccountState, type BackupRegionState, type JobRecord } from './state.js';

export interface AdvanceReport {
  from: Date;
  to: Date;
  /** Events processed, by kind. */
  ticks: number;
  jobTransitions: number;
  lifecycleTransitions: number;
  jobsCreated: number;
}

/** Guards against an engine bug that would re-queue an event at the same instant forever. */
const MAX_EVENTS_PER_ADVANCE = 5_000_000;

/** The account's current time: the processed instant (virtual), or wall clock + offset (real). */
export function effectiveNow(account: AccountState): number {
  return account.clock.mode === 'real' ? Date.now() + account.clock.offsetMs : account.clock.now;
}

function scopeOf(account: AccountState, regionName: string): EngineScope {
  return { account, regionName, region: regionState(account, regionName) };
}

function queueJob(queue: EventQueue, regionName: string, job: JobRecord): void {
  if (!isTerminal(job) && job.nextActionAt !== undefined) queue.push(job.nextActionAt, 'job', regionName, job.id);
}

/**
 * The recovery points under an active legal hold, per region, computed once per pass over the
 * queue: holds change only through API calls, never while the clock advances.
 */
type HeldPoints = (regionName: string) => ReadonlySet<string>;

function heldPointsOf(account: AccountState): HeldPoints {
  const byRegion = new Map<string, ReadonlySet<string>>();
  return (regionName) => {
    let held = byRegion.get(regionName);
    if (held === undefined) {
      const region = account.backup[regionName];
      held = region === undefined ? new Set() : heldRecoveryPoints(region);
      byRegion.set(regionName, held);
    }
    return held;
  };
}

function queueRegion(queue: EventQueue, regionName: string, region: BackupRegionState, held: ReadonlySet<string>): void {
  for (const job of Object.values(region.jobs)) queueJob(queue, regionName, job);
  for (const job of Object.values(region.restoreJobs ?? {})) queueRestoreJob(queue, regionName, job);
  // A held point's lifecycle waits for the hold's cancellation: it is no pending event until then
  // (otherwise its overdue step would look due at every real-time request). The queue is built
  // afresh at each advance, so the first advance after the cancellation applies the step.
  for (const point of Object.values(region.recoveryPoints)) {
    if (held.has(point.arn)) continue;
    const at = nextLifecycleEvent(point);
    if (at !== undefined) queue.push(at, 'lifecycle', regionName, point.arn);
  }
  for (const plan of Object.values(region.plans)) {
    if (plan.deletionDate !== undefined) continue;
    for (const [ruleId, at] of Object.entries(plan.nextTicks)) queue.push(at, 'tick', regionName, `${plan.id}/${ruleId}`);
  }
  queueCopyJobsOf(queue, regionName, region);
  queueReportEventsOf(queue, regionName, region);
  queueRestoreTestRunsOf(queue, regionName, region);
}

function buildQueue(account: AccountState, held: HeldPoints): EventQueue {
  const queue = new EventQueue();
  for (const [name, region] of Object.entries(account.backup)) queueRegion(queue, name, region, held(name));
  return queue;
}

/** Whether the queued event still describes the account (entries go stale when things change). */
function isCurrent(account: AccountState, event: QueuedEvent, held: HeldPoints): boolean {
  const region = account.backup[event.region];
  if (region === undefined) return false;
  switch (event.kind) {
    case 'job': {
      const job = region.jobs[event.key];
      return job !== undefined && !isTerminal(job) && job.nextActionAt === event.time;
    }
    case 'lifecycle': {
      const point = region.recoveryPoints[event.key];
      return point !== undefined && nextLifecycleEvent(point) === event.time && !held(event.region).has(point.arn);
    }
    case 'restore': {
      const job = region.restoreJobs?.[event.key];
      // A finished restore test still has steps: its validation window and the restored resource's deletion.
      return job !== undefined && job.nextActionAt === event.time;
    }
    case 'tick': {
      const [planId = '', ruleId = ''] = event.key.split('/');
      const plan = region.plans[planId];
      return plan !== undefined && plan.deletionDate === undefined && plan.nextTicks[ruleId] === event.time;
    }
    case 'copy':
      return copyEventIsCurrent(region, event);
    case 'report':
      return reportEventIsCurrent(region, event);
    case 'restore-test':
      return restoreTestEventIsCurrent(region, event);
  }
}

function processEvent(account: AccountState, queue: EventQueue, event: QueuedEvent, report: AdvanceReport): void {
  const scope = scopeOf(account, event.region);
  const region = scope.region;
  switch (event.kind) {
    case 'job': {
      const job = region.jobs[event.key]!;
      const wasCompleted = job.state === 'COMPLETED';
      processJob(scope, job, event.time);
      report.jobTransitions += 1;
      queueJob(queue, event.region, job);
      if (!wasCompleted) queueRuleCopies(queue, scope, job, event.time);
      const point = job.recoveryPointArn === undefined ? undefined : region.recoveryPoints[job.recoveryPointArn];
      if (point !== undefined && point.jobId === job.id) {
        const at = nextLifecycleEvent(point);
        if (at !== undefined) queue.push(at, 'lifecycle', event.region, point.arn);
      }
      return;
    }
    case 'restore': {
      const job = region.restoreJobs![event.key]!;
      advanceRestoreJob(scope, job, event.time);
      report.jobTransitions += 1;
      queueRestoreJob(queue, event.region, job);
      return;
    }
    case 'lifecycle': {
      const point = region.recoveryPoints[event.key]!;
      // isCurrent already left held points out.
      if (applyLifecycle(region, point, event.time, false)) report.lifecycleTransitions += 1;
      if (region.recoveryPoints[event.key] !== undefined) {
        const at = nextLifecycleEvent(point);
        if (at !== undefined && at > event.time) queue.push(at, 'lifecycle', event.region, point.arn);
      }
      return;
    }
    case 'copy':
      processCopyEvent(queue, scope, event);
      report.jobTransitions += 1;
      return;
    case 'report':
      processReportEvent(queue, scope, event);
      report.jobTransitions += 1;
      return;
    case 'restore-test':
      report.ticks += 1;
      report.jobsCreated += processRestoreTestEvent(queue, scope, event);
      return;
    case 'tick': {
      const [planId = '', ruleId = ''] = event.key.split('/');
      const plan = region.plans[planId]!;
      const created = runTick(scope, plan, ruleId, event.time);
      report.ticks += 1;
      report.jobsCreated += created.length;
      for (const job of created) queueJob(queue, event.region, job);
      const next = plan.nextTicks[ruleId];
      if (next !== undefined) queue.push(next, 'tick', event.region, event.key);
      return;
    }
  }
}

/** Move the clock to `target`, processing every event due up to and including it, in time order. */
export function advanceClockTo(account: AccountState, target: number): AdvanceReport {
  const from = account.clock.now;
  const report: AdvanceReport = { from: new Date(from), to: new Date(Math.max(from, target)), ticks: 0, jobTransitions: 0, lifecycleTransitions: 0, jobsCreated: 0 };
  if (target <= from) return report;
  const held = heldPointsOf(account);
  const queue = buildQueue(account, held);
  let processed = 0;
  for (;;) {
    const next = queue.peek();
    if (next === undefined || next.time > target) break;
    queue.pop();
    if (!isCurrent(account, next, held)) continue;
    // Events in the past (e.g. a job whose action time was reached before a real-time catch-up) run now.
    account.clock.now = Math.max(account.clock.now, next.time);
    processEvent(account, queue, next, report);
    processed += 1;
    if (processed > MAX_EVENTS_PER_ADVANCE) throw new InternalError('The sandbox clock did not converge while advancing (event loop).');
  }
  account.clock.now = target;
  return report;
}

/** Advance the virtual clock by `ms` (in real mode: shift the offset, then catch up). */
export function advanceClock(account: AccountState, ms: number): AdvanceReport {
  if (!Number.isFinite(ms) || ms < 0) throw new InternalError(`advanceClock needs a non-negative duration, got ${ms}.`);
  if (account.clock.mode === 'real') {
    account.clock.offsetMs += ms;
    return advanceClockTo(account, effectiveNow(account));
  }
  return advanceClockTo(account, account.clock.now + ms);
}

/** Switch between virtual and real time; time continues from the current instant either way. */
export function setClockMode(account: AccountState, mode: 'virtual' | 'real'): void {
  if (account.clock.mode === mode) return;
  if (mode === 'real') {
    account.clock.offsetMs = account.clock.now - Date.now();
  } else {
    advanceClockTo(account, effectiveNow(account));
    account.clock.offsetMs = 0;
  }
  account.clock.mode = mode;
}

/** The earliest pending event of the account (undefined when nothing is scheduled). */
export function nextEventTime(account: AccountState): number | undefined {
  const held = heldPointsOf(account);
  const queue = buildQueue(account, held);
  while (queue.size > 0) {
    const event = queue.pop()!;
    if (isCurrent(account, event, held)) return event.time;
  }
  return undefined;
}

/** In real mode: whether some event is due, so a request must process it (and save) first. */
export function realTimeCatchUpDue(account: AccountState): boolean {
  if (account.clock.mode !== 'real') return false;
  const next = nextEventTime(account);
  return next !== undefined && next <= effectiveNow(account);
}

/** In real mode: process everything due up to the wall clock. Returns true when an event ran. */
export function catchUpRealTime(account: AccountState): boolean {
  if (account.clock.mode !== 'real') return false;
  const report = advanceClockTo(account, effectiveNow(account));
  return report.ticks + report.jobTransitions + report.lifecycleTransitions > 0;
}
