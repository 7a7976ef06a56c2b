// on_demand_backup through AWS Backup: StartBackupJob to create (with a deterministic
// IdempotencyToken, so a retried or interrupted apply never starts a second job), DescribeBackupJob
// to read, UpdateRecoveryPointLifecycle when a completed job's lifecycle changes. Destroying only
// forgets the job: the recovery point stays in its vault per its lifecycle.
import type { BackupJob, DescribeBackupJobOutput, Lifecycle } from '@aws-sdk/client-backup';
import { isObjectValue, isUnknown, type ObjectValue, type Value } from '../../core/values.js';
import { awsErrorName, isNotFound } from '../../aws/errors.js';
import { ErrorCode, UserError } from '../../core/errors.js';
import { parseBackupVaultArn } from '../../domain/arn.js';
import { valuesEqual } from '../canonical.js';
import { lifecycleFromAws, lifecycleToAws } from '../lifecycle.js';
import { creationToken, type AdoptOutcome, type HandlerContext, type ResourceHandler, type StartedJob } from '../handler.js';
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
 * The create intent's identity of a job: a digest of what its token derives from (trigger, source,
 * vault), never the trigger itself (it may be sensitive). The same digest from the configuration
 * tells, at the next plan, that the job an interrupted start made is still the one configured.
 */
export function jobIdentity(desired: ObjectValue): string | undefined {
  const fields = ['trigger', 'resource_arn', 'vault', 'logically_air_gapped_vault_arn'];
  if (fields.some((f) => isUnknown(desired[f])) || typeof desired.resource_arn !== 'string' || typeof desired.vault !== 'string') return undefined;
  return `job:${jobToken('', '', desired).slice('bkp-'.length)}`;
}

/**
 * AWS refused the start because its token already started a job with other parameters (⚠ AWS does
 * not document the error; the sandbox answers InvalidRequestException naming the token).
 */
function tokenReused(error: unknown): boolean {
  const name = awsErrorName(error) ?? '';
  const message = error instanceof Error ? error.message : '';
  return name === 'IdempotentParameterMismatchException' || (/IdempotencyToken/i.test(message) && /already used|different parameters|mismatch/i.test(message));
}

function tokenReusedError(error: unknown, address: string): UserError {
  const name = awsErrorName(error) ?? 'Error';
  return new UserError(ErrorCode.AwsCall, `Creating ${address} failed: ${name}: ${(error as Error).message}`, {
    hint:
      'An earlier run started this backup job (same trigger, source and vault) with other settings, and bkp never recorded it: ' +
      'AWS keeps the job as that run started it. Run `bkp apply` with refresh (without -refresh=false): it finds that job and adopts it, ' +
      'and an edited lifecycle then updates its recovery point once the job completes. To start a new job instead, change `trigger`.',
    cause: error,
  });
}

/** How far AWS's clock may be from this machine's when a job's creation is compared with an intent's. */
const CLOCK_SKEW_MS = 15 * 60_000;

/** The on-demand jobs AWS lists for one source resource and vault (the last 30 days). */
async function listOnDemandJobs(ctx: HandlerContext, resourceArn: string, vault: string): Promise<BackupJob[]> {
  const { ListBackupJobsCommand } = await backupApi();
  const jobs: BackupJob[] = [];
  let token: string | undefined;
  do {
    const out = await ctx.limit(() => ctx.backup.send(new ListBackupJobsCommand({ ByResourceArn: resourceArn, ByBackupVaultName: vault, NextToken: token, MaxResults: 1000 })));
    jobs.push(...(out.BackupJobs ?? []).filter((job) => job.CreatedBy?.BackupPlanId === undefined && job.ParentJobId === undefined));
    token = out.NextToken;
  } while (token);
  return jobs;
}

/**
 * The attributes of a job an interrupted start made: the configuration where AWS cannot tell
 * (trigger, tags, completion window), and what the job was started with where it can (its role,
 * start window and the recovery point's lifecycle), so an edit made since is planned as a change.
 */
function adoptedJobAttributes(configured: ObjectValue, job: DescribeBackupJobOutput): ObjectValue {
  const out: ObjectValue = { ...configured };
  if (job.IamRoleArn) out.iam_role_arn = job.IamRoleArn;
  if (job.StartBy && job.CreationDate) out.start_window_minutes = Math.round((new Date(job.StartBy).getTime() - new Date(job.CreationDate).getTime()) / 60_000);
  const lifecycle = lifecycleFromAws(job.RecoveryPointLifecycle);
  if (lifecycle === undefined) delete out.lifecycle;
  else out.lifecycle = lifecycle;
  return { ...out, ...jobAttributes(job) };
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
  identity: jobIdentity,

  // A start killed (or its reply lost) after it reached AWS made a job bkp never recorded. Its token
  // derives from trigger, source and vault, so a start sent again after an edit of anything else
  // (lifecycle, windows, tags) reuses the token with other parameters, which AWS does not take as
  // the same request. ListBackupJobs does not tell tokens: the job is the one on-demand job of that
  // source and vault that bkp does not know (neither at an address nor in its job history).
  async adopt(ctx, intents, context) {
    const outcomes = new Map<string, AdoptOutcome>();
    for (const intent of intents) {
      const configured = context?.configured.get(intent.address);
      // Not configured any more, or with another trigger, source or vault: not the job wanted now.
      if (configured === undefined || intent.identity === undefined || jobIdentity(configured) !== intent.identity) {
        outcomes.set(intent.address, { outcome: 'missing' });
        continue;
      }
      const resourceArn = String(configured.resource_arn);
      const vault = String(configured.vault);
      // Started after the intent was written (AWS's clock is this machine's, give or take minutes);
      // a sandbox's virtual clock cannot be compared with it, so there any such job is a candidate.
      const since = ctx.ownClock?.() === true ? undefined : Date.parse(intent.recorded_at) - CLOCK_SKEW_MS;
      const unknown = (await listOnDemandJobs(ctx, resourceArn, vault)).filter(
        (job) => job.BackupJobId && !context!.known.has(job.BackupJobId) && (since === undefined || job.CreationDate === undefined || new Date(job.CreationDate).getTime() >= since),
      );
      if (unknown.length === 0) {
        outcomes.set(intent.address, { outcome: 'missing' });
      } else if (unknown.length > 1) {
        outcomes.set(intent.address, {
          outcome: 'conflict',
          arns: unknown.map((job) => job.BackupJobId!),
          detail: `${unknown.length} on-demand backup jobs of ${resourceArn} in vault ${vault} that bkp did not record are listed, and AWS does not tell which one the interrupted start made`,
          resolve: 'Change `trigger` to start a new job (the jobs listed keep their recovery points per their lifecycle), then plan again.',
        });
      } else {
        const job = await ctx.limit(() => describeJob(ctx, unknown[0]!.BackupJobId!));
        outcomes.set(intent.address, job === null ? { outcome: 'missing' } : { outcome: 'found', id: job.BackupJobId!, attributes: adoptedJobAttributes(configured, job) });
      }
    }
    return outcomes;
  },

  async read(ctx, id, prior) {
    const job = await describeJob(ctx, id);
    // AWS forgets jobs after 30 days: the last known values stay (the job is history, not drift).
    if (job === null) return prior;
    return { ...prior, ...jobAttributes(job) };
  },

  async create(ctx, address, desired) {
    const { StartBackupJobCommand } = await backupApi();
    const token = jobToken(ctx.lineage, address, desired);
    const started = await ctx.backup
      .send(
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
      )
      .catch((error: unknown) => {
        throw tokenReused(error) ? tokenReusedError(error, address) : error;
      });
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
