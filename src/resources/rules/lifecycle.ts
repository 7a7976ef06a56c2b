// Recovery point lifecycles: retention bounds, the 90-day cold storage rule, continuous backups.
import { isUnknown, type Value } from '../../core/values.js';
import { childPointer } from '../../core/json-pointer.js';
import { dayCount, days, error, knownNumber, knownObject, type Problem } from './problem.js';

export const MAXIMUM_RETENTION_DAYS = 36_500;
export const COLD_STORAGE_MINIMUM_DAYS = 90;
export const MAXIMUM_CONTINUOUS_RETENTION_DAYS = 35;

export interface LifecycleDays {
  coldStorageAfterDays?: number;
  deleteAfterDays?: number;
}

/** The known day counts of a lifecycle block (0 and unset both mean "no value"). */
export function lifecycleDays(lifecycle: Value | undefined): LifecycleDays {
  const block = knownObject(lifecycle);
  return { coldStorageAfterDays: dayCount(block?.cold_storage_after_days), deleteAfterDays: dayCount(block?.delete_after_days) };
}

/**
 * `lifecyclePath` is the path of the lifecycle block itself ("/rule/0/lifecycle"); `owner` names
 * the rule or copy action in messages, as AWS does ("Error in rule daily").
 */
export function checkLifecycle(lifecycle: Value | undefined, lifecyclePath: string, owner: string): Problem[] {
  const block = knownObject(lifecycle);
  if (!block) return [];
  const problems: Problem[] = [];
  const deletePath = childPointer(lifecyclePath, 'delete_after_days');
  const coldPath = childPointer(lifecyclePath, 'cold_storage_after_days');
  for (const [name, path] of [
    ['delete_after_days', deletePath],
    ['cold_storage_after_days', coldPath],
  ] as const) {
    const n = knownNumber(block[name]);
    if (n === undefined || n === 0) continue;
    if (n < 0 || n > MAXIMUM_RETENTION_DAYS || !Number.isInteger(n)) {
      problems.push(
        error(path, 'Invalid lifecycle', `${name} is ${n}; it must be a whole number of days from 1 to ${MAXIMUM_RETENTION_DAYS} (or 0/unset for no value).`),
      );
    }
  }
  const { coldStorageAfterDays: cold, deleteAfterDays: del } = lifecycleDays(block);
  if (cold !== undefined && del !== undefined && cold > 0 && del - cold < COLD_STORAGE_MINIMUM_DAYS && problems.length === 0) {
    problems.push(
      error(
        deletePath,
        'Invalid lifecycle',
        `${owner}: delete_after_days (${del}) must be at least ${COLD_STORAGE_MINIMUM_DAYS} days after cold_storage_after_days (${cold}), because cold storage has a 90-day minimum. AWS refuses it: "Invalid lifecycle. DeleteAfterDays cannot be less than 90 days apart from MoveToColdStorageAfterDays". Set delete_after_days to ${cold + COLD_STORAGE_MINIMUM_DAYS} or more, or remove cold_storage_after_days.`,
      ),
    );
  }
  return problems;
}

/**
 * A continuous (point-in-time restore) rule keeps recovery points 1 to 35 days and never moves
 * them to cold storage. ⚠ AWS's answer to a continuous rule without any retention could not be
 * confirmed; since "kept forever" is impossible for PITR, bkp asks for an explicit retention.
 */
export function checkContinuousLifecycle(lifecycle: Value | undefined, rulePath: string, owner: string): Problem[] {
  if (isUnknown(lifecycle)) return [];
  const lifecyclePath = childPointer(rulePath, 'lifecycle');
  const { coldStorageAfterDays: cold, deleteAfterDays: del } = lifecycleDays(lifecycle);
  const block = knownObject(lifecycle);
  const deleteKnown = block === undefined || block.delete_after_days === undefined || knownNumber(block.delete_after_days) !== undefined;
  const problems: Problem[] = [];
  if (cold !== undefined) {
    problems.push(
      error(
        childPointer(lifecyclePath, 'cold_storage_after_days'),
        'Cold storage is unavailable for continuous backups',
        `${owner} has continuous_backup = true, and continuous (point-in-time) backups cannot move to cold storage (AWS: "MoveToColdStorageAfterDays is unavailable"). Remove cold_storage_after_days.`,
      ),
    );
  }
  if (del !== undefined && del > MAXIMUM_CONTINUOUS_RETENTION_DAYS) {
    problems.push(
      error(
        childPointer(lifecyclePath, 'delete_after_days'),
        'Retention too long for continuous backups',
        `${owner} has continuous_backup = true, which keeps recovery points at most ${MAXIMUM_CONTINUOUS_RETENTION_DAYS} days, but delete_after_days is ${del}. Set it between 1 and ${MAXIMUM_CONTINUOUS_RETENTION_DAYS}, or use a separate snapshot rule for longer retention.`,
      ),
    );
  }
  if (del === undefined && deleteKnown) {
    problems.push(
      error(
        block ? lifecyclePath : rulePath,
        'Continuous backups need a retention',
        `${owner} has continuous_backup = true but no delete_after_days: continuous (point-in-time) backups are kept ${days(1)} to ${days(MAXIMUM_CONTINUOUS_RETENTION_DAYS)}. Add lifecycle { delete_after_days = ${MAXIMUM_CONTINUOUS_RETENTION_DAYS} } (or fewer days).`,
      ),
    );
  }
  return problems;
}
