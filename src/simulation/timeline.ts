// What happened to every recovery point during a simulation, rebuilt by looking at the scratch
// accounts after each step of the clock: a point seen for the first time was created, one seen
// in cold storage moved there, one no longer there was deleted. A step never exceeds the shortest
// possible lifetime of a point (one day), so no point can come and go unseen; the exact instants
// come from the point's own lifecycle, as the sandbox applies it.
import { calculatedLifecycle } from '../sandbox/engine/lifecycle.js';
import { TERMINAL_JOB_STATES, type AccountState, type JobState, type LifecycleSpec, type RecoveryPointRecord } from '../sandbox/state.js';

/** Where a recovery point came from: a rule of a backup plan, or an on-demand job. */
export type PointOrigin = { kind: 'rule'; planId: string; ruleId: string } | { kind: 'on-demand'; jobId: string };

export interface PointHistory {
  arn: string;
  /** Index of the scratch account holding it. */
  account: number;
  region: string;
  vaultName: string;
  resourceArn: string;
  origin: PointOrigin;
  /** Creation (the job's start, as AWS reports CreationDate). */
  createdAt: number;
  coldAt?: number;
  deletedAt?: number;
  /** Storage class at the last look (WARM or COLD while it exists). */
  storageClass: RecoveryPointRecord['storageClass'];
  /** Of a copy: the ARN of the vault it was copied from. */
  copiedFrom?: string;
}

export interface JobOutcome {
  account: number;
  region: string;
  jobId: string;
  resourceArn: string;
  origin: PointOrigin;
  state: JobState;
  createdAt: number;
  statusMessage?: string;
}

export function originOf(createdBy: RecoveryPointRecord['createdBy'], jobId: string): PointOrigin {
  return createdBy === undefined ? { kind: 'on-demand', jobId } : { kind: 'rule', planId: createdBy.BackupPlanId, ruleId: createdBy.BackupRuleId };
}

/** A point being followed, with the lifecycle that dates its deletion. */
interface TrackedPoint extends PointHistory {
  lifecycle?: LifecycleSpec;
}

const pointKey = (account: number, region: string, arn: string) => `${account}\u0000${region}\u0000${arn}`;

export class Timeline {
  readonly #points = new Map<string, TrackedPoint>();
  /** Keys of points believed to exist: the ones to look for at the next step. */
  readonly #live = new Set<string>();

  /** Record what changed in `account` (the scratch account number `index`) up to `now`. */
  observe(index: number, account: AccountState, now: number): void {
    const seen = new Set<string>();
    for (const [region, state] of Object.entries(account.backup)) {
      for (const point of Object.values(state.recoveryPoints)) {
        const key = pointKey(index, region, point.arn);
        seen.add(key);
        let history = this.#points.get(key);
        if (history === undefined) {
          history = {
            arn: point.arn,
            account: index,
            region,
            vaultName: point.vaultName,
            resourceArn: point.resourceArn,
            origin: originOf(point.createdBy, point.jobId),
            createdAt: point.creationDate,
            storageClass: point.storageClass,
            lifecycle: point.lifecycle,
            ...(point.sourceBackupVaultArn !== undefined ? { copiedFrom: point.sourceBackupVaultArn } : {}),
          };
          this.#points.set(key, history);
          this.#live.add(key);
        }
        if (point.storageClass === 'COLD' && history.coldAt === undefined) {
          history.coldAt = calculatedLifecycle(point.lifecycle, point.resourceType, point.creationDate).moveToColdStorageAt ?? now;
        }
        history.storageClass = point.storageClass;
        history.lifecycle = point.lifecycle;
      }
    }
    for (const key of this.#live) {
      if (!key.startsWith(`${index}\u0000`) || seen.has(key)) continue;
      const history = this.#points.get(key)!;
      this.#live.delete(key);
      history.deletedAt = Math.min(now, this.#scheduledDeletion(history) ?? now);
    }
  }

  #scheduledDeletion(history: TrackedPoint): number | undefined {
    const days = history.lifecycle?.DeleteAfterDays;
    return days === undefined || days <= 0 ? undefined : history.createdAt + days * 86_400_000;
  }

  points(): PointHistory[] {
    return [...this.#points.values()].map((p) => {
      const { arn, account, region, vaultName, resourceArn, origin, createdAt, coldAt, deletedAt, storageClass, copiedFrom } = p;
      return { arn, account, region, vaultName, resourceArn, origin, createdAt, coldAt, deletedAt, storageClass, ...(copiedFrom !== undefined ? { copiedFrom } : {}) };
    });
  }
}

/**
 * Takes the finished jobs out of the account and returns the outcomes of the top-level ones (child
 * jobs are parts of their parent); with `all`, the unfinished ones are reported too (and kept).
 * Nothing in the engine looks at a finished job again, and the clock visits every job of the
 * account on each advance: removing them keeps a long simulation linear in its length.
 */
export function takeFinishedJobs(index: number, account: AccountState, all = false): JobOutcome[] {
  const outcomes: JobOutcome[] = [];
  for (const [region, state] of Object.entries(account.backup)) {
    for (const job of Object.values(state.jobs)) {
      const finished = TERMINAL_JOB_STATES.includes(job.state);
      if (!finished && !all) continue;
      if (finished) delete state.jobs[job.id];
      if (job.parentJobId !== undefined) continue;
      outcomes.push({
        account: index,
        region,
        jobId: job.id,
        resourceArn: job.resourceArn,
        origin: originOf(job.createdBy, job.id),
        state: job.state,
        createdAt: job.creationDate,
        statusMessage: job.statusMessage,
      });
    }
  }
  return outcomes;
}
