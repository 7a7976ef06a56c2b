// The backup job state machine, driven by the virtual clock:
//   CREATED ─(start attempt)→ RUNNING ─→ COMPLETED | PARTIAL | FAILED
//      │  └→ PENDING while another job of the same resource runs
//      │  └→ stays CREATED while the source must wait (FSx UPDATING…), retried every 10 minutes
//      ├→ FAILED   resource gone or unusable, malformed IAM role, vault lock retention violated
//      └→ EXPIRED  start window passed (or completion window while RUNNING)
//   StopBackupJob: CREATED | PENDING | RUNNING → ABORTING → ABORTED
// Durations are deterministic: a few minutes to start, then proportional to the bytes stored.
import { isIamRoleArn } from '../../domain/arn.js';
import { backupResourceTypeOf, compositeOutcome, eligibilityOfArn, findByArn } from '../inventory.js';
import { newJobId } from '../ids.js';
import type { AccountState, BackupRegionState, JobRecord, LifecycleSpec, RecoveryPointRecord, VaultRecord } from '../state.js';
import { TERMINAL_JOB_STATES } from '../state.js';
import { GIB, latestPointOf, plannedBackupBytes, storeBackupImage } from './data.js';
import { defaultMessageCategory, MESSAGE_CATEGORY } from './message-categories.js';
import { newRecoveryPointArn } from './recovery-point-arns.js';
import { issueTimestamp } from '../timestamps.js';
import { restoreSourceOf } from './restore-source.js';

const MINUTE_MS = 60_000;
export const START_DELAY_MS = 5 * MINUTE_MS;
export const RETRY_INTERVAL_MS = 10 * MINUTE_MS;
export const PENDING_RECHECK_MS = 5 * MINUTE_MS;
export const ABORT_DELAY_MS = MINUTE_MS;
/** Fixed cost of every backup (snapshot set-up, catalogue). */
export const OVERHEAD_MS = 2 * MINUTE_MS;
/** Transfer rate: 50 MiB/s, so an 8 GiB instance takes ~5 minutes and 1 TiB about 6 hours. */
export const BYTES_PER_MS = (50 * 1024 * 1024) / 1000;

export interface EngineScope {
  account: AccountState;
  regionName: string;
  region: BackupRegionState;
}

export interface NewJobInput {
  vault: VaultRecord;
  resourceArn: string;
  iamRoleArn: string;
  startWindowMinutes: number;
  completeWindowMinutes: number;
  lifecycle?: LifecycleSpec;
  recoveryPointTags?: Record<string, string>;
  backupOptions?: Record<string, string>;
  airGappedVaultName?: string;
  index?: JobRecord['index'];
  idempotencyToken?: string;
  createdBy?: JobRecord['createdBy'];
}

/** The vault that receives the job's recovery point: the logically air-gapped one when the job names it. */
export function destinationVaultName(job: JobRecord): string {
  return job.airGappedVaultName ?? job.vaultName;
}

export function isTerminal(job: JobRecord): boolean {
  return TERMINAL_JOB_STATES.includes(job.state);
}

/** Create a job in CREATED; its first start attempt comes a few minutes later. */
export function createJob(scope: EngineScope, input: NewJobInput, now: number): JobRecord {
  const { account, regionName, region } = scope;
  const id = newJobId(account);
  const resourceType = backupResourceTypeOf(input.resourceArn, account.inventory);
  const resource = findByArn(account.inventory, input.resourceArn);
  // The windows count from the job's own creation instant, so StartBy - CreationDate is the window.
  const creationDate = issueTimestamp(account, now);
  const startBy = creationDate + input.startWindowMinutes * MINUTE_MS;
  const job: JobRecord = {
    id,
    vaultName: input.vault.name,
    vaultArn: input.vault.arn,
    resourceArn: input.resourceArn,
    resourceType,
    resourceName: resource?.name,
    iamRoleArn: input.iamRoleArn,
    state: 'CREATED',
    creationDate,
    startBy,
    completeBy: creationDate + input.completeWindowMinutes * MINUTE_MS,
    nextActionAt: Math.min(now + START_DELAY_MS, startBy),
    backupSizeInBytes: 0,
    recoveryPointArn: newRecoveryPointArn(account, regionName, resourceType, id),
    lifecycle: input.lifecycle,
    recoveryPointTags: input.recoveryPointTags,
    backupOptions: input.backupOptions,
    ...(input.airGappedVaultName !== undefined ? { airGappedVaultName: input.airGappedVaultName } : {}),
    ...(input.index !== undefined ? { index: input.index } : {}),
    idempotencyToken: input.idempotencyToken,
    createdBy: input.createdBy,
    // Composite resources get a parent job with one child job per member, as AWS reports them.
    isParent: (resource?.members?.length ?? 0) > 0,
  };
  region.jobs[id] = job;
  return job;
}

/** The child jobs of a composite backup, finished with the parent (one per member). */
function recordChildJobs(scope: EngineScope, parent: JobRecord, now: number): void {
  const resource = findByArn(scope.account.inventory, parent.resourceArn);
  const members = resource?.members ?? [];
  const perMember = Math.floor(parent.backupSizeInBytes / Math.max(1, members.length));
  parent.childJobIds = members.map((member) => {
    const child: JobRecord = {
      ...parent,
      id: newJobId(scope.account),
      resourceArn: member.name.startsWith('arn:') ? member.name : parent.resourceArn,
      resourceName: member.name,
      state: member.failed ? 'FAILED' : 'COMPLETED',
      statusMessage: member.failed ? `Backup of ${member.name} failed.` : undefined,
      messageCategory: defaultMessageCategory(member.failed ? 'FAILED' : 'COMPLETED'),
      creationDate: parent.startedAt ?? parent.creationDate,
      completionDate: now,
      nextActionAt: undefined,
      backupSizeInBytes: member.failed ? 0 : perMember,
      recoveryPointArn: undefined,
      idempotencyToken: undefined,
      isParent: false,
      parentJobId: parent.id,
      childJobIds: undefined,
    };
    scope.region.jobs[child.id] = child;
    return child.id;
  });
}

/** Why the vault lock forbids a recovery point with this lifecycle, if it does. */
export function lockViolation(vault: VaultRecord, lifecycle: LifecycleSpec | undefined): string | undefined {
  const lock = vault.lock;
  if (lock === undefined) return undefined;
  const retention = lifecycle?.DeleteAfterDays;
  const tooShort = lock.minRetentionDays !== undefined && retention !== undefined && retention < lock.minRetentionDays;
  const tooLong = lock.maxRetentionDays !== undefined && (retention === undefined || retention > lock.maxRetentionDays);
  if (!tooShort && !tooLong) return undefined;
  const range = `${lock.minRetentionDays ?? 1}-${lock.maxRetentionDays ?? 36500} days`;
  const kept = retention === undefined ? 'kept forever' : `kept ${retention} days`;
  // ⚠ AWS's exact wording is not documented; this names the same facts.
  return `The recovery point would be ${kept}, outside the retention range of the vault lock on backup vault ${vault.name} (${range}).`;
}

function finish(scope: EngineScope, job: JobRecord, state: JobRecord['state'], now: number, message?: string, category?: string): void {
  if (scope.region.activeJobs[job.resourceArn] === job.id) delete scope.region.activeJobs[job.resourceArn];
  job.state = state;
  job.completionDate = now;
  job.nextActionAt = undefined;
  if (message !== undefined) job.statusMessage = message;
  job.messageCategory = category ?? defaultMessageCategory(state);
  // Only a finished backup leaves a recovery point behind.
  if (state !== 'COMPLETED' && state !== 'PARTIAL') job.recoveryPointArn = undefined;
}

function otherActiveJob(region: BackupRegionState, job: JobRecord): JobRecord | undefined {
  const other = region.jobs[region.activeJobs[job.resourceArn] ?? ''];
  if (other === undefined || other.id === job.id) return undefined;
  return other.state === 'RUNNING' || other.state === 'ABORTING' ? other : undefined;
}

function imageBytesOf(scope: EngineScope, job: JobRecord): number {
  const resource = findByArn(scope.account.inventory, job.resourceArn);
  return Math.max(1, Math.round((resource?.sizeGiB ?? 8) * GIB));
}

function attemptStart(scope: EngineScope, job: JobRecord, now: number): void {
  const { account, region } = scope;
  if (now >= job.startBy) {
    const why = job.statusMessage === undefined ? '' : ` ${job.statusMessage}`;
    finish(scope, job, 'EXPIRED', now, `Backup job could not start within the start window.${why}`);
    return;
  }
  const vault = region.vaults[job.vaultName];
  if (vault === undefined) {
    finish(scope, job, 'FAILED', now, `Backup vault ${job.vaultName} does not exist.`, MESSAGE_CATEGORY.resourceNotFound);
    return;
  }
  if (!isIamRoleArn(job.iamRoleArn)) {
    finish(scope, job, 'FAILED', now, `IAM Role ${job.iamRoleArn} is not a valid role ARN, so AWS Backup cannot assume it to back up ${job.resourceArn}.`, MESSAGE_CATEGORY.accessDenied);
    return;
  }
  const destination = region.vaults[destinationVaultName(job)];
  if (destination === undefined) {
    finish(scope, job, 'FAILED', now, `Backup vault ${destinationVaultName(job)} does not exist.`, MESSAGE_CATEGORY.resourceNotFound);
    return;
  }
  // StartBackupJob refuses a standard vault at once; a plan rule's target is only looked at when its jobs run.
  if (job.airGappedVaultName !== undefined && destination.vaultType !== 'LOGICALLY_AIR_GAPPED_BACKUP_VAULT') {
    finish(scope, job, 'FAILED', now, `Backup vault ${destination.name} is not a logically air-gapped vault, so it cannot be the job's logically air-gapped target.`, MESSAGE_CATEGORY.invalidParameters);
    return;
  }
  const violation = lockViolation(destination, job.lifecycle) ?? lockViolation(vault, job.lifecycle);
  if (violation !== undefined) {
    finish(scope, job, 'FAILED', now, violation, MESSAGE_CATEGORY.invalidParameters);
    return;
  }
  const eligibility = eligibilityOfArn(job.resourceArn, account.inventory);
  if (eligibility.kind === 'fail') {
    finish(scope, job, 'FAILED', now, eligibility.message);
    return;
  }
  if (eligibility.kind === 'wait') {
    job.statusMessage = eligibility.message;
    job.nextActionAt = Math.min(now + RETRY_INTERVAL_MS, job.startBy);
    return;
  }
  if (otherActiveJob(region, job) !== undefined) {
    job.state = 'PENDING';
    job.statusMessage = 'Waiting for another backup job of the same resource to finish.';
    job.nextActionAt = Math.min(now + PENDING_RECHECK_MS, job.startBy);
    return;
  }
  const parent = latestPointOf(region, destinationVaultName(job), job.resourceArn);
  const bytes = plannedBackupBytes(imageBytesOf(scope, job), parent, now);
  job.state = 'RUNNING';
  region.activeJobs[job.resourceArn] = job.id;
  job.statusMessage = undefined;
  job.startedAt = now;
  job.backupSizeInBytes = bytes;
  job.parentRecoveryPointArn = parent?.arn;
  job.expectedCompletionDate = now + OVERHEAD_MS + Math.ceil(bytes / BYTES_PER_MS);
  job.nextActionAt = Math.min(job.expectedCompletionDate, job.completeBy);
}

function complete(scope: EngineScope, job: JobRecord, now: number): void {
  const { account, region } = scope;
  if (now < job.expectedCompletionDate! && now >= job.completeBy) {
    finish(scope, job, 'EXPIRED', now, 'Backup job expired before completion.');
    return;
  }
  const vault = region.vaults[destinationVaultName(job)];
  if (vault === undefined) {
    finish(scope, job, 'FAILED', now, `Backup vault ${destinationVaultName(job)} was deleted while the backup was running.`, MESSAGE_CATEGORY.resourceNotFound);
    return;
  }
  const resource = findByArn(account.inventory, job.resourceArn);
  const outcome = resource === undefined ? 'complete' : compositeOutcome(resource);
  if (outcome === 'failed') {
    if (job.isParent) recordChildJobs(scope, job, now);
    finish(scope, job, 'FAILED', now, `Every part of ${job.resourceArn} failed to back up.`);
    return;
  }
  const startedAt = job.startedAt ?? now;
  const parent = latestPointOf(region, vault.name, job.resourceArn);
  const image = storeBackupImage(account, region, imageBytesOf(scope, job), parent, startedAt, job.id);
  const arn = job.recoveryPointArn ?? newRecoveryPointArn(account, scope.regionName, job.resourceType, job.id);
  const point: RecoveryPointRecord = {
    arn,
    vaultName: vault.name,
    vaultArn: vault.arn,
    resourceArn: job.resourceArn,
    resourceType: job.resourceType,
    resourceName: job.resourceName,
    iamRoleArn: job.iamRoleArn,
    jobId: job.id,
    status: outcome === 'partial' ? 'PARTIAL' : 'COMPLETED',
    storageClass: 'WARM',
    creationDate: startedAt,
    completionDate: now,
    backupSizeInBytes: image.storedBytes,
    lifecycle: job.lifecycle,
    chunkIds: image.chunkIds,
    parentRecoveryPointArn: image.parent?.arn,
    isParent: false,
    createdBy: job.createdBy,
    encryptionKeyArn: vault.encryptionKeyArn,
    ...(job.index === 'ENABLED' ? { indexStatus: 'ACTIVE' as const } : {}),
    ...(resource !== undefined ? { source: restoreSourceOf(resource) } : {}),
  };
  region.recoveryPoints[arn] = point;
  if (job.recoveryPointTags !== undefined && Object.keys(job.recoveryPointTags).length > 0) region.tags[arn] = { ...job.recoveryPointTags };
  job.recoveryPointArn = arn;
  job.backupSizeInBytes = image.storedBytes;
  job.parentRecoveryPointArn = image.parent?.arn;
  if (job.isParent) recordChildJobs(scope, job, now);
  if (outcome === 'partial') {
    const failed = (resource?.members ?? []).filter((m) => m.failed).map((m) => m.name);
    finish(scope, job, 'PARTIAL', now, `Some parts of the resource failed to back up: ${failed.join(', ')}.`);
  } else {
    finish(scope, job, 'COMPLETED', now);
  }
}

/** Perform the transition due for `job` at `now` (the job's nextActionAt). */
export function processJob(scope: EngineScope, job: JobRecord, now: number): void {
  switch (job.state) {
    case 'CREATED':
    case 'PENDING':
      attemptStart(scope, job, now);
      return;
    case 'RUNNING':
      complete(scope, job, now);
      return;
    case 'ABORTING':
      finish(scope, job, 'ABORTED', now, 'Backup job was stopped by the user.');
      return;
    default:
      job.nextActionAt = undefined;
  }
}

/** StopBackupJob's effect (the API checks the job may be stopped). */
export function stopJob(job: JobRecord, now: number): void {
  if (job.state === 'RUNNING') job.stoppedAt = now;
  job.state = 'ABORTING';
  job.statusMessage = 'Stopping the backup job.';
  job.nextActionAt = now + ABORT_DELAY_MS;
}

export interface JobProgress {
  percentDone: number;
  bytesTransferred: number;
  backupSizeInBytes: number;
}

/** Progress at `now`: linear over the running time, frozen when stopped, complete when done. */
export function jobProgress(job: JobRecord, now: number): JobProgress {
  if (job.state === 'COMPLETED' || job.state === 'PARTIAL') {
    return { percentDone: 100, bytesTransferred: job.backupSizeInBytes, backupSizeInBytes: job.backupSizeInBytes };
  }
  if (job.startedAt === undefined || job.expectedCompletionDate === undefined) return { percentDone: 0, bytesTransferred: 0, backupSizeInBytes: 0 };
  const until = Math.min(now, job.stoppedAt ?? now, job.completionDate ?? now);
  const span = Math.max(1, job.expectedCompletionDate - job.startedAt);
  const fraction = Math.min(1, Math.max(0, (until - job.startedAt) / span));
  // Never report 100% before the state says so.
  const percent = Math.min(99.9, Math.floor(fraction * 1000) / 10);
  const bytes = Math.floor(job.backupSizeInBytes * fraction);
  return { percentDone: percent, bytesTransferred: bytes, backupSizeInBytes: bytes };
}
