// A small evaluator of Audit Manager's controls against the sandbox account, for the compliance
// report templates. On AWS the evaluation is AWS Config's; `bkp check` (src/policy) is bkp's own,
// over the configuration. The sandbox may not import src/policy (DESIGN.md §1: sandbox → domain,
// core), so this evaluates each control from the account's records, with the parameter names and
// defaults of the shared table (domain/audit-controls.ts):
// - plan frequency and retention: per backup plan, COMPLIANT when one of its rules runs at least
//   that often (a continuous rule counts) and keeps its points at least that long;
// - recovery point retention and encryption: per recovery point of the region (warm or cold);
// - resource controls: per active resource of the region in the control's scope (types, ids,
//   tags), judged from plans' selections, completed copy jobs, vault locks and recovery points.
// ⚠ Controls bkp does not model (e.g. BACKUP_RECOVERY_POINT_MANUAL_DELETION_DISABLED) are left out
// of the report rather than guessed.
import { AUDIT_CONTROLS, controlByAuditManagerName, parameterDefault, RESTORE_TIME_WINDOW_DAYS, type ControlName } from '../../domain/audit-controls.js';
import { parseBackupVaultArn } from '../../domain/arn.js';
import { minimumInterval, parseSchedule } from '../../domain/cron.js';
import { BACKUP_RESOURCE_TYPE, regionOf, type SourceResource } from '../inventory.js';
import type { AccountState, BackupRegionState, FrameworkRecord, PlanRecord } from '../state.js';
import { matchedResources } from './scheduler.js';

export type ComplianceStatus = 'COMPLIANT' | 'NON_COMPLIANT';

export interface ResourceEvaluation {
  resourceType: string;
  resourceId: string;
  resourceArn: string;
  status: ComplianceStatus;
}

export interface ControlEvaluation {
  /** Audit Manager's ControlName. */
  controlName: string;
  evaluations: ResourceEvaluation[];
}

type Control = FrameworkRecord['controls'][number];

const DAY_MS = 86_400_000;
const HOUR_MS = 3_600_000;

/** A control's parameter as sent (by Audit Manager name), else the shared table's default. */
function parameter(control: Control, name: ControlName, bkpName: string): string | undefined {
  const spec = AUDIT_CONTROLS[name].parameters.find((p) => p.name === bkpName);
  const sent = control.ControlInputParameters?.find((p) => p.ParameterName === spec?.awsName)?.ParameterValue;
  if (sent !== undefined && sent !== '') return sent;
  const fallback = parameterDefault(name, bkpName);
  return fallback === undefined ? undefined : String(fallback);
}

function numberParameter(control: Control, name: ControlName, bkpName: string): number | undefined {
  const value = parameter(control, name, bkpName);
  return value === undefined ? undefined : Number(value);
}

function listParameter(control: Control, name: ControlName, bkpName: string): string[] | undefined {
  const value = parameter(control, name, bkpName);
  return value === undefined ? undefined : value.split(',').map((v) => v.trim()).filter((v) => v !== '');
}

function unitMs(unit: string | undefined): number {
  return unit?.toLowerCase() === 'hours' ? HOUR_MS : DAY_MS;
}

/** AWS evaluates only active resources: a stopped EC2 instance is left out (Audit Manager guide). */
function isActive(resource: SourceResource): boolean {
  if (resource.type === 'ec2-instance') return resource.state === 'running';
  return !/^(terminated|deleted|deleting|failed)$/i.test(resource.state);
}

function inScope(control: Control, resource: SourceResource): boolean {
  const scope = (control.ControlScope ?? {}) as { ComplianceResourceIds?: string[]; ComplianceResourceTypes?: string[]; Tags?: Record<string, string> };
  const type = BACKUP_RESOURCE_TYPE[resource.type].toLowerCase();
  if (scope.ComplianceResourceTypes !== undefined && scope.ComplianceResourceTypes.length > 0) {
    if (!scope.ComplianceResourceTypes.some((t) => t.toLowerCase() === type)) return false;
  }
  if (scope.ComplianceResourceIds !== undefined && scope.ComplianceResourceIds.length > 0 && !scope.ComplianceResourceIds.includes(resource.id)) return false;
  for (const [key, value] of Object.entries(scope.Tags ?? {})) if (resource.tags[key] !== value) return false;
  return true;
}

function livePlans(region: BackupRegionState): PlanRecord[] {
  return Object.values(region.plans).filter((p) => p.deletionDate === undefined);
}

function planMeetsFrequencyAndRetention(plan: PlanRecord, frequencyMs: number, retentionDays: number, now: number): boolean {
  const rules = plan.versions[plan.versions.length - 1]!.document.Rules;
  return rules.some((rule) => {
    const keeps = rule.Lifecycle?.DeleteAfterDays ?? Number.POSITIVE_INFINITY;
    if (keeps < retentionDays) return false;
    if (rule.EnableContinuousBackup === true) return true;
    const parsed = parseSchedule(rule.ScheduleExpression);
    if (!parsed.ok) return false;
    return minimumInterval(parsed.cron, rule.ScheduleExpressionTimezone || 'Etc/UTC', new Date(now)) * 60_000 <= frequencyMs;
  });
}

function status(ok: boolean): ComplianceStatus {
  return ok ? 'COMPLIANT' : 'NON_COMPLIANT';
}

/** `judge` answers undefined for a resource the control does not apply to: it gets no row. */
function evaluateResources(account: AccountState, regionName: string, control: Control, judge: (resource: SourceResource) => boolean | undefined): ResourceEvaluation[] {
  const rows: ResourceEvaluation[] = [];
  for (const r of account.inventory) {
    if (regionOf(r) !== regionName || !isActive(r) || !inScope(control, r)) continue;
    const compliant = judge(r);
    if (compliant !== undefined) rows.push({ resourceType: BACKUP_RESOURCE_TYPE[r.type], resourceId: r.id, resourceArn: r.arn, status: status(compliant) });
  }
  return rows;
}

/** The completed copy jobs of every region, by the resource they copied. */
function copyDestinations(account: AccountState): Map<string, { region: string; account: string }[]> {
  const byResource = new Map<string, { region: string; account: string }[]>();
  for (const region of Object.values(account.backup)) {
    for (const job of Object.values(region.copyJobs ?? {})) {
      if (job.state !== 'COMPLETED') continue;
      const vault = parseBackupVaultArn(job.destinationVaultArn);
      const list = byResource.get(job.resourceArn) ?? [];
      list.push({ region: job.destinationRegion, account: vault?.account ?? account.accountId });
      byResource.set(job.resourceArn, list);
    }
  }
  return byResource;
}

function evaluateControl(account: AccountState, regionName: string, control: Control, name: ControlName, now: number): ResourceEvaluation[] {
  const region = account.backup[regionName];
  if (region === undefined) return [];
  const points = Object.values(region.recoveryPoints).filter((p) => p.storageClass !== 'DELETED');
  const pointsOf = (resource: SourceResource) => points.filter((p) => p.resourceArn === resource.arn);
  switch (name) {
    case 'backup_plan_min_frequency_and_min_retention': {
      const frequencyMs = (numberParameter(control, name, 'required_frequency_value') ?? 1) * unitMs(parameter(control, name, 'required_frequency_unit'));
      const retentionDays = numberParameter(control, name, 'required_retention_days') ?? 35;
      return livePlans(region).map((plan) => ({
        resourceType: 'AWS::Backup::BackupPlan',
        resourceId: plan.id,
        resourceArn: plan.arn,
        status: status(planMeetsFrequencyAndRetention(plan, frequencyMs, retentionDays, now)),
      }));
    }
    case 'recovery_point_minimum_retention': {
      const retentionDays = numberParameter(control, name, 'required_retention_days') ?? 35;
      return points.map((p) => ({
        resourceType: 'AWS::Backup::RecoveryPoint',
        resourceId: p.arn.split(':').pop() ?? p.arn,
        resourceArn: p.arn,
        status: status((p.lifecycle?.DeleteAfterDays ?? Number.POSITIVE_INFINITY) >= retentionDays),
      }));
    }
    case 'recovery_point_encrypted':
      return points.map((p) => ({ resourceType: 'AWS::Backup::RecoveryPoint', resourceId: p.arn.split(':').pop() ?? p.arn, resourceArn: p.arn, status: status(p.encryptionKeyArn !== '') }));
    case 'resources_protected_by_backup_plan': {
      const protectedArns = new Set(livePlans(region).flatMap((plan) => matchedResources(plan, regionName, account.inventory, region).map((m) => m.resource.arn)));
      return evaluateResources(account, regionName, control, (r) => protectedArns.has(r.arn));
    }
    case 'resources_protected_by_cross_region': {
      const wanted = listParameter(control, name, 'regions');
      const copies = copyDestinations(account);
      return evaluateResources(account, regionName, control, (r) =>
        (copies.get(r.arn) ?? []).some((c) => c.region !== regionName && (wanted === undefined || wanted.includes(c.region))),
      );
    }
    case 'resources_protected_by_cross_account': {
      const wanted = listParameter(control, name, 'accounts');
      const copies = copyDestinations(account);
      return evaluateResources(account, regionName, control, (r) =>
        (copies.get(r.arn) ?? []).some((c) => c.account !== account.accountId && (wanted === undefined || wanted.includes(c.account))),
      );
    }
    case 'resources_protected_by_backup_vault_lock': {
      const min = numberParameter(control, name, 'min_retention_days');
      const max = numberParameter(control, name, 'max_retention_days');
      return evaluateResources(account, regionName, control, (r) =>
        pointsOf(r).some((p) => {
          const lock = region.vaults[p.vaultName]?.lock;
          if (lock === undefined) return false;
          if (min !== undefined && (lock.minRetentionDays ?? 0) < min) return false;
          return max === undefined || (lock.maxRetentionDays !== undefined && lock.maxRetentionDays <= max);
        }),
      );
    }
    case 'last_recovery_point_created': {
      const ageMs = (numberParameter(control, name, 'recovery_point_age_value') ?? 1) * unitMs(parameter(control, name, 'recovery_point_age_unit'));
      return evaluateResources(account, regionName, control, (r) => pointsOf(r).some((p) => p.creationDate >= now - ageMs));
    }
    case 'restore_time_for_resources_meet_target': {
      // As bkp check judges it: the latest restore of each resource completed in the window, from
      // creation to completion in whole minutes; a resource never restored there is not judged.
      const maxMinutes = numberParameter(control, name, 'max_restore_time') ?? Number.POSITIVE_INFINITY;
      const since = now - RESTORE_TIME_WINDOW_DAYS * 86_400_000;
      const latest = new Map<string, number>();
      const completed = Object.values(region.restoreJobs ?? {})
        .filter((j) => j.status === 'COMPLETED' && j.completionDate !== undefined && j.completionDate >= since)
        .sort((a, b) => a.completionDate! - b.completionDate!);
      for (const job of completed) latest.set(job.sourceResourceArn, Math.ceil((job.completionDate! - job.creationDate) / 60_000));
      return evaluateResources(account, regionName, control, (r) => (latest.has(r.arn) ? latest.get(r.arn)! <= maxMinutes : undefined));
    }
  }
}

/** Each control of the framework that bkp models, evaluated in `regionName` at `now`. */
export function evaluateFramework(account: AccountState, regionName: string, framework: FrameworkRecord, now: number): ControlEvaluation[] {
  const result: ControlEvaluation[] = [];
  for (const control of framework.controls) {
    const name = controlByAuditManagerName(control.ControlName);
    if (name === undefined) continue;
    result.push({ controlName: control.ControlName, evaluations: evaluateControl(account, regionName, control, name, now) });
  }
  return result;
}
