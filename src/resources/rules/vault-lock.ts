// AWS Backup Vault Lock: the lock's own bounds, and retentions that a locked vault would refuse.
import type { Value } from '../../core/values.js';
import { MAXIMUM_RETENTION_DAYS } from './lifecycle.js';
import { childPointer } from '../../core/json-pointer.js';
import { days, error, knownNumber, knownObject, type Problem } from './problem.js';

export const MINIMUM_CHANGEABLE_FOR_DAYS = 3;

export interface LockBounds {
  minRetentionDays?: number;
  maxRetentionDays?: number;
}

/** The known retention bounds of a `lock` block, or undefined without a lock. */
export function lockBounds(lock: Value | undefined): LockBounds | undefined {
  const block = knownObject(lock);
  if (!block) return undefined;
  return { minRetentionDays: knownNumber(block.min_retention_days), maxRetentionDays: knownNumber(block.max_retention_days) };
}

export function checkLockConfig(lock: Value | undefined, lockPath: string): Problem[] {
  const block = knownObject(lock);
  if (!block) return [];
  const problems: Problem[] = [];
  const min = knownNumber(block.min_retention_days);
  const max = knownNumber(block.max_retention_days);
  const changeable = knownNumber(block.changeable_for_days);
  if (min !== undefined && min < 1) {
    problems.push(error(childPointer(lockPath, 'min_retention_days'), 'Invalid vault lock', `min_retention_days is ${min}; AWS Backup Vault Lock requires at least 1 day.`));
  }
  if (max !== undefined && (max < 1 || max > MAXIMUM_RETENTION_DAYS)) {
    problems.push(
      error(childPointer(lockPath, 'max_retention_days'), 'Invalid vault lock', `max_retention_days is ${max}; it must be between 1 and ${MAXIMUM_RETENTION_DAYS} days.`),
    );
  }
  if (min !== undefined && max !== undefined && min >= 1 && max >= 1 && min > max) {
    problems.push(
      error(
        childPointer(lockPath, 'min_retention_days'),
        'Invalid vault lock',
        `min_retention_days (${min}) is greater than max_retention_days (${max}): no retention could satisfy the lock. Make min_retention_days at most max_retention_days.`,
      ),
    );
  }
  if (changeable !== undefined && changeable < MINIMUM_CHANGEABLE_FOR_DAYS) {
    problems.push(
      error(
        childPointer(lockPath, 'changeable_for_days'),
        'Invalid vault lock',
        `changeable_for_days is ${changeable}; AWS requires at least ${MINIMUM_CHANGEABLE_FOR_DAYS} days, the grace time during which the lock can still be changed or removed before it becomes immutable. Omit it to keep the lock in governance mode (removable).`,
      ),
    );
  }
  return problems;
}

export interface LockedVault {
  /** The vault's configured name. */
  name: string;
  /** Its address in the configuration, `backup_vault.main`. */
  address: string;
  lock: LockBounds;
  /** A logically air-gapped vault: its range was fixed at its creation (no lock block to change). */
  airGapped?: boolean;
}

/**
 * A backup or copy job whose retention lies outside the target vault's lock bounds fails (AWS
 * checks it for every job). `deleteAfterDays` undefined means "kept forever", which exceeds any
 * maximum. `path` is where to report: the delete_after_days attribute or the block without it.
 */
export function checkRetentionAgainstLock(deleteAfterDays: number | undefined, vault: LockedVault, path: string, owner: string): Problem[] {
  const { minRetentionDays: min, maxRetentionDays: max } = vault.lock;
  const tooShort = min !== undefined && deleteAfterDays !== undefined && deleteAfterDays < min;
  const tooLong = max !== undefined && (deleteAfterDays === undefined || deleteAfterDays > max);
  if (!tooShort && !tooLong) return [];
  const bounds =
    min !== undefined && max !== undefined
      ? `between ${days(min)} and ${days(max)}`
      : min !== undefined
        ? `at least ${days(min)}`
        : `at most ${days(max!)}`;
  const retention = deleteAfterDays === undefined ? 'keeps recovery points forever (no delete_after_days)' : `keeps recovery points ${days(deleteAfterDays)}`;
  const fix = tooShort ? `Set delete_after_days to ${min} or more` : `Set delete_after_days to ${max} or fewer`;
  if (vault.airGapped) {
    return [
      error(
        path,
        'Retention outside the air-gapped vault range',
        `${owner} ${retention}, but logically air-gapped vault "${vault.name}" (${vault.address}) accepts only a retention ${bounds}: AWS Backup would fail every such job. ${fix}, or use another vault (the range of an air-gapped vault is fixed when it is created).`,
      ),
    ];
  }
  return [
    error(
      path,
      'Retention outside the vault lock',
      `${owner} ${retention}, but vault "${vault.name}" (${vault.address}) has a lock that requires a retention ${bounds}: AWS Backup would fail every such job. ${fix}, or change the lock of ${vault.address}.`,
    ),
  ];
}
