// Semantic rules of backup_plan beyond its JSON Schema: names, schedules, windows, lifecycles,
// continuous backups, and retentions that a locked or air-gapped target vault would refuse.
import type { ResourceConfig } from '../../config/model.js';
import type { ObjectValue, Value } from '../../core/values.js';
import { checkBackupVaultArn } from '../rules/arns.js';
import { vaultForArn, vaultForTarget, vaultNamed, type ConfiguredVault, type ValidationContext } from '../rules/context.js';
import { checkContinuousLifecycle, checkLifecycle, lifecycleDays } from '../rules/lifecycle.js';
import { checkName } from '../rules/names.js';
import { childPointer } from '../../core/json-pointer.js';
import { isKnownDayCount, knownList, knownObject, knownString, type Problem } from '../rules/problem.js';
import { checkSchedule } from '../rules/schedule.js';
import { checkTimezone } from '../rules/timezone.js';
import { checkRetentionAgainstLock } from '../rules/vault-lock.js';
import { checkWindows } from '../rules/windows.js';
import { validatePlanFields } from './validate-fields.js';

export function validateBackupPlan(resource: Pick<ResourceConfig, 'attributes' | 'provider'>, context: ValidationContext): Problem[] {
  const a = resource.attributes;
  const rules = (knownList(a.rule) ?? []).map((rule, i) => ({ rule: knownObject(rule), path: `/rule/${i}` }));
  const problems = [
    ...checkName('plan', a.name, '/name'),
    ...validatePlanFields(resource, context),
  ];
  for (const { rule, path } of rules) {
    if (rule) problems.push(...validateRule(rule, path, resource, context));
  }
  return problems;
}

function validateRule(rule: ObjectValue, path: string, resource: Pick<ResourceConfig, 'provider'>, context: ValidationContext): Problem[] {
  const owner = `Rule "${knownString(rule.name) ?? '?'}"`;
  const continuous = rule.continuous_backup === true;
  const problems = [
    ...checkName('rule', rule.name, childPointer(path, 'name')),
    ...checkSchedule(rule.schedule, rule.timezone, childPointer(path, 'schedule'), context.now),
    ...checkTimezone(rule.timezone, childPointer(path, 'timezone')),
    ...checkWindows(rule.start_window_minutes, rule.completion_window_minutes, path),
    ...(continuous
      ? checkContinuousLifecycle(rule.lifecycle, path, owner)
      : checkLifecycle(rule.lifecycle, childPointer(path, 'lifecycle'), owner)),
  ];
  const target = vaultNamed(context, knownString(rule.target_vault), resource);
  problems.push(...retentionProblems(target, rule.lifecycle, path, owner));
  // The rule's logically air-gapped vault, when it names one, keeps the same recovery points.
  const airGappedTarget = vaultForTarget(context, knownString(rule.target_logically_air_gapped_vault_arn), resource);
  problems.push(...retentionProblems(airGappedTarget, rule.lifecycle, path, owner));
  (knownList(rule.copy) ?? []).forEach((item, i) => {
    const copy = knownObject(item);
    if (!copy) return;
    const copyPath = childPointer(childPointer(path, 'copy'), i);
    const copyOwner = `${owner}, copy ${i + 1},`;
    problems.push(...checkBackupVaultArn(copy.destination_vault_arn, childPointer(copyPath, 'destination_vault_arn')));
    problems.push(...checkLifecycle(copy.lifecycle, childPointer(copyPath, 'lifecycle'), copyOwner));
    // A copy without its own lifecycle inherits the rule's.
    const ownLifecycle = copy.lifecycle !== undefined;
    const destination = vaultForArn(context, knownString(copy.destination_vault_arn));
    problems.push(...retentionProblems(destination, ownLifecycle ? copy.lifecycle : rule.lifecycle, ownLifecycle ? copyPath : path, copyOwner));
  });
  return problems;
}

/** Reported at delete_after_days when the block sets it, otherwise at the block that keeps forever. */
function retentionProblems(vault: ConfiguredVault | undefined, lifecycle: Value | undefined, ownerPath: string, owner: string): Problem[] {
  if (!vault?.lock) return [];
  const block = knownObject(lifecycle);
  const lifecycleKnown = lifecycle === undefined || lifecycle === null || block !== undefined;
  if (!lifecycleKnown || !isKnownDayCount(block?.delete_after_days)) return [];
  const { deleteAfterDays } = lifecycleDays(lifecycle);
  const path = deleteAfterDays === undefined ? ownerPath : childPointer(childPointer(ownerPath, 'lifecycle'), 'delete_after_days');
  return checkRetentionAgainstLock(deleteAfterDays, vault.lock, path, owner);
}
