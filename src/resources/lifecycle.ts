// A `lifecycle` block and AWS Backup's Lifecycle, both ways: what a plan rule and its copies send
// and read, and what an on-demand backup sends (StartBackupJob, UpdateRecoveryPointLifecycle).
// Zero and unset are one: AWS leaves a field out rather than sending 0.
import type { Lifecycle } from '@aws-sdk/client-backup';
import { isObjectValue, type ObjectValue, type Value } from '../core/values.js';

export function lifecycleToAws(v: Value | undefined): Lifecycle | undefined {
  if (!isObjectValue(v)) return undefined;
  const out: Lifecycle = {};
  if (typeof v.cold_storage_after_days === 'number' && v.cold_storage_after_days > 0) out.MoveToColdStorageAfterDays = v.cold_storage_after_days;
  if (typeof v.delete_after_days === 'number' && v.delete_after_days > 0) out.DeleteAfterDays = v.delete_after_days;
  if (v.opt_in_to_archive_for_supported_resources === true) out.OptInToArchiveForSupportedResources = true;
  return Object.keys(out).length > 0 ? out : undefined;
}

export function lifecycleFromAws(l: Lifecycle | undefined): ObjectValue | undefined {
  if (!l) return undefined;
  const out: ObjectValue = {};
  if (l.MoveToColdStorageAfterDays) out.cold_storage_after_days = l.MoveToColdStorageAfterDays;
  if (l.DeleteAfterDays) out.delete_after_days = l.DeleteAfterDays;
  if (l.OptInToArchiveForSupportedResources) out.opt_in_to_archive_for_supported_resources = true;
  return Object.keys(out).length > 0 ? out : undefined;
}
