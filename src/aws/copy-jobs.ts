// Copy jobs as bkp shows and watches them (ListCopyJobs, DescribeCopyJob): the plain shape `bkp jobs`
// lists beside backup jobs, with the destination vault and its region.
import type { BackupClient, CopyJob } from '@aws-sdk/client-backup';
import { parseBackupVaultArn } from '../domain/arn.js';
import type { CopyJobFacts } from '../domain/job-facts.js';
import { backupApi } from './backup-api.js';
import { isNotFound } from './errors.js';

const iso = (d: Date | undefined) => (d ? new Date(d).toISOString() : undefined);

export function copyFactsFromAws(job: CopyJob): CopyJobFacts {
  const destinationVaultArn = job.DestinationBackupVaultArn ?? '';
  const facts: CopyJobFacts = {
    type: 'copy',
    jobId: job.CopyJobId ?? '',
    state: job.State ?? 'CREATED',
    resourceArn: job.ResourceArn ?? '',
    vault: parseBackupVaultArn(job.SourceBackupVaultArn ?? '')?.name ?? job.SourceBackupVaultArn ?? '',
    destinationVaultArn,
  };
  const region = parseBackupVaultArn(destinationVaultArn)?.region;
  if (region) facts.destinationRegion = region;
  if (job.SourceBackupVaultArn) facts.sourceVaultArn = job.SourceBackupVaultArn;
  if (job.SourceRecoveryPointArn) facts.sourceRecoveryPointArn = job.SourceRecoveryPointArn;
  if (job.DestinationRecoveryPointArn) facts.recoveryPointArn = job.DestinationRecoveryPointArn;
  if (job.StatusMessage) facts.statusMessage = job.StatusMessage;
  if (job.BackupSizeInBytes !== undefined) facts.sizeBytes = job.BackupSizeInBytes;
  if (job.ResourceType) facts.resourceType = job.ResourceType;
  if (job.CreatedBy?.BackupPlanId) facts.planId = job.CreatedBy.BackupPlanId;
  const created = iso(job.CreationDate);
  if (created) facts.createdAt = created;
  const completed = iso(job.CompletionDate);
  if (completed) facts.completedAt = completed;
  return facts;
}

/** Every copy job of the client's region AWS still lists (the last 30 days), newest first. */
export async function listCopyJobs(client: BackupClient): Promise<CopyJobFacts[]> {
  const { ListCopyJobsCommand } = await backupApi();
  const jobs: CopyJobFacts[] = [];
  let token: string | undefined;
  do {
    const out = await client.send(new ListCopyJobsCommand({ NextToken: token, MaxResults: 1000 }));
    for (const job of out.CopyJobs ?? []) jobs.push(copyFactsFromAws(job));
    token = out.NextToken;
  } while (token);
  return jobs;
}

/** The copy job now, or null when AWS no longer knows it. */
export async function describeCopyJob(client: BackupClient, jobId: string): Promise<CopyJobFacts | null> {
  const { DescribeCopyJobCommand } = await backupApi();
  try {
    const out = await client.send(new DescribeCopyJobCommand({ CopyJobId: jobId }));
    return out.CopyJob === undefined ? null : copyFactsFromAws(out.CopyJob);
  } catch (e) {
    if (isNotFound(e)) return null;
    throw e;
  }
}
