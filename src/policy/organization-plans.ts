// The plans of AWS Organizations backup policies, as the plan-level controls judge them: each
// org_backup_policy's plan blocks as written (as if they were backup plans), and the plans each
// member account gets from its effective backup policy. A finding about an account's plan points at
// the configured policy that wrote the offending setting (the attachment nearest to the account
// first), found by comparing the effective value with what each policy assigns there.
import type { SourceRange } from '../core/diagnostics.js';
import type { Config, ResourceConfig } from '../config/model.js';
import { isObjectValue } from '../core/values.js';
import { parseBackupVaultArn } from '../domain/arn.js';
import type { PolicyBackupPlan, PolicyBackupRule } from '../domain/org-policy/effective-backup-plans.js';
import { isPolicyObject, isSetting, type PolicyJson } from '../domain/org-policy/inheritance.js';
import { compileBackupPolicy, type CompiledPolicy } from '../resources/org-backup-policy/compile.js';
import { knownList, knownString } from '../resources/rules/problem.js';
import { DEFAULT_SCHEDULE, resourceRange, ruleFacts, type CopyFacts, type JudgedPlan, type RuleFacts } from './config-facts.js';
import type { MemberAccountPlans, OrganizationPlans } from './model.js';

export const POLICY_KIND = 'org_backup_policy';

const policiesOf = (config: Pick<Config, 'resources'>) => config.resources.filter((r) => r.kind === POLICY_KIND);

/** Each org_backup_policy's plan blocks, judged as backup plans: `org_backup_policy.NAME plan "P"`. */
export function policyPlans(config: Pick<Config, 'resources'>): JudgedPlan[] {
  return policiesOf(config).flatMap((policy) =>
    (knownList(policy.attributes.plan) ?? []).flatMap((plan, index): JudgedPlan[] => {
      if (!isObjectValue(plan)) return [];
      const owner = `/plan/${index}`;
      const rules = ruleFacts(policy, plan.rule, owner);
      // A plan block without rules changes an inherited plan (its Regions, selections): its rules
      // come from the policies above, and are judged there and in the accounts' effective plans.
      if (rules.length === 0) return [];
      return [
        {
          subject: `${policy.address} plan "${knownString(plan.name) ?? `#${index + 1}`}"`,
          resourceType: POLICY_KIND,
          rules,
          rangeOf: (path) => resourceRange(policy, path ?? owner),
        },
      ];
    }),
  );
}

/** The plans of every evaluated account of the organization: `account ID (NAME) plan "P" in REGION`. */
export function memberPlans(config: Pick<Config, 'resources'>, organization: OrganizationPlans | undefined): JudgedPlan[] {
  if (organization === undefined) return [];
  const configured = policiesOf(config);
  const sources = new SourceLocator();
  return organization.accounts.flatMap((account) => {
    if (account.plans === undefined) return [];
    const candidates = account.policies === undefined ? configured : account.policies.flatMap((a) => configured.filter((p) => p.address === a));
    const locate = (path: string) => sources.locate(candidates, account, path.split('/'));
    return account.plans.map((plan) => memberPlan(account, plan, locate));
  });
}

function memberPlan(account: MemberAccountPlans, plan: PolicyBackupPlan, locate: (path: string) => SourceRange | undefined): JudgedPlan {
  const planPath = `plans/${plan.BackupPlanName}`;
  return {
    subject: `account ${account.id} (${account.name}) plan "${plan.BackupPlanName}" in ${plan.region}`,
    resourceType: 'backup_plan',
    region: plan.region,
    account: account.id,
    member: { id: account.id, name: account.name },
    rules: plan.Rules.map((rule) => memberRule(rule, `${planPath}/rules/${rule.RuleName}`)),
    rangeOf: (path) => locate(path ?? planPath),
  };
}

/** A rule of an effective plan, with policy document paths (plans/P/rules/R/…) as its paths. */
function memberRule(rule: PolicyBackupRule, path: string): RuleFacts {
  const deletePath = `${path}/lifecycle/delete_after_days`;
  const retention = rule.Lifecycle?.DeleteAfterDays;
  const copies = (rule.CopyActions ?? []).map((copy): CopyFacts => {
    const parsed = parseBackupVaultArn(copy.DestinationBackupVaultArn);
    // A copy without its own lifecycle keeps the rule's.
    const own = copy.Lifecycle !== undefined;
    return {
      path: `${path}/copy_actions/${copy.DestinationBackupVaultArn}`,
      destinationArn: copy.DestinationBackupVaultArn,
      region: parsed?.region,
      account: parsed?.account,
      deleteAfterDays: own ? copy.Lifecycle!.DeleteAfterDays : retention,
      deletePath: own ? `${path}/copy_actions/${copy.DestinationBackupVaultArn}/lifecycle/delete_after_days` : deletePath,
    };
  });
  return {
    name: rule.RuleName,
    path,
    continuous: rule.EnableContinuousBackup === true,
    schedule: rule.ScheduleExpression ?? DEFAULT_SCHEDULE,
    schedulePath: `${path}/schedule_expression`,
    deleteAfterDays: retention,
    deletePath,
    targetVault: rule.TargetBackupVaultName || undefined,
    copies,
  };
}

const valueAt = (root: PolicyJson | undefined, path: readonly string[]): PolicyJson | undefined =>
  path.reduce<PolicyJson | undefined>((node, key) => (isPolicyObject(node) ? node[key] : undefined), root);

/** Finds the configured policy (and its attribute) that wrote a setting of an account's effective policy. */
class SourceLocator {
  private readonly compiled = new Map<string, CompiledPolicy | undefined>();

  private compile(policy: ResourceConfig): CompiledPolicy | undefined {
    if (!this.compiled.has(policy.address)) this.compiled.set(policy.address, compileBackupPolicy(policy.attributes));
    return this.compiled.get(policy.address);
  }

  /**
   * The range of the deepest part of `path` that one of `candidates` writes: a setting only where
   * the policy assigns the value the account really got (so a root policy's 7 days is not blamed on
   * an OU's 35), else the nearest rule or plan block.
   */
  locate(candidates: readonly ResourceConfig[], account: MemberAccountPlans, path: readonly string[]): SourceRange | undefined {
    for (let length = path.length; length >= 2; length--) {
      const prefix = path.slice(0, length);
      // The document names copy destinations with $account where the account's plan has its id.
      const written = prefix.map((key) => key.split(account.id).join('$account'));
      const document = account.policy as PolicyJson | undefined;
      const effective = valueAt(document, written) ?? valueAt(document, prefix);
      for (const policy of candidates) {
        const pointer = this.pointer(policy, written);
        if (pointer === undefined) continue;
        const setting = valueAt(this.compile(policy)?.document, written);
        if (isPolicyObject(setting) && isSetting(setting) && '@@assign' in setting && JSON.stringify(setting['@@assign']) !== JSON.stringify(effective)) continue;
        return resourceRange(policy, pointer);
      }
    }
    return undefined;
  }

  /** The attribute of `policy` that writes the document path: compile.ts's record, or the plan/rule block of that name. */
  private pointer(policy: ResourceConfig, path: readonly string[]): string | undefined {
    const recorded = this.compile(policy)?.sources.get(path.join('/'));
    if (recorded !== undefined) return recorded;
    if (path[0] !== 'plans' || (path.length !== 2 && !(path.length === 4 && path[2] === 'rules'))) return undefined;
    const plans = knownList(policy.attributes.plan) ?? [];
    const planIndex = plans.findIndex((p) => isObjectValue(p) && p.name === path[1]);
    if (planIndex < 0) return undefined;
    if (path.length === 2) return `/plan/${planIndex}`;
    const plan = plans[planIndex]!;
    const rules = isObjectValue(plan) ? (knownList(plan.rule) ?? []) : [];
    const ruleIndex = rules.findIndex((r) => isObjectValue(r) && r.name === path[3]);
    return ruleIndex < 0 ? undefined : `/plan/${planIndex}/rule/${ruleIndex}`;
  }
}
