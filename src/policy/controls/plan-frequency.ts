// backup_plan_min_frequency_and_min_retention: each backup plan needs one rule that is both
// frequent enough and kept long enough (Audit Manager: "has a backup rule that satisfies the
// required frequency and retention period"). bkp extends it to disaster recovery: with
// required_copy_retention_days, that rule must also copy to another Region or account (required_copy_destination)
// and keep the copy at least that long. AWS's control has no such parameter, so only bkp check
// judges it.
import type { CopyFacts, JudgedPlan, RuleFacts } from '../config-facts.js';
import type { ControlContext, ControlOutcome, RawFinding } from '../context.js';
import { describeHours, HOURS_PER_UNIT, scheduleIntervalHours } from '../frequency.js';
import { numberParameter, stringParameter } from '../parameters.js';

/** Continuous backup (point-in-time restore) keeps a restorable point at least hourly. */
const CONTINUOUS_INTERVAL_HOURS = 1;

/** What counts as a disaster-recovery copy: required_copy_destination's values. */
const DESTINATIONS: Record<string, { describe: string; counts: (copy: CopyFacts, plan: JudgedPlan) => boolean }> = {
  cross_region: { describe: 'another Region', counts: (c, p) => c.region !== undefined && c.region !== p.region },
  cross_account: { describe: 'another account', counts: (c, p) => c.account !== undefined && c.account !== p.account },
  any: {
    describe: 'another Region or account',
    counts: (c, p) => (c.region !== undefined && c.region !== p.region) || (c.account !== undefined && c.account !== p.account),
  },
};

interface CopyRequirement {
  days: number;
  destination: (typeof DESTINATIONS)[string];
}

interface RuleVerdict {
  rule: RuleFacts;
  intervalHours?: number;
  frequentEnough: boolean;
  keptLongEnough: boolean;
  /** Without a copy requirement: true. */
  copiedLongEnough: boolean;
  /** The copies that go far enough (another Region/account), whatever they keep. */
  remoteCopies: CopyFacts[];
}

export function evaluatePlanFrequency(ctx: ControlContext): ControlOutcome {
  const unit = stringParameter(ctx, 'required_frequency_unit')!;
  const value = numberParameter(ctx, 'required_frequency_value')!;
  const requiredHours = value * (HOURS_PER_UNIT[unit] ?? 24);
  const requiredDays = numberParameter(ctx, 'required_retention_days')!;
  const copyDays = numberParameter(ctx, 'required_copy_retention_days');
  const copy: CopyRequirement | undefined =
    copyDays === undefined ? undefined : { days: copyDays, destination: DESTINATIONS[stringParameter(ctx, 'required_copy_destination') ?? 'any'] ?? DESTINATIONS.any! };
  const copyClause = copy ? `, copying them to ${copy.destination.describe} kept at least ${copy.days} days` : '';
  const requirement = `at least every ${value} ${value === 1 ? unit.replace(/s$/, '') : unit} and keeping recovery points at least ${requiredDays} days${copyClause}`;
  const findings: RawFinding[] = [];
  for (const plan of ctx.plans) {
    const verdicts: RuleVerdict[] = plan.rules.map((rule) => {
      const intervalHours = rule.continuous ? CONTINUOUS_INTERVAL_HOURS : scheduleIntervalHours(rule.schedule, ctx.inputs.now);
      const remoteCopies = copy ? rule.copies.filter((c) => copy.destination.counts(c, plan)) : [];
      return {
        rule,
        intervalHours,
        // An unparsable schedule is a validation error, reported by bkp validate: not judged here.
        frequentEnough: intervalHours === undefined || intervalHours <= requiredHours,
        keptLongEnough: rule.deleteAfterDays === undefined || rule.deleteAfterDays >= requiredDays,
        copiedLongEnough: copy === undefined || remoteCopies.some((c) => c.deleteAfterDays === undefined || c.deleteAfterDays >= copy.days),
        remoteCopies,
      };
    });
    if (verdicts.some((v) => v.frequentEnough && v.keptLongEnough && v.copiedLongEnough)) continue;
    const about = { resource: plan.subject, resourceType: plan.resourceType, ...(plan.member ? { account: plan.member } : {}) };
    if (verdicts.length === 0) {
      findings.push({ ...about, message: `${plan.subject} has no rule, so it backs up nothing; it needs a rule ${requirement}.`, range: plan.rangeOf() ?? ctx.controlRange });
      continue;
    }
    const reasons = verdicts.map((v) => `rule "${v.rule.name}" ${describeRule(v, requiredHours, requiredDays, copy)}`);
    findings.push({
      ...about,
      message: `${plan.subject} has no rule running ${requirement}: ${reasons.join('; ')}.`,
      range: plan.rangeOf(pathToChange(verdicts)) ?? ctx.controlRange,
    });
  }
  return { evaluated: ctx.plans.map((p) => p.subject), findings };
}

/**
 * Where to point: the copy of a rule that is otherwise compliant (its short lifecycle, or the rule
 * when it has no such copy), else the retention of a rule that is frequent enough, else a schedule.
 */
function pathToChange(verdicts: readonly RuleVerdict[]): string {
  const almost = verdicts.find((v) => v.frequentEnough && v.keptLongEnough);
  if (almost) return almost.remoteCopies[0]?.deletePath ?? almost.rule.path;
  const frequent = verdicts.find((v) => v.frequentEnough);
  if (frequent) return frequent.rule.deletePath;
  const first = verdicts[0]!;
  return first.rule.continuous ? first.rule.path : first.rule.schedulePath;
}

function describeRule(v: RuleVerdict, requiredHours: number, requiredDays: number, copy: CopyRequirement | undefined): string {
  const parts: string[] = [];
  const runs = v.rule.continuous
    ? 'backs up continuously'
    : v.intervalHours === undefined
      ? `has a schedule bkp cannot read (${v.rule.schedule})`
      : `runs every ${describeHours(v.intervalHours)}`;
  parts.push(v.frequentEnough ? runs : `${runs} (more than ${describeHours(requiredHours)})`);
  const kept = v.rule.deleteAfterDays === undefined ? 'keeps recovery points forever' : `keeps recovery points ${v.rule.deleteAfterDays} days`;
  parts.push(v.keptLongEnough ? kept : `${kept} (less than ${requiredDays})`);
  if (copy) parts.push(describeCopies(v, copy));
  return parts.join(' and ');
}

function describeCopies(v: RuleVerdict, copy: CopyRequirement): string {
  if (v.remoteCopies.length === 0) {
    const local = v.rule.copies.length > 0 ? ` (its copies stay in the same Region and account)` : '';
    return `has no copy to ${copy.destination.describe}${local} (missing: a copy block kept at least ${copy.days} days)`;
  }
  const kept = v.remoteCopies.map((c) => `to ${c.destinationArn ?? c.region ?? 'another vault'} kept ${c.deleteAfterDays === undefined ? 'forever' : `${c.deleteAfterDays} days`}`);
  return v.copiedLongEnough ? `copies ${kept.join(', ')}` : `copies ${kept.join(', ')} (less than ${copy.days})`;
}
