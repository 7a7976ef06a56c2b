// What a report job writes: the rows of its template, in CSV (a header line, then one line per
// row) and in JSON ({"reportItems": [...]}, as AWS's samples show). Column names are those of the
// Audit Manager developer guide's sample reports ("Choosing your report template"): the job
// reports carry the report period, account, Region, the job's id, status, resource, plan and rule,
// vault and dates; the compliance reports a framework's controls and what they evaluated. ⚠ AWS
// documents samples, not a full column list: columns beyond the samples' are the job's API fields
// under the same naming.
//
// Job reports cover jobs that ended in the window and jobs still active at its end (AWS: "jobs
// finished in the last 24 hours and all active jobs").
import { TERMINAL_COPY_JOB_STATES, TERMINAL_JOB_STATES, type AccountState, type BackupRegionState, type ReportJobRecord, type ReportPlanRecord } from '../state.js';
import { evaluateFramework } from './report-compliance.js';

export type ReportRow = Record<string, string | number>;

export interface ReportTable {
  columns: readonly string[];
  rows: ReportRow[];
}

const PERIOD = ['reportTimePeriodStart', 'reportTimePeriodEnd', 'accountId', 'region'] as const;

export const REPORT_COLUMNS: Record<string, readonly string[]> = {
  BACKUP_JOB_REPORT: [
    ...PERIOD,
    'backupJobId', 'jobStatus', 'statusMessage', 'messageCategory', 'resourceType', 'resourceArn', 'resourceName',
    'backupPlanArn', 'backupPlanName', 'backupRuleId', 'backupRuleName', 'backupRuleSchedule', 'backupRuleTimezone',
    'backupVaultName', 'backupVaultArn', 'recoveryPointArn', 'initiationDate', 'startWindowEnd', 'completionDate',
    'backupSizeInBytes', 'iamRoleArn',
  ],
  COPY_JOB_REPORT: [
    ...PERIOD,
    'copyJobId', 'jobStatus', 'statusMessage', 'resourceType', 'resourceArn', 'resourceName', 'backupPlanArn', 'backupRuleId',
    'sourceBackupVaultArn', 'sourceRecoveryPointArn', 'destinationBackupVaultArn', 'destinationRecoveryPointArn',
    'initiationDate', 'completionDate', 'backupSizeInBytes', 'iamRoleArn',
  ],
  RESTORE_JOB_REPORT: [
    ...PERIOD,
    'restoreJobId', 'jobStatus', 'statusMessage', 'resourceType', 'sourceResourceArn', 'recoveryPointArn', 'backupVaultArn',
    'createdResourceArn', 'initiationDate', 'completionDate', 'backupSizeInBytes', 'iamRoleArn', 'validationStatus', 'validationStatusMessage',
  ],
  SCAN_JOB_REPORT: [...PERIOD, 'scanJobId', 'jobStatus', 'resourceType', 'resourceArn', 'initiationDate', 'completionDate'],
  CONTROL_COMPLIANCE_REPORT: [
    ...PERIOD,
    'frameworkName', 'frameworkArn', 'controlName', 'controlComplianceStatus', 'resourcesEvaluated', 'resourcesCompliant', 'resourcesNonCompliant',
  ],
  RESOURCE_COMPLIANCE_REPORT: [
    ...PERIOD,
    'frameworkName', 'frameworkArn', 'controlName', 'resourceType', 'resourceId', 'resourceArn', 'resourceComplianceStatus',
  ],
};

const iso = (ms: number | undefined): string => (ms === undefined ? '' : new Date(ms).toISOString());

/** The Regions a plan reports on: its ReportSetting.Regions (`*`: every Region the account uses), else its own. */
export function reportRegions(account: AccountState, plan: ReportPlanRecord, planRegion: string): string[] {
  const wanted = plan.setting.Regions;
  if (wanted === undefined || wanted.length === 0) return [planRegion];
  if (wanted.includes('*')) return Object.keys(account.backup).sort();
  return [...wanted].sort();
}

/**
 * A job belongs in the report when it was created before the window's end and had not ended before
 * its start: it ended in the window, or was still active at the window's end (shown as it is when
 * the report is written).
 */
function inWindow(job: ReportJobRecord, creation: number, completion: number | undefined, terminal: boolean): boolean {
  if (creation >= job.windowEnd) return false;
  return !terminal || completion === undefined || completion >= job.windowStart;
}

function backupJobRows(regionName: string, region: BackupRegionState, job: ReportJobRecord, base: ReportRow): ReportRow[] {
  return Object.values(region.jobs)
    .filter((j) => inWindow(job, j.creationDate, j.completionDate, TERMINAL_JOB_STATES.includes(j.state)))
    .sort((a, b) => a.creationDate - b.creationDate || a.id.localeCompare(b.id))
    .map((j) => {
      const plan = j.createdBy === undefined ? undefined : region.plans[j.createdBy.BackupPlanId];
      const version = plan?.versions.find((v) => v.versionId === j.createdBy?.BackupPlanVersion) ?? plan?.versions[plan.versions.length - 1];
      const rule = version?.document.Rules.find((r) => r.RuleId === j.createdBy?.BackupRuleId);
      return {
        ...base,
        region: regionName,
        backupJobId: j.id,
        jobStatus: j.state,
        statusMessage: j.statusMessage ?? '',
        messageCategory: j.messageCategory ?? '',
        resourceType: j.resourceType,
        resourceArn: j.resourceArn,
        resourceName: j.resourceName ?? '',
        backupPlanArn: j.createdBy?.BackupPlanArn ?? '',
        backupPlanName: version?.document.BackupPlanName ?? '',
        backupRuleId: j.createdBy?.BackupRuleId ?? '',
        backupRuleName: rule?.RuleName ?? '',
        backupRuleSchedule: rule?.ScheduleExpression ?? '',
        backupRuleTimezone: rule?.ScheduleExpressionTimezone ?? '',
        backupVaultName: j.vaultName,
        backupVaultArn: j.vaultArn,
        recoveryPointArn: j.recoveryPointArn ?? '',
        initiationDate: iso(j.creationDate),
        startWindowEnd: iso(j.startBy),
        completionDate: iso(j.completionDate),
        backupSizeInBytes: j.backupSizeInBytes,
        iamRoleArn: j.iamRoleArn,
      };
    });
}

function copyJobRows(regionName: string, region: BackupRegionState, job: ReportJobRecord, base: ReportRow): ReportRow[] {
  return Object.values(region.copyJobs ?? {})
    .filter((j) => inWindow(job, j.creationDate, j.completionDate, TERMINAL_COPY_JOB_STATES.includes(j.state)))
    .sort((a, b) => a.creationDate - b.creationDate || a.id.localeCompare(b.id))
    .map((j) => ({
      ...base,
      region: regionName,
      copyJobId: j.id,
      jobStatus: j.state,
      statusMessage: j.statusMessage ?? '',
      resourceType: j.resourceType,
      resourceArn: j.resourceArn,
      resourceName: j.resourceName ?? '',
      backupPlanArn: j.createdBy?.BackupPlanArn ?? '',
      backupRuleId: j.createdBy?.BackupRuleId ?? '',
      sourceBackupVaultArn: j.sourceVaultArn,
      sourceRecoveryPointArn: j.sourceRecoveryPointArn,
      destinationBackupVaultArn: j.destinationVaultArn,
      destinationRecoveryPointArn: j.destinationRecoveryPointArn ?? '',
      initiationDate: iso(j.creationDate),
      completionDate: iso(j.completionDate),
      backupSizeInBytes: j.backupSizeInBytes,
      iamRoleArn: j.iamRoleArn,
    }));
}

function restoreJobRows(regionName: string, region: BackupRegionState, job: ReportJobRecord, base: ReportRow): ReportRow[] {
  const terminal = ['COMPLETED', 'ABORTED', 'FAILED'];
  return Object.values(region.restoreJobs ?? {})
    .filter((j) => inWindow(job, j.creationDate, j.completionDate, terminal.includes(j.status)))
    .sort((a, b) => a.creationDate - b.creationDate || a.id.localeCompare(b.id))
    .map((j) => ({
      ...base,
      region: regionName,
      restoreJobId: j.id,
      jobStatus: j.status,
      statusMessage: j.statusMessage ?? '',
      resourceType: j.resourceType,
      sourceResourceArn: j.sourceResourceArn,
      recoveryPointArn: j.recoveryPointArn,
      backupVaultArn: j.vaultArn,
      createdResourceArn: j.createdResourceArn ?? '',
      initiationDate: iso(j.creationDate),
      completionDate: iso(j.completionDate),
      backupSizeInBytes: j.backupSizeInBytes,
      iamRoleArn: j.iamRoleArn,
      validationStatus: j.validationStatus ?? '',
      validationStatusMessage: j.validationStatusMessage ?? '',
    }));
}

function complianceRows(account: AccountState, regionName: string, region: BackupRegionState, plan: ReportPlanRecord, base: ReportRow, perResource: boolean, now: number): ReportRow[] {
  const rows: ReportRow[] = [];
  const wanted = new Set(plan.setting.FrameworkArns ?? []);
  const frameworks = Object.values(region.frameworks ?? {})
    .filter((f) => wanted.has(f.arn))
    .sort((a, b) => a.name.localeCompare(b.name));
  for (const framework of frameworks) {
    for (const control of evaluateFramework(account, regionName, framework, now)) {
      const head = { ...base, region: regionName, frameworkName: framework.name, frameworkArn: framework.arn, controlName: control.controlName };
      if (perResource) {
        for (const e of control.evaluations) {
          rows.push({ ...head, resourceType: e.resourceType, resourceId: e.resourceId, resourceArn: e.resourceArn, resourceComplianceStatus: e.status });
        }
        continue;
      }
      const compliant = control.evaluations.filter((e) => e.status === 'COMPLIANT').length;
      const nonCompliant = control.evaluations.length - compliant;
      rows.push({
        ...head,
        controlComplianceStatus: nonCompliant === 0 ? 'COMPLIANT' : 'NON_COMPLIANT',
        resourcesEvaluated: control.evaluations.length,
        resourcesCompliant: compliant,
        resourcesNonCompliant: nonCompliant,
      });
    }
  }
  return rows;
}

/**
 * The report of `job` for `plan` (defined in `planRegion`), from the account as it is at `now`.
 * Compliance reports evaluate the frameworks of the plan's Region (frameworks are regional).
 */
export function buildReport(account: AccountState, planRegion: string, plan: ReportPlanRecord, job: ReportJobRecord, now: number): ReportTable {
  const template = plan.setting.ReportTemplate;
  const columns = REPORT_COLUMNS[template] ?? PERIOD;
  const base: ReportRow = { reportTimePeriodStart: iso(job.windowStart), reportTimePeriodEnd: iso(job.windowEnd), accountId: account.accountId };
  const rows: ReportRow[] = [];
  if (template === 'CONTROL_COMPLIANCE_REPORT' || template === 'RESOURCE_COMPLIANCE_REPORT') {
    const region = account.backup[planRegion];
    if (region !== undefined) rows.push(...complianceRows(account, planRegion, region, plan, base, template === 'RESOURCE_COMPLIANCE_REPORT', now));
    return { columns, rows };
  }
  for (const regionName of reportRegions(account, plan, planRegion)) {
    const region = account.backup[regionName];
    if (region === undefined) continue;
    if (template === 'BACKUP_JOB_REPORT') rows.push(...backupJobRows(regionName, region, job, base));
    else if (template === 'COPY_JOB_REPORT') rows.push(...copyJobRows(regionName, region, job, base));
    else if (template === 'RESTORE_JOB_REPORT') rows.push(...restoreJobRows(regionName, region, job, base));
    // SCAN_JOB_REPORT: the sandbox runs no scan jobs, so the report has its header and no rows.
  }
  return { columns, rows };
}

function csvCell(value: string | number | undefined): string {
  const text = value === undefined ? '' : String(value);
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function toCsv(table: ReportTable): string {
  const lines = [table.columns.map(csvCell).join(',')];
  for (const row of table.rows) lines.push(table.columns.map((c) => csvCell(row[c])).join(','));
  return `${lines.join('\r\n')}\r\n`;
}

export function toJson(table: ReportTable): string {
  const items = table.rows.map((row) => Object.fromEntries(table.columns.map((c) => [c, row[c] ?? ''])));
  return JSON.stringify({ reportItems: items }, null, 2);
}
