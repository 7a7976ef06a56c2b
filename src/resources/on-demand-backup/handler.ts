// on_demand_backup through AWS Backup: StartBackupJob to create (with a deterministic
// IdempotencyToken, so a retried or interrupted apply never starts a second job), DescribeBackupJob
// to read, UpdateRecoveryPointLifecycle when a completed job's lifecycle changes. Destroying only
// forgets the job: the recovery point stays in its vault per its lifecycle.
import type { DescribeBackupJobOutput, Lifecycle } from '@aws-sdk/client-backup';
import { isObjectValue, type ObjectValue, type Value } from '../../core/values.js';
import { isNotFound } from '../../aws/errors.js';
import { parseBackupVaultArn } from '../../domain/arn.js';
import { valuesEqual } from '../canonical.js';
import { lifecycleToAws } from '../lifecycle.js';
import { creationToken, type HandlerContext, type ResourceHandler, type StartedJob } from '../handler.js';
import { backupApi } from '../../aws/backup-api.js';

/** The attributes that identify a job: the same values always give the same token. */
export function jobToken(lineage: string, address: string, desired: ObjectValue): string {
  const identity: ObjectValue = {
    trigger: desired.trigger ?? null,
    resource_arn: desired.resource_arn ?? null,
    vault: desired.vault ?? null,
  };
  // Only when set: the tokens of jobs started before this attribute existed stay the same.
  if (typeof desired.logically_air_gapped_vault_arn === 'string') identity.logically_air_gapped_vault_arn = desired.logically_air_gapped_vault_arn;
  return creationToken(lineage, address, identity, 'on_demand_backup');
}

/**
 * The lifecycle UpdateRecoveryPointLifecycle sets. Every day count that stays is sent again (one
 * left out is removed); removing the retention means "keep indefinitely", which AWS asks for as -1
 * for DeleteAfterDays and MoveToColdStorageAfterDays.
 */
export function lifecycleUpdateToAws(before: Value | undefined, after: Value | undefined): Lifecycle {
  const had = lifecycleToAws(before) ?? {};
  const out: Lifecycle = { ...lifecycleToAws(after) };
  if (had.DeleteAfterDays !== undefined && out.DeleteAfterDays === undefined) {
    out.DeleteAfterDays = -1;
    if (out.MoveToColdStorageAfterDays === undefined) out.MoveToColdStorageAfterDays = -1;
  }
  if (had.OptInToArchiveForSupportedResources && !out.OptInToArchiveForSupportedResources) out.OptInToArchiveForSupportedResources = false;
  return out;
}

/** The vault that holds the job's recovery point: the air-gapped one when the job names it. */
function recoveryPointVault(attributes: ObjectValue): string {
  const airGapped = typeof attributes.logically_air_gapped_vault_arn === 'string' ? parseBackupVaultArn(attributes.logically_air_gapped_vault_arn) : undefined;
  return airGapped?.name ?? String(attributes.vault);
}

function stringRecord(v: Value | undefined): Record<string, string> | undefined {
  if (!isObjectValue(v)) return undefined;
  const entries = Object.entries(v).filter(([, item]) => typeof item === 'string') as Array<[string, string]>;
  return entries.length > 0 ? Object.fromEntries(entries) : undefined;
}

const iso = (d: Date | undefined) => (d ? new Date(d).toISOString() : undefined);

/** The computed attributes from a DescribeBackupJob answer. */
export function jobAttributes(job: DescribeBackupJobOutput): ObjectValue {
  const out: ObjectValue = { job_id: job.BackupJobId ?? '', state: job.State ?? 'CREATED', percent_done: job.PercentDone ?? '0.0' };
  if (job.RecoveryPointArn) out.recovery_point_arn = job.RecoveryPointArn;
  return out;
}

async function describeJob(ctx: HandlerContext, jobId: string): Promise<DescribeBackupJobOutput | null> {
  const { DescribeBackupJobCommand } = await backupApi();
  try {
    return await ctx.backup.send(new DescribeBackupJobCommand({ BackupJobId: jobId }));
  } catch (e) {
    if (isNotFound(e)) return null;
    throw e;
  }
}

export const onDemandBackupHandler: ResourceHandler = {
  async read(ctx, id, prior) {
    const job = await describeJob(ctx, id);
    // AWS forgets jobs after 30 days: the last known values stay (the job is history, not drift).
    if (job === null) return prior;
    return { ...prior, ...jobAttributes(job) };
  },

  async create(ctx, address, desired) {
    const { StartBackupJobCommand } = await backupApi();
    const token = jobToken(ctx.lineage, address, desired);
    const started = await ctx.backup.send(
      new StartBackupJobCommand({
        BackupVaultName: String(desired.vault),
        ResourceArn: String(desired.resource_arn),
        IamRoleArn: String(desired.iam_role_arn),
        IdempotencyToken: token,
        StartWindowMinutes: typeof desired.start_window_minutes === 'number' ? desired.start_window_minutes : undefined,
        CompleteWindowMinutes: typeof desired.completion_window_minutes === 'number' ? desired.completion_window_minutes : undefined,
        Lifecycle: lifecycleToAws(desired.lifecycle),
        RecoveryPointTags: stringRecord(desired.recovery_point_tags),
        BackupOptions: stringRecord(desired.backup_options),
        Index: desired.index === 'ENABLED' || desired.index === 'DISABLED' ? desired.index : undefined,
        LogicallyAirGappedBackupVaultArn: typeof desired.logically_air_gapped_vault_arn === 'string' ? desired.logically_air_gapped_vault_arn : undefined,
      }),
    );
    const jobId = started.BackupJobId ?? '';
    const described = await describeJob(ctx, jobId);
    const computed = described ? jobAttributes(described) : { job_id: jobId, state: 'CREATED', percent_done: '0.0' };
    if (!described && started.RecoveryPointArn) computed.recovery_point_arn = started.RecoveryPointArn;
    const job: StartedJob = {
      address,
      job_id: jobId,
      ...(typeof desired.trigger === 'string' ? { trigger: desired.trigger } : {}),
      resource_arn: String(desired.resource_arn),
      vault: String(desired.vault),
      ...(typeof computed.recovery_point_arn === 'string' ? { recovery_point_arn: computed.recovery_point_arn } : {}),
      state: computed.state as StartedJob['state'],
      started_at: iso(described?.CreationDate ?? started.CreationDate) ?? new Date().toISOString(),
      idempotency_token: token,
      iam_role_arn: String(desired.iam_role_arn),
      percent_done: String(computed.percent_done),
    };
    return { id: jobId, attributes: { ...desired, ...computed }, jobs: [job] };
  },

  // The planner plans an update only for a new lifecycle of a completed job (the model's
  // inPlaceChangeReason): the recovery point takes it; the job itself cannot change.
  async update(ctx, _id, before, after) {
    const recoveryPoint = before.recovery_point_arn;
    if (typeof recoveryPoint !== 'string' || valuesEqual(before.lifecycle, after.lifecycle)) return before;
    const { UpdateRecoveryPointLifecycleCommand } = await backupApi();
    await ctx.backup.send(
      new UpdateRecoveryPointLifecycleCommand({
        BackupVaultName: recoveryPointVault(before),
        RecoveryPointArn: recoveryPoint,
        Lifecycle: lifecycleUpdateToAws(before.lifecycle, after.lifecycle),
      }),
    );
    const updated: ObjectValue = { ...before };
    if (after.lifecycle === undefined) delete updated.lifecycle;
    else updated.lifecycle = after.lifecycle;
    return updated;
  },

  async delete() {
    // Forgetting the job is all there is: the recovery point stays per its lifecycle.
  },
};
