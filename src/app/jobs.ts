// The work behind `bkp jobs`, `bkp jobs stop` and `bkp apply -wait`: read the backup jobs bkp
// started (or every job of the managed vaults), watch them until they end, and record what was
// seen in the state's job history.
import { loadValidConfig } from './configuration.js';
import { ErrorCode, UserError } from '../core/errors.js';
import { awsCallError, awsErrorName } from '../aws/errors.js';
import { ProviderClients } from './providers.js';
import { isTerminalState, type JobFacts } from '../domain/job-facts.js';
import { describeJob, listVaultJobs, stopJob } from '../resources/on-demand-backup/jobs.js';
import type { StateBackend } from '../state/backend.js';
import { JOB_STATES, type JobState, type JsonObject, type StateDocument } from '../state/model.js';
import { configInputs, type CommandContext } from './context.js';
import { parseDuration, parsePollInterval } from './duration.js';
import type { StateFlags, VarFlags } from './options.js';
import { stateBackendFor } from './engine-session.js';
import { notify } from './io-host.js';
import { onInterrupt } from '../core/interrupt-signals.js';
import { concernedCopyJobs, concernedRestoreJobs, jobTypesOf, managedScope, type JobType } from './job-types.js';
import { kindModel } from '../resources/registry.js';

export interface JobsFlags extends VarFlags, StateFlags {
  addresses?: string[];
  all?: boolean;
  json?: boolean;
  watch?: boolean;
  interval?: string;
  /** backup, copy or restore; absent: backup and copy jobs. */
  type?: string;
}

/** A job to read: its id, the provider whose account holds it, and what is known of it. */
export interface JobTarget {
  provider: string;
  known: JobFacts;
  /** The facts were just listed: the first reading need not describe the job again. */
  fresh?: boolean;
}

export interface WatchResult {
  jobs: JobFacts[];
  ok: boolean;
  interrupted: boolean;
  /** Sandbox jobs that could not move (no `bkp sandbox advance`) for the idle limit. */
  stalled: boolean;
}

interface JobsSession {
  backend: StateBackend;
  clients: ProviderClients;
  defaultProvider: string;
  close(): void;
}

async function openJobsSession(ctx: CommandContext, flags: VarFlags): Promise<JobsSession> {
  const { config } = await loadValidConfig(configInputs(ctx, flags));
  const clients = new ProviderClients(config);
  const defaultProvider = config.providers[0]?.key;
  if (defaultProvider === undefined) {
    throw new UserError(ErrorCode.ConfigInvalid, 'The configuration declares no provider, so bkp does not know which account to read jobs from.', {
      hint: 'Add a provider "aws" or provider "sandbox" block.',
    });
  }
  return { backend: stateBackendFor(config), clients, defaultProvider, close: () => clients.destroy() };
}

async function readState(backend: StateBackend): Promise<StateDocument> {
  const session = await backend.open({ operation: 'jobs', lock: false, lockTimeoutMs: 0 });
  try {
    return session.current();
  } finally {
    await session.close();
  }
}

/** The jobs the state records, newest first, each with the provider of the resource that started it. */
export function stateJobTargets(doc: StateDocument, defaultProvider: string, addresses: readonly string[] = []): JobTarget[] {
  const providerOf = new Map(doc.resources.map((r) => [r.address, r.provider]));
  return doc.jobs
    .filter((j) => addresses.length === 0 || addresses.includes(j.address))
    .sort((a, b) => (a.started_at < b.started_at ? 1 : a.started_at > b.started_at ? -1 : 0))
    .map((j) => ({
      provider: providerOf.get(j.address) ?? defaultProvider,
      known: {
        address: j.address,
        jobId: j.job_id,
        state: j.state,
        resourceArn: j.resource_arn,
        vault: j.vault,
        createdAt: j.started_at,
        ...(j.status_message !== undefined ? { statusMessage: j.status_message } : {}),
        ...(j.percent_done !== undefined ? { percentDone: j.percent_done } : {}),
        ...(j.backup_size_bytes !== undefined ? { sizeBytes: j.backup_size_bytes } : {}),
        ...(j.recovery_point_arn !== undefined ? { recoveryPointArn: j.recovery_point_arn } : {}),
        ...(j.completed_at !== undefined ? { completedAt: j.completed_at } : {}),
      },
    }));
}

/** Reads one job now (a backup, copy or restore job); a job AWS forgot (after 30 days) keeps its last known facts. */
async function readJob(clients: ProviderClients, target: JobTarget): Promise<JobFacts> {
  const type = target.known.type ?? 'backup';
  try {
    const client = await clients.backup(target.provider);
    let facts: JobFacts | null;
    if (type === 'copy') facts = await (await import('../aws/copy-jobs.js')).describeCopyJob(client, target.known.jobId);
    else if (type === 'restore') facts = await (await import('../aws/restore-jobs.js')).describeRestoreJob(client, target.known.jobId);
    else facts = await describeJob(client, target.known.jobId, target.known.address);
    return facts ?? { ...target.known, stale: true };
  } catch (e) {
    throw awsCallError(e, `Reading ${type} job`, target.known.address ?? target.known.jobId);
  }
}

/** The state with what was read: job history entries and on_demand_backup attributes. */
export function withJobUpdates(doc: StateDocument, jobs: readonly JobFacts[], now: Date = new Date()): StateDocument {
  const byId = new Map(jobs.filter((j) => !j.stale).map((j) => [j.jobId, j]));
  const isJobState = (s: string): s is JobState => (JOB_STATES as readonly string[]).includes(s);
  const history = doc.jobs.map((j) => {
    const seen = byId.get(j.job_id);
    if (!seen || !isJobState(seen.state)) return j;
    const next = { ...j, state: seen.state, updated_at: now.toISOString() };
    if (seen.percentDone !== undefined) next.percent_done = seen.percentDone;
    if (seen.sizeBytes !== undefined) next.backup_size_bytes = seen.sizeBytes;
    if (seen.statusMessage !== undefined) next.status_message = seen.statusMessage;
    if (seen.recoveryPointArn !== undefined) next.recovery_point_arn = seen.recoveryPointArn;
    if (seen.completedAt !== undefined) next.completed_at = seen.completedAt;
    return next;
  });
  const resources = doc.resources.map((r) => {
    const seen = kindModel(r.kind)?.startsJob ? byId.get(r.id) : undefined;
    if (!seen) return r;
    const attributes: JsonObject = { ...r.attributes, state: seen.state, percent_done: seen.percentDone ?? String(r.attributes.percent_done ?? '0.0') };
    if (seen.recoveryPointArn !== undefined) attributes.recovery_point_arn = seen.recoveryPointArn;
    return { ...r, attributes };
  });
  return { ...doc, jobs: history, resources };
}

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal.aborted) return resolve();
    const timer = setTimeout(done, ms);
    function done() {
      clearTimeout(timer);
      signal.removeEventListener('abort', done);
      resolve();
    }
    signal.addEventListener('abort', done);
  });
}

/**
 * How long a watch waits on sandbox jobs that do not change before it stops. The sandbox clock
 * moves only with `bkp sandbox advance`, so without one nothing can change; the bound is long
 * enough for an advance in another terminal and for a sandbox whose clock follows the wall clock
 * (its jobs wait up to 10 minutes between start attempts).
 */
export const SANDBOX_IDLE_LIMIT_MS = 15 * 60_000;

const SANDBOX_CLOCK_HINT =
  'The sandbox clock moves only with `bkp sandbox advance`: these jobs will not change until you run it (e.g. `bkp sandbox advance 1h` in another terminal).';

/** What changes when a job moves on. */
function fingerprint(job: JobFacts): string {
  return `${job.state}|${job.percentDone ?? ''}|${job.statusMessage ?? ''}`;
}

/**
 * Polls the jobs until every one is in a terminal state, telling the host each reading (none with
 * -json: the caller sends the result). When every job still running is in a sandbox account, it
 * says once that only `bkp sandbox advance` moves them, and stops after `sandboxIdleMs` without
 * any change (`stalled`).
 */
export async function watchJobs(
  ctx: CommandContext,
  clients: ProviderClients,
  targets: readonly JobTarget[],
  opts: {
    intervalMs: number;
    json: boolean;
    signal: AbortSignal;
    initial?: JobFacts[];
    sandboxIdleMs?: number;
    /** How to read a job again (default: DescribeBackupJob); `bkp restore -wait` reads restore jobs. */
    read?: (target: JobTarget) => Promise<JobFacts>;
  },
): Promise<WatchResult> {
  const read = opts.read ?? ((target: JobTarget) => readJob(clients, target));
  let jobs = opts.initial ?? (await Promise.all(targets.map(read)));
  const lastState = new Map<string, string>();
  const show = async () => {
    if (opts.json) return;
    const changed = jobs.filter((job) => lastState.get(job.jobId) !== job.state);
    const text = changed.map((j) => `${j.address ?? j.jobId}: ${j.state}`).join('\n');
    await notify(ctx.host, 'BKP_P_JOBS', 'progress', text, { jobs, changed });
  };
  const remember = () => jobs.forEach((j) => lastState.set(j.jobId, j.state));
  const pending = (job: JobFacts) => !isTerminalState(job.state) && job.stale !== true;
  const onSandbox = (i: number) => clients.settingsFor(targets[i]!.provider).type === 'sandbox';
  const onlySandboxPending = () => jobs.every((job, i) => !pending(job) || onSandbox(i));
  const idleLimit = opts.sandboxIdleMs ?? SANDBOX_IDLE_LIMIT_MS;
  let hinted = false;
  let lastPrints = jobs.map(fingerprint).join('\n');
  let lastChangeAt = Date.now();
  let stalled = false;
  const hintOnce = async () => {
    if (hinted || !jobs.some(pending) || !onlySandboxPending()) return;
    hinted = true;
    await notify(ctx.host, 'BKP_W_SANDBOX_CLOCK', 'warn', SANDBOX_CLOCK_HINT, { idleLimitMs: idleLimit });
  };
  await show();
  remember();
  await hintOnce();
  const done = () => !jobs.some(pending);
  while (!done() && !opts.signal.aborted) {
    await sleep(opts.intervalMs, opts.signal);
    if (opts.signal.aborted) break;
    jobs = await Promise.all(jobs.map((job, i) => (pending(job) ? read({ ...targets[i]!, known: job }) : job)));
    await show();
    remember();
    await hintOnce();
    const prints = jobs.map(fingerprint).join('\n');
    if (prints !== lastPrints) {
      lastPrints = prints;
      lastChangeAt = Date.now();
    } else if (onlySandboxPending() && Date.now() - lastChangeAt >= idleLimit) {
      stalled = true;
      break;
    }
  }
  const interrupted = !stalled && !done();
  const ok = !interrupted && !stalled && jobs.every((j) => j.state === 'COMPLETED');
  return { jobs, ok, interrupted, stalled };
}

/** Sends the end of a watch (every job, and whether all completed); returns the exit code. */
export async function reportWatch(ctx: CommandContext, result: WatchResult, json: boolean): Promise<number> {
  if (result.stalled) {
    const waiting = result.jobs.filter((j) => !isTerminalState(j.state) && j.stale !== true).length;
    const text =
      `Stopped waiting: ${waiting === 1 ? '1 sandbox backup job has' : `${waiting} sandbox backup jobs have`} not changed, because the sandbox clock did not move. ` +
      'Run `bkp sandbox advance 1h` (or longer), then `bkp jobs --watch` again.';
    await notify(ctx.host, 'BKP_W_SANDBOX_STALLED', 'warn', text, { waiting });
  }
  const ended = result.interrupted
    ? 'Stopped watching: interrupted.'
    : result.ok
      ? 'Every backup job completed.'
      : 'Not every backup job completed.';
  const { stalled: _stalled, ...watched } = result;
  await notify(ctx.host, 'BKP_R_JOBS_WATCHED', 'result', ended, { ...watched, format: json ? 'json' : 'human' });
  if (result.interrupted) return 130;
  return result.ok ? 0 : 1;
}

/** Runs `work` with an AbortSignal raised by Ctrl-C (or SIGTERM, SIGHUP), so a watch ends cleanly (and saves the state). */
export async function withInterrupt<T>(work: (signal: AbortSignal) => Promise<T>): Promise<T> {
  const controller = new AbortController();
  const stopListening = onInterrupt(() => controller.abort());
  try {
    return await work(controller.signal);
  } finally {
    stopListening();
  }
}

/** Saves the job states under a lock of their own; a state that cannot be locked or written gets a warning, not a failure. */
export async function persistJobs(ctx: CommandContext, backend: StateBackend, flags: StateFlags, jobs: readonly JobFacts[]): Promise<void> {
  if (!jobs.some((j) => j.address !== undefined && !j.stale)) return;
  try {
    const session = await backend.open({
      operation: 'jobs',
      lock: flags.lock !== false,
      lockTimeoutMs: parseDuration(flags['lock-timeout'] ?? '0s', '-lock-timeout'),
    });
    try {
      const doc = session.current();
      if (doc.serial > 0) await session.persist(withJobUpdates(doc, jobs));
    } finally {
      await session.close();
    }
  } catch (e) {
    if (!(e instanceof UserError)) throw e;
    await notify(ctx.host, 'BKP_W_JOBS_NOT_SAVED', 'warn', `Warning: the job states were not saved to the state: ${e.message}`, { reason: e.message });
  }
}

export async function runJobs(ctx: CommandContext, flags: JobsFlags): Promise<number> {
  const intervalMs = parsePollInterval(flags.interval ?? '5s', '--interval');
  const session = await openJobsSession(ctx, flags);
  try {
    const doc = await readState(session.backend);
    const types = jobTypesOf(flags.type);
    const targets = types.includes('backup') ? stateJobTargets(doc, session.defaultProvider, flags.addresses ?? []) : [];
    if (flags.all && types.includes('backup')) targets.push(...(await vaultJobTargets(session, doc, targets)));
    // Addresses name on_demand_backup resources, whose jobs are backups only.
    if ((flags.addresses ?? []).length === 0) targets.push(...(await otherJobTargets(session, doc, types)));
    let jobs = await Promise.all(targets.map((t) => (t.fresh ? t.known : readJob(session.clients, t))));
    let code = 0;
    if (flags.watch && jobs.length > 0) {
      const result = await withInterrupt((signal) => watchJobs(ctx, session.clients, targets, { intervalMs, json: flags.json === true, signal, initial: jobs }));
      jobs = result.jobs;
      code = await reportWatch(ctx, result, flags.json === true);
    } else {
      const format = flags.json ? 'json' : 'human';
      const what = types.length === 1 ? `${types[0]} job` : 'job';
      const text = `${jobs.length} ${what}${jobs.length === 1 ? '' : 's'}.`;
      await notify(ctx.host, 'BKP_R_JOBS', 'result', text, { jobs, format, showResource: flags.all === true, types });
    }
    await persistJobs(ctx, session.backend, flags, jobs);
    return code;
  } finally {
    session.close();
  }
}

/** The copy and restore jobs (as --type asks) that concern the configuration. */
async function otherJobTargets(session: JobsSession, doc: StateDocument, types: readonly JobType[]): Promise<JobTarget[]> {
  const wanted = types.filter((t) => t !== 'backup');
  if (wanted.length === 0) return [];
  const scope = managedScope(doc, session.defaultProvider);
  const targets: JobTarget[] = [];
  if (wanted.includes('copy')) for (const { provider, job } of await concernedCopyJobs(session.clients, scope)) targets.push({ provider, known: job, fresh: true });
  if (wanted.includes('restore')) for (const { provider, job } of await concernedRestoreJobs(session.clients, scope)) targets.push({ provider, known: job, fresh: true });
  return targets;
}

/** --all: every job AWS lists for the managed vaults (and the vaults bkp's jobs went to). */
async function vaultJobTargets(session: JobsSession, doc: StateDocument, known: readonly JobTarget[]): Promise<JobTarget[]> {
  const vaults = new Map<string, { provider: string; vault: string }>();
  for (const r of doc.resources) if (kindModel(r.kind)?.isVault) vaults.set(`${r.provider}\u0000${r.id}`, { provider: r.provider, vault: r.id });
  for (const t of known) vaults.set(`${t.provider}\u0000${t.known.vault}`, { provider: t.provider, vault: t.known.vault });
  const seen = new Set(known.map((t) => t.known.jobId));
  const found: JobTarget[] = [];
  for (const { provider, vault } of vaults.values()) {
    let listed: JobFacts[];
    try {
      listed = await listVaultJobs(await session.clients.backup(provider), vault);
    } catch (e) {
      if (awsErrorName(e) === 'AccessDeniedException') continue; // the vault is gone
      throw awsCallError(e, 'Listing the backup jobs of vault', vault);
    }
    for (const job of listed) {
      if (seen.has(job.jobId)) continue;
      seen.add(job.jobId);
      found.push({ provider, known: job });
    }
  }
  return found;
}

export async function runJobsStop(ctx: CommandContext, flags: JobsFlags & { address: string }): Promise<number> {
  const session = await openJobsSession(ctx, flags);
  try {
    const doc = await readState(session.backend);
    const resource = doc.resources.find((r) => r.address === flags.address && kindModel(r.kind)?.startsJob);
    const history = doc.jobs.find((j) => j.job_id === flags.address);
    const jobId = resource?.id ?? history?.job_id;
    if (jobId === undefined) {
      throw new UserError(ErrorCode.Usage, `There is no on_demand_backup ${flags.address} in the state.`, {
        hint: 'Name an on_demand_backup address (or a job id) that `bkp jobs` lists.',
      });
    }
    const address = resource?.address ?? history?.address;
    const provider = resource?.provider ?? stateJobTargets(doc, session.defaultProvider).find((t) => t.known.jobId === jobId)?.provider ?? session.defaultProvider;
    const client = await session.clients.backup(provider);
    try {
      await stopJob(client, jobId);
    } catch (e) {
      if (awsErrorName(e) === 'InvalidRequestException') {
        throw new UserError(ErrorCode.AwsCall, `AWS Backup refused to stop ${address ?? ''} (job ${jobId}): ${(e as Error).message}`, {
          hint:
            'Jobs that have ended cannot be stopped, and AWS Backup cannot stop jobs of Aurora, DocumentDB, FSx, Neptune or RDS: ' +
            'wait for the job to end (bkp jobs --watch) or for its completion window to pass.',
          cause: e,
        });
      }
      throw awsCallError(e, 'Stopping backup job of', address ?? jobId);
    }
    const now = await readJob(session.clients, { provider, known: { jobId, address, state: 'ABORTING', resourceArn: '', vault: '' } });
    const text = `Stopping ${address ?? 'job'} (job ${jobId}): ${now.state}. It ends ABORTED; follow it with \`bkp jobs --watch\`.`;
    await notify(ctx.host, 'BKP_R_JOB_STOPPING', 'result', text, { address, jobId, state: now.state });
    await persistJobs(ctx, session.backend, flags, [now]);
    return 0;
  } finally {
    session.close();
  }
}
