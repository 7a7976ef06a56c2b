// Copies in a simulation: the copy jobs taken out of the scratch accounts as they finish, and the
// report per destination vault (a region's vault of the account, usually the DR one): copies
// created, still there at the end and expired, failed copy jobs, and the worst gap — the longest
// time one resource went without a new copy in that vault, as a DR recovery point objective.
import { parseBackupVaultArn } from '../domain/arn.js';
import { TERMINAL_COPY_JOB_STATES, type AccountState, type CopyJobState } from '../sandbox/state.js';
import { worstGap, type Gap, type TierCounts } from './gaps.js';
import type { PointHistory } from './timeline.js';

export interface CopyOutcome {
  account: number;
  sourceRegion: string;
  destinationRegion: string;
  destinationVault: string;
  resourceArn: string;
  state: CopyJobState;
  createdAt: number;
  statusMessage?: string;
}

/** Takes the finished copy jobs out of the account (as takeFinishedJobs does for backups); with `all`, the unfinished ones are reported too. */
export function takeFinishedCopyJobs(index: number, account: AccountState, all = false): CopyOutcome[] {
  const outcomes: CopyOutcome[] = [];
  for (const [region, state] of Object.entries(account.backup)) {
    for (const job of Object.values(state.copyJobs ?? {})) {
      const finished = TERMINAL_COPY_JOB_STATES.includes(job.state);
      if (!finished && !all) continue;
      if (finished) delete state.copyJobs![job.id];
      outcomes.push({
        account: index,
        sourceRegion: region,
        destinationRegion: job.destinationRegion,
        destinationVault: job.destinationVaultName,
        resourceArn: job.resourceArn,
        state: job.state,
        createdAt: job.creationDate,
        ...(job.statusMessage !== undefined ? { statusMessage: job.statusMessage } : {}),
      });
    }
  }
  return outcomes;
}

export interface CopyGap extends Gap {
  /** The resource that went longest without a copy. */
  resourceArn: string;
  resourceName: string;
}

export interface CopyDestinationReport {
  region: string;
  vault: string;
  /** Some copy into it came from another region: a disaster-recovery copy. */
  crossRegion: boolean;
  /** Resources copied (or attempted) into it. */
  resources: number;
  existing: TierCounts;
  created: number;
  expired: number;
  /** Copy jobs that ended FAILED. */
  failedJobs: number;
  worstGap?: CopyGap;
  lastFailure?: string;
}

interface Destination {
  account: number;
  region: string;
  vault: string;
  crossRegion: boolean;
  points: PointHistory[];
  jobs: CopyOutcome[];
}

/**
 * The report of every destination that received a copy or a copy job. `copies` are the recovery
 * points made by copies (PointHistory.copiedFrom set); `names` gives a resource's name by account and ARN.
 */
export function copyDestinations(copies: readonly PointHistory[], jobs: readonly CopyOutcome[], end: number, nameOf: (account: number, arn: string) => string): CopyDestinationReport[] {
  const destinations = new Map<string, Destination>();
  const destinationFor = (account: number, region: string, vault: string) => {
    const key = `${account}\u0000${region}\u0000${vault}`;
    let found = destinations.get(key);
    if (found === undefined) {
      found = { account, region, vault, crossRegion: false, points: [], jobs: [] };
      destinations.set(key, found);
    }
    return found;
  };
  for (const point of copies) {
    const destination = destinationFor(point.account, point.region, point.vaultName);
    destination.points.push(point);
    if (parseBackupVaultArn(point.copiedFrom ?? '')?.region !== point.region) destination.crossRegion = true;
  }
  for (const job of jobs) {
    const destination = destinationFor(job.account, job.destinationRegion, job.destinationVault);
    destination.jobs.push(job);
    if (job.sourceRegion !== job.destinationRegion) destination.crossRegion = true;
  }
  const reports = [...destinations.values()].map((d) => destinationReport(d, end, nameOf));
  return reports.sort((a, b) => a.region.localeCompare(b.region) || a.vault.localeCompare(b.vault));
}

function destinationReport(d: Destination, end: number, nameOf: (account: number, arn: string) => string): CopyDestinationReport {
  const resources = new Set([...d.points.map((p) => p.resourceArn), ...d.jobs.map((j) => j.resourceArn)]);
  let worst: CopyGap | undefined;
  for (const arn of resources) {
    const times = d.points.filter((p) => p.resourceArn === arn).map((p) => p.createdAt);
    // A resource whose copies all failed has had no copy since its first attempt.
    const firstAttempt = Math.min(...d.jobs.filter((j) => j.resourceArn === arn).map((j) => j.createdAt));
    const gap = times.length > 0 ? worstGap(times, end) : Number.isFinite(firstAttempt) ? { from: firstAttempt, to: end, ms: end - firstAttempt, open: true } : undefined;
    if (gap !== undefined && (worst === undefined || gap.ms > worst.ms)) worst = { ...gap, resourceArn: arn, resourceName: nameOf(d.account, arn) };
  }
  const existing = d.points.filter((p) => p.deletedAt === undefined);
  const cold = existing.filter((p) => p.storageClass === 'COLD').length;
  const failures = d.jobs.filter((j) => j.state === 'FAILED').sort((a, b) => a.createdAt - b.createdAt);
  const lastFailure = failures[failures.length - 1]?.statusMessage;
  return {
    region: d.region,
    vault: d.vault,
    crossRegion: d.crossRegion,
    resources: resources.size,
    existing: { total: existing.length, warm: existing.length - cold, cold },
    created: d.points.length,
    expired: d.points.length - existing.length,
    failedJobs: failures.length,
    ...(worst !== undefined ? { worstGap: worst } : {}),
    ...(lastFailure !== undefined ? { lastFailure } : {}),
  };
}
