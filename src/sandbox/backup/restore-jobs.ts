// Restore operations: GetRecoveryPointRestoreMetadata, StartRestoreJob (idempotent by token),
// DescribeRestoreJob, ListRestoreJobs with its filters, ListRestoreJobsByProtectedResource,
// PutRestoreValidationResult. The job's state machine lives in engine/restore-jobs.ts, a restore
// test's validation and clean-up in engine/restore-tests.ts.
import {
  createRestoreJob,
  isRestorableType,
  metadataProblem,
  restoreMetadataOf,
  restoreProgress,
} from '../engine/restore-jobs.js';
import { beginRestoredResourceDeletion, validationWindowOpen } from '../engine/restore-tests.js';
import type { RecoveryPointRecord, RestoreJobRecord, RestoreJobStatus } from '../state.js';
import { BackupApiError, invalid, invalidRequest, notFound } from './errors.js';
import {
  compact,
  epochSeconds,
  optionalBoolean,
  optionalObject,
  optionalString,
  paginate,
  queryEnum,
  queryMatching,
  queryString,
  queryTime,
  jobDateFilter,
  requiredString,
  type BackupCall,
  type Json,
  ACCOUNT_ID_PATTERN,
  RESOURCE_TYPE_PATTERN,
} from './wire.js';
import { refuseIfVaultPolicyDenies } from './access-policy.js';

const RESTORE_STATUSES: readonly RestoreJobStatus[] = ['PENDING', 'RUNNING', 'COMPLETED', 'ABORTED', 'FAILED'];
const VALIDATION_STATUSES = ['FAILED', 'SUCCESSFUL', 'TIMED_OUT', 'VALIDATING'] as const;
const LIST_HORIZON_MS = 30 * 86_400_000;

function restoreJobOf(call: BackupCall): RestoreJobRecord {
  const id = call.params['RestoreJobId'] ?? '';
  const job = call.scope.region.restoreJobs?.[id];
  if (job === undefined) throw notFound(`Restore job ${id} does not exist.`);
  return job;
}

function restoreJobView(call: BackupCall, job: RestoreJobRecord): Json {
  const progress = restoreProgress(job, call.now);
  return compact({
    AccountId: call.ctx.accountId,
    RestoreJobId: job.id,
    RecoveryPointArn: job.recoveryPointArn,
    SourceResourceArn: job.sourceResourceArn,
    BackupVaultArn: job.vaultArn,
    CreationDate: epochSeconds(job.creationDate),
    CompletionDate: epochSeconds(job.completionDate),
    Status: job.status,
    StatusMessage: job.statusMessage,
    PercentDone: progress.percentDone,
    BackupSizeInBytes: job.backupSizeInBytes,
    IamRoleArn: job.iamRoleArn,
    ExpectedCompletionTimeMinutes: progress.expectedMinutes,
    CreatedResourceArn: job.createdResourceArn,
    ResourceType: job.resourceType,
    RecoveryPointCreationDate: epochSeconds(job.recoveryPointCreationDate),
    CreatedBy: job.createdBy,
    ValidationStatus: job.validationStatus,
    ValidationStatusMessage: job.validationStatusMessage,
    DeletionStatus: job.deletionStatus,
    DeletionStatusMessage: job.deletionStatusMessage,
    IsParent: false,
  });
}

export function getRecoveryPointRestoreMetadata(call: BackupCall): Json {
  const vaultName = call.params['BackupVaultName'] ?? '';
  const arn = call.params['RecoveryPointArn'] ?? '';
  const accountId = queryMatching(call, 'backupVaultAccountId', 'BackupVaultAccountId', ACCOUNT_ID_PATTERN);
  const vault = call.scope.region.vaults[vaultName];
  if (vault === undefined || (accountId !== undefined && accountId !== call.ctx.accountId)) throw notFound(`Backup vault ${vaultName} does not exist.`);
  const point = call.scope.region.recoveryPoints[arn];
  if (point === undefined || point.vaultName !== vaultName) throw notFound(`Recovery point ${arn} does not exist in backup vault ${vaultName}.`);
  return { BackupVaultArn: vault.arn, RecoveryPointArn: point.arn, RestoreMetadata: restoreMetadataOf(call.scope, point), ResourceType: point.resourceType };
}

/** Metadata: a string→string map; the SDK sends it whole (it is sensitive, so never echoed back). */
function readMetadata(body: Json): Record<string, string> {
  const raw = optionalObject(body, 'Metadata');
  if (raw === undefined) throw new BackupApiError('MissingParameterValueException', 'Missing required parameter Metadata.');
  for (const [key, value] of Object.entries(raw)) if (typeof value !== 'string') throw invalid(`Metadata.${key} must be a string.`);
  return raw as Record<string, string>;
}

function restorablePoint(call: BackupCall, arn: string): RecoveryPointRecord {
  const point = call.scope.region.recoveryPoints[arn];
  if (point === undefined) throw notFound(`Recovery point ${arn} does not exist in ${call.scope.regionName}.`);
  // ⚠ AWS's wording is not documented; a point still being created, expired or being deleted cannot be restored.
  if ((point.status !== 'COMPLETED' && point.status !== 'AVAILABLE') || point.storageClass === 'DELETED') {
    throw invalidRequest(`Recovery point ${arn} is ${point.status} and cannot be restored: only a COMPLETED recovery point can.`);
  }
  if (!isRestorableType(point.resourceType)) {
    throw invalidRequest(`The sandbox does not restore ${point.resourceType} recovery points (it restores EC2, EBS, RDS, Aurora, DocumentDB, EFS and FSx).`);
  }
  return point;
}

function sameRestore(job: RestoreJobRecord, arn: string, role: string, metadata: Record<string, string>): boolean {
  const sorted = (m: Record<string, string>) => JSON.stringify(Object.entries(m).sort(([a], [b]) => a.localeCompare(b)));
  return job.recoveryPointArn === arn && job.iamRoleArn === role && sorted(job.metadata) === sorted(metadata);
}

export function startRestoreJob(call: BackupCall): Json {
  const body = call.body;
  const arn = requiredString(body, 'RecoveryPointArn');
  const metadata = readMetadata(body);
  const token = optionalString(body, 'IdempotencyToken');
  const resourceType = optionalString(body, 'ResourceType');
  const copySourceTags = optionalBoolean(body, 'CopySourceTagsToRestoredResource') ?? false;
  if (resourceType !== undefined && !RESOURCE_TYPE_PATTERN.test(resourceType)) throw invalid(`Invalid ResourceType '${resourceType}'.`);
  const point = restorablePoint(call, arn);
  const vault = call.scope.region.vaults[point.vaultName];
  if (vault !== undefined) refuseIfVaultPolicyDenies(call, vault, 'backup:StartRestoreJob', arn);
  if (resourceType !== undefined && resourceType !== point.resourceType) {
    throw invalid(`ResourceType ${resourceType} does not match recovery point ${arn}, which is of type ${point.resourceType}.`);
  }
  // ⚠ IamRoleArn is optional in the model; without it the sandbox uses the role that made the backup.
  const role = optionalString(body, 'IamRoleArn') ?? point.iamRoleArn;
  const problem = metadataProblem(point, metadata, call.scope.regionName);
  if (problem?.missing !== undefined) {
    throw new BackupApiError('MissingParameterValueException', `Missing required restore metadata for ${point.resourceType}: ${problem.missing}.`);
  }
  if (problem?.invalid !== undefined) throw invalid(`Invalid restore metadata: ${problem.invalid}`);
  const region = call.scope.region;
  const tokens = (region.restoreIdempotencyTokens ??= {});
  if (token !== undefined) {
    const previous = region.restoreJobs?.[tokens[token] ?? ''];
    if (previous !== undefined) {
      if (sameRestore(previous, arn, role, metadata)) return { RestoreJobId: previous.id };
      // ⚠ Not documented: as for StartBackupJob, a token reused with other parameters is refused.
      throw invalidRequest(`IdempotencyToken ${token} was already used for restore job ${previous.id} with different parameters.`);
    }
  }
  const job = createRestoreJob(call.scope, { point, iamRoleArn: role, metadata, copySourceTags, idempotencyToken: token }, call.now);
  if (token !== undefined) tokens[token] = job.id;
  call.ctx.markChanged();
  return { RestoreJobId: job.id };
}

export function describeRestoreJob(call: BackupCall): Json {
  return restoreJobView(call, restoreJobOf(call));
}

export function listRestoreJobs(call: BackupCall): Json {
  const accountId = queryMatching(call, 'accountId', 'ByAccountId', ACCOUNT_ID_PATTERN);
  const resourceType = queryMatching(call, 'resourceType', 'ByResourceType', RESOURCE_TYPE_PATTERN);
  const status = queryEnum(call, 'status', 'ByStatus', RESTORE_STATUSES);
  const inDates = jobDateFilter(call);
  const testingPlanArn = queryString(call, 'restoreTestingPlanArn');
  // Restore jobs have no parents in the sandbox: that filter matches nothing.
  const byParent = queryString(call, 'parentJobId') !== undefined;
  const horizon = call.now - LIST_HORIZON_MS;
  const jobs = Object.values(call.scope.region.restoreJobs ?? {}).filter(
    (j) =>
      !byParent &&
      j.creationDate >= horizon &&
      (testingPlanArn === undefined || j.createdBy?.RestoreTestingPlanArn === testingPlanArn) &&
      (accountId === undefined || accountId === call.ctx.accountId) &&
      (resourceType === undefined || j.resourceType === resourceType) &&
      (status === undefined || j.status === status) &&
      inDates(j.creationDate, j.completionDate),
  );
  jobs.sort((a, b) => b.creationDate - a.creationDate || a.id.localeCompare(b.id));
  const page = paginate(call, jobs, 'ListRestoreJobs');
  return compact({ RestoreJobs: page.items.map((j) => restoreJobView(call, j)), NextToken: page.nextToken });
}

export function listRestoreJobsByProtectedResource(call: BackupCall): Json {
  const resourceArn = call.params['ResourceArn'] ?? '';
  const status = queryEnum(call, 'status', 'ByStatus', RESTORE_STATUSES);
  const after = queryTime(call, 'recoveryPointCreationDateAfter');
  const before = queryTime(call, 'recoveryPointCreationDateBefore');
  const horizon = call.now - LIST_HORIZON_MS;
  const jobs = Object.values(call.scope.region.restoreJobs ?? {}).filter(
    (j) =>
      j.sourceResourceArn === resourceArn &&
      j.creationDate >= horizon &&
      (status === undefined || j.status === status) &&
      (after === undefined || j.recoveryPointCreationDate > after) &&
      (before === undefined || j.recoveryPointCreationDate < before),
  );
  jobs.sort((a, b) => b.creationDate - a.creationDate || a.id.localeCompare(b.id));
  const page = paginate(call, jobs, `ListRestoreJobsByProtectedResource/${resourceArn}`);
  return compact({ RestoreJobs: page.items.map((j) => restoreJobView(call, j)), NextToken: page.nextToken });
}

export function putRestoreValidationResult(call: BackupCall): Json {
  const job = restoreJobOf(call);
  const status = requiredString(call.body, 'ValidationStatus');
  if (!(VALIDATION_STATUSES as readonly string[]).includes(status)) {
    throw invalid(`1 validation error detected: Value '${status}' at 'validationStatus' failed to satisfy constraint: Member must satisfy enum value set: [${VALIDATION_STATUSES.join(', ')}]`);
  }
  // ⚠ AWS's wording is not documented: a validation is about what a finished restore created.
  if (job.status !== 'COMPLETED') throw invalidRequest(`Restore job ${job.id} is ${job.status}: only a COMPLETED restore job can be validated.`);
  // A restore test takes results only while its validation window is open: afterwards its restored resource is deleted.
  if (job.restoreTest !== undefined && !validationWindowOpen(job, call.now)) {
    const why = job.restoreTest.validationWindowHours === 0 ? 'its restore testing selection has no validation window' : 'its validation window has closed';
    throw invalidRequest(`Restore job ${job.id} no longer accepts a validation result: ${why}.`);
  }
  job.validationStatus = status as RestoreJobRecord['validationStatus'];
  const message = optionalString(call.body, 'ValidationStatusMessage');
  if (message !== undefined) job.validationStatusMessage = message;
  else delete job.validationStatusMessage;
  // A final result ends the validation: the restored resource is deleted now, not at the window's end.
  if (job.restoreTest !== undefined && status !== 'VALIDATING') beginRestoredResourceDeletion(job, call.now);
  call.ctx.markChanged();
  return {};
}
