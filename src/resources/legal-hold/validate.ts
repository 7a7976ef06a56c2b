// Semantic rules of legal_hold beyond its JSON Schema.
import type { ResourceConfig } from '../../config/model.js';
import { isValidName } from '../rules/names.js';
import { childPointer } from '../../core/json-pointer.js';
import { error, knownList, knownObject, knownString, type Problem } from '../rules/problem.js';

export function validateLegalHold(resource: Pick<ResourceConfig, 'attributes'>): Problem[] {
  const a = resource.attributes;
  const problems: Problem[] = [];
  if (a.cancel_description === undefined || a.cancel_description === null) {
    problems.push(
      error(
        '',
        'Missing cancel_description',
        'A legal_hold needs cancel_description: destroying or replacing the hold cancels it, and AWS requires a reason to cancel. ' +
          'bkp records it at apply so a later plan can cancel the hold; add cancel_description = "why the hold may end" to the block.',
      ),
    );
  }
  const selection = knownObject(a.recovery_point_selection);
  if (selection === undefined) return problems;
  (knownList(selection.vault_names) ?? []).forEach((v, i) => {
    const name = knownString(v);
    if (name !== undefined && !isValidName('vault', name)) {
      problems.push(
        error(childPointer('/recovery_point_selection/vault_names', i), 'Invalid backup vault name', `"${name}" is not a vault name: use 2 to 50 letters, digits, hyphens and underscores.`),
      );
    }
  });
  const range = knownObject(selection.date_range);
  if (range !== undefined) {
    const from = checkDate(range.from_date, '/recovery_point_selection/date_range/from_date', problems);
    const to = checkDate(range.to_date, '/recovery_point_selection/date_range/to_date', problems);
    if (from !== undefined && to !== undefined && from > to) {
      problems.push(
        error('/recovery_point_selection/date_range/to_date', 'Empty date range', `to_date (${new Date(to).toISOString()}) is before from_date (${new Date(from).toISOString()}): the hold would select no recovery point.`),
      );
    }
  }
  return problems;
}

function checkDate(value: ResourceConfig['attributes'][string] | undefined, path: string, problems: Problem[]): number | undefined {
  const text = knownString(value);
  if (text === undefined) return undefined;
  const ms = /^\d{4}-\d{2}-\d{2}/.test(text) ? Date.parse(text) : NaN;
  if (Number.isNaN(ms)) {
    problems.push(error(path, 'Invalid date', `"${text}" is not a date: use ISO 8601, such as "2026-01-31" or "2026-01-31T23:59:59Z" (UTC unless an offset is given).`));
    return undefined;
  }
  return ms;
}
