// What changes for one account when its effective backup policy changes, in the words of the
// backup plans AWS Backup creates there: a plan that appears or goes, a Region added or removed, a
// rule's schedule, retention, copies or selections. Pure: two lists of plans in, readable lines out.
import type { PolicyBackupPlan, PolicyBackupRule, PolicyBackupSelection, PolicyLifecycle } from './effective-backup-plans.js';

export interface PlanDifference {
  action: 'create' | 'update' | 'delete';
  /** One readable line: `plan "daily" rule "nightly": delete after 35 → 365 days`. */
  summary: string;
}

const days = (n: number | undefined) => (n === undefined ? 'never' : `${n} days`);

function lifecycleText(l: PolicyLifecycle | undefined): string {
  const parts = [`delete after ${days(l?.DeleteAfterDays)}`];
  if (l?.MoveToColdStorageAfterDays !== undefined) parts.push(`cold after ${days(l.MoveToColdStorageAfterDays)}`);
  return parts.join(', ');
}

function ruleText(rule: PolicyBackupRule): string {
  const parts = [`${rule.ScheduleExpression ?? 'cron(0 5 ? * * *)'}${rule.ScheduleExpressionTimezone ? ` ${rule.ScheduleExpressionTimezone}` : ''}`, `into "${rule.TargetBackupVaultName}"`, lifecycleText(rule.Lifecycle)];
  for (const copy of rule.CopyActions ?? []) parts.push(`copy to ${copy.DestinationBackupVaultArn}${copy.Lifecycle ? ` (${lifecycleText(copy.Lifecycle)})` : ''}`);
  return parts.join(', ');
}

function selectionText(s: PolicyBackupSelection): string {
  const what = s.ListOfTags?.length
    ? `tag ${s.ListOfTags[0]!.ConditionKey} = ${s.ListOfTags.map((t) => t.ConditionValue).join(' | ')}`
    : `resources ${(s.Resources ?? []).join(', ')}${s.NotResources?.length ? ` except ${s.NotResources.join(', ')}` : ''}`;
  return `${what}, role ${s.IamRoleArn}`;
}

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/** The rule's settings that differ, each as `what before → after`. */
function ruleChanges(before: PolicyBackupRule, after: PolicyBackupRule): string[] {
  const out: string[] = [];
  const field = (what: string, a: unknown, b: unknown, show: (v: any) => string = String) => {
    if (!same(a, b)) out.push(`${what} ${show(a)} → ${show(b)}`);
  };
  field('schedule', before.ScheduleExpression, after.ScheduleExpression, (v) => v ?? 'cron(0 5 ? * * *)');
  field('time zone', before.ScheduleExpressionTimezone, after.ScheduleExpressionTimezone, (v) => v ?? 'Etc/UTC');
  field('vault', before.TargetBackupVaultName, after.TargetBackupVaultName, (v) => `"${v}"`);
  field('start window', before.StartWindowMinutes, after.StartWindowMinutes, (v) => (v === undefined ? 'default' : `${v} min`));
  field('completion window', before.CompletionWindowMinutes, after.CompletionWindowMinutes, (v) => (v === undefined ? 'default' : `${v} min`));
  field('continuous backup', before.EnableContinuousBackup ?? false, after.EnableContinuousBackup ?? false);
  field('delete after', before.Lifecycle?.DeleteAfterDays, after.Lifecycle?.DeleteAfterDays, days);
  field('cold storage after', before.Lifecycle?.MoveToColdStorageAfterDays, after.Lifecycle?.MoveToColdStorageAfterDays, days);
  field('air-gapped vault', before.TargetLogicallyAirGappedBackupVaultArn, after.TargetLogicallyAirGappedBackupVaultArn, (v) => v ?? 'none');
  const copies = (r: PolicyBackupRule) => new Map((r.CopyActions ?? []).map((c) => [c.DestinationBackupVaultArn, c]));
  const [was, now] = [copies(before), copies(after)];
  for (const [arn, copy] of now) {
    const old = was.get(arn);
    if (!old) out.push(`+ copy to ${arn} (${lifecycleText(copy.Lifecycle)})`);
    else if (!same(old.Lifecycle, copy.Lifecycle)) out.push(`copy to ${arn}: ${lifecycleText(old.Lifecycle)} → ${lifecycleText(copy.Lifecycle)}`);
  }
  for (const arn of was.keys()) if (!now.has(arn)) out.push(`- copy to ${arn}`);
  field('recovery point tags', before.RecoveryPointTags ?? {}, after.RecoveryPointTags ?? {}, (v) => JSON.stringify(v));
  return out;
}

/** A plan's name and Region, as the differences name it. */
const planKey = (p: PolicyBackupPlan) => `${p.BackupPlanName}\u0000${p.region}`;
const planName = (p: PolicyBackupPlan) => `plan "${p.BackupPlanName}" in ${p.region}`;

/** The differences between the plans AWS Backup makes in an account before and after a change. */
export function planDifferences(before: readonly PolicyBackupPlan[], after: readonly PolicyBackupPlan[]): PlanDifference[] {
  const out: PlanDifference[] = [];
  const was = new Map(before.map((p) => [planKey(p), p]));
  const now = new Map(after.map((p) => [planKey(p), p]));
  for (const [key, plan] of now) {
    const old = was.get(key);
    if (!old) {
      out.push({ action: 'create', summary: `${planName(plan)}: ${plan.Rules.map((r) => `rule "${r.RuleName}" ${ruleText(r)}`).join('; ')}` });
      continue;
    }
    const oldRules = new Map(old.Rules.map((r) => [r.RuleName, r]));
    const newRules = new Map(plan.Rules.map((r) => [r.RuleName, r]));
    for (const [name, rule] of newRules) {
      const oldRule = oldRules.get(name);
      if (!oldRule) out.push({ action: 'create', summary: `${planName(plan)} rule "${name}": ${ruleText(rule)}` });
      else for (const change of ruleChanges(oldRule, rule)) out.push({ action: 'update', summary: `${planName(plan)} rule "${name}": ${change}` });
    }
    for (const name of oldRules.keys()) if (!newRules.has(name)) out.push({ action: 'delete', summary: `${planName(plan)} rule "${name}"` });
    const oldSelections = new Map(old.Selections.map((s) => [s.SelectionName, s]));
    const newSelections = new Map(plan.Selections.map((s) => [s.SelectionName, s]));
    for (const [name, selection] of newSelections) {
      const was = oldSelections.get(name);
      if (!was) out.push({ action: 'create', summary: `${planName(plan)} selection "${name}": ${selectionText(selection)}` });
      else if (!same(was, selection)) out.push({ action: 'update', summary: `${planName(plan)} selection "${name}": ${selectionText(was)} → ${selectionText(selection)}` });
    }
    for (const name of oldSelections.keys()) if (!newSelections.has(name)) out.push({ action: 'delete', summary: `${planName(plan)} selection "${name}"` });
    if (!same(old.AdvancedBackupSettings, plan.AdvancedBackupSettings)) out.push({ action: 'update', summary: `${planName(plan)}: advanced backup settings ${JSON.stringify(old.AdvancedBackupSettings ?? [])} → ${JSON.stringify(plan.AdvancedBackupSettings ?? [])}` });
    if (!same(old.BackupPlanTags, plan.BackupPlanTags)) out.push({ action: 'update', summary: `${planName(plan)}: tags ${JSON.stringify(old.BackupPlanTags ?? {})} → ${JSON.stringify(plan.BackupPlanTags ?? {})}` });
  }
  for (const [key, plan] of was) if (!now.has(key)) out.push({ action: 'delete', summary: planName(plan) });
  return out;
}
