// Backup jobs as bkp shows and watches them: DescribeBackupJob, ListBackupJobs and StopBackupJob
// through AWS Backup, mapped to the plain shape of src/domain/job-facts.ts that the views and the state share.
import type { BackupClient, BackupJob, DescribeBackupJobOutput } from '@aws-sdk/client-backup';
import { isNotFound } from '../../aws/errors.js';
import { backupApi } from '../../aws/backup-api.js';
import type { JobFacts } from '../../domain/job-facts.js';

// The job views (src/render/) may not import src/domain/ (DESIGN.md section 1): they read the shape here.
export { isTerminalState, type JobFacts } from '../../domain/job-facts.js';

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
