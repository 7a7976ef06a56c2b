// How copy jobs take part in the clock's event loop: queue their next action, start a rule's copies
// when its backup completes, and schedule the lifecycle of the recovery point a copy made (in the
// destination's region).
import type { BackupRegionState, CopyJobRecord, JobRecord } from '../state.js';
import { isTerminalCopy, processCopyJob, startRuleCopyJobs } from './copy-jobs.js';
import type { EventQueue, QueuedEvent } from './event-queue.js';
import type { EngineScope } from './jobs.js';
import { nextLifecycleEvent } from './lifecycle.js';

export function queueCopyJob(queue: EventQueue, regionName: string, job: CopyJobRecord): void {
  if (!isTerminalCopy(job) && job.nextActionAt !== undefined) queue.push(job.nextActionAt, 'copy', regionName, job.id);
}

export function queueCopyJobsOf(queue: EventQueue, regionName: string, region: BackupRegionState): void {
  for (const job of Object.values(region.copyJobs ?? {})) queueCopyJob(queue, regionName, job);
}

export function copyEventIsCurrent(region: BackupRegionState, event: QueuedEvent): boolean {
  const job = region.copyJobs?.[event.key];
  return job !== undefined && !isTerminalCopy(job) && job.nextActionAt === event.time;
}

/** After a backup job's transition: when it just completed, its rule's copy jobs start. */
export function queueRuleCopies(queue: EventQueue, scope: EngineScope, job: JobRecord, now: number): void {
  for (const copy of startRuleCopyJobs(scope, job, now)) queueCopyJob(queue, scope.regionName, copy);
}

export function processCopyEvent(queue: EventQueue, scope: EngineScope, event: QueuedEvent): void {
  const job = scope.region.copyJobs![event.key]!;
  const point = processCopyJob(scope, job, event.time);
  queueCopyJob(queue, scope.regionName, job);
  if (point === undefined) return;
  const at = nextLifecycleEvent(point);
  if (at !== undefined) queue.push(at, 'lifecycle', job.destinationRegion, point.arn);
}
