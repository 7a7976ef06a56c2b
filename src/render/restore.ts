// Views for `bkp restore`: what will be restored (the recovery point, the resource it creates and
// the metadata sent, overrides marked), how the job started or ended, and the JSON document.
import type { JobFacts } from '../resources/on-demand-backup/jobs.js';
import { formatBytes } from './sandbox.js';
import { style } from './style.js';

/** The preview as the use case sends it (app/restore.ts's RestorePreview). */
export interface RestorePreviewView {
  recoveryPointArn: string;
  vault: string;
  resourceType: string;
  address?: string;
  metadata: Record<string, string>;
  overridden: readonly string[];
  iamRoleArn?: string;
  provider: string;
}

/** A restore job as AWS describes it (aws/restore-jobs.ts's RestoreJobFacts): a job, plus what it created. */
export type RestoreJobView = JobFacts & { createdResourceArn?: string };

function valueOf(metadata: Record<string, string>, key: string): string | undefined {
  const found = Object.keys(metadata).find((k) => k.toLowerCase() === key.toLowerCase());
  return found === undefined ? undefined : metadata[found];
}

/** What a restore of this type makes, in words ("a new EBS volume"). */
export function restoredResourceText(resourceType: string, metadata: Record<string, string>): string {
  switch (resourceType) {
    case 'EC2':
      return `a new EC2 instance (${valueOf(metadata, 'InstanceType') ?? 'instance type of the backup'})`;
    case 'EBS':
      return `a new EBS volume (${valueOf(metadata, 'volumeSize') ?? '?'} GiB in ${valueOf(metadata, 'availabilityZone') ?? 'an availability zone AWS picks'})`;
    case 'RDS':
      return `a new RDS DB instance ${valueOf(metadata, 'DBInstanceIdentifier') ?? ''}`.trimEnd();
    case 'Aurora':
    case 'DocumentDB':
      return `a new ${resourceType} cluster ${valueOf(metadata, 'DBClusterIdentifier') ?? ''}`.trimEnd();
    case 'EFS':
      return valueOf(metadata, 'newFileSystem')?.toLowerCase() === 'false'
        ? `files restored into the existing EFS file system ${valueOf(metadata, 'file-system-id') ?? ''} (nothing new is created)`
        : 'a new EFS file system';
    case 'FSx':
      return valueOf(metadata, 'VolumeId') !== undefined ? 'a new FSx for ONTAP volume' : 'a new FSx file system';
    default:
      return `a new ${resourceType} resource`;
  }
}

export function renderRestorePreview(p: RestorePreviewView, color: boolean): string {
  const s = style(color);
  const keys = Object.keys(p.metadata).sort((a, b) => a.localeCompare(b));
  const width = Math.max(0, ...keys.map((k) => k.length));
  const lines = [
    `bkp will start a restore job:`,
    '',
    `  ${s.green('+')} ${s.bold(restoredResourceText(p.resourceType, p.metadata))}`,
    `      recovery point = ${p.recoveryPointArn}`,
    `      vault          = ${p.vault}${p.address !== undefined ? ` (${p.address})` : ''}`,
    `      resource type  = ${p.resourceType}`,
    `      iam role       = ${p.iamRoleArn ?? '(the role that made the backup)'}`,
    `      provider       = ${p.provider}`,
    '',
    '  Restore metadata (from GetRecoveryPointRestoreMetadata; ~ set with -metadata):',
    ...keys.map((k) => `    ${p.overridden.includes(k) ? s.yellow('~') : ' '} ${k.padEnd(width)} = ${JSON.stringify(p.metadata[k])}`),
    '',
    'A restore creates resources outside the configuration: bkp does not manage them and does not record them in the state.',
  ];
  return lines.join('\n');
}

export function renderRestoreStarted(job: RestoreJobView, sandbox: boolean, color: boolean): string {
  const s = style(color);
  const follow = sandbox
    ? 'The sandbox clock moves only with `bkp sandbox advance`: run `bkp sandbox advance 1h` to let the restore run.'
    : 'Run bkp restore with -wait to follow a restore until it ends.';
  return `\nRestore job ${s.bold(job.jobId)} started: ${job.state}.\n${follow}`;
}

export function renderRestoreOutcome(job: RestoreJobView, outcome: { ok: boolean; interrupted: boolean; stalled: boolean }, color: boolean): { text: string; failure?: string } {
  const s = style(color);
  if (outcome.interrupted) return { text: `\nStopped watching restore job ${job.jobId}: interrupted. The restore goes on.` };
  if (outcome.stalled) {
    return {
      text: `\nStopped waiting: restore job ${job.jobId} is still ${job.state}, because the sandbox clock did not move.`,
      failure: 'Run `bkp sandbox advance 1h` (or longer): the restore job goes on where it is.',
    };
  }
  if (outcome.ok) {
    const size = job.sizeBytes !== undefined && job.sizeBytes > 0 ? ` (${formatBytes(job.sizeBytes)})` : '';
    return { text: `\n${s.green('Restore complete!')} Restore job ${job.jobId} restored to ${s.bold(job.createdResourceArn ?? '(no resource ARN reported)')}${size}.` };
  }
  return { text: `\nRestore job ${job.jobId} ended ${s.red(job.state)}.`, failure: `Restore job ${job.jobId} ${job.state}: ${job.statusMessage ?? 'AWS Backup gave no reason.'}` };
}

export function restoreToJson(p: RestorePreviewView, job: RestoreJobView, outcome?: { ok: boolean; interrupted: boolean; stalled: boolean }): string {
  const document = {
    recovery_point_arn: p.recoveryPointArn,
    vault: p.vault,
    address: p.address ?? null,
    resource_type: p.resourceType,
    metadata: p.metadata,
    overridden: p.overridden,
    restore_job: {
      job_id: job.jobId,
      state: job.state,
      status_message: job.statusMessage ?? null,
      percent_done: job.percentDone ?? null,
      size_bytes: job.sizeBytes ?? null,
      source_resource_arn: job.resourceArn,
      created_resource_arn: job.createdResourceArn ?? null,
      created_at: job.createdAt ?? null,
      completed_at: job.completedAt ?? null,
    },
    ...(outcome !== undefined ? { ok: outcome.ok, interrupted: outcome.interrupted, stalled: outcome.stalled } : {}),
  };
  return JSON.stringify(document, null, 2);
}
