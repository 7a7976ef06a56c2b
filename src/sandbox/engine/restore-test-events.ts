// How restore testing plans take part in the clock's event loop: each plan's next run is one
// queued event, keyed by the plan's name; the restore jobs a run starts are queued as restore events.
import type { BackupRegionState, RestoreJobRecord } from '../state.js';
import type { EventQueue, QueuedEvent } from './event-queue.js';
import type { EngineScope } from './jobs.js';
import { nextRestoreTestRun, runRestoreTestingPlan } from './restore-tests.js';

export function queueRestoreJob(queue: EventQueue, regionName: string, job: RestoreJobRecord): void {
  if (job.nextActionAt !== undefined) queue.push(job.nextActionAt, 'restore', regionName, job.id);
}

export function queueRestoreTestRunsOf(queue: EventQueue, regionName: string, region: BackupRegionState): void {
  for (const plan of Object.values(region.restoreTestingPlans ?? {})) {
    const at = nextRestoreTestRun(plan);
    if (at !== undefined) queue.push(at, 'restore-test', regionName, plan.name);
  }
}

export function restoreTestEventIsCurrent(region: BackupRegionState, event: QueuedEvent): boolean {
  const plan = region.restoreTestingPlans?.[event.key];
  return plan !== undefined && nextRestoreTestRun(plan) === event.time;
}

/** Run the plan's tick, queue the jobs it started and the plan's next run. Returns how many jobs started. */
export function processRestoreTestEvent(queue: EventQueue, scope: EngineScope, event: QueuedEvent): number {
  const plan = scope.region.restoreTestingPlans![event.key]!;
  const started = runRestoreTestingPlan(scope, plan, event.time);
  for (const job of started) queueRestoreJob(queue, scope.regionName, job);
  const next = nextRestoreTestRun(plan);
  if (next !== undefined) queue.push(next, 'restore-test', scope.regionName, plan.name);
  return started.length;
}
