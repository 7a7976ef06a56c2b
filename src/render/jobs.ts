// Views for `bkp jobs` and `bkp apply -wait`: the job table, the JSON document, the lines printed
// while watching (one per state change without a TTY, a redrawn progress display on one) and the
// closing summary with each failure's status message.
import { isTerminalState, type JobFacts } from '../resources/on-demand-backup/jobs.js';
import { formatBytes } from './sandbox.js';
import { style, type Style } from './style.js';
import { plural } from './value-format.js';

const NOT_BKP = '-';

function when(iso: string | undefined): string {
  return iso ? `${iso.slice(0, 16).replace('T', ' ')}Z` : '-';
}

function percent(job: JobFacts): string {
  if (job.state === 'COMPLETED' || job.state === 'PARTIAL') return '100%';
  if (job.percentDone === undefined) return '-';
  const n = Number(job.percentDone);
  return Number.isFinite(n) ? `${n.toFixed(1).replace(/\.0$/, '')}%` : job.percentDone;
}

function stateText(state: string, s: Style): string {
  if (state === 'COMPLETED') return s.green(state);
  if (state === 'FAILED' || state === 'EXPIRED' || state === 'ABORTED') return s.red(state);
  if (state === 'PARTIAL' || state === 'ABORTING') return s.yellow(state);
  return state;
}

/** Pads with the visible width, so coloured cells still line up. */
function pad(text: string, width: number): string {
  return text + ' '.repeat(Math.max(0, width - visibleLength(text)));
}

/** Where a copy goes: the destination vault's name and region. */
function destination(j: JobFacts): string {
  if (j.type !== 'copy' || j.destinationVaultArn === undefined) return '-';
  const name = j.destinationVaultArn.split(':backup-vault:')[1] ?? j.destinationVaultArn;
  return j.destinationRegion ? `${name} (${j.destinationRegion})` : name;
}

function validationText(status: string | undefined, s: Style): string {
  if (status === undefined) return '-';
  if (status === 'SUCCESSFUL') return s.green(status);
  return status === 'FAILED' || status === 'TIMED_OUT' ? s.red(status) : status;
}

function emptyText(types: readonly string[]): string {
  if (types.length === 1 && types[0] === 'backup') return 'No backup jobs. on_demand_backup resources start jobs when applied; --all also lists the jobs of the managed vaults.';
  if (types.length === 1) return `No ${types[0]} jobs of the managed vaults and plans in the last 30 days.`;
  return 'No backup or copy jobs. on_demand_backup resources start backup jobs when applied, and the copy actions of the managed plans start copy jobs after each backup; --all also lists the backup jobs of the managed vaults.';
}

export function renderJobTable(jobs: readonly JobFacts[], color: boolean, opts: { showResource?: boolean; types?: readonly string[] } = {}): string {
  if (jobs.length === 0) return emptyText(opts.types ?? ['backup']);
  const s = style(color);
  // The TYPE and DESTINATION columns appear only when other jobs than backups are listed.
  const showType = jobs.some((j) => (j.type ?? 'backup') !== 'backup');
  const showDestination = jobs.some((j) => j.type === 'copy');
  // Restore tests: whether the restored resource was validated, and deleted after the validation window.
  const showRestoreTest = jobs.some((j) => j.restoreTestingPlanArn !== undefined);
  const header = [
    'ADDRESS',
    ...(showType ? ['TYPE'] : []),
    'JOB ID',
    'STATE',
    'DONE',
    'SIZE',
    ...(showDestination ? ['DESTINATION'] : []),
    ...(showRestoreTest ? ['VALIDATION', 'DELETION'] : []),
    'START BY',
    'COMPLETED',
    ...(opts.showResource ? ['RESOURCE'] : []),
  ];
  const rows = jobs.map((j) => [
    j.address ?? NOT_BKP,
    ...(showType ? [j.type ?? 'backup'] : []),
    j.jobId,
    stateText(j.state, s) + (j.stale ? s.dim(' (last known)') : ''),
    percent(j),
    j.sizeBytes !== undefined && j.sizeBytes > 0 ? formatBytes(j.sizeBytes) : '-',
    ...(showDestination ? [destination(j)] : []),
    ...(showRestoreTest ? [validationText(j.validationStatus, s), j.deletionStatus ?? '-'] : []),
    when(j.startBy),
    when(j.completedAt),
    ...(opts.showResource ? [j.resourceArn] : []),
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => visibleLength(r[i]!))));
  const line = (cells: string[]) => cells.map((c, i) => (i === cells.length - 1 ? c : pad(c, widths[i]!))).join('  ').trimEnd();
  return [s.bold(line(header)), ...rows.map(line)].join('\n');
}

function visibleLength(text: string): number {
  // eslint-disable-next-line no-control-regex
  return text.replace(/\u001b\[[0-9;]*m/g, '').length;
}

export interface JobJson {
  type: 'backup' | 'copy' | 'restore';
  address: string | null;
  job_id: string;
  state: string;
  status_message: string | null;
  percent_done: string | null;
  size_bytes: number | null;
  resource_arn: string;
  resource_type: string | null;
  vault: string;
  recovery_point_arn: string | null;
  created_at: string | null;
  start_by: string | null;
  completed_at: string | null;
  /** Copies: the destination vault and its region; copies and restores: the recovery point they read. */
  destination_vault_arn: string | null;
  destination_region: string | null;
  source_recovery_point_arn: string | null;
  /** Restores: the resource created; restore tests: their plan, validation result and the restored resource's deletion. */
  created_resource_arn: string | null;
  restore_testing_plan_arn: string | null;
  validation_status: string | null;
  validation_status_message: string | null;
  deletion_status: string | null;
  terminal: boolean;
  last_known: boolean;
}

export function jobToJson(j: JobFacts): JobJson {
  return {
    type: j.type ?? 'backup',
    address: j.address ?? null,
    job_id: j.jobId,
    state: j.state,
    status_message: j.statusMessage ?? null,
    percent_done: j.percentDone ?? null,
    size_bytes: j.sizeBytes ?? null,
    resource_arn: j.resourceArn,
    resource_type: j.resourceType ?? null,
    vault: j.vault,
    recovery_point_arn: j.recoveryPointArn ?? null,
    created_at: j.createdAt ?? null,
    start_by: j.startBy ?? null,
    completed_at: j.completedAt ?? null,
    destination_vault_arn: j.destinationVaultArn ?? null,
    destination_region: j.destinationRegion ?? null,
    source_recovery_point_arn: j.sourceRecoveryPointArn ?? null,
    created_resource_arn: j.createdResourceArn ?? null,
    restore_testing_plan_arn: j.restoreTestingPlanArn ?? null,
    validation_status: j.validationStatus ?? null,
    validation_status_message: j.validationStatusMessage ?? null,
    deletion_status: j.deletionStatus ?? null,
    terminal: isTerminalState(j.state),
    last_known: j.stale === true,
  };
}

/** `bkp jobs -json`: one document; `ok` (with --watch) says whether every job COMPLETED. */
export function jobsToJson(jobs: readonly JobFacts[], outcome?: { ok: boolean }): string {
  return JSON.stringify({ format_version: '1.0', jobs: jobs.map(jobToJson), ...(outcome ? { ok: outcome.ok } : {}) });
}

function label(j: JobFacts): string {
  const job = j.type === 'copy' || j.type === 'restore' ? `${j.type} job` : 'job';
  return j.address ? `${j.address} (${job} ${j.jobId})` : `${job} ${j.jobId}`;
}

/** One line per state change while watching without a TTY. */
export function renderJobChange(j: JobFacts, color: boolean): string {
  const s = style(color);
  const progress = j.state === 'RUNNING' ? ` ${percent(j)}` : '';
  const message = j.statusMessage && isTerminalState(j.state) && j.state !== 'COMPLETED' ? `: ${j.statusMessage}` : '';
  return `${label(j)}: ${stateText(j.state, s)}${progress}${message}`;
}

const BAR_WIDTH = 20;

/** The progress display on a TTY: one line per job with a bar, redrawn on every poll. */
export function renderJobProgress(jobs: readonly JobFacts[], color: boolean): string {
  const s = style(color);
  const width = Math.max(...jobs.map((j) => (j.address ?? j.jobId).length));
  return jobs
    .map((j) => {
      const n = j.state === 'COMPLETED' || j.state === 'PARTIAL' ? 100 : Math.max(0, Math.min(100, Number(j.percentDone ?? 0) || 0));
      const filled = Math.round((n / 100) * BAR_WIDTH);
      const bar = `[${'#'.repeat(filled)}${'.'.repeat(BAR_WIDTH - filled)}]`;
      return `${pad(j.address ?? j.jobId, width)}  ${bar} ${pad(percent(j), 6)} ${stateText(j.state, s)}`;
    })
    .join('\n');
}

/** "All 2 backup jobs completed." or the failures, each with its status message. */
/** "backup job", "restore job", "copy job", or just "job" for a mix (`jobs --type=all`). */
function jobNoun(jobs: readonly JobFacts[]): string {
  const types = new Set(jobs.map((j) => j.type ?? 'backup'));
  return types.size === 1 ? `${[...types][0]} job` : 'job';
}

export function renderWatchOutcome(jobs: readonly JobFacts[], color: boolean): { ok: boolean; summary: string; failures: string[] } {
  const s = style(color);
  const failed = jobs.filter((j) => isTerminalState(j.state) && j.state !== 'COMPLETED');
  const noun = jobNoun(jobs);
  if (failed.length === 0) {
    return { ok: true, summary: s.green(jobs.length === 1 ? `The ${noun} completed.` : `All ${plural(jobs.length, noun)} completed.`), failures: [] };
  }
  return {
    ok: false,
    summary: s.red(`${failed.length} of ${plural(jobs.length, noun)} did not complete.`),
    failures: failed.map((j) => `${label(j)} ended ${j.state}: ${j.statusMessage ?? 'AWS Backup gave no status message.'}`),
  };
}
