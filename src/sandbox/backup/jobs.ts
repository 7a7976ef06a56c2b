// Backup job operations: StartBackupJob (idempotent by token), DescribeBackupJob, ListBackupJobs
// with its filters, StopBackupJob. The state machine itself lives in engine/jobs.ts.
import { isIamRoleArn, isResourceArn, parseBackupVaultArn } from '../../domain/arn.js';
import { resourceTypeOfArn, UNSTOPPABLE_RESOURCE_TYPES } from '../../domain/resource-types.js';
import { createJob, isTerminal, jobProgress, stopJob } from '../engine/jobs.js';
import { isOptedIn } from '../engine/opt-in.js';
import { backupResourceTypeOf } from '../inventory.js';
import { matchesMessageCategory } from '../engine/message-categories.js';
import type { JobRecord, JobState, LifecycleSpec, VaultRecord } from '../state.js';
import { invalid, invalidRequest, notFound } from './errors.js';
import { validateTags } from './tags.js';
import {
  compact,
  epochSeconds,
  optionalBoolean,
  optionalInteger,
  optionalObject,
  optionalString,
  optionalStringMap,
  paginate,
  queryEnum,
  queryMatching,
  queryString,
  jobDateFilter,
  requiredString,
  type BackupCall,
  type Json,
  ACCOUNT_ID_PATTERN,
  RESOURCE_TYPE_PATTERN,
  VAULT_NAME_PATTERN,
} from './wire.js';
import { checkJobBackupOptions, MAX_WINDOW_MINUTES } from './plan-validation.js';

const DEFAULT_START_WINDOW = 480;
const DEFAULT_COMPLETE_WINDOW = 10_080;
const MIN_START_WINDOW = 60;
const LIST_HORIZON_MS = 30 * 86_400_000;
const JOB_STATES: readonly JobState[] = ['CREATED', 'PENDING', 'RUNNING', 'ABORTING', 'ABORTED', 'COMPLETED', 'FAILED', 'EXPIRED', 'PARTIAL'];

export function readJobLifecycle(raw: Json | undefined): LifecycleSpec | undefined {
  if (raw === undefined) return undefined;
  const cold = optionalInteger(raw, 'MoveToColdStorageAfterDays');
  const del = optionalInteger(raw, 'DeleteAfterDays');
  const archive = optionalBoolean(raw, 'OptInToArchiveForSupportedResources');
  if (del !== undefined && (del < 1 || del > 36_500)) throw invalid('Invalid lifecycle. DeleteAfterDays must be between 1 and 36500.');
  if (cold !== undefined && (cold < 1 || cold > 36_500)) throw invalid('Invalid lifecycle. MoveToColdStorageAfterDays must be between 1 and 36500.');
  if (cold !== undefined && del !== undefined && del < cold + 90) {
    throw invalid('Invalid lifecycle. DeleteAfterDays cannot be less than 90 days apart from MoveToColdStorageAfterDays');
  }
  const result: LifecycleSpec = {};
  if (cold !== undefined) result.MoveToColdStorageAfterDays = cold;
  if (del !== undefined) result.DeleteAfterDays = del;
  if (archive !== undefined) result.OptInToArchiveForSupportedResources = archive;
  return Object.keys(result).length === 0 ? undefined : result;
}

const INDEX_VALUES = ['ENABLED', 'DISABLED'] as const;
/** "Resource types that support backup indexes include EBS and S3" (StartBackupJob, Index). */
const INDEXED_RESOURCE_TYPES: ReadonlySet<string> = new Set(['EBS', 'S3']);

function readIndex(body: Json, resourceArn: string): JobRecord['index'] {
  const index = optionalString(body, 'Index');
  if (index === undefined) return undefined;
  if (!(INDEX_VALUES as readonly string[]).includes(index)) throw invalid(`Invalid Index '${index}': use ENABLED or DISABLED.`);
  const type = resourceTypeOfArn(resourceArn);
  // ⚠ AWS's wording is not documented; an index for a type that has none is an invalid parameter.
  if (index === 'ENABLED' && type !== undefined && !INDEXED_RESOURCE_TYPES.has(type)) {
    throw invalid(`Backup indexes are not supported for resource type ${type}: only EBS and S3 recovery points can be indexed.`);
  }
  return index as JobRecord['index'];
}

/**
 * The logically air-gapped vault a job names: "ARN must be in the same account and Region", and the
 * vault must exist (looked up by the ARN's name among the Region's vaults).
 */
function airGappedVault(call: BackupCall, arn: string | undefined): VaultRecord | undefined {
  if (arn === undefined) return undefined;
  const parsed = parseBackupVaultArn(arn);
  if (parsed === undefined) throw invalid(`Invalid LogicallyAirGappedBackupVaultArn '${arn}': expected arn:aws:backup:REGION:ACCOUNT_ID:backup-vault:NAME.`);
  if (parsed.region !== call.ctx.region || parsed.account !== call.ctx.accountId) {
    throw invalid(`LogicallyAirGappedBackupVaultArn '${arn}' must be in the same account and Region as the backup job (${call.ctx.accountId}, ${call.ctx.region}).`);
  }
  const vault = call.scope.region.vaults[parsed.name];
  // ⚠ As for a missing target vault, the API model lists ResourceNotFound.
  if (vault === undefined) throw notFound(`Logically air-gapped backup vault ${parsed.name} does not exist.`);
  if (vault.vaultType !== 'LOGICALLY_AIR_GAPPED_BACKUP_VAULT') {
    throw invalid(`LogicallyAirGappedBackupVaultArn '${arn}' names a standard backup vault; it must name a logically air-gapped vault.`);
  }
  return vault;
}

function jobOf(call: BackupCall): JobRecord {
  const id = call.params['BackupJobId'] ?? '';
  const job = call.scope.region.jobs[id];
  if (job === undefined) throw notFound(`Backup job ${id} does not exist.`);
  return job;
}

/** The recovery point ARN is reported once the backup runs (EFS: from the start, as AWS does). */
function visibleRecoveryPointArn(job: JobRecord): string | undefined {
  if (job.state === 'CREATED' || job.state === 'PENDING') return job.resourceType === 'EFS' ? job.recoveryPointArn : undefined;
  return job.recoveryPointArn;
}

function jobView(call: BackupCall, job: JobRecord, detailed = false): Json {
  const progress = jobProgress(job, call.now);
  const vault = call.scope.region.vaults[job.vaultName];
  return compact({
    AccountId: call.ctx.accountId,
    BackupJobId: job.id,
    BackupVaultName: job.vaultName,
    BackupVaultArn: job.vaultArn,
    VaultType: vault?.vaultType ?? 'BACKUP_VAULT',
    RecoveryPointArn: visibleRecoveryPointArn(job),
    RecoveryPointLifecycle: job.lifecycle,
    EncryptionKeyArn: vault?.encryptionKeyArn,
    IsEncrypted: true,
    ResourceArn: job.resourceArn,
    CreationDate: epochSeconds(job.creationDate),
    CompletionDate: epochSeconds(job.completionDate),
    State: job.state,
    StatusMessage: job.statusMessage,
    PercentDone: progress.percentDone.toFixed(1),
    BackupSizeInBytes: progress.backupSizeInBytes,
    IamRoleArn: job.iamRoleArn,
    CreatedBy: job.createdBy,
    ResourceType: job.resourceType,
    BytesTransferred: progress.bytesTransferred,
    ExpectedCompletionDate: epochSeconds(isTerminal(job) ? undefined : job.expectedCompletionDate),
    StartBy: epochSeconds(job.startBy),
    BackupOptions: job.backupOptions,
    ParentJobId: job.parentJobId,
    IsParent: job.isParent,
    ...(detailed ? childSummary(call, job) : {}),
    ResourceName: job.resourceName,
    InitiationDate: epochSeconds(job.creationDate),
    MessageCategory: job.messageCategory,
  });
}

/** NumberOfChildJobs and ChildJobsInState of a parent job (DescribeBackupJob only). */
function childSummary(call: BackupCall, job: JobRecord): Json {
  if (!job.isParent || job.childJobIds === undefined) return {};
  const inState: Record<string, number> = {};
  for (const id of job.childJobIds) {
    const state = call.scope.region.jobs[id]?.state;
    if (state !== undefined) inState[state] = (inState[state] ?? 0) + 1;
  }
  return { NumberOfChildJobs: job.childJobIds.length, ChildJobsInState: inState };
}

function sameRequest(job: JobRecord, other: Omit<JobRecord, 'id'>): boolean {
  return (
    job.vaultName === other.vaultName &&
    job.resourceArn === other.resourceArn &&
    job.iamRoleArn === other.iamRoleArn &&
    job.startBy - job.creationDate === other.startBy - other.creationDate &&
    job.completeBy - job.creationDate === other.completeBy - other.creationDate &&
    JSON.stringify(job.lifecycle ?? {}) === JSON.stringify(other.lifecycle ?? {}) &&
    JSON.stringify(job.recoveryPointTags ?? {}) === JSON.stringify(other.recoveryPointTags ?? {}) &&
    job.airGappedVaultName === other.airGappedVaultName &&
    job.index === other.index
  );
}

function startResponse(job: JobRecord): Json {
  return compact({
    BackupJobId: job.id,
    RecoveryPointArn: job.resourceType === 'EFS' ? job.recoveryPointArn : undefined,
    CreationDate: epochSeconds(job.creationDate),
    IsParent: job.isParent,
  });
}

export function startBackupJob(call: BackupCall): Json {
  const body = call.body;
  const vaultName = requiredString(body, 'BackupVaultName');
  const resourceArn = requiredString(body, 'ResourceArn');
  const iamRoleArn = requiredString(body, 'IamRoleArn');
  if (!isResourceArn(resourceArn)) throw invalid(`Invalid ResourceArn '${resourceArn}'.`);
  // A role that is no role ARN at all is refused at once; a well-formed role that does not work
  // fails the job (the engine), as AWS documents for IAM problems. ⚠ AWS's synchronous check of
  // the ARN's shape is not documented; the model's error for a bad value is this one.
  if (!isIamRoleArn(iamRoleArn)) throw invalid(`Invalid IamRoleArn '${iamRoleArn}': expected an IAM role ARN, arn:aws:iam::ACCOUNT_ID:role/NAME.`);
  const token = optionalString(body, 'IdempotencyToken');
  const start = optionalInteger(body, 'StartWindowMinutes') ?? DEFAULT_START_WINDOW;
  const complete = optionalInteger(body, 'CompleteWindowMinutes') ?? DEFAULT_COMPLETE_WINDOW;
  if (start < MIN_START_WINDOW) throw invalid(`StartWindowMinutes must be at least ${MIN_START_WINDOW} minutes.`);
  if (start > MAX_WINDOW_MINUTES) throw invalid(`StartWindowMinutes (${start}) exceeds its maximum value of 100 years (${MAX_WINDOW_MINUTES} minutes).`);
  if (complete < 1) throw invalid('CompleteWindowMinutes must be positive.');
  if (complete > MAX_WINDOW_MINUTES) throw invalid(`CompleteWindowMinutes (${complete}) exceeds its maximum value of 100 years (${MAX_WINDOW_MINUTES} minutes).`);
  const lifecycle = readJobLifecycle(optionalObject(body, 'Lifecycle'));
  const tags = optionalStringMap(body, 'RecoveryPointTags');
  if (tags !== undefined) validateTags(tags);
  const options = optionalStringMap(body, 'BackupOptions');
  checkJobBackupOptions(backupResourceTypeOf(resourceArn, call.ctx.account.inventory), options);
  const index = readIndex(body, resourceArn);
  const region = call.scope.region;
  const vault = region.vaults[vaultName];
  // ⚠ AWS's error for a missing target vault is not documented; the API model lists ResourceNotFound.
  if (vault === undefined) throw notFound(`Backup vault ${vaultName} does not exist.`);
  const airGapped = airGappedVault(call, optionalString(body, 'LogicallyAirGappedBackupVaultArn'));
  const extras = { ...(airGapped !== undefined ? { airGappedVaultName: airGapped.name } : {}), ...(index !== undefined ? { index } : {}) };

  if (token !== undefined) {
    const previous = region.jobs[region.idempotencyTokens[token] ?? ''];
    if (previous !== undefined) {
      const wanted = {
        ...previous,
        vaultName,
        resourceArn,
        iamRoleArn,
        startBy: previous.creationDate + start * 60_000,
        completeBy: previous.creationDate + complete * 60_000,
        lifecycle,
        recoveryPointTags: tags,
        airGappedVaultName: extras.airGappedVaultName,
        index: extras.index,
      };
      if (sameRequest(previous, wanted)) return startResponse(previous);
      // ⚠ Not documented: AWS refuses a reused token with other parameters; this is the closest error.
      throw invalidRequest(`IdempotencyToken ${token} was already used for backup job ${previous.id} with different parameters.`);
    }
  }
  refuseOptedOut(call, resourceArn);
  const job = createJob(
    call.scope,
    {
      vault,
      resourceArn,
      iamRoleArn,
      startWindowMinutes: start,
      completeWindowMinutes: complete,
      lifecycle,
      recoveryPointTags: tags,
      backupOptions: options,
      ...extras,
      idempotencyToken: token,
    },
    call.now,
  );
  if (token !== undefined) region.idempotencyTokens[token] = job.id;
  call.ctx.markChanged();
  return startResponse(job);
}

/**
 * "If you try to create an on-demand backup … using resources from a service that is not enabled,
 * you receive an error message and cannot complete the process" (AWS Backup guide, service opt-in).
 * ⚠ The error's type and wording are not documented: InvalidRequestException is the closest.
 */
function refuseOptedOut(call: BackupCall, resourceArn: string): void {
  const type = backupResourceTypeOf(resourceArn, call.ctx.account.inventory);
  if (isOptedIn(call.scope.region, type)) return;
  throw invalidRequest(
    `Resource type ${type} is not opted in to AWS Backup in ${call.scope.regionName}: AWS Backup cannot back up ${resourceArn}. Opt in with UpdateRegionSettings.`,
  );
}

export function describeBackupJob(call: BackupCall): Json {
  return jobView(call, jobOf(call), true);
}

export function listBackupJobs(call: BackupCall): Json {
  const resourceArn = queryString(call, 'resourceArn');
  const state = queryEnum(call, 'state', 'byState', JOB_STATES);
  const vaultName = queryMatching(call, 'backupVaultName', 'byBackupVaultName', VAULT_NAME_PATTERN);
  const resourceType = queryMatching(call, 'resourceType', 'byResourceType', RESOURCE_TYPE_PATTERN);
  const parentJobId = queryString(call, 'parentJobId');
  const messageCategory = queryString(call, 'messageCategory');
  const accountId = queryMatching(call, 'accountId', 'byAccountId', ACCOUNT_ID_PATTERN);
  const inDates = jobDateFilter(call);
  const horizon = call.now - LIST_HORIZON_MS;
  const jobs = Object.values(call.scope.region.jobs).filter(
    (j) =>
      j.creationDate >= horizon &&
      (resourceArn === undefined || j.resourceArn === resourceArn) &&
      (state === undefined || j.state === state) &&
      (vaultName === undefined || j.vaultName === vaultName) &&
      (resourceType === undefined || j.resourceType === resourceType) &&
      (parentJobId === undefined || j.parentJobId === parentJobId) &&
      (messageCategory === undefined || matchesMessageCategory(messageCategory, j.messageCategory)) &&
      (accountId === undefined || accountId === call.ctx.accountId) &&
      inDates(j.creationDate, j.completionDate),
  );
  jobs.sort((a, b) => b.creationDate - a.creationDate || a.id.localeCompare(b.id));
  const page = paginate(call, jobs, 'ListBackupJobs');
  return compact({ BackupJobs: page.items.map((j) => jobView(call, j)), NextToken: page.nextToken });
}

export function stopBackupJob(call: BackupCall): Json {
  const job = jobOf(call);
  if (UNSTOPPABLE_RESOURCE_TYPES.has(job.resourceType)) {
    // ⚠ Wording not documented; AWS refuses to stop these resource types with InvalidRequestException.
    throw invalidRequest(`Backup jobs of resource type ${job.resourceType} cannot be stopped.`);
  }
  if (job.state !== 'CREATED' && job.state !== 'PENDING' && job.state !== 'RUNNING') {
    throw invalidRequest(`Backup job ${job.id} is ${job.state} and can no longer be stopped.`);
  }
  stopJob(job, call.now);
  call.ctx.markChanged();
  return {};
}
