// Audit Manager report plans: Create/Describe/List/Update/DeleteReportPlan with the service's
// validation: name and description patterns, the report templates, frameworks only (and always)
// for the compliance templates and only frameworks that exist, report formats, 20 plans per
// account and Region. Their report jobs are report-jobs.ts (wire) and engine/report-jobs.ts (clock).
import { DEFAULT_REPORT_FORMATS, REPORT_FORMATS, REPORT_TEMPLATES, templateTakesFrameworks } from '../../domain/report-templates.js';
import { newUuid } from '../ids.js';
import type { ReportPlanRecord } from '../state.js';
import { issueTimestamp } from '../timestamps.js';
import { checkAuditName, readDescription } from './frameworks.js';
import { BackupApiError, invalid, missing, notFound } from './errors.js';
import { setTags, validateTags } from './tags.js';
import { compact, epochSeconds, optionalObject, optionalString, optionalStringMap, paginate, PASCAL_CASE_PAGE_QUERY, type BackupCall, type Json } from './wire.js';

/** Audit Manager's quota of report plans per account and Region. */
export const MAX_REPORT_PLANS = 20;

function stringList(body: Json, field: string, member: string): string[] | undefined {
  const v = body[field];
  if (v === undefined || v === null) return undefined;
  if (!Array.isArray(v) || v.some((x) => typeof x !== 'string')) throw invalid(`${member} must be a list of strings.`);
  return [...(v as string[])];
}

function readDeliveryChannel(body: Json): ReportPlanRecord['deliveryChannel'] {
  const channel = optionalObject(body, 'ReportDeliveryChannel');
  if (channel === undefined) throw missing('ReportDeliveryChannel');
  const bucket = optionalString(channel, 'S3BucketName');
  if (bucket === undefined) throw missing('ReportDeliveryChannel.S3BucketName');
  const prefix = optionalString(channel, 'S3KeyPrefix');
  const formats = stringList(channel, 'Formats', 'ReportDeliveryChannel.Formats') ?? [...DEFAULT_REPORT_FORMATS];
  for (const f of formats) if (!(REPORT_FORMATS as readonly string[]).includes(f)) throw invalid(`Invalid report format ${f}: use ${REPORT_FORMATS.join(' or ')}.`);
  const out: ReportPlanRecord['deliveryChannel'] = { S3BucketName: bucket, Formats: formats };
  if (prefix !== undefined) out.S3KeyPrefix = prefix;
  return out;
}

function readSetting(call: BackupCall, body: Json): ReportPlanRecord['setting'] {
  const setting = optionalObject(body, 'ReportSetting');
  if (setting === undefined) throw missing('ReportSetting');
  const template = optionalString(setting, 'ReportTemplate');
  if (template === undefined) throw missing('ReportSetting.ReportTemplate');
  if (!(REPORT_TEMPLATES as readonly string[]).includes(template)) throw invalid(`Invalid report template ${template}: use one of ${REPORT_TEMPLATES.join(', ')}.`);
  const out: ReportPlanRecord['setting'] = { ReportTemplate: template };
  const frameworkArns = stringList(setting, 'FrameworkArns', 'ReportSetting.FrameworkArns');
  const number = setting['NumberOfFrameworks'];
  if (templateTakesFrameworks(template)) {
    if (frameworkArns === undefined || frameworkArns.length === 0) throw invalid(`Report template ${template} needs FrameworkArns: the frameworks whose compliance it reports.`);
    const known = new Set(Object.values(call.scope.region.frameworks ?? {}).map((f) => f.arn));
    for (const arn of frameworkArns) if (!known.has(arn)) throw invalid(`Framework ${arn} does not exist.`);
    if (number !== undefined && number !== null && number !== frameworkArns.length) throw invalid(`NumberOfFrameworks (${String(number)}) is not the number of FrameworkArns (${frameworkArns.length}).`);
    out.FrameworkArns = frameworkArns;
    out.NumberOfFrameworks = frameworkArns.length;
  } else if ((frameworkArns !== undefined && frameworkArns.length > 0) || (number !== undefined && number !== null && number !== 0)) {
    throw invalid(`Report template ${template} reports jobs, not frameworks: leave FrameworkArns and NumberOfFrameworks out.`);
  }
  for (const field of ['Accounts', 'OrganizationUnits', 'Regions'] as const) {
    const list = stringList(setting, field, `ReportSetting.${field}`);
    if (list !== undefined && list.length > 0) out[field] = list;
  }
  return out;
}

function planOf(call: BackupCall): ReportPlanRecord {
  const name = call.params['reportPlanName'] ?? '';
  checkAuditName(name, 'reportPlanName');
  const found = call.scope.region.reportPlans?.[name];
  if (found === undefined) throw notFound(`Report plan ${name} not found.`);
  return found;
}

function view(record: ReportPlanRecord): Json {
  return compact({
    ReportPlanArn: record.arn,
    ReportPlanName: record.name,
    ReportPlanDescription: record.description,
    ReportSetting: record.setting,
    ReportDeliveryChannel: record.deliveryChannel,
    DeploymentStatus: 'COMPLETED',
    CreationTime: epochSeconds(record.creationTime),
  });
}

export function createReportPlan(call: BackupCall): Json {
  const plans = (call.scope.region.reportPlans ??= {});
  const name = optionalString(call.body, 'ReportPlanName');
  if (name === undefined) throw missing('ReportPlanName');
  checkAuditName(name, 'reportPlanName');
  const token = optionalString(call.body, 'IdempotencyToken');
  const existing = plans[name];
  if (existing !== undefined && token !== undefined && existing.idempotencyToken === token) {
    return { ReportPlanName: existing.name, ReportPlanArn: existing.arn, CreationTime: epochSeconds(existing.creationTime) };
  }
  if (existing !== undefined) throw new BackupApiError('AlreadyExistsException', `Report plan ${name} already exists.`, { Arn: existing.arn });
  const description = readDescription(call.body, 'ReportPlanDescription');
  const deliveryChannel = readDeliveryChannel(call.body);
  const setting = readSetting(call, call.body);
  if (Object.keys(plans).length >= MAX_REPORT_PLANS) throw new BackupApiError('LimitExceededException', `An account can have at most ${MAX_REPORT_PLANS} report plans per Region.`);
  const tags = optionalStringMap(call.body, 'ReportPlanTags') ?? {};
  validateTags(tags);
  const record: ReportPlanRecord = {
    name,
    arn: `arn:aws:backup:${call.ctx.region}:${call.ctx.accountId}:report-plan:${name}-${newUuid(call.ctx.account, 'report-plan')}`,
    deliveryChannel,
    setting,
    creationTime: issueTimestamp(call.ctx.account, call.now),
  };
  if (description) record.description = description;
  if (token !== undefined) record.idempotencyToken = token;
  plans[name] = record;
  if (Object.keys(tags).length > 0) setTags(call, record.arn, tags);
  call.ctx.markChanged();
  return { ReportPlanName: record.name, ReportPlanArn: record.arn, CreationTime: epochSeconds(record.creationTime) };
}

export function describeReportPlan(call: BackupCall): Json {
  return { ReportPlan: view(planOf(call)) };
}

export function updateReportPlan(call: BackupCall): Json {
  const record = planOf(call);
  const description = readDescription(call.body, 'ReportPlanDescription');
  // Every member is optional: what the request leaves out stays as it is.
  const deliveryChannel = call.body['ReportDeliveryChannel'] === undefined ? undefined : readDeliveryChannel(call.body);
  const setting = call.body['ReportSetting'] === undefined ? undefined : readSetting(call, call.body);
  if (description === '') delete record.description;
  else if (description !== undefined) record.description = description;
  if (deliveryChannel !== undefined) record.deliveryChannel = deliveryChannel;
  if (setting !== undefined) record.setting = setting;
  call.ctx.markChanged();
  return { ReportPlanName: record.name, ReportPlanArn: record.arn, CreationTime: epochSeconds(record.creationTime) };
}

export function deleteReportPlan(call: BackupCall): Json {
  const record = planOf(call);
  delete call.scope.region.reportPlans![record.name];
  delete call.scope.region.tags[record.arn];
  call.ctx.markChanged();
  return {};
}

export function listReportPlans(call: BackupCall): Json {
  const all = Object.values(call.scope.region.reportPlans ?? {}).sort((a, b) => a.name.localeCompare(b.name));
  const page = paginate(call, all, 'ListReportPlans', 1000, PASCAL_CASE_PAGE_QUERY);
  return compact({ ReportPlans: page.items.map(view), NextToken: page.nextToken });
}
