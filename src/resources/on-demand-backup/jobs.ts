// Backup jobs as bkp shows and watches them: DescribeBackupJob, ListBackupJobs and StopBackupJob
// through AWS Backup, mapped to one plain shape the views and the state share.
import type { BackupClient, BackupJob, DescribeBackupJobOutput } from '@aws-sdk/client-backup';
import { isNotFound } from '../../aws/errors.js';
import { backupApi } from '../../aws/backup-api.js';

/** The states a job never leaves. */
export const TERMINAL_JOB_STATES = ['COMPLETED', 'ABORTED', 'FAILED', 'EXPIRED', 'PARTIAL'] as const;

export interface JobFacts {
  /** What the job does; absent means a backup job. */
  type?: 'backup' | 'copy' | 'restore';
  /** The on_demand_backup address that started it; undefined for jobs bkp did not start. */
  address?: string;
  jobId: string;
  state: string;
  statusMessage?: string;
  percentDone?: string;
  /** Bytes backed up so far (the size of the backup once done). */
  sizeBytes?: number;
  resourceArn: string;
  resourceType?: string;
  vault: string;
  recoveryPointArn?: string;
  createdAt?: string;
  startBy?: string;
  completedAt?: string;
  /** Of a copy: where it goes (the vault's ARN and region). */
  destinationVaultArn?: string;
  destinationRegion?: string;
  /** Of a copy or restore: the recovery point copied or restored (recoveryPointArn is then the copy's / absent). */
  sourceRecoveryPointArn?: string;
  /** Of a restore: the resource it created. */
  createdResourceArn?: string;
  /** Of a restore test: the plan that started it, the validation result and the restored resource's deletion. */
  restoreTestingPlanArn?: string;
  validationStatus?: string;
  validationStatusMessage?: string;
  deletionStatus?: string;
  /** True when AWS no longer knows the job (older than 30 days): the facts are the last known ones. */
  stale?: boolean;
}

export function isTerminalState(state: string): boolean {
  return (TERMINAL_JOB_STATES as readonly string[]).includes(state);
}

const iso = (d: Date | undefined) => (d ? new Date(d).toISOString() : undefined);

export function factsFromAws(job: DescribeBackupJobOutput | BackupJob, address?: string): JobFacts {
  const facts: JobFacts = {
    jobId: job.BackupJobId ?? '',
    state: job.State ?? 'CREATED',
    resourceArn: job.ResourceArn ?? '',
    vault: job.BackupVaultName ?? '',
  };
  if (address !== undefined) facts.address = address;
  if (job.StatusMessage) facts.statusMessage = job.StatusMessage;
  if (job.PercentDone !== undefined) facts.percentDone = job.PercentDone;
  const size = job.BackupSizeInBytes ?? job.BytesTransferred;
  if (size !== undefined) facts.sizeBytes = size;
  if (job.ResourceType) facts.resourceType = job.ResourceType;
  if (job.RecoveryPointArn) facts.recoveryPointArn = job.RecoveryPointArn;
  const created = iso(job.CreationDate);
  if (created) facts.createdAt = created;
  const startBy = iso(job.StartBy);
  if (startBy) facts.startBy = startBy;
  const completed = iso(job.CompletionDate);
  if (completed) facts.completedAt = completed;
  return facts;
}

/** The job now, or null when AWS no longer knows it. */
export async function describeJob(client: BackupClient, jobId: string, address?: string): Promise<JobFacts | null> {
  const { DescribeBackupJobCommand } = await backupApi();
  try {
    return factsFromAws(await client.send(new DescribeBackupJobCommand({ BackupJobId: jobId })), address);
  } catch (e) {
    if (isNotFound(e)) return null;
    throw e;
  }
}

/** Every job of a vault AWS still lists (the last 30 days), newest first. */
export async function listVaultJobs(client: BackupClient, vault: string): Promise<JobFacts[]> {
  const { ListBackupJobsCommand } = await backupApi();
  const jobs: JobFacts[] = [];
  let token: string | undefined;
  do {
    const out = await client.send(new ListBackupJobsCommand({ ByBackupVaultName: vault, NextToken: token, MaxResults: 1000 }));
    for (const job of out.BackupJobs ?? []) jobs.push(factsFromAws(job));
    token = out.NextToken;
  } while (token);
  return jobs;
}

export async function stopJob(client: BackupClient, jobId: string): Promise<void> {
  const { StopBackupJobCommand } = await backupApi();
  await client.send(new StopBackupJobCommand({ BackupJobId: jobId }));
}
