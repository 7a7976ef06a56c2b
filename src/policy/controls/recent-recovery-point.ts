// last_recovery_point_created: every resource in scope has a completed recovery point newer than
// the required age. Needs the account's recovery points, so only with -refresh; ages are measured
// on the account's clock (the sandbox's virtual time).
import type { ControlContext, ControlOutcome, RawFinding } from '../context.js';
import { numberParameter, stringParameter } from '../parameters.js';

const HOUR_MS = 3_600_000;

export function evaluateRecentRecoveryPoint(ctx: ControlContext): ControlOutcome {
  const points = ctx.inputs.recoveryPoints;
  if (points === undefined) {
    return { evaluated: [], findings: [], notEvaluated: 'not evaluated (needs -refresh): the age of recovery points can only be read from the account' };
  }
  const unit = stringParameter(ctx, 'recovery_point_age_unit')!;
  const value = numberParameter(ctx, 'recovery_point_age_value')!;
  const maxAgeMs = value * (unit === 'hours' ? 1 : 24) * HOUR_MS;
  const now = ctx.inputs.now.getTime();
  const findings: RawFinding[] = [];
  for (const resource of ctx.scoped) {
    const completed = points.filter((p) => p.resourceArn === resource.arn && (p.status === 'COMPLETED' || p.status === 'AVAILABLE'));
    const newest = completed.reduce<Date | undefined>((best, p) => (best === undefined || p.createdAt > best ? p.createdAt : best), undefined);
    if (newest !== undefined && now - newest.getTime() <= maxAgeMs) continue;
    const age = newest === undefined ? 'has no completed recovery point' : `has its newest completed recovery point from ${newest.toISOString()} (${Math.floor((now - newest.getTime()) / HOUR_MS)} hours ago)`;
    findings.push({
      resource: resource.arn,
      resourceType: resource.type,
      message: `${resource.type} resource ${resource.arn} ${age}; the policy requires one from the last ${value} ${value === 1 ? unit.replace(/s$/, '') : unit}. Check its backup jobs (bkp jobs --all) and the schedule of the plan that protects it.`,
      range: resource.range ?? ctx.controlRange,
    });
  }
  return { evaluated: ctx.scoped.map((r) => r.arn), findings };
}
