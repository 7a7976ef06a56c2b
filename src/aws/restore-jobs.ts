// Restore jobs as bkp shows, starts and watches them: ListRestoreJobs and DescribeRestoreJob (the
// plain shape `bkp jobs --type=restore` lists and the jobs watcher follows), and
// GetRecoveryPointRestoreMetadata and StartRestoreJob for `bkp restore`.
import type { BackupClient, DescribeRestoreJobOutput, RestoreJobsListMember } from '@aws-sdk/client-backup';
import { parseBackupVaultArn } from '../domain/arn.js';
import type { RestoreJobFacts } from '../domain/job-facts.js';
import { backupApi } from './backup-api.js';
import { awsErrorName, isNotFound } from './errors.js';

export interface RestoreMetadata {
  vaultArn: string;
  recoveryPointArn: string;
  resourceType: string;
  metadata: Record<string, string>;
}

const iso = (d: Date | undefined) => (d ? new Date(d).toISOString() : undefined);

/** The recovery point's restore metadata from `vault`, or undefined when the vault does not hold it. */
export async function restoreMetadata(client: BackupClient, vault: string, recoveryPointArn: string): Promise<RestoreMetadata | undefined> {
  const { GetRecoveryPointRestoreMetadataCommand } = await backupApi();
  try {
    const out = await client.send(new GetRecoveryPointRestoreMetadataCommand({ BackupVaultName: vault, RecoveryPointArn: recoveryPointArn }));
    return {
      vaultArn: out.BackupVaultArn ?? '',
      recoveryPointArn: out.RecoveryPointArn ?? recoveryPointArn,
      resourceType: out.ResourceType ?? '',
      metadata: { ...(out.RestoreMetadata ?? {}) },
    };
  } catch (e) {
    // AccessDenied on a vault that does not exist, as for DescribeBackupVault.
    if (isNotFound(e) || awsErrorName(e) === 'AccessDeniedException') return undefined;
    throw e;
  }
}

export interface RestoreRequest {
  recoveryPointArn: string;
  metadata: Record<string, string>;
  iamRoleArn?: string;
  resourceType?: string;
  /** Makes a retried call start one job, not two. */
  idempotencyToken: string;
}

export async function startRestoreJob(client: BackupClient, request: RestoreRequest): Promise<string> {
  const { StartRestoreJobCommand } = await backupApi();
  const out = await client.send(
    new StartRestoreJobCommand({
      RecoveryPointArn: request.recoveryPointArn,
      Metadata: request.metadata,
      IamRoleArn: request.iamRoleArn,
      ResourceType: request.resourceType,
      IdempotencyToken: request.idempotencyToken,
    }),
  );
  return out.RestoreJobId ?? '';
}


export function restoreFactsFromAws(job: RestoreJobsListMember | DescribeRestoreJobOutput): RestoreJobFacts {
  const facts: RestoreJobFacts = {
    type: 'restore',
    jobId: job.RestoreJobId ?? '',
    state: job.Status ?? 'PENDING',
    resourceArn: job.SourceResourceArn ?? '',
    vault: parseBackupVaultArn(job.BackupVaultArn ?? '')?.name ?? job.BackupVaultArn ?? '',
  };
  if (job.BackupVaultArn) facts.vaultArn = job.BackupVaultArn;
  if (job.RecoveryPointArn) facts.sourceRecoveryPointArn = job.RecoveryPointArn;
  if (job.CreatedResourceArn) facts.createdResourceArn = job.CreatedResourceArn;
  if (job.CreatedBy?.RestoreTestingPlanArn) facts.restoreTestingPlanArn = job.CreatedBy.RestoreTestingPlanArn;
  if (job.ValidationStatus) facts.validationStatus = job.ValidationStatus;
  if (job.ValidationStatusMessage) facts.validationStatusMessage = job.ValidationStatusMessage;
  if (job.DeletionStatus) facts.deletionStatus = job.DeletionStatus;
  if (job.StatusMessage) facts.statusMessage = job.StatusMessage;
  if (job.PercentDone !== undefined) facts.percentDone = job.PercentDone;
  if (job.BackupSizeInBytes !== undefined) facts.sizeBytes = job.BackupSizeInBytes;
  if (job.ResourceType) facts.resourceType = job.ResourceType;
  const created = iso(job.CreationDate);
  if (created) facts.createdAt = created;
  const completed = iso(job.CompletionDate);
  if (completed) facts.completedAt = completed;
  return facts;
}

/** ListRestoreJobs' filters that bkp uses. */
export interface RestoreJobFilter {
  status?: 'COMPLETED';
  completeAfter?: Date;
  resourceType?: string;
}

/** Every restore job of the client's region AWS still lists (those `filter` lets through), newest first. */
export async function listRestoreJobs(client: BackupClient, filter: RestoreJobFilter = {}): Promise<RestoreJobFacts[]> {
  const { ListRestoreJobsCommand } = await backupApi();
  const jobs: RestoreJobFacts[] = [];
  let token: string | undefined;
  do {
    const out = await client.send(
      new ListRestoreJobsCommand({ NextToken: token, MaxResults: 1000, ByStatus: filter.status, ByCompleteAfter: filter.completeAfter, ByResourceType: filter.resourceType }),
    );
    for (const job of out.RestoreJobs ?? []) jobs.push(restoreFactsFromAws(job));
    token = out.NextToken;
  } while (token);
  return jobs;
}

/** The restore job now, or null when AWS no longer knows it. */
export async function describeRestoreJob(client: BackupClient, jobId: string): Promise<RestoreJobFacts | null> {
  const { DescribeRestoreJobCommand } = await backupApi();
  try {
    return restoreFactsFromAws(await client.send(new DescribeRestoreJobCommand({ RestoreJobId: jobId })));
  } catch (e) {
    if (isNotFound(e)) return null;
    throw e;
  }
}
