// bkp check's evaluation: every control of every policy block over the desired configuration, an
// inventory of protectable resources and (with -refresh) the account's recovery points. Pure: the
// caller (src/cli/run/check.ts) reads whatever lives outside the configuration.
import type { Config, PolicyConfig } from '../config/model.js';
import { selectionMatches } from '../domain/selection-match.js';
import type { ControlName } from './catalogue.js';
import { CONTROLS, isControlName } from './catalogue.js';
import { accountSettingsView } from './account-settings.js';
import { configFacts, type ConfigFacts, type PlanFacts } from './config-facts.js';
import type { ControlContext, ControlOutcome } from './context.js';
import { evaluateEncryption } from './controls/encryption.js';
import { evaluatePlanFrequency } from './controls/plan-frequency.js';
import { evaluateCrossAccount, evaluateCrossRegion, evaluateProtectedByPlan, evaluateVaultLock } from './controls/protection.js';
import { evaluateRecentRecoveryPoint } from './controls/recent-recovery-point.js';
import { evaluateRestoreTime } from './controls/restore-time.js';
import { evaluateMinimumRetention } from './controls/retention.js';
import type { CheckInputs, CheckReport, ControlResult, InventoryResource } from './model.js';
import { controlBlocks, controlHolders, policyRange, severityOf } from './policy-blocks.js';
import { policyResources } from './inventory.js';
import { inScope } from './scope.js';
import { memberPlans, policyPlans } from './organization-plans.js';

const EVALUATORS: Record<ControlName, (ctx: ControlContext) => ControlOutcome> = {
  backup_plan_min_frequency_and_min_retention: evaluatePlanFrequency,
  recovery_point_minimum_retention: evaluateMinimumRetention,
  recovery_point_encrypted: evaluateEncryption,
  resources_protected_by_backup_plan: evaluateProtectedByPlan,
  resources_protected_by_cross_region: evaluateCrossRegion,
  resources_protected_by_cross_account: evaluateCrossAccount,
  resources_protected_by_backup_vault_lock: evaluateVaultLock,
  last_recovery_point_created: evaluateRecentRecoveryPoint,
  restore_time_for_resources_meet_target: evaluateRestoreTime,
};

/** Evaluates the policies and backup_framework controls of a valid configuration (load it with loadValidConfig first). */
export function evaluatePolicies(config: Pick<Config, 'resources' | 'providers' | 'files' | 'policies'>, inputs: CheckInputs): CheckReport {
  const facts = configFacts(config);
  const protecting = protectionIndex(facts);
  const settings = accountSettingsView(config, inputs);
  const plans = [...facts.plans, ...policyPlans(config), ...memberPlans(config, inputs.organization)];
  const results: ControlResult[] = [];
  for (const policy of controlHolders(config)) {
    const declared = declaredInventory(policy, inputs);
    for (const control of controlBlocks(policy)) {
      if (control.name === undefined || !isControlName(control.name)) continue;
      const name = control.name;
      const range = policyRange(policy, control.path);
      const info = CONTROLS[name];
      const ctx: ControlContext = {
        config,
        facts,
        plans,
        inputs,
        policy,
        control: name,
        params: control.params,
        controlRange: range,
        scoped: info.resourceScoped ? declared.filter((r) => inScope(control.params, r)) : [],
        plansProtecting: protecting,
        settings,
      };
      let outcome: ControlOutcome;
      if (info.resourceScoped && declared.length === 0 && !(info.needsRefresh && inputs.recoveryPoints === undefined)) {
        outcome = { evaluated: [], findings: [], notEvaluated: noInventoryReason(inputs) };
      } else {
        outcome = EVALUATORS[name](ctx);
      }
      const severity = severityOf(control);
      const findings = outcome.findings.map((f) => ({ policy: policy.name, control: name, severity, ...f }));
      const status = outcome.notEvaluated !== undefined ? 'not_evaluated' : findings.length > 0 ? 'non_compliant' : 'compliant';
      const result: ControlResult = { policy: policy.name, control: name, status, evaluated: [...new Set(outcome.evaluated)], findings, range };
      if (outcome.notEvaluated !== undefined) result.reason = outcome.notEvaluated;
      results.push(result);
    }
  }
  const report: CheckReport = { results, refreshed: inputs.recoveryPoints !== undefined, inventorySources: inputs.inventorySources };
  if (inputs.protectedResources !== undefined) report.protectedResources = inputs.protectedResources;
  if (inputs.organization !== undefined) report.organization = inputs.organization;
  return report;
}

function noInventoryReason(inputs: CheckInputs): string {
  const where = 'Declare resource blocks in the policy or source blocks in a sandbox provider';
  return inputs.recoveryPoints === undefined
    ? `not evaluated: no inventory of resources to judge. ${where}, or run with -refresh to read the account.`
    : `not evaluated: the account lists no resources to judge (DynamoDB tables, S3 buckets and VMs are listed only when tagged). ${where}.`;
}

/** The inventory plus the policy's own resource blocks (which win over an inventory entry of the same ARN). */
function declaredInventory(policy: PolicyConfig, inputs: CheckInputs): InventoryResource[] {
  const own = policyResources(policy);
  const ownArns = new Set(own.map((r) => r.arn));
  return [...inputs.inventory.filter((r) => !ownArns.has(r.arn)), ...own];
}


function protectionIndex(facts: ConfigFacts): (resource: InventoryResource) => PlanFacts[] {
  const cache = new Map<string, PlanFacts[]>();
  return (resource) => {
    let plans = cache.get(resource.arn);
    if (plans === undefined) {
      const addresses = new Set(facts.selections.filter((s) => s.criteria !== undefined && selectionMatches(s.criteria, resource)).flatMap((s) => s.plans));
      plans = facts.plans.filter(
        (p) => addresses.has(p.resource.address) && (p.region === undefined || resource.region === undefined || p.region === resource.region),
      );
      cache.set(resource.arn, plans);
    }
    return plans;
  };
}
