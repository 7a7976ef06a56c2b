// Audit Manager frameworks: Create/Describe/List/Update/DeleteFramework with the service's
// validation (name and description patterns, known control names, each control once, its input
// parameters, scope limits, 10 frameworks per account and Region). ⚠ The sandbox does not evaluate
// the controls (AWS does it through AWS Config): a framework deploys at once (COMPLETED) and is
// ACTIVE; `bkp check` is where the sandbox's configuration gets evaluated.
import { AUDIT_CONTROLS, controlByAuditManagerName } from '../../domain/audit-controls.js';
import { newUuid } from '../ids.js';
import type { FrameworkRecord } from '../state.js';
import { issueTimestamp } from '../timestamps.js';
import { BackupApiError, invalid, missing, notFound } from './errors.js';
import { setTags, validateTags } from './tags.js';
import { compact, epochSeconds, optionalString, optionalStringMap, paginate, PASCAL_CASE_PAGE_QUERY, type BackupCall, type Json } from './wire.js';

const NAME = /^[a-zA-Z][_a-zA-Z0-9]*$/;
const MAX_NAME = 256;
const MAX_DESCRIPTION = 1024;
/** Audit Manager's quota of frameworks per account and Region. */
export const MAX_FRAMEWORKS = 10;
const MAX_RESOURCE_IDS = 100;
/** Every control Audit Manager offers (bkp models a subset: src/domain/audit-controls.ts). */
const AWS_CONTROL_NAMES = new Set([
  'BACKUP_PLAN_MIN_FREQUENCY_AND_MIN_RETENTION_CHECK',
  'BACKUP_RECOVERY_POINT_MINIMUM_RETENTION_CHECK',
  'BACKUP_RECOVERY_POINT_ENCRYPTED',
  'BACKUP_RECOVERY_POINT_MANUAL_DELETION_DISABLED',
  'BACKUP_RESOURCES_PROTECTED_BY_BACKUP_PLAN',
  'BACKUP_RESOURCES_PROTECTED_BY_BACKUP_VAULT_LOCK',
  'BACKUP_RESOURCES_PROTECTED_BY_CROSS_REGION',
  'BACKUP_RESOURCES_PROTECTED_BY_CROSS_ACCOUNT',
  'BACKUP_LAST_RECOVERY_POINT_CREATED',
  'RESTORE_TIME_FOR_RESOURCES_MEET_TARGET',
]);

type Control = FrameworkRecord['controls'][number];

export function checkAuditName(value: string, member: string): void {
  if (value.length < 1 || value.length > MAX_NAME || !NAME.test(value)) {
    throw invalid(`1 validation error detected: Value '${value}' at '${member}' failed to satisfy constraint: Member must satisfy regular expression pattern: ${NAME.source} and have length between 1 and ${MAX_NAME}`);
  }
}

export function readDescription(body: Json, field: string): string | undefined {
  const description = optionalString(body, field);
  // Length 0 is AWS's minimum: an update that sends "" clears the description (as Terraform does).
  if (description === undefined || description === '') return description;
  if (description.length > MAX_DESCRIPTION || !/\S/.test(description)) {
    throw invalid(`1 validation error detected: Value at '${field}' failed to satisfy constraint: Member must have length at most ${MAX_DESCRIPTION} and contain a non-blank character`);
  }
  return description;
}

function readControl(entry: unknown, i: number): Control {
  if (entry === null || typeof entry !== 'object' || Array.isArray(entry)) throw invalid(`FrameworkControls[${i}] must be an object.`);
  const item = entry as Json;
  const name = item['ControlName'];
  if (name === undefined || name === null) throw missing(`FrameworkControls[${i}].ControlName`);
  if (typeof name !== 'string' || !AWS_CONTROL_NAMES.has(name)) throw invalid(`Invalid control name ${String(name)}.`);
  const control: Control = { ControlName: name };
  const rawParameters = item['ControlInputParameters'];
  if (rawParameters !== undefined && rawParameters !== null) {
    if (!Array.isArray(rawParameters)) throw invalid(`FrameworkControls[${i}].ControlInputParameters must be a list.`);
    const known = controlByAuditManagerName(name);
    control.ControlInputParameters = rawParameters.map((p, j) => {
      if (p === null || typeof p !== 'object' || Array.isArray(p)) throw invalid(`FrameworkControls[${i}].ControlInputParameters[${j}] must be an object.`);
      const parameterName = (p as Json)['ParameterName'];
      const parameterValue = (p as Json)['ParameterValue'];
      if (typeof parameterName !== 'string' || typeof parameterValue !== 'string') throw invalid(`Control ${name}: ParameterName and ParameterValue must be strings.`);
      const parameter = known === undefined ? undefined : AUDIT_CONTROLS[known].parameters.find((d) => d.awsName === parameterName);
      if (known !== undefined && parameter === undefined) throw invalid(`Invalid input parameter ${parameterName} for control ${name}.`);
      if (parameter?.type === 'integer' && !/^\d+$/.test(parameterValue)) throw invalid(`Invalid value '${parameterValue}' for input parameter ${parameterName} of control ${name}: it must be a whole number.`);
      return { ParameterName: parameterName, ParameterValue: parameterValue };
    });
  }
  const scope = item['ControlScope'];
  if (scope !== undefined && scope !== null) {
    if (typeof scope !== 'object' || Array.isArray(scope)) throw invalid(`FrameworkControls[${i}].ControlScope must be an object.`);
    const ids = (scope as Json)['ComplianceResourceIds'];
    if (Array.isArray(ids) && (ids.length < 1 || ids.length > MAX_RESOURCE_IDS)) {
      throw invalid(`1 validation error detected: Value at 'frameworkControls.${i + 1}.member.controlScope.complianceResourceIds' failed to satisfy constraint: Member must have length between 1 and ${MAX_RESOURCE_IDS}`);
    }
    control.ControlScope = JSON.parse(JSON.stringify(scope)) as Record<string, unknown>;
  }
  return control;
}

function readControls(body: Json): Control[] {
  const raw = body['FrameworkControls'];
  if (raw === undefined || raw === null) throw missing('FrameworkControls');
  if (!Array.isArray(raw)) throw invalid('FrameworkControls must be a list.');
  if (raw.length === 0) throw invalid('FrameworkControls must contain at least one control.');
  const controls = raw.map(readControl);
  const names = new Set<string>();
  for (const c of controls) {
    if (names.has(c.ControlName)) throw invalid(`Control ${c.ControlName} appears more than once in the framework.`);
    names.add(c.ControlName);
  }
  return controls;
}

function frameworkOf(call: BackupCall): FrameworkRecord {
  const name = call.params['frameworkName'] ?? '';
  checkAuditName(name, 'frameworkName');
  const found = call.scope.region.frameworks?.[name];
  if (found === undefined) throw notFound(`Framework ${name} not found.`);
  return found;
}

export function createFramework(call: BackupCall): Json {
  const frameworks = (call.scope.region.frameworks ??= {});
  const name = optionalString(call.body, 'FrameworkName');
  if (name === undefined) throw missing('FrameworkName');
  checkAuditName(name, 'frameworkName');
  const token = optionalString(call.body, 'IdempotencyToken');
  const existing = frameworks[name];
  // The same request retried (same IdempotencyToken) answers with what it made.
  if (existing !== undefined && token !== undefined && existing.idempotencyToken === token) return { FrameworkName: existing.name, FrameworkArn: existing.arn };
  if (existing !== undefined) throw new BackupApiError('AlreadyExistsException', `Framework ${name} already exists.`, { Arn: existing.arn });
  const description = readDescription(call.body, 'FrameworkDescription');
  const controls = readControls(call.body);
  if (Object.keys(frameworks).length >= MAX_FRAMEWORKS) throw new BackupApiError('LimitExceededException', `An account can have at most ${MAX_FRAMEWORKS} frameworks per Region.`);
  const tags = optionalStringMap(call.body, 'FrameworkTags') ?? {};
  validateTags(tags);
  const record: FrameworkRecord = {
    name,
    arn: `arn:aws:backup:${call.ctx.region}:${call.ctx.accountId}:framework:${name}-${newUuid(call.ctx.account, 'framework')}`,
    controls,
    creationTime: issueTimestamp(call.ctx.account, call.now),
  };
  if (description) record.description = description;
  if (token !== undefined) record.idempotencyToken = token;
  frameworks[name] = record;
  if (Object.keys(tags).length > 0) setTags(call, record.arn, tags);
  call.ctx.markChanged();
  return { FrameworkName: record.name, FrameworkArn: record.arn };
}

export function describeFramework(call: BackupCall): Json {
  const record = frameworkOf(call);
  return compact({
    FrameworkName: record.name,
    FrameworkArn: record.arn,
    FrameworkDescription: record.description,
    FrameworkControls: record.controls,
    CreationTime: epochSeconds(record.creationTime),
    DeploymentStatus: 'COMPLETED',
    FrameworkStatus: 'ACTIVE',
    IdempotencyToken: record.idempotencyToken,
  });
}

export function updateFramework(call: BackupCall): Json {
  const record = frameworkOf(call);
  const description = readDescription(call.body, 'FrameworkDescription');
  // Both are optional: what the request leaves out stays as it is.
  if (call.body['FrameworkControls'] !== undefined) record.controls = readControls(call.body);
  if (description === '') delete record.description;
  else if (description !== undefined) record.description = description;
  call.ctx.markChanged();
  return { FrameworkName: record.name, FrameworkArn: record.arn, CreationTime: epochSeconds(record.creationTime) };
}

export function deleteFramework(call: BackupCall): Json {
  const record = frameworkOf(call);
  delete call.scope.region.frameworks![record.name];
  delete call.scope.region.tags[record.arn];
  call.ctx.markChanged();
  return {};
}

export function listFrameworks(call: BackupCall): Json {
  const all = Object.values(call.scope.region.frameworks ?? {}).sort((a, b) => a.name.localeCompare(b.name));
  const page = paginate(call, all, 'ListFrameworks', 1000, PASCAL_CASE_PAGE_QUERY);
  return compact({
    Frameworks: page.items.map((f) =>
      compact({
        FrameworkName: f.name,
        FrameworkArn: f.arn,
        FrameworkDescription: f.description,
        NumberOfControls: f.controls.length,
        CreationTime: epochSeconds(f.creationTime),
        DeploymentStatus: 'COMPLETED',
      }),
    ),
    NextToken: page.nextToken,
  });
}
