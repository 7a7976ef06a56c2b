// Restore testing plans: create, get, list, update, delete, with AWS's validation
// (domain/restore-testing.ts holds the rules, shared with bkp's own validation), errors and
// pagination. Their selections are in restore-testing-selections.ts; the clock runs the plans
// (engine/restore-tests.ts).
import { parseSchedule } from '../../domain/cron.js';
import {
  DEFAULT_SELECTION_WINDOW_DAYS,
  DEFAULT_START_WINDOW_HOURS,
  isVaultSelector,
  MAXIMUM_SELECTION_WINDOW_DAYS,
  MAXIMUM_START_WINDOW_HOURS,
  MINIMUM_SELECTION_WINDOW_DAYS,
  MINIMUM_START_WINDOW_HOURS,
  RESTORE_TESTING_ALGORITHMS,
  RESTORE_TESTING_NAME,
  RESTORE_TESTING_RECOVERY_POINT_TYPES,
} from '../../domain/restore-testing.js';
import { newUuid } from '../ids.js';
import type { RestoreTestingPlanRecord } from '../state.js';
import { issueTimestamp } from '../timestamps.js';
import { BackupApiError, invalid, invalidRequest, missing, notFound } from './errors.js';
import { validTimezone } from './plan-validation.js';
import { setTags, validateTags } from './tags.js';
import {
  compact,
  epochSeconds,
  optionalInteger,
  optionalObject,
  optionalString,
  optionalStringList,
  optionalStringMap,
  paginate,
  PASCAL_CASE_PAGE_QUERY,
  type BackupCall,
  type Json,
} from './wire.js';

function constraint(value: unknown, member: string, rule: string): BackupApiError {
  return invalid(`1 validation error detected: Value '${String(value)}' at '${member}' failed to satisfy constraint: ${rule}`);
}

export function checkName(name: string, member: string): string {
  if (!RESTORE_TESTING_NAME.test(name)) throw constraint(name, member, `Member must satisfy regular expression pattern: ${RESTORE_TESTING_NAME.source}`);
  return name;
}

export function checkRange(value: number | undefined, field: string, min: number, max: number): number | undefined {
  if (value !== undefined && (value < min || value > max)) throw invalid(`${field} must be between ${min} and ${max}, got ${value}.`);
  return value;
}

export function planOf(call: BackupCall): RestoreTestingPlanRecord {
  const name = call.params['RestoreTestingPlanName'] ?? '';
  const plan = call.scope.region.restoreTestingPlans?.[name];
  if (plan === undefined) throw notFound(`Restore testing plan ${name} was not found.`);
  return plan;
}

// --- plans ------------------------------------------------------------------------------------------

function readSchedule(body: Json): string | undefined {
  const expression = optionalString(body, 'ScheduleExpression');
  if (expression === undefined) return undefined;
  const parsed = parseSchedule(expression);
  if (!parsed.ok) throw invalid(`Invalid ScheduleExpression ${expression}: ${parsed.message}.`);
  return expression;
}

function readTimezone(body: Json): string | undefined {
  const zone = optionalString(body, 'ScheduleExpressionTimezone');
  if (zone !== undefined && !validTimezone(zone)) throw invalid(`Invalid ScheduleExpressionTimezone '${zone}': use an IANA time zone name such as Europe/Paris.`);
  return zone;
}

function readVaults(body: Json, field: string): string[] | undefined {
  const vaults = optionalStringList(body, field);
  for (const vault of vaults ?? []) {
    if (!isVaultSelector(vault)) throw invalid(`Invalid ${field} entry '${vault}': use "*" or a backup vault ARN.`);
  }
  return vaults;
}

function readRecoveryPointSelection(body: Json): RestoreTestingPlanRecord['recoveryPointSelection'] | undefined {
  const raw = optionalObject(body, 'RecoveryPointSelection');
  if (raw === undefined) return undefined;
  const algorithm = optionalString(raw, 'Algorithm');
  if (algorithm === undefined) throw missing('RecoveryPointSelection.Algorithm');
  if (!(RESTORE_TESTING_ALGORITHMS as readonly string[]).includes(algorithm)) {
    throw constraint(algorithm, 'restoreTestingPlan.recoveryPointSelection.algorithm', `Member must satisfy enum value set: [${RESTORE_TESTING_ALGORITHMS.join(', ')}]`);
  }
  const include = readVaults(raw, 'IncludeVaults');
  if (include === undefined || include.length === 0) throw missing('RecoveryPointSelection.IncludeVaults');
  const types = optionalStringList(raw, 'RecoveryPointTypes');
  if (types === undefined || types.length === 0) throw missing('RecoveryPointSelection.RecoveryPointTypes');
  for (const type of types) {
    if (!(RESTORE_TESTING_RECOVERY_POINT_TYPES as readonly string[]).includes(type)) {
      throw constraint(type, 'restoreTestingPlan.recoveryPointSelection.recoveryPointTypes.member', `Member must satisfy enum value set: [${RESTORE_TESTING_RECOVERY_POINT_TYPES.join(', ')}]`);
    }
  }
  const days = optionalInteger(raw, 'SelectionWindowDays');
  checkRange(days, 'SelectionWindowDays', MINIMUM_SELECTION_WINDOW_DAYS, MAXIMUM_SELECTION_WINDOW_DAYS);
  return {
    Algorithm: algorithm,
    IncludeVaults: include,
    ExcludeVaults: readVaults(raw, 'ExcludeVaults') ?? [],
    RecoveryPointTypes: [...new Set(types)],
    SelectionWindowDays: days ?? DEFAULT_SELECTION_WINDOW_DAYS,
  };
}

function readStartWindow(body: Json): number | undefined {
  return checkRange(optionalInteger(body, 'StartWindowHours'), 'StartWindowHours', MINIMUM_START_WINDOW_HOURS, MAXIMUM_START_WINDOW_HOURS);
}

function planCreatedView(plan: RestoreTestingPlanRecord): Json {
  return { CreationTime: epochSeconds(plan.creationTime), RestoreTestingPlanArn: plan.arn, RestoreTestingPlanName: plan.name };
}

export function createRestoreTestingPlan(call: BackupCall): Json {
  const plans = (call.scope.region.restoreTestingPlans ??= {});
  const input = optionalObject(call.body, 'RestoreTestingPlan');
  if (input === undefined) throw missing('RestoreTestingPlan');
  const token = optionalString(call.body, 'CreatorRequestId');
  const name = optionalString(input, 'RestoreTestingPlanName');
  if (name === undefined) throw missing('RestoreTestingPlanName');
  checkName(name, 'restoreTestingPlan.restoreTestingPlanName');
  const existing = plans[name];
  // The same request retried (same CreatorRequestId) answers with what it made.
  if (existing !== undefined && token !== undefined && existing.creatorRequestId === token) return planCreatedView(existing);
  if (existing !== undefined) throw new BackupApiError('AlreadyExistsException', `Restore testing plan ${name} already exists.`, { Arn: existing.arn, CreatorRequestId: existing.creatorRequestId });
  const schedule = readSchedule(input);
  if (schedule === undefined) throw missing('ScheduleExpression');
  const selection = readRecoveryPointSelection(input);
  if (selection === undefined) throw missing('RecoveryPointSelection');
  const timezone = readTimezone(input);
  const startWindow = readStartWindow(input) ?? DEFAULT_START_WINDOW_HOURS;
  const tags = optionalStringMap(call.body, 'Tags') ?? {};
  validateTags(tags);
  const plan: RestoreTestingPlanRecord = {
    name,
    arn: `arn:aws:backup:${call.ctx.region}:${call.ctx.accountId}:restore-testing-plan:${name}-${newUuid(call.ctx.account, 'restore-testing-plan')}`,
    scheduleExpression: schedule,
    startWindowHours: startWindow,
    recoveryPointSelection: selection,
    creationTime: issueTimestamp(call.ctx.account, call.now),
    selections: {},
  };
  if (timezone !== undefined) plan.scheduleExpressionTimezone = timezone;
  if (token !== undefined) plan.creatorRequestId = token;
  plans[name] = plan;
  if (Object.keys(tags).length > 0) setTags(call, plan.arn, tags);
  call.ctx.markChanged();
  return planCreatedView(plan);
}

function planSummary(plan: RestoreTestingPlanRecord): Json {
  return compact({
    CreationTime: epochSeconds(plan.creationTime),
    LastExecutionTime: epochSeconds(plan.lastExecutionTime),
    LastUpdateTime: epochSeconds(plan.lastUpdateTime),
    RestoreTestingPlanArn: plan.arn,
    RestoreTestingPlanName: plan.name,
    ScheduleExpression: plan.scheduleExpression,
    ScheduleExpressionTimezone: plan.scheduleExpressionTimezone,
    StartWindowHours: plan.startWindowHours,
  });
}

export function getRestoreTestingPlan(call: BackupCall): Json {
  const plan = planOf(call);
  return { RestoreTestingPlan: compact({ ...planSummary(plan), CreatorRequestId: plan.creatorRequestId, RecoveryPointSelection: plan.recoveryPointSelection }) };
}

export function listRestoreTestingPlans(call: BackupCall): Json {
  const all = Object.values(call.scope.region.restoreTestingPlans ?? {}).sort((a, b) => a.name.localeCompare(b.name));
  const page = paginate(call, all, 'ListRestoreTestingPlans', 1000, PASCAL_CASE_PAGE_QUERY);
  return compact({ RestoreTestingPlans: page.items.map(planSummary), NextToken: page.nextToken });
}

/** Members given replace what the plan holds; members left out keep it. */
export function updateRestoreTestingPlan(call: BackupCall): Json {
  const plan = planOf(call);
  const input = optionalObject(call.body, 'RestoreTestingPlan');
  if (input === undefined) throw missing('RestoreTestingPlan');
  const schedule = readSchedule(input);
  const timezone = readTimezone(input);
  const startWindow = readStartWindow(input);
  const selection = readRecoveryPointSelection(input);
  if (schedule !== undefined) plan.scheduleExpression = schedule;
  if (timezone !== undefined) plan.scheduleExpressionTimezone = timezone;
  if (startWindow !== undefined) plan.startWindowHours = startWindow;
  if (selection !== undefined) plan.recoveryPointSelection = selection;
  // Every update is a new LastUpdateTime, even within one clock instant: refresh relies on it.
  plan.lastUpdateTime = issueTimestamp(call.ctx.account, call.now);
  call.ctx.markChanged();
  return { ...planCreatedView(plan), UpdateTime: epochSeconds(plan.lastUpdateTime) };
}

export function deleteRestoreTestingPlan(call: BackupCall): Json {
  const plan = planOf(call);
  const selections = Object.keys(plan.selections);
  if (selections.length > 0) {
    throw invalidRequest(`Restore testing plan ${plan.name} still has restore testing selections (${selections.sort().join(', ')}): delete them first.`);
  }
  delete call.scope.region.restoreTestingPlans![plan.name];
  delete call.scope.region.tags[plan.arn];
  call.ctx.markChanged();
  return {};
}
