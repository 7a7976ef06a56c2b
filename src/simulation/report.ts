// The simulation report: per protected resource and per rule, the recovery points that exist at
// the end (by storage tier), how many were created and expired, the worst gap between backups and
// the oldest restorable point; per copy destination, the copies (copies.ts). Built by a pure
// function from the timeline and the inventory.
import { parseArn, resourceIdOfArn } from '../domain/arn.js';
import { copyDestinations, type CopyDestinationReport, type CopyOutcome } from './copies.js';
import { worstGap, type Gap, type TierCounts } from './gaps.js';
import type { RestoreTestReport } from './restore-tests.js';
import type { JobOutcome, PointHistory, PointOrigin } from './timeline.js';

export { worstGap, type Gap, type TierCounts };


export interface OriginReport {
  kind: 'rule' | 'on-demand';
  /** `backup_plan.standard/daily`, or `on_demand_backup.before-upgrade`. */
  label: string;
  /** Rules: the plan's name and the rule's name in AWS. */
  plan?: string;
  rule?: string;
  vault: string;
  existing: TierCounts;
  created: number;
  expired: number;
  /** Jobs that ended without a recovery point (FAILED, EXPIRED, ABORTED). */
  failedJobs: number;
  worstGap?: Gap;
}

export interface ResourceReport {
  arn: string;
  name: string;
  /** Sandbox source type (ec2-instance, efs…). */
  type: string;
  id: string;
  region: string;
  status: 'protected' | 'on-demand only';
  origins: OriginReport[];
  existing: TierCounts;
  created: number;
  expired: number;
  failedJobs: number;
  firstBackupAt?: number;
  worstGap?: Gap;
  oldestRestorable?: { createdAt: number; label: string; vault: string; storageClass: string };
  /** The status message of the last job that failed, to say why. */
  lastFailure?: string;
}

export interface UnprotectedResource {
  arn: string;
  name: string;
  type: string;
  id: string;
  region: string;
  /** An attached EBS volume is backed up with its instance: the instance's name. */
  backedUpWith?: string;
}

export interface SimulationReport {
  start: number;
  end: number;
  days: number;
  resources: ResourceReport[];
  unprotected: UnprotectedResource[];
  /** Per destination vault of the copy actions (and StartCopyJob): the copies, apart from the backups above. */
  copies: CopyDestinationReport[];
  /** Per selection of each restore testing plan: the restore tests it ran in the window. */
  restoreTests: RestoreTestReport[];
  totals: { protectedResources: number; existing: TierCounts; created: number; expired: number; failedJobs: number };
}

export interface InventoryEntry {
  account: number;
  arn: string;
  name: string;
  type: string;
  id: string;
  region: string;
  /** ebs-volume: the ARN of the instance it is attached to. */
  attachedTo?: string;
}

export interface RuleInfo {
  planId: string;
  ruleId: string;
  /** State address of the plan (backup_plan.standard), when bkp created it. */
  planAddress?: string;
  planName: string;
  ruleName: string;
  vault: string;
}

export interface ReportInput {
  start: number;
  end: number;
  days: number;
  inventory: readonly InventoryEntry[];
  /** Per `resourceKey(account, arn)`: the plan rules whose selections match the resource. */
  protection: ReadonlyMap<string, readonly RuleInfo[]>;
  /** Per `planId/ruleId`. */
  rules: ReadonlyMap<string, RuleInfo>;
  /** Per job id: the on_demand_backup address that started it. */
  onDemand: ReadonlyMap<string, { address: string; vault: string }>;
  points: readonly PointHistory[];
  jobs: readonly JobOutcome[];
  /** Copy jobs that ended (or not, at the end of the simulation). */
  copyJobs?: readonly CopyOutcome[];
  /** The restore tests of the restore testing plans (restore-tests.ts). */
  restoreTests?: readonly RestoreTestReport[];
  /** Whether the point can still be restored at the end. */
  restorable(point: PointHistory): boolean;
}

const FAILED_STATES = new Set(['FAILED', 'EXPIRED', 'ABORTED']);

export function resourceKey(account: number, arn: string): string {
  return `${account}\u0000${arn}`;
}

function originKey(origin: PointOrigin): string {
  return origin.kind === 'rule' ? `rule:${origin.planId}/${origin.ruleId}` : `on-demand:${origin.jobId}`;
}

function tiers(points: readonly PointHistory[]): TierCounts {
  const existing = points.filter((p) => p.deletedAt === undefined);
  const cold = existing.filter((p) => p.storageClass === 'COLD').length;
  return { total: existing.length, warm: existing.length - cold, cold };
}

function sumTiers(list: readonly TierCounts[]): TierCounts {
  return list.reduce((a, b) => ({ total: a.total + b.total, warm: a.warm + b.warm, cold: a.cold + b.cold }), { total: 0, warm: 0, cold: 0 });
}

interface OriginDescription {
  kind: OriginReport['kind'];
  label: string;
  plan?: string;
  rule?: string;
  vault: string;
}

function describeRule(rule: RuleInfo): OriginDescription {
  return { kind: 'rule', label: `${rule.planAddress ?? rule.planName}/${rule.ruleName}`, plan: rule.planName, rule: rule.ruleName, vault: rule.vault };
}

function describeOrigin(origin: PointOrigin, input: ReportInput, vault: string): OriginDescription {
  if (origin.kind === 'rule') {
    const rule = input.rules.get(`${origin.planId}/${origin.ruleId}`);
    if (rule !== undefined) return describeRule(rule);
    return { kind: 'rule', label: `${origin.planId}/${origin.ruleId}`, vault };
  }
  const started = input.onDemand.get(origin.jobId);
  return { kind: 'on-demand', label: started?.address ?? `on-demand job ${origin.jobId}`, vault: started?.vault ?? vault };
}

function resourceReport(entry: InventoryEntry, matching: readonly RuleInfo[], points: PointHistory[], jobs: JobOutcome[], input: ReportInput): ResourceReport {
  const origins = new Map<string, { description: OriginDescription; points: PointHistory[]; jobs: JobOutcome[] }>();
  const groupFor = (origin: PointOrigin, vault: string) => {
    const key = originKey(origin);
    let group = origins.get(key);
    if (group === undefined) {
      group = { description: describeOrigin(origin, input, vault), points: [], jobs: [] };
      origins.set(key, group);
    }
    return group;
  };
  // Every matching rule gets a row, even one that produced nothing: that is worth seeing.
  for (const rule of matching) groupFor({ kind: 'rule', planId: rule.planId, ruleId: rule.ruleId }, rule.vault);
  for (const point of points) groupFor(point.origin, point.vaultName).points.push(point);
  for (const job of jobs) groupFor(job.origin, '').jobs.push(job);

  const originReports: OriginReport[] = [...origins.values()].map(({ description, points: mine, jobs: theirs }) => ({
    ...description,
    existing: tiers(mine),
    created: mine.length,
    expired: mine.filter((p) => p.deletedAt !== undefined).length,
    failedJobs: theirs.filter((j) => FAILED_STATES.has(j.state)).length,
    worstGap: worstGap(
      mine.map((p) => p.createdAt),
      input.end,
    ),
  }));
  originReports.sort((a, b) => (a.kind === b.kind ? a.label.localeCompare(b.label) : a.kind === 'rule' ? -1 : 1));

  const existing = points.filter((p) => p.deletedAt === undefined).sort((a, b) => a.createdAt - b.createdAt);
  const oldest = existing.find((p) => input.restorable(p));
  const failures = jobs.filter((j) => FAILED_STATES.has(j.state));
  const times = points.map((p) => p.createdAt);
  return {
    arn: entry.arn,
    name: entry.name,
    type: entry.type,
    id: entry.id,
    region: entry.region,
    status: matching.length > 0 ? 'protected' : 'on-demand only',
    origins: originReports,
    existing: sumTiers(originReports.map((o) => o.existing)),
    created: points.length,
    expired: points.filter((p) => p.deletedAt !== undefined).length,
    failedJobs: failures.length,
    ...(times.length > 0 ? { firstBackupAt: Math.min(...times) } : {}),
    ...(times.length > 0 ? { worstGap: worstGap(times, input.end) } : {}),
    ...(oldest !== undefined
      ? {
          oldestRestorable: {
            createdAt: oldest.createdAt,
            label: describeOrigin(oldest.origin, input, oldest.vaultName).label,
            vault: oldest.vaultName,
            storageClass: oldest.storageClass,
          },
        }
      : {}),
    ...(failures.length > 0 && failures[failures.length - 1]!.statusMessage !== undefined
      ? { lastFailure: failures[failures.length - 1]!.statusMessage }
      : {}),
  };
}

export function buildReport(input: ReportInput): SimulationReport {
  // Copies are counted per destination; the resources' rows count the backups themselves.
  const copies = input.points.filter((p) => p.copiedFrom !== undefined);
  const pointsByResource = new Map<string, PointHistory[]>();
  for (const point of input.points) {
    if (point.copiedFrom !== undefined) continue;
    const key = resourceKey(point.account, point.resourceArn);
    pointsByResource.set(key, [...(pointsByResource.get(key) ?? []), point]);
  }
  const jobsByResource = new Map<string, JobOutcome[]>();
  for (const job of input.jobs) {
    const key = resourceKey(job.account, job.resourceArn);
    jobsByResource.set(key, [...(jobsByResource.get(key) ?? []), job]);
  }
  const known = new Map(input.inventory.map((entry) => [resourceKey(entry.account, entry.arn), entry]));
  // Resources backed up although the inventory does not list them (an on-demand backup by ARN).
  for (const key of new Set([...pointsByResource.keys(), ...jobsByResource.keys()])) {
    if (known.has(key)) continue;
    const [account = '0', arn = ''] = key.split('\u0000');
    known.set(key, { account: Number(account), arn, name: arn, type: 'unknown', id: resourceIdOfArn(arn) ?? arn, region: parseArn(arn)?.region ?? '' });
  }

  const resources: ResourceReport[] = [];
  const unprotected: UnprotectedResource[] = [];
  const protectedArns = new Set<string>();
  for (const [key, entry] of known) {
    const matching = input.protection.get(key) ?? [];
    const points = pointsByResource.get(key) ?? [];
    const jobs = jobsByResource.get(key) ?? [];
    if (matching.length === 0 && points.length === 0 && jobs.length === 0) continue;
    protectedArns.add(key);
    resources.push(resourceReport(entry, matching, points, jobs, input));
  }
  for (const [key, entry] of known) {
    if (protectedArns.has(key)) continue;
    const instance = entry.attachedTo === undefined ? undefined : known.get(resourceKey(entry.account, entry.attachedTo));
    const withInstance = instance !== undefined && (input.protection.get(resourceKey(entry.account, instance.arn))?.length ?? 0) > 0;
    unprotected.push({
      arn: entry.arn,
      name: entry.name,
      type: entry.type,
      id: entry.id,
      region: entry.region,
      ...(withInstance ? { backedUpWith: instance.name } : {}),
    });
  }
  const byName = (a: { name: string; arn: string }, b: { name: string; arn: string }) => a.name.localeCompare(b.name) || a.arn.localeCompare(b.arn);
  resources.sort(byName);
  unprotected.sort(byName);
  return {
    start: input.start,
    end: input.end,
    days: input.days,
    resources,
    unprotected,
    copies: copyDestinations(copies, input.copyJobs ?? [], input.end, (account, arn) => known.get(resourceKey(account, arn))?.name ?? arn),
    restoreTests: [...(input.restoreTests ?? [])],
    totals: {
      protectedResources: resources.filter((r) => r.status === 'protected').length,
      existing: sumTiers(resources.map((r) => r.existing)),
      created: resources.reduce((n, r) => n + r.created, 0),
      expired: resources.reduce((n, r) => n + r.expired, 0),
      failedJobs: resources.reduce((n, r) => n + r.failedJobs, 0),
    },
  };
}
