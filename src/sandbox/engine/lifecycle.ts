// Recovery point lifecycles: move to cold storage, then delete, at fixed offsets from the point's
// creation, whatever happened to the source resource since.
import type { BackupRegionState, LifecycleSpec, RecoveryPointRecord } from '../state.js';
import { releaseImage } from './data.js';
import { isHeld } from './legal-holds.js';

const DAY_MS = 86_400_000;

/** AWS Backup offers cold storage only for some resource types; the others ignore MoveToColdStorageAfterDays. */
const COLD_STORAGE_TYPES = new Set(['EFS', 'DynamoDB', 'VirtualMachine', 'SAP HANA on Amazon EC2', 'Timestream', 'CloudFormation']);

/**
 * Types whose cold storage is an archive tier they reach only when the lifecycle opts in
 * (Lifecycle.OptInToArchiveForSupportedResources: "your backup plan transitions supported resources
 * to archive (cold) storage tier in accordance with your lifecycle settings"). AWS Backup's guide
 * names EBS ("EBS is one of the resource that supports a transition of backups to cold storage",
 * the EBS Snapshots Archive tier). ⚠ The guide's per-type table is not at hand: EBS only.
 */
const ARCHIVE_OPT_IN_TYPES = new Set(['EBS']);

/** Whether a recovery point of this type, kept with this lifecycle, ever moves to cold storage. */
export function supportsColdStorage(resourceType: string, lifecycle?: LifecycleSpec): boolean {
  if (COLD_STORAGE_TYPES.has(resourceType)) return true;
  return lifecycle?.OptInToArchiveForSupportedResources === true && ARCHIVE_OPT_IN_TYPES.has(resourceType);
}

export interface CalculatedLifecycle {
  moveToColdStorageAt?: number;
  deleteAt?: number;
}

export function calculatedLifecycle(
  lifecycle: LifecycleSpec | undefined,
  resourceType: string,
  creationDate: number,
): CalculatedLifecycle {
  const result: CalculatedLifecycle = {};
  const cold = lifecycle?.MoveToColdStorageAfterDays;
  const del = lifecycle?.DeleteAfterDays;
  if (cold !== undefined && cold > 0 && supportsColdStorage(resourceType, lifecycle)) result.moveToColdStorageAt = creationDate + cold * DAY_MS;
  if (del !== undefined && del > 0) result.deleteAt = creationDate + del * DAY_MS;
  return result;
}

/** The next instant a lifecycle rule changes this point, if any. */
export function nextLifecycleEvent(point: RecoveryPointRecord): number | undefined {
  const calc = calculatedLifecycle(point.lifecycle, point.resourceType, point.creationDate);
  if (calc.moveToColdStorageAt !== undefined && point.storageClass === 'WARM') {
    return calc.deleteAt === undefined ? calc.moveToColdStorageAt : Math.min(calc.moveToColdStorageAt, calc.deleteAt);
  }
  return calc.deleteAt;
}

/** Remove a point for good: its data references, its tags, its record. */
export function deleteRecoveryPoint(region: BackupRegionState, point: RecoveryPointRecord): void {
  releaseImage(region, point);
  delete region.recoveryPoints[point.arn];
  delete region.tags[point.arn];
}

/**
 * Apply whatever lifecycle step is due at `now`. Returns true when the point changed. A point under
 * an active legal hold is neither deleted nor moved: AWS delays its lifecycle until the hold is
 * cancelled (the step then happens at the next advance, see CancelLegalHold). A caller that already
 * knows whether the point is held says so, sparing a look through every hold.
 */
export function applyLifecycle(region: BackupRegionState, point: RecoveryPointRecord, now: number, held = isHeld(region, point.arn)): boolean {
  if (held) return false;
  const calc = calculatedLifecycle(point.lifecycle, point.resourceType, point.creationDate);
  if (calc.deleteAt !== undefined && calc.deleteAt <= now) {
    deleteRecoveryPoint(region, point);
    return true;
  }
  if (calc.moveToColdStorageAt !== undefined && calc.moveToColdStorageAt <= now && point.storageClass === 'WARM') {
    point.storageClass = 'COLD';
    return true;
  }
  return false;
}
