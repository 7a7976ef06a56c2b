// Semantic rules of restore_testing_plan beyond its JSON Schema: AWS's name pattern, the cron
// syntax (the domain's cron parser, as for backup rules) and time zone, the start and selection
// windows, and the vault selectors.
import type { ResourceConfig } from '../../config/model.js';
import type { Value } from '../../core/values.js';
import {
  isVaultSelector,
  MAXIMUM_SELECTION_WINDOW_DAYS,
  MAXIMUM_START_WINDOW_HOURS,
  MINIMUM_SELECTION_WINDOW_DAYS,
  MINIMUM_START_WINDOW_HOURS,
} from '../../domain/restore-testing.js';
import type { ValidationContext } from '../rules/context.js';
import { childPointer } from '../../core/json-pointer.js';
import { error, knownList, knownObject, knownString, type Problem } from '../rules/problem.js';
import { checkRange, checkRestoreTestingName } from '../rules/restore-testing.js';
import { checkSchedule } from '../rules/schedule.js';
import { checkTimezone } from '../rules/timezone.js';

export function validateRestoreTestingPlan(resource: Pick<ResourceConfig, 'attributes'>, context?: Pick<ValidationContext, 'now'>): Problem[] {
  const a = resource.attributes;
  const problems: Problem[] = [];
  problems.push(...checkRestoreTestingName(a.name, '/name', 'restore testing plan'));
  problems.push(...checkSchedule(a.schedule, a.timezone, '/schedule', context?.now, { minimumInterval: false }));
  problems.push(...checkTimezone(a.timezone, '/timezone'));
  problems.push(...checkRange(a.start_window_hours, '/start_window_hours', MINIMUM_START_WINDOW_HOURS, MAXIMUM_START_WINDOW_HOURS, 'hours', 'how long after the scheduled time a restore job may start'));
  const selection = knownObject(a.recovery_point_selection);
  if (selection === undefined) return problems;
  const base = '/recovery_point_selection';
  problems.push(
    ...checkRange(selection.selection_window_days, `${base}/selection_window_days`, MINIMUM_SELECTION_WINDOW_DAYS, MAXIMUM_SELECTION_WINDOW_DAYS, 'days', 'how far back recovery points are chosen from'),
  );
  problems.push(...checkVaults(selection.include_vaults, `${base}/include_vaults`));
  problems.push(...checkVaults(selection.exclude_vaults, `${base}/exclude_vaults`));
  const types = (knownList(selection.recovery_point_types) ?? []).map(knownString);
  const repeated = types.findIndex((t, i) => t !== undefined && types.indexOf(t) !== i);
  if (repeated >= 0) {
    problems.push(error(childPointer(`${base}/recovery_point_types`, repeated), 'Repeated recovery point type', `"${types[repeated]}" is listed twice: list CONTINUOUS and SNAPSHOT at most once each.`));
  }
  return problems;
}

function checkVaults(value: Value | undefined, path: string): Problem[] {
  const vaults = (knownList(value) ?? []).map(knownString);
  const problems: Problem[] = [];
  vaults.forEach((vault, i) => {
    if (vault === undefined) return;
    if (!isVaultSelector(vault)) {
      const byName = /^[A-Za-z0-9_-]{2,50}$/.test(vault) ? ' Vaults are named by ARN here, not by name.' : '';
      problems.push(
        error(
          childPointer(path, i),
          'Invalid vault selector',
          `"${vault}" is neither "*" (every vault) nor a backup vault ARN such as arn:aws:backup:eu-west-1:123456789012:backup-vault:main (its Region, account and name may use * wildcards).${byName}`,
        ),
      );
    }
  });
  return problems;
}
