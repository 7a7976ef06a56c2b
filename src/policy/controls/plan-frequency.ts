// backup_plan_min_frequency_and_min_retention: each backup plan needs one rule that is both
// frequent enough and kept long enough (Audit Manager: "has a backup rule that satisfies the
// required frequency and retention period").
import { knownNumber, knownString } from '../../resources/rules/problem.js';
import { resourceRange, type RuleFacts } from '../config-facts.js';
import type { ControlContext, ControlOutcome, RawFinding } from '../context.js';
import { describeHours, HOURS_PER_UNIT, scheduleIntervalHours } from '../frequency.js';

/** Continuous backup (point-in-time restore) keeps a restorable point at least hourly. */
const CONTINUOUS_INTERVAL_HOURS = 1;

interface RuleVerdict {
  rule: RuleFacts;
  intervalHours?: number;
  frequentEnough: boolean;
  keptLongEnough: boolean;
}

export function evaluatePlanFrequency(ctx: ControlContext): ControlOutcome {
  const unit = knownString(ctx.params.required_frequency_unit) ?? 'days';
  const value = knownNumber(ctx.params.required_frequency_value) ?? 1;
  const requiredHours = value * (HOURS_PER_UNIT[unit] ?? 24);
  const requiredDays = knownNumber(ctx.params.required_retention_days) ?? 35;
  const requirement = `at least every ${value} ${value === 1 ? unit.replace(/s$/, '') : unit} and keeping recovery points at least ${requiredDays} days`;
  const findings: RawFinding[] = [];
  for (const plan of ctx.facts.plans) {
    const verdicts: RuleVerdict[] = plan.rules.map((rule) => {
      const intervalHours = rule.continuous ? CONTINUOUS_INTERVAL_HOURS : scheduleIntervalHours(rule.schedule, ctx.inputs.now);
      return {
        rule,
        intervalHours,
        // An unparsable schedule is a validation error, reported by bkp validate: not judged here.
        frequentEnough: intervalHours === undefined || intervalHours <= requiredHours,
        keptLongEnough: rule.deleteAfterDays === undefined || rule.deleteAfterDays >= requiredDays,
      };
    });
    if (verdicts.some((v) => v.frequentEnough && v.keptLongEnough)) continue;
    const address = plan.resource.address;
    if (verdicts.length === 0) {
      findings.push({ resource: address, resourceType: 'backup_plan', message: `${address} has no rule, so it backs up nothing; it needs a rule ${requirement}.`, range: plan.resource.range });
      continue;
    }
    // Point at what to change: the retention of a rule that is frequent enough, else a schedule.
    const frequent = verdicts.find((v) => v.frequentEnough);
    const target = frequent ?? verdicts[0]!;
    const path = frequent ? target.rule.deletePath : target.rule.continuous ? target.rule.path : target.rule.schedulePath;
    const reasons = verdicts.map((v) => `rule "${v.rule.name}" ${describeRule(v, requiredHours, requiredDays)}`);
    findings.push({
      resource: address,
      resourceType: 'backup_plan',
      message: `${address} has no rule running ${requirement}: ${reasons.join('; ')}.`,
      range: resourceRange(plan.resource, path),
    });
  }
  return { evaluated: ctx.facts.plans.map((p) => p.resource.address), findings };
}

function describeRule(v: RuleVerdict, requiredHours: number, requiredDays: number): string {
  const parts: string[] = [];
  const runs = v.rule.continuous
    ? 'backs up continuously'
    : v.intervalHours === undefined
      ? `has a schedule bkp cannot read (${v.rule.schedule})`
      : `runs every ${describeHours(v.intervalHours)}`;
  parts.push(v.frequentEnough ? runs : `${runs} (more than ${describeHours(requiredHours)})`);
  const kept = v.rule.deleteAfterDays === undefined ? 'keeps recovery points forever' : `keeps recovery points ${v.rule.deleteAfterDays} days`;
  parts.push(v.keptLongEnough ? kept : `${kept} (less than ${requiredDays})`);
  return parts.join(' and ');
}
