// Audit Manager report jobs on the wire: StartReportJob, DescribeReportJob and ListReportJobs
// (filters ReportPlanName, CreationBefore/After, Status; MaxResults/NextToken), with the model's
// validation. The jobs themselves run on the clock (engine/report-jobs.ts).
import { createReportJob } from '../engine/report-jobs.js';
import type { ReportJobRecord } from '../state.js';
import { checkAuditName } from './frameworks.js';
import { notFound } from './errors.js';
import { compact, epochSeconds, optionalString, paginate, PASCAL_CASE_PAGE_QUERY, queryEnum, queryString, queryTime, type BackupCall, type Json } from './wire.js';

const DAY_MS = 86_400_000;
/** ListReportJobs' ByStatus values as the model documents them (COMPLETED_WITH_ISSUES matches no report job). */
const REPORT_JOB_STATUSES = ['CREATED', 'RUNNING', 'COMPLETED', 'FAILED', 'COMPLETED_WITH_ISSUES'] as const;

function view(job: ReportJobRecord): Json {
  return compact({
    ReportJobId: job.id,
    ReportPlanArn: job.reportPlanArn,
    ReportTemplate: job.reportTemplate,
    CreationTime: epochSeconds(job.creationTime),
    CompletionTime: epochSeconds(job.completionTime),
    Status: job.status,
    StatusMessage: job.statusMessage,
    ReportDestination: compact({ S3BucketName: job.bucket, S3Keys: job.keys }),
  });
}

export function startReportJob(call: BackupCall): Json {
  const name = call.params['reportPlanName'] ?? '';
  checkAuditName(name, 'reportPlanName');
  const plan = call.scope.region.reportPlans?.[name];
  if (plan === undefined) throw notFound(`Report plan ${name} not found.`);
  const token = optionalString(call.body, 'IdempotencyToken');
  if (token !== undefined) {
    const earlier = Object.values(call.scope.region.reportJobs ?? {}).find((j) => j.idempotencyToken === token && j.reportPlanArn === plan.arn);
    if (earlier !== undefined) return { ReportJobId: earlier.id };
  }
  // An on-demand report covers the 24 hours before it starts.
  const job = createReportJob(call.scope, plan, call.now, call.now - DAY_MS, call.now, token);
  call.ctx.markChanged();
  return { ReportJobId: job.id };
}

export function describeReportJob(call: BackupCall): Json {
  const id = call.params['reportJobId'] ?? '';
  const job = call.scope.region.reportJobs?.[id];
  if (job === undefined) throw notFound(`Report job ${id} not found.`);
  return { ReportJob: view(job) };
}

export function listReportJobs(call: BackupCall): Json {
  const planName = queryString(call, 'ReportPlanName');
  if (planName !== undefined) checkAuditName(planName, 'byReportPlanName');
  const status = queryEnum(call, 'Status', 'byStatus', REPORT_JOB_STATUSES);
  const before = queryTime(call, 'CreationBefore');
  const after = queryTime(call, 'CreationAfter');
  const all = Object.values(call.scope.region.reportJobs ?? {});
  if (planName !== undefined && call.scope.region.reportPlans?.[planName] === undefined && !all.some((j) => j.reportPlanName === planName)) {
    throw notFound(`Report plan ${planName} not found.`);
  }
  const jobs = all
    .filter(
      (j) =>
        (planName === undefined || j.reportPlanName === planName) &&
        (status === undefined || j.status === status) &&
        (before === undefined || j.creationTime < before) &&
        (after === undefined || j.creationTime > after),
    )
    .sort((a, b) => b.creationTime - a.creationTime || a.id.localeCompare(b.id));
  const page = paginate(call, jobs, 'ListReportJobs', 1000, PASCAL_CASE_PAGE_QUERY);
  return compact({ ReportJobs: page.items.map(view), NextToken: page.nextToken });
}
