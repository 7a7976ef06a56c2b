// Copy jobs: the copy actions of a plan rule (and StartCopyJob) copy a recovery point into another
// vault, in the same region or another region of the same sandbox account:
//   CREATED ─(start attempt)→ RUNNING ─→ COMPLETED (a recovery point in the destination vault)
//      └→ FAILED  source point gone, destination vault missing (or in another account), or the
//                 destination's vault lock refuses the copy's retention
// A rule's copies start when its backup job completes, as AWS Backup does. The copy job lives in
// the source region (where ListCopyJobs shows it); its recovery point in the destination's region.
import { parseBackupVaultArn } from '../../domain/arn.js';
import { newJobId } from '../ids.js';
import {
  TERMINAL_COPY_JOB_STATES,
  type BackupRegionState,
  type CopyJobRecord,
  type CopyJobState,
  type JobRecord,
  type LifecycleSpec,
  type RecoveryPointRecord,
} from '../state.js';
import { issueTimestamp } from '../timestamps.js';
import { latestPointOf, plannedBackupBytes, storeBackupImage } from './data.js';
import { lockViolation, START_DELAY_MS, type EngineScope } from './jobs.js';
import { MESSAGE_CATEGORY } from './message-categories.js';
import { newRecoveryPointArn } from './recovery-point-arns.js';

const MINUTE_MS = 60_000;
/** Fixed cost of every copy (catalogue, cross-region hand-over). */
const OVERHEAD_MS = 5 * MINUTE_MS;
/** Copies move data between vaults (often regions): 25 MiB/s, half a backup's rate. */
const BYTES_PER_MS = (25 * 1024 * 1024) / 1000;

export interface NewCopyJobInput {
  source: RecoveryPointRecord;
  destinationVaultArn: string;
  iamRoleArn: string;
  lifecycle?: LifecycleSpec;
  createdBy?: CopyJobRecord['createdBy'];
  createdByBackupJobId?: string;
  idempotencyToken?: string;
}

export function copyJobsOf(region: BackupRegionState): Record<string, CopyJobRecord> {
  region.copyJobs ??= {};
  return region.copyJobs;
}

export function isTerminalCopy(job: CopyJobRecord): boolean {
  return TERMINAL_COPY_JOB_STATES.includes(job.state);
}

/** Create a copy job in CREATED; it tries to start a few minutes later. */
export function createCopyJob(scope: EngineScope, input: NewCopyJobInput, now: number): CopyJobRecord {
  const destination = parseBackupVaultArn(input.destinationVaultArn);
  const creationDate = issueTimestamp(scope.account, now);
  const job: CopyJobRecord = {
    id: newJobId(scope.account),
    sourceVaultName: input.source.vaultName,
    sourceVaultArn: input.source.vaultArn,
    sourceRecoveryPointArn: input.source.arn,
    destinationVaultArn: input.destinationVaultArn,
    destinationRegion: destination?.region ?? '',
    destinationVaultName: destination?.name ?? '',
    resourceArn: input.source.resourceArn,
    resourceType: input.source.resourceType,
    ...(input.source.resourceName !== undefined ? { resourceName: input.source.resourceName } : {}),
    iamRoleArn: input.iamRoleArn,
    state: 'CREATED',
    creationDate,
    nextActionAt: now + START_DELAY_MS,
    backupSizeInBytes: 0,
    ...(input.lifecycle !== undefined ? { lifecycle: input.lifecycle } : {}),
    ...(input.createdBy !== undefined ? { createdBy: input.createdBy } : {}),
    ...(input.createdByBackupJobId !== undefined ? { createdByBackupJobId: input.createdByBackupJobId } : {}),
    ...(input.idempotencyToken !== undefined ? { idempotencyToken: input.idempotencyToken } : {}),
  };
  copyJobsOf(scope.region)[job.id] = job;
  return job;
}

/**
 * The copy jobs of the rule whose backup `job` just completed: one per copy action, each with the
 * action's lifecycle or, without one, the rule's ("a copy action without a lifecycle gets the
 * source's lifecycle"). Jobs not started by a plan rule (on-demand backups) copy nothing.
 */
export function startRuleCopyJobs(scope: EngineScope, job: JobRecord, now: number): CopyJobRecord[] {
  if (job.state !== 'COMPLETED' || job.createdBy === undefined || job.recoveryPointArn === undefined) return [];
  const source = scope.region.recoveryPoints[job.recoveryPointArn];
  const plan = scope.region.plans[job.createdBy.BackupPlanId];
  if (source === undefined || plan === undefined) return [];
  // The rule as it was when the backup ran: a plan updated since keeps the job's version.
  const version = plan.versions.find((v) => v.versionId === job.createdBy!.BackupPlanVersion) ?? plan.versions[plan.versions.length - 1]!;
  const rule = version.document.Rules.find((r) => r.RuleId === job.createdBy!.BackupRuleId);
  return (rule?.CopyActions ?? []).map((action) =>
    createCopyJob(
      scope,
      {
        source,
        destinationVaultArn: action.DestinationBackupVaultArn,
        iamRoleArn: job.iamRoleArn,
        lifecycle: action.Lifecycle ?? rule!.Lifecycle,
        createdBy: job.createdBy,
        createdByBackupJobId: job.id,
      },
      now,
    ),
  );
}

function finishCopy(job: CopyJobRecord, state: CopyJobState, now: number, message?: string, category?: string): void {
  job.state = state;
  job.completionDate = now;
  job.nextActionAt = undefined;
  if (message !== undefined) job.statusMessage = message;
  job.messageCategory = category ?? (state === 'COMPLETED' ? MESSAGE_CATEGORY.success : MESSAGE_CATEGORY.invalidResourceState);
}

/** The destination vault, or why the copy cannot go there. */
function destinationOf(scope: EngineScope, job: CopyJobRecord): { region: BackupRegionState; vault: NonNullable<BackupRegionState['vaults'][string]> } | { problem: string } {
  const parsed = parseBackupVaultArn(job.destinationVaultArn);
  // ⚠ AWS's wording for a missing destination is not documented; the sandbox holds one account, so a
  // vault of another account cannot exist in it either.
  const missing = { problem: `Destination backup vault ${job.destinationVaultArn} does not exist.` };
  if (parsed === undefined || parsed.account !== scope.account.accountId) return missing;
  const region = scope.account.backup[parsed.region];
  const vault = region?.vaults[parsed.name];
  return region === undefined || vault === undefined ? missing : { region, vault };
}

function imageBytesOf(scope: EngineScope, point: RecoveryPointRecord): number {
  const stored = point.chunkIds.reduce((sum, id) => sum + (scope.region.chunks[id]?.size ?? 0), 0);
  return Math.max(1, stored > 0 ? stored : point.backupSizeInBytes);
}

function attemptCopyStart(scope: EngineScope, job: CopyJobRecord, now: number): void {
  const source = scope.region.recoveryPoints[job.sourceRecoveryPointArn];
  if (source === undefined) {
    finishCopy(job, 'FAILED', now, `Source recovery point ${job.sourceRecoveryPointArn} no longer exists.`, MESSAGE_CATEGORY.resourceNotFound);
    return;
  }
  const destination = destinationOf(scope, job);
  if ('problem' in destination) {
    finishCopy(job, 'FAILED', now, destination.problem, MESSAGE_CATEGORY.resourceNotFound);
    return;
  }
  const violation = lockViolation(destination.vault, job.lifecycle);
  if (violation !== undefined) {
    finishCopy(job, 'FAILED', now, violation, MESSAGE_CATEGORY.invalidParameters);
    return;
  }
  // Incremental when the destination already holds a copy of the resource, as AWS copies are.
  const parent = latestPointOf(destination.region, destination.vault.name, job.resourceArn);
  const bytes = plannedBackupBytes(imageBytesOf(scope, source), parent, now);
  job.state = 'RUNNING';
  job.startedAt = now;
  job.backupSizeInBytes = bytes;
  job.expectedCompletionDate = now + OVERHEAD_MS + Math.ceil(bytes / BYTES_PER_MS);
  job.nextActionAt = job.expectedCompletionDate;
}

/** The copy is done: its recovery point appears in the destination vault with the copy's lifecycle. */
function completeCopy(scope: EngineScope, job: CopyJobRecord, now: number): RecoveryPointRecord | undefined {
  const destination = destinationOf(scope, job);
  if ('problem' in destination) {
    finishCopy(job, 'FAILED', now, `${destination.problem} It was deleted while the copy was running.`, MESSAGE_CATEGORY.resourceNotFound);
    return undefined;
  }
  const source = scope.region.recoveryPoints[job.sourceRecoveryPointArn];
  const imageBytes = source === undefined ? job.backupSizeInBytes : imageBytesOf(scope, source);
  const { region, vault } = destination;
  const startedAt = job.startedAt ?? now;
  const parent = latestPointOf(region, vault.name, job.resourceArn);
  const image = storeBackupImage(scope.account, region, imageBytes, parent, startedAt, job.id);
  const arn = newRecoveryPointArn(scope.account, job.destinationRegion, job.resourceType, job.id);
  const point: RecoveryPointRecord = {
    arn,
    vaultName: vault.name,
    vaultArn: vault.arn,
    resourceArn: job.resourceArn,
    resourceType: job.resourceType,
    ...(job.resourceName !== undefined ? { resourceName: job.resourceName } : {}),
    iamRoleArn: job.iamRoleArn,
    jobId: job.id,
    status: 'COMPLETED',
    storageClass: 'WARM',
    creationDate: startedAt,
    completionDate: now,
    backupSizeInBytes: image.storedBytes,
    ...(job.lifecycle !== undefined ? { lifecycle: job.lifecycle } : {}),
    chunkIds: image.chunkIds,
    ...(image.parent !== undefined ? { parentRecoveryPointArn: image.parent.arn } : {}),
    isParent: false,
    ...(job.createdBy !== undefined ? { createdBy: job.createdBy } : {}),
    encryptionKeyArn: vault.encryptionKeyArn,
    sourceBackupVaultArn: job.sourceVaultArn,
  };
  region.recoveryPoints[arn] = point;
  const tags = scope.region.tags[job.sourceRecoveryPointArn];
  // AWS copies the recovery point's tags with it.
  if (tags !== undefined) region.tags[arn] = { ...tags };
  job.destinationRecoveryPointArn = arn;
  job.backupSizeInBytes = image.storedBytes;
  finishCopy(job, 'COMPLETED', now);
  return point;
}

/**
 * Perform the transition due for `job` at `now`. Returns the recovery point a completed copy made
 * (its lifecycle must then be scheduled in the destination's region).
 */
export function processCopyJob(scope: EngineScope, job: CopyJobRecord, now: number): RecoveryPointRecord | undefined {
  switch (job.state) {
    case 'CREATED':
      attemptCopyStart(scope, job, now);
      return undefined;
    case 'RUNNING':
      return completeCopy(scope, job, now);
    default:
      job.nextActionAt = undefined;
      return undefined;
  }
}
