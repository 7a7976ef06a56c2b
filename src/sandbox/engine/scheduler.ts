// Scheduled backup rules: each cron tick of a plan's rule (in the rule's time zone) starts one job
// per resource its selections match, with StartBy = tick + start window.
import { parseBackupVaultArn } from '../../domain/arn.js';
import { nextFireTimes, parseSchedule } from '../../domain/cron.js';
import { selectionMatches } from '../../domain/selection-match.js';
import { BACKUP_RESOURCE_TYPE, regionOf, type SourceResource } from '../inventory.js';
import type { BackupRegionState, JobRecord, PlanRecord, PlanRule, VaultRecord } from '../state.js';
import { createJob, type EngineScope } from './jobs.js';
import { selectionMayBackUp } from './opt-in.js';
import { selectionCriteria } from './selection-criteria.js';

/** The rule's first tick strictly after `after`, or undefined when it never fires (again). */
export function nextTickOf(rule: PlanRule, after: number): number | undefined {
  if (rule.EnableContinuousBackup === true && rule.ScheduleExpression === '') return undefined;
  const parsed = parseSchedule(rule.ScheduleExpression);
  if (!parsed.ok) return undefined;
  const [next] = nextFireTimes(parsed.cron, new Date(after), rule.ScheduleExpressionTimezone || 'Etc/UTC', 1);
  return next?.getTime();
}

/** Recompute every rule's next tick (after a create or update of the plan). */
export function schedulePlan(plan: PlanRecord, now: number): void {
  const current = plan.versions[plan.versions.length - 1]!;
  const ticks: Record<string, number> = {};
  for (const rule of current.document.Rules) {
    const next = nextTickOf(rule, now);
    if (next !== undefined) ticks[rule.RuleId] = next;
  }
  plan.nextTicks = ticks;
}

/**
 * The resources of the plan's region its selections match, each once. Given the region's state,
 * only those the service opt-in lets AWS Backup back up (engine/opt-in.ts).
 */
export function matchedResources(
  plan: PlanRecord,
  regionName: string,
  inventory: readonly SourceResource[],
  region?: BackupRegionState,
): { resource: SourceResource; iamRoleArn: string }[] {
  const result: { resource: SourceResource; iamRoleArn: string }[] = [];
  const seen = new Set<string>();
  const selections = Object.values(plan.selections).sort((a, b) => a.creationDate - b.creationDate || a.id.localeCompare(b.id));
  for (const selection of selections) {
    const criteria = selectionCriteria(selection.selection);
    for (const resource of inventory) {
      if (seen.has(resource.arn)) continue;
      if (regionOf(resource) !== regionName) continue;
      if (!selectionMatches(criteria, resource)) continue;
      if (region !== undefined && !selectionMayBackUp(region, BACKUP_RESOURCE_TYPE[resource.type], criteria.resources ?? [])) continue;
      seen.add(resource.arn);
      result.push({ resource, iamRoleArn: selection.selection.IamRoleArn });
    }
  }
  return result;
}

const MINUTE_MS = 60_000;

/** Days a rule keeps its recovery points; no DeleteAfterDays keeps them forever. */
function retentionDays(rule: PlanRule): number {
  const days = rule.Lifecycle?.DeleteAfterDays;
  return days === undefined || days <= 0 ? Number.POSITIVE_INFINITY : days;
}

/**
 * The rule of the same plan that takes this tick's backup instead of `rule`, if any. AWS Backup:
 * "If you have a backup plan with multiple rules and the time frames of the two rules overlap,
 * AWS Backup optimizes the backup and takes a backup for the rule with the longer retention time.
 * The optimization takes into account the full start window" (developer guide, "Backup plan
 * options and configuration"). ⚠ Equal retention: the rule listed first wins (AWS does not say).
 * Continuous (PITR) rules follow their own overlap rules and take no part here.
 */
export function overlappingWinner(rules: readonly PlanRule[], rule: PlanRule, tick: number): PlanRule | undefined {
  if (rule.EnableContinuousBackup === true) return undefined;
  const index = rules.indexOf(rule);
  const retention = retentionDays(rule);
  const windowEnd = tick + rule.StartWindowMinutes * MINUTE_MS;
  for (const [otherIndex, other] of rules.entries()) {
    if (other === rule || other.EnableContinuousBackup === true) continue;
    const otherRetention = retentionDays(other);
    const outranks = otherRetention > retention || (otherRetention === retention && otherIndex < index);
    if (!outranks) continue;
    // The other rule's windows [t, t + its window) overlap [tick, windowEnd) when some t lies in
    // (tick - its window, windowEnd).
    const candidate = nextTickOf(other, tick - other.StartWindowMinutes * MINUTE_MS);
    if (candidate !== undefined && candidate < windowEnd) return other;
  }
  return undefined;
}

/**
 * Where the rule's TargetLogicallyAirGappedBackupVaultArn sends its recovery points, as a vault
 * name of the region (the job engine's airGappedVaultName). AWS: "ARN must be in the same account
 * and Region"; an ARN of another account or Region names no vault of this one, so it is kept whole
 * and the job fails at its start, as a job into a vault that does not exist.
 */
export function airGappedTargetOf(rule: PlanRule, regionName: string, accountId: string): string | undefined {
  const arn = rule.TargetLogicallyAirGappedBackupVaultArn;
  if (arn === undefined) return undefined;
  const parsed = parseBackupVaultArn(arn);
  const local = parsed !== undefined && parsed.region === regionName && parsed.account === accountId;
  return local ? parsed.name : arn;
}

/**
 * A policy plan's rule into a vault the account lacks still starts its jobs, which then fail at
 * their start ("Backup vault … does not exist."): the policy names the vault without anyone
 * checking that each account has it, and the failed job is how the account learns it does not.
 */
function absentVaultOfPolicyPlan(scope: EngineScope, plan: PlanRecord, name: string): VaultRecord | undefined {
  if (plan.managedByOrganization !== true) return undefined;
  return { name, arn: `arn:aws:backup:${scope.regionName}:${scope.account.accountId}:backup-vault:${name}`, encryptionKeyArn: '', creationDate: 0 };
}

/** Run the tick of `ruleId` at `tick`: create its jobs (returned) and schedule the following tick. */
export function runTick(scope: EngineScope, plan: PlanRecord, ruleId: string, tick: number): JobRecord[] {
  const created: JobRecord[] = [];
  const version = plan.versions[plan.versions.length - 1]!;
  const rule = version.document.Rules.find((r) => r.RuleId === ruleId);
  if (rule === undefined || plan.deletionDate !== undefined) {
    delete plan.nextTicks[ruleId];
    return created;
  }
  const vault = scope.region.vaults[rule.TargetBackupVaultName] ?? absentVaultOfPolicyPlan(scope, plan, rule.TargetBackupVaultName);
  if (vault !== undefined && overlappingWinner(version.document.Rules, rule, tick) === undefined) {
    const ec2Options = version.document.AdvancedBackupSettings?.find((s) => s.ResourceType === 'EC2')?.BackupOptions;
    const airGappedVaultName = airGappedTargetOf(rule, scope.regionName, scope.account.accountId);
    for (const { resource, iamRoleArn } of matchedResources(plan, scope.regionName, scope.account.inventory, scope.region)) {
      const job = createJob(
        scope,
        {
          vault,
          resourceArn: resource.arn,
          iamRoleArn,
          startWindowMinutes: rule.StartWindowMinutes,
          completeWindowMinutes: rule.CompletionWindowMinutes,
          lifecycle: rule.Lifecycle,
          recoveryPointTags: rule.RecoveryPointTags,
          backupOptions: resource.type === 'ec2-instance' ? ec2Options : undefined,
          ...(airGappedVaultName !== undefined ? { airGappedVaultName } : {}),
          createdBy: { BackupPlanId: plan.id, BackupPlanArn: plan.arn, BackupPlanVersion: version.versionId, BackupRuleId: rule.RuleId },
        },
        tick,
      );
      created.push(job);
    }
    plan.lastExecutionDate = tick;
  }
  // ⚠ A rule whose vault is missing simply produces no jobs (AWS reports nothing either).
  const next = nextTickOf(rule, tick);
  if (next === undefined) delete plan.nextTicks[ruleId];
  else plan.nextTicks[ruleId] = next;
  return created;
}
