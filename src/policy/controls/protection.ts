// The resource controls: every inventory resource in scope is protected by a backup plan, and
// (depending on the control) one of its protecting plans copies to another Region or account, or
// backs up to a locked vault. A finding points at the resource's declaring block when there is one
// (a sandbox source or policy resource block), at the plan to change when the resource is
// protected but not well enough, and at the control otherwise.
import type { SourceRange } from '../../core/diagnostics.js';
import { knownList, knownNumber } from '../../resources/rules/problem.js';
import { resourceRange, vaultOf, type CopyFacts, type PlanFacts } from '../config-facts.js';
import type { ControlContext, ControlOutcome, RawFinding } from '../context.js';
import type { InventoryResource } from '../model.js';

/** A failing verdict points at `path` of the plan, or at `range` when the reason lies elsewhere (account settings). */
type PlanCheck = (plan: PlanFacts, resource: InventoryResource) => { ok: true } | { ok: false; why: string; path: string; range?: SourceRange };

function evaluateProtection(ctx: ControlContext, requirement: string, check?: PlanCheck): ControlOutcome {
  const findings: RawFinding[] = [];
  for (const resource of ctx.scoped) {
    const plans = ctx.plansProtecting(resource);
    // AWS Backup skips a type the Region is not opted in to, whatever the selections say.
    const optedOut = ctx.settings.optedOut(resource, plans[0]?.region);
    if (optedOut !== undefined) {
      findings.push({
        resource: resource.arn,
        resourceType: resource.type,
        message:
          `${describe(resource)} is not ${requirement}: AWS Backup does not back up ${resource.type} resources${resource.region ? ` in ${resource.region}` : ''} ` +
          `because ${optedOut.why}${plans.length > 0 ? ', whatever its selections say' : ''}. ` +
          `Opt in with resource_type_opt_in_preference = { "${resource.type}" = true } in a region_settings block.`,
        range: optedOut.range ?? resource.range ?? ctx.controlRange,
      });
      continue;
    }
    if (plans.length === 0) {
      findings.push({
        resource: resource.arn,
        resourceType: resource.type,
        message: `${describe(resource)} is not selected by any backup_selection${check ? `, so it is not ${requirement}` : ''}. Add it to a selection (by ARN in resources, or with a tag block matching its tags).`,
        range: resource.range ?? ctx.controlRange,
      });
      continue;
    }
    if (!check) continue;
    const verdicts = plans.map((plan) => ({ plan, verdict: check(plan, resource) }));
    if (verdicts.some((v) => v.verdict.ok)) continue;
    const first = verdicts[0]!;
    const why = verdicts.map((v) => (v.verdict.ok ? '' : `${v.plan.resource.address} ${v.verdict.why}`)).join('; ');
    findings.push({
      resource: resource.arn,
      resourceType: resource.type,
      message: `${describe(resource)} is not ${requirement}: ${why}.`,
      range: first.verdict.ok ? ctx.controlRange : (first.verdict.range ?? planRange(first.plan, first.verdict.path)),
    });
  }
  return { evaluated: ctx.scoped.map((r) => r.arn), findings };
}

function planRange(plan: PlanFacts, path: string): SourceRange {
  return resourceRange(plan.resource, path);
}

function describe(resource: InventoryResource): string {
  const tags = Object.entries(resource.tags);
  return `${resource.type} resource ${resource.arn}${tags.length > 0 ? ` (tags ${tags.map(([k, v]) => `${k}=${v}`).join(', ')})` : ' (no tags)'}`;
}

const strings = (v: unknown): string[] => (knownList(v as never) ?? []).filter((s): s is string => typeof s === 'string');

export function evaluateProtectedByPlan(ctx: ControlContext): ControlOutcome {
  return evaluateProtection(ctx, 'protected by a backup plan');
}

export function evaluateCrossRegion(ctx: ControlContext): ControlOutcome {
  const wanted = strings(ctx.params.regions);
  const target = wanted.length > 0 ? `to ${wanted.join(' or ')}` : 'to another Region';
  return evaluateProtection(ctx, `copied ${target}`, (plan, resource) => {
    const home = resource.region ?? plan.region;
    const copies = plan.rules.flatMap((r) => r.copies);
    const good = copies.some((c) => c.region !== undefined && c.region !== home && (wanted.length === 0 || wanted.includes(c.region)));
    if (good) return { ok: true };
    const seen = copies.filter((c) => c.region !== undefined).map((c) => c.region);
    return {
      ok: false,
      why: seen.length === 0 ? noCopyReason(copies, target) : `copies only to ${[...new Set(seen)].join(', ')}`,
      path: plan.rules[0]?.path ?? '',
    };
  });
}

export function evaluateCrossAccount(ctx: ControlContext): ControlOutcome {
  const wanted = strings(ctx.params.accounts);
  const target = wanted.length > 0 ? `to account ${wanted.join(' or ')}` : 'to another account';
  return evaluateProtection(ctx, `copied ${target}`, (plan, resource) => {
    const home = resource.account ?? plan.account;
    const copies = plan.rules.flatMap((r) => r.copies);
    const good = copies.find((c) => c.account !== undefined && c.account !== home && (wanted.length === 0 || wanted.includes(c.account)));
    if (good) {
      const disabled = ctx.settings.crossAccountDisabled(home);
      if (disabled === undefined) return { ok: true };
      return {
        ok: false,
        why: `copies to account ${good.account}, but ${disabled.why}: AWS Backup fails copy jobs to other accounts until the organization's management account enables cross-account backup (global_settings { cross_account_backup = true })`,
        path: good.path,
        range: disabled.range,
      };
    }
    const seen = copies.filter((c) => c.account !== undefined).map((c) => c.account);
    return {
      ok: false,
      why: seen.length === 0 ? noCopyReason(copies, target) : `copies only to account ${[...new Set(seen)].join(', ')}`,
      path: plan.rules[0]?.path ?? '',
    };
  });
}

/** Why no copy counts: there is none, or bkp cannot tell before apply where it goes. */
function noCopyReason(copies: readonly CopyFacts[], target: string): string {
  if (copies.length === 0) return `has no copy action ${target}`;
  return (
    `copies to a vault bkp cannot place before apply (its destination_vault_arn is computed): ` +
    'write the ARN, or a reference to a vault of this configuration such as backup_vault.dr.arn'
  );
}

export function evaluateVaultLock(ctx: ControlContext): ControlOutcome {
  const min = knownNumber(ctx.params.min_retention_days);
  const max = knownNumber(ctx.params.max_retention_days);
  const bounds = [min !== undefined ? `min_retention_days ≥ ${min}` : '', max !== undefined ? `max_retention_days ≤ ${max}` : ''].filter(Boolean).join(' and ');
  const requirement = `backed up to a vault with a lock${bounds ? ` (${bounds})` : ''}`;
  return evaluateProtection(ctx, requirement, (plan) => {
    const problems: string[] = [];
    for (const rule of plan.rules) {
      const vault = vaultOf(ctx.facts, plan, rule);
      const name = vault?.resource.address ?? `vault "${rule.targetVault ?? '?'}"`;
      const lock = vault?.lock;
      if (!lock) problems.push(`rule "${rule.name}" targets ${name}, which has no lock block`);
      else if (min !== undefined && (lock.minRetentionDays ?? 0) < min) problems.push(`rule "${rule.name}" targets ${name}, locked with min_retention_days = ${lock.minRetentionDays ?? 'unset'}`);
      else if (max !== undefined && (lock.maxRetentionDays ?? Infinity) > max) problems.push(`rule "${rule.name}" targets ${name}, locked with max_retention_days = ${lock.maxRetentionDays ?? 'unset'}`);
      else return { ok: true };
    }
    return { ok: false, why: problems.length > 0 ? problems.join(', ') : 'has no rule', path: plan.rules[0] ? `${plan.rules[0].path}/target_vault` : '' };
  });
}
