// recovery_point_minimum_retention: every lifecycle that creates recovery points keeps them long
// enough — the rules and copy actions of backup plans, on-demand backups, and with -refresh the
// recovery points the account holds.
import { lifecycleDays } from '../../resources/rules/lifecycle.js';
import { resourceRange } from '../config-facts.js';
import type { ControlContext, ControlOutcome, RawFinding } from '../context.js';
import { numberParameter } from '../parameters.js';

const DAY_MS = 86_400_000;

export function evaluateMinimumRetention(ctx: ControlContext): ControlOutcome {
  const required = numberParameter(ctx, 'required_retention_days')!;
  const findings: RawFinding[] = [];
  const evaluated: string[] = [];
  const tooShort = (days: number | undefined) => days !== undefined && days < required;
  const fix = `Set delete_after_days to ${required} or more (or remove it to keep recovery points forever).`;

  for (const plan of ctx.plans) {
    const address = plan.subject;
    const about = { resource: address, resourceType: plan.resourceType, ...(plan.member ? { account: plan.member } : {}) };
    evaluated.push(address);
    for (const rule of plan.rules) {
      if (tooShort(rule.deleteAfterDays)) {
        findings.push({
          ...about,
          message: `Rule "${rule.name}" of ${address} deletes its recovery points after ${rule.deleteAfterDays} days; the policy requires at least ${required}. ${fix}`,
          range: plan.rangeOf(rule.deletePath) ?? ctx.controlRange,
        });
      }
      for (const copy of rule.copies) {
        if (!tooShort(copy.deleteAfterDays) || (copy.deletePath === rule.deletePath && tooShort(rule.deleteAfterDays))) continue;
        findings.push({
          ...about,
          message: `The copy of rule "${rule.name}" of ${address} to ${copy.destinationArn ?? 'another vault'} is kept ${copy.deleteAfterDays} days; the policy requires at least ${required}. ${fix}`,
          range: plan.rangeOf(copy.deletePath) ?? ctx.controlRange,
        });
      }
    }
  }
  for (const backup of ctx.facts.onDemand) {
    evaluated.push(backup.address);
    const days = lifecycleDays(backup.attributes.lifecycle).deleteAfterDays;
    if (!tooShort(days)) continue;
    const path = backup.ranges.has('/lifecycle/delete_after_days') ? '/lifecycle/delete_after_days' : '/lifecycle';
    findings.push({
      resource: backup.address,
      resourceType: 'on_demand_backup',
      message: `${backup.address} keeps its recovery point ${days} days; the policy requires at least ${required}. ${fix}`,
      range: resourceRange(backup, path),
    });
  }
  for (const point of ctx.inputs.recoveryPoints ?? []) {
    if (point.status !== 'COMPLETED' && point.status !== 'PARTIAL' && point.status !== 'AVAILABLE') continue;
    evaluated.push(point.arn);
    if (point.deleteAt === undefined) continue;
    const days = Math.round((point.deleteAt.getTime() - point.createdAt.getTime()) / DAY_MS);
    if (days >= required) continue;
    findings.push({
      resource: point.arn,
      resourceType: 'recovery_point',
      message: `Recovery point ${point.arn} of ${point.resourceArn} in vault "${point.vaultName}" is deleted ${days} days after its creation (${point.deleteAt.toISOString()}); the policy requires at least ${required}. Change its lifecycle (UpdateRecoveryPointLifecycle) or the rule that made it.`,
      range: ctx.controlRange,
    });
  }
  return { evaluated, findings };
}
