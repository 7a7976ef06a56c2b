// Logically air-gapped vaults: the retention range they are created with. Jobs into one are
// checked against that range like jobs into a locked vault (vault-lock.ts checkRetentionAgainstLock).
import type { ObjectValue, Value } from '../../core/values.js';
import { MAXIMUM_RETENTION_DAYS } from './lifecycle.js';
import { error, knownNumber, type Problem } from './problem.js';
import type { LockBounds } from './vault-lock.js';

/**
 * AWS's smallest minimum retention for an air-gapped vault: "The minimum value accepted is 7 days"
 * (AWS Backup API reference, CreateLogicallyAirGappedBackupVault, MinRetentionDays). The largest
 * maximum is AWS Backup's longest retention, 36500 days (100 years), as for lifecycles and locks.
 */
export const AIR_GAPPED_MINIMUM_RETENTION_DAYS = 7;

/** The retention range of a configured logically_air_gapped_vault, as far as it is known. */
export function airGappedBounds(attributes: ObjectValue): LockBounds {
  return { minRetentionDays: knownNumber(attributes.min_retention_days), maxRetentionDays: knownNumber(attributes.max_retention_days) };
}

export function checkAirGappedRetentionRange(minValue: Value | undefined, maxValue: Value | undefined): Problem[] {
  const min = knownNumber(minValue);
  const max = knownNumber(maxValue);
  const problems: Problem[] = [];
  for (const [attribute, value, bound] of [
    ['min_retention_days', min, 'minimum'],
    ['max_retention_days', max, 'maximum'],
  ] as const) {
    if (value === undefined || (value >= AIR_GAPPED_MINIMUM_RETENTION_DAYS && value <= MAXIMUM_RETENTION_DAYS)) continue;
    problems.push(
      error(
        `/${attribute}`,
        'Invalid retention range',
        `${attribute} is ${value}; AWS Backup accepts a ${bound} retention between ${AIR_GAPPED_MINIMUM_RETENTION_DAYS} and ${MAXIMUM_RETENTION_DAYS} days for a logically air-gapped vault.`,
      ),
    );
  }
  if (problems.length === 0 && min !== undefined && max !== undefined && min > max) {
    problems.push(
      error(
        '/min_retention_days',
        'Invalid retention range',
        `min_retention_days (${min}) is greater than max_retention_days (${max}): no backup could be kept in the vault. Make min_retention_days at most max_retention_days.`,
      ),
    );
  }
  return problems;
}
