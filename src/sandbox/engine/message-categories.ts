// MessageCategory of finished backup jobs (BackupJob.MessageCategory, ListBackupJobs'
// ByMessageCategory). The API model names SUCCESS, AccessDenied and InvalidParameters as examples
// and points to the console's monitoring page for the rest. ⚠ The other names below are the
// sandbox's choice for the failures it emulates; a job that has not ended has no category.
import type { JobState } from '../state.js';

export const MESSAGE_CATEGORY = {
  success: 'SUCCESS',
  accessDenied: 'AccessDenied',
  invalidParameters: 'InvalidParameters',
  resourceNotFound: 'ResourceNotFound',
  invalidResourceState: 'InvalidResourceState',
  partial: 'PartialSuccess',
  expired: 'Expired',
  aborted: 'Aborted',
} as const;

/** ByMessageCategory values that match every job ("the wildcard", ANY, AGGREGATE_ALL). */
const EVERY_CATEGORY = new Set(['*', 'ANY', 'AGGREGATE_ALL']);

/** The category a job gets when it ends in `state` without a more specific cause. */
export function defaultMessageCategory(state: JobState): string | undefined {
  switch (state) {
    case 'COMPLETED':
      return MESSAGE_CATEGORY.success;
    case 'PARTIAL':
      return MESSAGE_CATEGORY.partial;
    case 'EXPIRED':
      return MESSAGE_CATEGORY.expired;
    case 'ABORTED':
      return MESSAGE_CATEGORY.aborted;
    case 'FAILED':
      return MESSAGE_CATEGORY.invalidResourceState;
    default:
      return undefined;
  }
}

/** Whether a job's category passes a ByMessageCategory filter (AWS compares categories without regard to case: its own examples spell INVALIDPARAMETERS and InvalidParameters). */
export function matchesMessageCategory(filter: string, category: string | undefined): boolean {
  if (EVERY_CATEGORY.has(filter.toUpperCase())) return true;
  return category !== undefined && category.toUpperCase() === filter.toUpperCase();
}
