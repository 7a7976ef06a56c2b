// What happened in a sandbox account between two moments, for `bkp sandbox advance`: job state
// changes, restore and copy jobs that ended, recovery points created, moved to cold storage or
// deleted, and reports written. Computed by comparing a
// snapshot taken before advancing the clock with the account afterwards, so the clock needs no
// event log.
import type { SandboxEvent } from '../../sandbox/reports.js';
import type { AccountState, JobRecord, RecoveryPointRecord, RestoreJobRecord } from '../../sandbox/state.js';

export type { SandboxEvent };

const DAY_MS = 24 * 60 * 60 * 1000;

interface PointSnapshot {
  storageClass: string;
  status: string;
  resourceArn: string;
  vaultName: string;
  /** When its lifecycle deletes it, if it has one. */
  deleteAt?: number;
}

export interface AccountSnapshot {
  jobs: Map<string, string>;
  /** Restore tests: status and deletion status, so the advance reports what finished meanwhile. */
  restoreTests: Map<string, string>;
  points: Map<string, PointSnapshot>;
  /** Report jobs that had ended already. */
  reportsDone: Set<string>;
  /** Restore jobs outside restore testing, and copy jobs, that had ended already. */
  jobsDone: Set<string>;
}

function key(region: string, id: string): string {
  return `${region}\u0000${id}`;
}

export function snapshotAccount(account: AccountState): AccountSnapshot {
  const jobs = new Map<string, string>();
  const points: AccountSnapshot['points'] = new Map();
  const reportsDone = new Set<string>();
  const restoreTests = new Map<string, string>();
  const jobsDone = new Set<string>();
  for (const [region, state] of Object.entries(account.backup)) {
    for (const job of Object.values(state.jobs)) jobs.set(key(region, job.id), job.state);
    for (const job of Object.values(state.reportJobs ?? {})) if (job.completionTime !== undefined) reportsDone.add(key(region, job.id));
    for (const job of Object.values(state.restoreJobs ?? {})) {
      if (job.restoreTest !== undefined) restoreTests.set(key(region, job.id), restoreTestStep(job));
      else if (job.completionDate !== undefined) jobsDone.add(key(region, job.id));
    }
    for (const job of Object.values(state.copyJobs ?? {})) if (job.completionDate !== undefined) jobsDone.add(key(region, job.id));
    for (const point of Object.values(state.recoveryPoints)) {
      const deleteAfterDays = point.lifecycle?.DeleteAfterDays;
      points.set(key(region, point.arn), {
        storageClass: point.storageClass,
        status: point.status,
        resourceArn: point.resourceArn,
        vaultName: point.vaultName,
        deleteAt: deleteAfterDays === undefined ? undefined : point.creationDate + deleteAfterDays * DAY_MS,
      });
    }
  }
  return { jobs, points, reportsDone, restoreTests, jobsDone };
}

function restoreTestStep(job: RestoreJobRecord): string {
  return `${job.status}/${job.deletionStatus ?? ''}`;
}

/** A restore test that finished, or whose restored resource was deleted, since the snapshot. */
function restoreTestEvents(region: string, job: RestoreJobRecord, previous: string | undefined): SandboxEvent[] {
  const test = job.restoreTest;
  if (test === undefined || previous === restoreTestStep(job)) return [];
  const events: SandboxEvent[] = [];
  const base = { region, jobId: job.id, resourceArn: job.sourceResourceArn };
  const [wasStatus = 'PENDING', wasDeletion = ''] = (previous ?? '').split('/');
  const finished = job.status === 'COMPLETED' || job.status === 'FAILED';
  if (finished && wasStatus !== job.status && job.completionDate !== undefined) {
    events.push({ kind: 'restore-test', at: job.completionDate, ...base, test: `${test.planName}/${test.selectionName}`, state: job.status, createdResourceArn: job.createdResourceArn, message: job.statusMessage });
  }
  if (job.deletionStatus === 'SUCCESSFUL' && wasDeletion !== 'SUCCESSFUL' && job.createdResourceArn !== undefined) {
    events.push({ kind: 'restore-test-deleted', at: test.restoredResourceDeletedAt ?? job.completionDate ?? job.creationDate, ...base, createdResourceArn: job.createdResourceArn, validationStatus: job.validationStatus });
  }
  return events;
}

/** The changes from `before` to the account as it is now, in time order. */
export function eventsSince(before: AccountSnapshot, account: AccountState, now: number): SandboxEvent[] {
  const events: SandboxEvent[] = [];
  const seenPoints = new Set<string>();
  for (const [region, state] of Object.entries(account.backup)) {
    for (const job of Object.values(state.jobs)) events.push(...jobEvents(region, job, before.jobs.get(key(region, job.id))));
    for (const job of Object.values(state.restoreJobs ?? {})) {
      if (job.restoreTest !== undefined) events.push(...restoreTestEvents(region, job, before.restoreTests.get(key(region, job.id))));
      // Shown once, when it has ended, as report jobs are.
      else if (job.completionDate !== undefined && !before.jobsDone.has(key(region, job.id))) {
        events.push({ kind: 'restore-job', at: job.completionDate, region, jobId: job.id, resourceArn: job.sourceResourceArn, state: job.status, createdResourceArn: job.createdResourceArn, message: job.statusMessage });
      }
    }
    for (const job of Object.values(state.copyJobs ?? {})) {
      if (job.completionDate === undefined || before.jobsDone.has(key(region, job.id))) continue;
      events.push({ kind: 'copy-job', at: job.completionDate, region, jobId: job.id, resourceArn: job.resourceArn, state: job.state, destinationVaultArn: job.destinationVaultArn, message: job.statusMessage });
    }
    for (const point of Object.values(state.recoveryPoints)) {
      seenPoints.add(key(region, point.arn));
      events.push(...pointEvents(region, point, before.points.get(key(region, point.arn))));
    }
    for (const job of Object.values(state.reportJobs ?? {})) {
      // A report job shows once, when it has ended (written, or failed).
      if (job.completionTime === undefined || before.reportsDone.has(key(region, job.id))) continue;
      events.push({ kind: 'report-job', at: job.completionTime, region, jobId: job.id, reportPlanName: job.reportPlanName, status: job.status, message: job.statusMessage, keys: job.keys ?? [], bucket: job.bucket });
    }
  }
  for (const [id, old] of before.points) {
    if (seenPoints.has(id)) continue;
    const [region = '', arn = ''] = id.split('\u0000');
    const at = old.deleteAt !== undefined && old.deleteAt <= now ? old.deleteAt : now;
    events.push({ kind: 'point-deleted', at, region, arn, resourceArn: old.resourceArn, vaultName: old.vaultName });
  }
  return events.sort((a, b) => a.at - b.at);
}

/**
 * A job can pass through several states within one advance; the snapshot only shows where it
 * started and ended, so the RUNNING step is rebuilt from the job's start time.
 */
function jobEvents(region: string, job: JobRecord, previous: string | undefined): SandboxEvent[] {
  if (previous === job.state) return [];
  const base = { region, jobId: job.id, resourceArn: job.resourceArn };
  const events: SandboxEvent[] = [];
  let from = previous ?? 'CREATED';
  if (previous === undefined) {
    events.push({ kind: 'job-created', at: job.creationDate, ...base, state: job.state, byPlan: job.createdBy !== undefined });
    if (job.state === 'CREATED') return events;
  }
  const wasWaiting = from === 'CREATED' || from === 'PENDING';
  if (wasWaiting && job.startedAt !== undefined && job.state !== 'RUNNING') {
    events.push({ kind: 'job-state', at: job.startedAt, ...base, from, to: 'RUNNING' });
    from = 'RUNNING';
  }
  const at = job.completionDate ?? job.startedAt ?? job.creationDate;
  events.push({ kind: 'job-state', at, ...base, from, to: job.state, message: job.statusMessage });
  return events;
}

function pointEvents(
  region: string,
  point: RecoveryPointRecord,
  previous: PointSnapshot | undefined,
): SandboxEvent[] {
  const events: SandboxEvent[] = [];
  if (previous === undefined) {
    events.push({
      kind: 'point-created',
      at: point.completionDate || point.creationDate,
      region,
      arn: point.arn,
      resourceArn: point.resourceArn,
      vaultName: point.vaultName,
      incremental: point.parentRecoveryPointArn !== undefined,
      sizeBytes: point.backupSizeInBytes,
    });
  }
  if (point.storageClass === 'COLD' && previous?.storageClass !== 'COLD') {
    const days = point.lifecycle?.MoveToColdStorageAfterDays ?? 0;
    events.push({ kind: 'point-cold', at: point.creationDate + days * DAY_MS, region, arn: point.arn, resourceArn: point.resourceArn });
  }
  const gone = (p: { status: string; storageClass: string }) => p.storageClass === 'DELETED' || p.status === 'EXPIRED' || p.status === 'DELETING';
  if (previous !== undefined && gone(point) && !gone(previous)) {
    const deleteAfterDays = point.lifecycle?.DeleteAfterDays ?? 0;
    const at = point.creationDate + deleteAfterDays * DAY_MS;
    events.push({ kind: 'point-deleted', at, region, arn: point.arn, resourceArn: point.resourceArn, vaultName: point.vaultName });
  }
  return events;
}
