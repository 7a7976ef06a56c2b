// Restore testing plans run on the sandbox clock, as AWS Backup runs them:
//   at each tick of the plan's cron (in its time zone), for each selection, every protected
//   resource of the selection's type gets one restore job of one recovery point, chosen by the
//   plan's RecoveryPointSelection (vaults included and not excluded, point types, the selection
//   window, latest or random). The job is an ordinary restore job (engine/restore-jobs.ts) with
//   CreatedBy.RestoreTestingPlanArn, the selection's IAM role and metadata overrides. Then:
//   COMPLETED ─→ ValidationStatus VALIDATING for ValidationWindowHours (PutRestoreValidationResult
//   may report a result) ─→ the window closes (VALIDATING becomes TIMED_OUT) or a result arrives
//   ─→ DeletionStatus DELETING ─→ the restored resource leaves the inventory ─→ SUCCESSFUL.
//   Without a validation window the restored resource is deleted as soon as the restore completes.
// AWS: "Once the optional validation completes or the validation window closes, AWS Backup deletes
// the resources involved with the restore test" (developer guide, "Restore testing").
import { createHash } from 'node:crypto';
import { nextFireTimes, parseSchedule } from '../../domain/cron.js';
import { likePatternMatches, selectionMatches } from '../../domain/selection-match.js';
import { newShortId } from '../ids.js';
import { findByArn, removeResource } from '../inventory.js';
import type { RecoveryPointRecord, RestoreJobRecord, RestoreTestingPlanRecord, RestoreTestingSelectionRecord } from '../state.js';
import type { EngineScope } from './jobs.js';
import { createRestoreJob, isRestorableType, metadataProblem, processRestoreJob, restoreMetadataOf } from './restore-jobs.js';

const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;
/** ⚠ AWS deletes "in accordance with service SLAs"; the sandbox takes a quarter of an hour. */
export const RESTORED_RESOURCE_DELETION_MS = 15 * 60_000;

/** The plan's first run strictly after its last one (or its creation). */
export function nextRestoreTestRun(plan: RestoreTestingPlanRecord): number | undefined {
  const parsed = parseSchedule(plan.scheduleExpression);
  if (!parsed.ok) return undefined;
  const after = Math.max(plan.creationTime, plan.lastExecutionTime ?? 0);
  const [next] = nextFireTimes(parsed.cron, new Date(after), plan.scheduleExpressionTimezone || 'Etc/UTC', 1);
  return next?.getTime();
}

/** CONTINUOUS for point-in-time recovery points (their ARNs say `recovery-point:continuous:`), SNAPSHOT otherwise. */
export function recoveryPointType(point: RecoveryPointRecord): 'CONTINUOUS' | 'SNAPSHOT' {
  return point.arn.includes(':recovery-point:continuous:') ? 'CONTINUOUS' : 'SNAPSHOT';
}

/** IncludeVaults / ExcludeVaults: "*" or a vault ARN whose fields may hold `*` wildcards. */
function vaultSelected(selection: RestoreTestingPlanRecord['recoveryPointSelection'], vaultArn: string): boolean {
  const matches = (selector: string) => selector === '*' || likePatternMatches(selector, vaultArn);
  return selection.IncludeVaults.some(matches) && !selection.ExcludeVaults.some(matches);
}

/** The recovery points the plan may test at `tick`, of one resource type, by the resource they protect. */
export function candidatePoints(scope: EngineScope, plan: RestoreTestingPlanRecord, resourceType: string, tick: number): Map<string, RecoveryPointRecord[]> {
  const rules = plan.recoveryPointSelection;
  const earliest = tick - rules.SelectionWindowDays * DAY_MS;
  const byResource = new Map<string, RecoveryPointRecord[]>();
  for (const point of Object.values(scope.region.recoveryPoints)) {
    if (point.resourceType !== resourceType || !isRestorableType(point.resourceType)) continue;
    if ((point.status !== 'COMPLETED' && point.status !== 'AVAILABLE') || point.storageClass === 'DELETED') continue;
    if (point.creationDate < earliest || point.creationDate > tick) continue;
    if (!rules.RecoveryPointTypes.includes(recoveryPointType(point))) continue;
    if (!vaultSelected(rules, point.vaultArn)) continue;
    const list = byResource.get(point.resourceArn) ?? [];
    list.push(point);
    byResource.set(point.resourceArn, list);
  }
  return byResource;
}

/** Whether the selection names the resource: by ARN, or ["*"] / no ARNs narrowed by tag conditions. */
export function selectionNames(scope: EngineScope, selection: RestoreTestingSelectionRecord, resourceArn: string, points: readonly RecoveryPointRecord[]): boolean {
  const arns = selection.protectedResourceArns;
  if (arns.length > 0 && !arns.includes('*')) return arns.includes(resourceArn);
  // Conditions test the resource's tags: as it is now, else as it was at its latest backup.
  const live = findByArn(scope.account.inventory, resourceArn);
  const tags = live?.tags ?? [...points].sort((a, b) => b.creationDate - a.creationDate)[0]?.source?.tags ?? {};
  const pair = (c: { Key: string; Value: string }) => ({ key: c.Key, value: c.Value });
  return selectionMatches(
    { stringEquals: selection.protectedResourceConditions.StringEquals.map(pair), stringNotEquals: selection.protectedResourceConditions.StringNotEquals.map(pair) },
    { arn: resourceArn, tags },
  );
}

/**
 * LATEST_WITHIN_WINDOW: the newest point. RANDOM_WITHIN_WINDOW: one of them, drawn from the
 * account's id seed, the plan, the tick and the resource, so a seeded sandbox draws the same.
 */
export function pickPoint(algorithm: string, points: readonly RecoveryPointRecord[], seed: string, drawKey: string): RecoveryPointRecord | undefined {
  const ordered = [...points].sort((a, b) => b.creationDate - a.creationDate || a.arn.localeCompare(b.arn));
  if (algorithm !== 'RANDOM_WITHIN_WINDOW') return ordered[0];
  if (ordered.length === 0) return undefined;
  const draw = createHash('sha256').update(`${seed}:${drawKey}`).digest().readUInt32BE(0);
  return ordered[draw % ordered.length];
}

/** The point's inferred restore metadata with the selection's overrides (keys compared without case). */
function testMetadata(scope: EngineScope, point: RecoveryPointRecord, overrides: Record<string, string>): Record<string, string> {
  const metadata = restoreMetadataOf(scope, point);
  // Restore testing infers a new identifier for a database, so the test never collides with its source.
  const identifierKey = point.resourceType === 'RDS' ? 'DBInstanceIdentifier' : point.resourceType === 'Aurora' || point.resourceType === 'DocumentDB' ? 'DBClusterIdentifier' : undefined;
  if (identifierKey !== undefined) metadata[identifierKey] = `awsbackup-restore-test-${newShortId(scope.account, 'restore-test')}`;
  for (const [key, value] of Object.entries(overrides)) {
    for (const existing of Object.keys(metadata)) if (existing.toLowerCase() === key.toLowerCase()) delete metadata[existing];
    metadata[key] = value;
  }
  return metadata;
}

/** Run the plan's tick: one restore job per protected resource of each selection (returned). */
export function runRestoreTestingPlan(scope: EngineScope, plan: RestoreTestingPlanRecord, tick: number): RestoreJobRecord[] {
  const started: RestoreJobRecord[] = [];
  const selections = Object.values(plan.selections).sort((a, b) => a.creationTime - b.creationTime || a.name.localeCompare(b.name));
  for (const selection of selections) {
    const candidates = candidatePoints(scope, plan, selection.protectedResourceType, tick);
    for (const [resourceArn, points] of [...candidates].sort(([a], [b]) => a.localeCompare(b))) {
      if (!selectionNames(scope, selection, resourceArn, points)) continue;
      const point = pickPoint(plan.recoveryPointSelection.Algorithm, points, scope.account.ids.seed, `${plan.arn}:${tick}:${selection.name}:${resourceArn}`);
      if (point === undefined) continue;
      const metadata = testMetadata(scope, point, selection.restoreMetadataOverrides ?? {});
      const job = createRestoreJob(scope, { point, iamRoleArn: selection.iamRoleArn, metadata, copySourceTags: false }, tick);
      job.createdBy = { RestoreTestingPlanArn: plan.arn };
      job.restoreTest = { planName: plan.name, selectionName: selection.name, validationWindowHours: selection.validationWindowHours ?? 0 };
      const problem = metadataProblem(point, metadata, scope.regionName);
      if (problem !== undefined) {
        // StartRestoreJob refuses it; for a test, the job records why (as AWS shows a failed test).
        const reason = problem.missing !== undefined ? `Missing required restore metadata for ${point.resourceType}: ${problem.missing}. Set it in the selection's RestoreMetadataOverrides.` : `Invalid restore metadata: ${problem.invalid}`;
        Object.assign(job, { status: 'FAILED', statusMessage: reason, completionDate: tick, nextActionAt: undefined });
      }
      started.push(job);
    }
  }
  plan.lastExecutionTime = tick;
  return started;
}

/** Deletion of the restored resource begins (the validation ended or the window closed). */
export function beginRestoredResourceDeletion(job: RestoreJobRecord, now: number): void {
  job.deletionStatus = 'DELETING';
  job.deletionStatusMessage = 'Deleting the resource the restore test created.';
  job.nextActionAt = now + RESTORED_RESOURCE_DELETION_MS;
}

/** Whether a validation result is still awaited: the restore test completed and its window is open. */
export function validationWindowOpen(job: RestoreJobRecord, now: number): boolean {
  if (job.restoreTest === undefined || job.status !== 'COMPLETED' || job.completionDate === undefined) return false;
  return job.deletionStatus === undefined && now < job.completionDate + job.restoreTest.validationWindowHours * HOUR_MS;
}

function afterRestoreTestCompleted(job: RestoreJobRecord, hours: number, now: number): void {
  if (hours === 0) {
    beginRestoredResourceDeletion(job, now);
    return;
  }
  const until = now + hours * HOUR_MS;
  job.validationStatus = 'VALIDATING';
  job.validationStatusMessage = `Waiting for a validation result (PutRestoreValidationResult) until ${new Date(until).toISOString()}.`;
  job.nextActionAt = until;
}

/** Perform the transition due for a restore job at `now`: a restore's own, then a restore test's validation and clean-up. */
export function advanceRestoreJob(scope: EngineScope, job: RestoreJobRecord, now: number): void {
  const test = job.restoreTest;
  if (job.status === 'PENDING' || job.status === 'RUNNING' || test === undefined) {
    processRestoreJob(scope, job, now);
    if (test !== undefined && job.status === 'COMPLETED') afterRestoreTestCompleted(job, test.validationWindowHours, now);
    return;
  }
  if (job.status !== 'COMPLETED') {
    job.nextActionAt = undefined;
    return;
  }
  if (job.deletionStatus === undefined) {
    if (job.validationStatus === 'VALIDATING') {
      job.validationStatus = 'TIMED_OUT';
      job.validationStatusMessage = `No validation result arrived within the ${test.validationWindowHours}-hour validation window.`;
    }
    beginRestoredResourceDeletion(job, now);
    return;
  }
  if (job.deletionStatus === 'DELETING') {
    const restored = job.createdResourceArn === undefined ? undefined : findByArn(scope.account.inventory, job.createdResourceArn);
    // Only what the restore created goes: an EFS restore into an existing file system (newFileSystem=false) keeps it.
    if (restored !== undefined && restored.tags['aws:backup:source-resource'] !== undefined) removeResource(scope.account, restored);
    job.deletionStatus = 'SUCCESSFUL';
    test.restoredResourceDeletedAt = now;
    job.deletionStatusMessage = 'The resource the restore test created was deleted.';
  }
  job.nextActionAt = undefined;
}
