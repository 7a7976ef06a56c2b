// Audit Manager report jobs on the sandbox clock. Every report plan starts a report job each day
// at 02:00 UTC (AWS: "creates these reports between the hours of 1 and 5 AM UTC" for "the previous
// 24 hours"; the sandbox picks one fixed instant in that range so scenarios are repeatable), which
// covers the previous UTC day; StartReportJob starts one at once over the last 24 hours. A job is
// CREATED, RUNNING a minute later, and COMPLETED four minutes after that, when it writes one object
// per format of the plan's delivery channel into the sandbox's object store; FAILED when its plan
// or one of its frameworks was deleted meanwhile.
import { newUuid } from '../ids.js';
import { putObject } from '../object-store.js';
import type { BackupRegionState, ReportJobRecord, ReportPlanRecord } from '../state.js';
import type { EventQueue, QueuedEvent } from './event-queue.js';
import type { EngineScope } from './jobs.js';
import { buildReport, toCsv, toJson } from './report-content.js';

const MINUTE_MS = 60_000;
const DAY_MS = 86_400_000;
/** When the daily report job starts, as an offset into the UTC day. */
export const DAILY_REPORT_OFFSET_MS = 2 * 60 * MINUTE_MS;
const TO_RUNNING_MS = MINUTE_MS;
const TO_COMPLETED_MS = 4 * MINUTE_MS;

/** The first daily report instant strictly after `after`. */
export function nextDailyReportAt(after: number): number {
  const dayStart = Math.floor(after / DAY_MS) * DAY_MS;
  const today = dayStart + DAILY_REPORT_OFFSET_MS;
  return today > after ? today : today + DAY_MS;
}

export function nextReportOf(plan: ReportPlanRecord): number {
  return plan.nextReportAt ?? nextDailyReportAt(plan.creationTime);
}

export function isReportJobDone(job: ReportJobRecord): boolean {
  return job.status === 'COMPLETED' || job.status === 'FAILED';
}

/** A new CREATED job of `plan` over [windowStart, windowEnd). */
export function createReportJob(scope: EngineScope, plan: ReportPlanRecord, now: number, windowStart: number, windowEnd: number, token?: string): ReportJobRecord {
  const job: ReportJobRecord = {
    id: newUuid(scope.account, 'report-job'),
    reportPlanName: plan.name,
    reportPlanArn: plan.arn,
    reportTemplate: plan.setting.ReportTemplate,
    status: 'CREATED',
    creationTime: now,
    nextActionAt: now + TO_RUNNING_MS,
    windowStart,
    windowEnd,
    bucket: plan.deliveryChannel.S3BucketName,
  };
  if (token !== undefined) job.idempotencyToken = token;
  (scope.region.reportJobs ??= {})[job.id] = job;
  return job;
}

/** Where AWS documents a report lands: PREFIX/Backup/REGION/YEAR/MONTH/DAY/REPORT-NAME. ⚠ The file name is the sandbox's. */
export function reportKey(plan: ReportPlanRecord, regionName: string, job: ReportJobRecord, format: string): string {
  const date = new Date(job.creationTime).toISOString();
  const day = `${date.slice(0, 4)}/${date.slice(5, 7)}/${date.slice(8, 10)}`;
  const prefix = plan.deliveryChannel.S3KeyPrefix === undefined || plan.deliveryChannel.S3KeyPrefix === '' ? '' : `${plan.deliveryChannel.S3KeyPrefix.replace(/\/+$/, '')}/`;
  return `${prefix}Backup/${regionName}/${day}/${plan.name}_${job.reportTemplate}_${job.id}.${format.toLowerCase()}`;
}

function fail(job: ReportJobRecord, now: number, message: string): void {
  job.status = 'FAILED';
  job.statusMessage = message;
  job.completionTime = now;
  delete job.nextActionAt;
}

function complete(scope: EngineScope, job: ReportJobRecord, now: number): void {
  const plan = scope.region.reportPlans?.[job.reportPlanName];
  if (plan === undefined || plan.arn !== job.reportPlanArn) return fail(job, now, `The report plan ${job.reportPlanName} was deleted before its report was written.`);
  const frameworks = new Set(Object.values(scope.region.frameworks ?? {}).map((f) => f.arn));
  const missingFramework = (plan.setting.FrameworkArns ?? []).find((arn) => !frameworks.has(arn));
  if (missingFramework !== undefined) return fail(job, now, `Framework ${missingFramework} does not exist.`);
  const table = buildReport(scope.account, scope.regionName, plan, job, now);
  const keys: string[] = [];
  for (const format of plan.deliveryChannel.Formats) {
    const key = reportKey(plan, scope.regionName, job, format);
    const body = format === 'JSON' ? toJson(table) : toCsv(table);
    putObject(scope.account, job.bucket, key, body, format === 'JSON' ? 'application/json' : 'text/csv', now);
    keys.push(key);
  }
  job.keys = keys;
  job.status = 'COMPLETED';
  job.completionTime = now;
  delete job.nextActionAt;
}

/** The job's transition due at `now`. */
export function processReportJob(scope: EngineScope, job: ReportJobRecord, now: number): void {
  if (job.status === 'CREATED') {
    job.status = 'RUNNING';
    job.nextActionAt = now + TO_COMPLETED_MS;
  } else if (job.status === 'RUNNING') {
    complete(scope, job, now);
  }
}

/** The daily tick of `plan` at `tick`: its job over the previous UTC day, and the next tick. */
export function runDailyReport(scope: EngineScope, plan: ReportPlanRecord, tick: number): ReportJobRecord {
  const windowEnd = Math.floor(tick / DAY_MS) * DAY_MS;
  const job = createReportJob(scope, plan, tick, windowEnd - DAY_MS, windowEnd);
  plan.nextReportAt = nextDailyReportAt(tick);
  return job;
}

// How report plans and jobs take part in the clock's event loop (keys `plan/NAME`, `job/ID`).

export function queueReportEventsOf(queue: EventQueue, regionName: string, region: BackupRegionState): void {
  for (const plan of Object.values(region.reportPlans ?? {})) queue.push(nextReportOf(plan), 'report', regionName, `plan/${plan.name}`);
  for (const job of Object.values(region.reportJobs ?? {})) {
    if (!isReportJobDone(job) && job.nextActionAt !== undefined) queue.push(job.nextActionAt, 'report', regionName, `job/${job.id}`);
  }
}

export function reportEventIsCurrent(region: BackupRegionState, event: QueuedEvent): boolean {
  const [kind, name = ''] = splitKey(event.key);
  if (kind === 'plan') {
    const plan = region.reportPlans?.[name];
    return plan !== undefined && nextReportOf(plan) === event.time;
  }
  const job = region.reportJobs?.[name];
  return job !== undefined && !isReportJobDone(job) && job.nextActionAt === event.time;
}

export function processReportEvent(queue: EventQueue, scope: EngineScope, event: QueuedEvent): void {
  const [kind, name = ''] = splitKey(event.key);
  if (kind === 'plan') {
    const plan = scope.region.reportPlans![name]!;
    const job = runDailyReport(scope, plan, event.time);
    queue.push(job.nextActionAt!, 'report', scope.regionName, `job/${job.id}`);
    queue.push(plan.nextReportAt!, 'report', scope.regionName, event.key);
    return;
  }
  const job = scope.region.reportJobs![name]!;
  processReportJob(scope, job, event.time);
  if (job.nextActionAt !== undefined) queue.push(job.nextActionAt, 'report', scope.regionName, event.key);
}

function splitKey(key: string): [string, string] {
  const slash = key.indexOf('/');
  return [key.slice(0, slash), key.slice(slash + 1)];
}
