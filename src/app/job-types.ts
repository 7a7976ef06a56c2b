// `bkp jobs --type`: which kinds of job to list, and the copy and restore jobs that concern the
// configuration — those whose source or destination is a managed vault, started by a managed
// plan's copy actions, or by a managed restore testing plan. Backup jobs are found as before
// (app/jobs.ts): the ones bkp started, and with --all every job of the managed vaults.
import { ErrorCode, UserError } from '../core/errors.js';
import { awsCallError, awsErrorName } from '../aws/errors.js';
import { kindModel } from '../resources/registry.js';
import type { CopyJobFacts } from '../domain/job-facts.js';
import type { RestoreJobFacts } from '../domain/job-facts.js';
import type { StateDocument } from '../state/model.js';
import type { ProviderClients } from './providers.js';

export const JOB_TYPES = ['backup', 'copy', 'restore'] as const;
export type JobType = (typeof JOB_TYPES)[number];

/** Without --type: the backup and copy jobs of the configuration. */
export const DEFAULT_JOB_TYPES: readonly JobType[] = ['backup', 'copy'];

export function jobTypesOf(flag: string | undefined): readonly JobType[] {
  if (flag === undefined) return DEFAULT_JOB_TYPES;
  if ((JOB_TYPES as readonly string[]).includes(flag)) return [flag as JobType];
  throw new UserError(ErrorCode.Usage, `--type=${flag} is not a kind of job.`, { hint: `Use --type=${JOB_TYPES.join(', --type=')}, or leave it out for backup and copy jobs.` });
}

/** What the state manages that a copy or restore job can name. */
export interface ManagedScope {
  vaultArns: ReadonlySet<string>;
  planIds: ReadonlySet<string>;
  restoreTestingPlanArns: ReadonlySet<string>;
  /** Providers of the managed objects: the accounts and regions to list jobs in. */
  providers: readonly string[];
}


export function managedScope(doc: StateDocument, defaultProvider: string): ManagedScope {
  const vaultArns = new Set<string>();
  const planIds = new Set<string>();
  const restoreTestingPlanArns = new Set<string>();
  const providers = new Set<string>();
  for (const r of doc.resources) {
    const arn = typeof r.attributes.arn === 'string' ? r.attributes.arn : undefined;
    const model = kindModel(r.kind);
    if (model?.isVault && arn !== undefined) vaultArns.add(arn);
    if (model?.schedulesJobs) planIds.add(r.id);
    if (arn?.includes(':restore-testing-plan:')) restoreTestingPlanArns.add(arn);
    providers.add(r.provider);
  }
  if (providers.size === 0) providers.add(defaultProvider);
  return { vaultArns, planIds, restoreTestingPlanArns, providers: [...providers] };
}

/** A copy from or to a managed vault, or made by a managed plan's copy action. */
export function copyConcerns(scope: ManagedScope, job: CopyJobFacts): boolean {
  return (
    (job.sourceVaultArn !== undefined && scope.vaultArns.has(job.sourceVaultArn)) ||
    scope.vaultArns.has(job.destinationVaultArn) ||
    (job.planId !== undefined && scope.planIds.has(job.planId))
  );
}

/** A restore of a recovery point of a managed vault, or started by a managed restore testing plan. */
export function restoreConcerns(scope: ManagedScope, job: RestoreJobFacts): boolean {
  return (job.vaultArn !== undefined && scope.vaultArns.has(job.vaultArn)) || (job.restoreTestingPlanArn !== undefined && scope.restoreTestingPlanArns.has(job.restoreTestingPlanArn));
}

export interface FoundJob<T> {
  provider: string;
  job: T;
}

/** Copy jobs of the managed providers' regions that concern the configuration, each once. */
export async function concernedCopyJobs(clients: ProviderClients, scope: ManagedScope): Promise<FoundJob<CopyJobFacts>[]> {
  const { listCopyJobs } = await import('../aws/copy-jobs.js');
  return concerned(scope.providers, async (provider) => {
    try {
      return await listCopyJobs(await clients.backup(provider));
    } catch (e) {
      throw awsCallError(e, 'Listing the copy jobs of provider', provider);
    }
  }, (job) => copyConcerns(scope, job));
}

/** Restore jobs of the managed providers' regions that concern the configuration, each once. */
export async function concernedRestoreJobs(clients: ProviderClients, scope: ManagedScope): Promise<FoundJob<RestoreJobFacts>[]> {
  const { listRestoreJobs } = await import('../aws/restore-jobs.js');
  return concerned(scope.providers, async (provider) => {
    try {
      return await listRestoreJobs(await clients.backup(provider));
    } catch (e) {
      if (awsErrorName(e) === 'UnknownOperationException') {
        throw new UserError(ErrorCode.AwsCall, `Provider "${provider}" does not answer ListRestoreJobs: ${(e as Error).message}`, {
          hint: 'This endpoint (a sandbox of a bkp version without restore jobs, or an emulator) cannot list restore jobs: use `bkp jobs --type=backup` or `--type=copy`.',
          cause: e,
        });
      }
      throw awsCallError(e, 'Listing the restore jobs of provider', provider);
    }
  }, (job) => restoreConcerns(scope, job));
}

async function concerned<T extends { jobId: string }>(
  providers: readonly string[],
  list: (provider: string) => Promise<T[]>,
  keep: (job: T) => boolean,
): Promise<FoundJob<T>[]> {
  const seen = new Set<string>();
  const found: FoundJob<T>[] = [];
  for (const provider of providers) {
    for (const job of await list(provider)) {
      // Two providers of one account and region list the same jobs.
      if (seen.has(job.jobId) || !keep(job)) continue;
      seen.add(job.jobId);
      found.push({ provider, job });
    }
  }
  return found;
}
