// Semantic rules of on_demand_backup beyond its JSON Schema.
import type { ResourceConfig } from '../../config/model.js';
import { checkIamRoleArn, checkResourceArn } from '../rules/arns.js';
import { vaultForTarget, vaultNamed, type ValidationContext } from '../rules/context.js';
import { checkLifecycle, lifecycleDays } from '../rules/lifecycle.js';
import { checkName } from '../rules/names.js';
import { childPointer } from '../../core/json-pointer.js';
import { error, isKnownDayCount, knownObject, knownString, type Problem } from '../rules/problem.js';
import { checkRetentionAgainstLock } from '../rules/vault-lock.js';
import { checkWindows } from '../rules/windows.js';
import { validateOnDemandFields } from './validate-fields.js';

export function validateOnDemandBackup(resource: Pick<ResourceConfig, 'attributes' | 'provider'>, context: ValidationContext): Problem[] {
  const a = resource.attributes;
  const owner = 'This on-demand backup';
  // A vault of this configuration reports a bad name on its own block, not on each reference.
  const declaredVault = vaultNamed(context, knownString(a.vault), resource);
  const problems = [
    ...checkResourceArn(a.resource_arn, '/resource_arn'),
    ...(declaredVault ? [] : checkName('vault', a.vault, '/vault')),
    ...checkIamRoleArn(a.iam_role_arn, '/iam_role_arn'),
    ...checkWindows(a.start_window_minutes, a.completion_window_minutes, ''),
    ...checkLifecycle(a.lifecycle, '/lifecycle', owner),
    ...checkBackupOptions(a.backup_options),
    ...validateOnDemandFields(resource),
  ];
  if (a.continuous_backup === true) {
    problems.push(
      error(
        '/continuous_backup',
        'On-demand backups cannot be continuous',
        'StartBackupJob, the API behind on_demand_backup, cannot create continuous (point-in-time restore) backups. Remove continuous_backup here and use a backup_plan rule with continuous_backup = true and lifecycle { delete_after_days = 1..35 }, with a backup_selection that includes this resource.',
      ),
    );
  }
  // The job's vault, and its logically air-gapped vault when it names one: both keep the recovery point.
  const airGappedVault = vaultForTarget(context, knownString(a.logically_air_gapped_vault_arn), resource);
  const lifecycle = knownObject(a.lifecycle);
  const lifecycleKnown = a.lifecycle === undefined || a.lifecycle === null || lifecycle !== undefined;
  for (const vault of [declaredVault, airGappedVault]) {
    if (!vault?.lock || !lifecycleKnown || !isKnownDayCount(lifecycle?.delete_after_days)) continue;
    const { deleteAfterDays } = lifecycleDays(a.lifecycle);
    const path = deleteAfterDays === undefined ? '' : '/lifecycle/delete_after_days';
    problems.push(...checkRetentionAgainstLock(deleteAfterDays, vault.lock, path, owner));
  }
  return problems;
}

/** The one documented option: WindowsVSS for EC2, "enabled" or "disabled". */
function checkBackupOptions(value: ResourceConfig['attributes'][string] | undefined): Problem[] {
  const vss = knownString(knownObject(value)?.WindowsVSS);
  if (vss === undefined || vss === 'enabled' || vss === 'disabled') return [];
  return [
    error(childPointer('/backup_options', 'WindowsVSS'), 'Invalid backup option', `backup_options.WindowsVSS is "${vss}"; AWS Backup accepts "enabled" or "disabled".`),
  ];
}
