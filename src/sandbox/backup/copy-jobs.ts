// Copy job operations: ListCopyJobs with the filters of the API model, DescribeCopyJob, and
// StartCopyJob (idempotent by token). The copy job state machine lives in engine/copy-jobs.ts.
import { isIamRoleArn, parseBackupVaultArn } from '../../domain/arn.js';
import { copyJobsOf, createCopyJob } from '../engine/copy-jobs.js';
import { matchesMessageCategory } from '../engine/message-categories.js';
import type { CopyJobRecord, CopyJobState } from '../state.js';
import { readJobLifecycle } from './jobs.js';
import { invalid, invalidRequest, notFound } from './errors.js';
import {
  compact,
  epochSeconds,
  optionalObject,
  optionalString,
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
} from './wire.js';
import { refuseIfVaultPolicyDenies } from './access-policy.js';

const LIST_HORIZON_MS = 30 * 86_400_000;
const COPY_JOB_STATES: readonly CopyJobState[] = ['CREATED', 'RUNNING', 'COMPLETED', 'FAILED', 'PARTIAL'];

/** The destination vault as it is now (it may be in another region of the account, or gone). */
function destinationVault(call: BackupCall, job: CopyJobRecord) {
  return call.ctx.account.backup[job.destinationRegion]?.vaults[job.destinationVaultName];
}

function copyJobView(call: BackupCall, job: CopyJobRecord): Json {
  const destination = destinationVault(call, job);
  return compact({
    AccountId: call.ctx.accountId,
    CopyJobId: job.id,
    SourceBackupVaultArn: job.sourceVaultArn,
    SourceRecoveryPointArn: job.sourceRecoveryPointArn,
    DestinationBackupVaultArn: job.destinationVaultArn,
    DestinationVaultType: destination === undefined ? undefined : (destination.vaultType ?? 'BACKUP_VAULT'),
    DestinationRecoveryPointArn: job.destinationRecoveryPointArn,
    DestinationEncryptionKeyArn: destination?.encryptionKeyArn,
    DestinationRecoveryPointLifecycle: job.lifecycle,
    ResourceArn: job.resourceArn,
    CreationDate: epochSeconds(job.creationDate),
    CompletionDate: epochSeconds(job.completionDate),
    State: job.state,
    StatusMessage: job.statusMessage,
    BackupSizeInBytes: job.backupSizeInBytes,
    IamRoleArn: job.iamRoleArn,
    CreatedBy: job.createdBy,
    CreatedByBackupJobId: job.createdByBackupJobId,
    ResourceType: job.resourceType,
    IsParent: false,
    ResourceName: job.resourceName,
    MessageCategory: job.messageCategory,
  });
}

export function describeCopyJob(call: BackupCall): Json {
  const id = call.params['CopyJobId'] ?? '';
  const job = copyJobsOf(call.scope.region)[id];
  if (job === undefined) throw notFound(`Copy job ${id} does not exist.`);
  return { CopyJob: copyJobView(call, job) };
}

export function listCopyJobs(call: BackupCall): Json {
  const resourceArn = queryString(call, 'resourceArn');
  const state = queryEnum(call, 'state', 'byState', COPY_JOB_STATES);
  const resourceType = queryMatching(call, 'resourceType', 'byResourceType', RESOURCE_TYPE_PATTERN);
  const destinationVaultArn = queryString(call, 'destinationVaultArn');
  const accountId = queryMatching(call, 'accountId', 'byAccountId', ACCOUNT_ID_PATTERN);
  const parentJobId = queryString(call, 'parentJobId');
  const messageCategory = queryString(call, 'messageCategory');
  const sourceRecoveryPointArn = queryString(call, 'sourceRecoveryPointArn');
  const inDateRange = jobDateFilter(call);
  const horizon = call.now - LIST_HORIZON_MS;
  const jobs = Object.values(call.scope.region.copyJobs ?? {}).filter(
    (j) =>
      j.creationDate >= horizon &&
      (resourceArn === undefined || j.resourceArn === resourceArn) &&
      (state === undefined || j.state === state) &&
      (resourceType === undefined || j.resourceType === resourceType) &&
      (destinationVaultArn === undefined || j.destinationVaultArn === destinationVaultArn) &&
      (accountId === undefined || accountId === call.ctx.accountId) &&
      // The sandbox makes no composite copies: no copy job has a parent.
      parentJobId === undefined &&
      (messageCategory === undefined || matchesMessageCategory(messageCategory, j.messageCategory)) &&
      (sourceRecoveryPointArn === undefined || j.sourceRecoveryPointArn === sourceRecoveryPointArn) &&
      inDateRange(j.creationDate, j.completionDate),
  );
  jobs.sort((a, b) => b.creationDate - a.creationDate || a.id.localeCompare(b.id));
  const page = paginate(call, jobs, 'ListCopyJobs');
  return compact({ CopyJobs: page.items.map((j) => copyJobView(call, j)), NextToken: page.nextToken });
}

function sameCopyRequest(job: CopyJobRecord, request: { sourceRecoveryPointArn: string; destinationVaultArn: string; iamRoleArn: string; lifecycle?: unknown }): boolean {
  return (
    job.sourceRecoveryPointArn === request.sourceRecoveryPointArn &&
    job.destinationVaultArn === request.destinationVaultArn &&
    job.iamRoleArn === request.iamRoleArn &&
    JSON.stringify(job.lifecycle ?? {}) === JSON.stringify(request.lifecycle ?? {})
  );
}

export function startCopyJob(call: BackupCall): Json {
  const body = call.body;
  const recoveryPointArn = requiredString(body, 'RecoveryPointArn');
  const sourceVaultName = requiredString(body, 'SourceBackupVaultName');
  const destinationVaultArn = requiredString(body, 'DestinationBackupVaultArn');
  const iamRoleArn = requiredString(body, 'IamRoleArn');
  const token = optionalString(body, 'IdempotencyToken');
  const lifecycle = readJobLifecycle(optionalObject(body, 'Lifecycle'));
  if (parseBackupVaultArn(destinationVaultArn) === undefined) {
    throw invalid(`Invalid DestinationBackupVaultArn '${destinationVaultArn}': expected arn:aws:backup:REGION:ACCOUNT_ID:backup-vault:NAME.`);
  }
  if (!isIamRoleArn(iamRoleArn)) throw invalid(`Invalid IamRoleArn '${iamRoleArn}': expected arn:aws:iam::ACCOUNT_ID:role/NAME.`);
  const region = call.scope.region;
  // ⚠ As for StartBackupJob, the model lists ResourceNotFound for a missing vault or recovery point.
  if (region.vaults[sourceVaultName] === undefined) throw notFound(`Backup vault ${sourceVaultName} does not exist.`);
  const source = region.recoveryPoints[recoveryPointArn];
  if (source === undefined || source.vaultName !== sourceVaultName) {
    throw notFound(`Recovery point ${recoveryPointArn} was not found in backup vault ${sourceVaultName}.`);
  }
  refuseIfVaultPolicyDenies(call, region.vaults[sourceVaultName]!, 'backup:StartCopyJob', recoveryPointArn);
  // Without a Lifecycle the copy keeps the source recovery point's.
  const copyLifecycle = lifecycle ?? source.lifecycle;
  const jobs = copyJobsOf(region);
  if (token !== undefined) {
    const previous = Object.values(jobs).find((j) => j.idempotencyToken === token);
    if (previous !== undefined) {
      if (sameCopyRequest(previous, { sourceRecoveryPointArn: recoveryPointArn, destinationVaultArn, iamRoleArn, lifecycle: copyLifecycle })) {
        return { CopyJobId: previous.id, CreationDate: epochSeconds(previous.creationDate), IsParent: false };
      }
      // ⚠ Not documented: as StartBackupJob, a reused token with other parameters is refused.
      throw invalidRequest(`IdempotencyToken ${token} was already used for copy job ${previous.id} with different parameters.`);
    }
  }
  // A point still being written cannot be copied yet (AWS copies completed recovery points only).
  if (source.status !== 'COMPLETED' && source.status !== 'AVAILABLE') {
    throw invalidRequest(`Recovery point ${recoveryPointArn} is ${source.status} and cannot be copied.`);
  }
  const job = createCopyJob(
    call.scope,
    { source, destinationVaultArn, iamRoleArn, ...(copyLifecycle !== undefined ? { lifecycle: copyLifecycle } : {}), ...(token !== undefined ? { idempotencyToken: token } : {}) },
    call.now,
  );
  call.ctx.markChanged();
  return { CopyJobId: job.id, CreationDate: epochSeconds(job.creationDate), IsParent: false };
}
