// Backup plans: create, get (any version), update (a new VersionId each time, old versions kept),
// delete (refused while selections exist), list (optionally with deleted plans) and versions.
import { newUuid, newVersionId } from '../ids.js';
import type { PlanRecord, PlanVersion } from '../state.js';
import { schedulePlan } from '../engine/scheduler.js';
import { BackupApiError, invalidRequest, notFound } from './errors.js';
import { readPlanDocument, sameDocument } from './plan-validation.js';
import { setTags, validateTags } from './tags.js';
import { compact, epochSeconds, optionalObject, optionalString, optionalStringMap, paginate, queryBoolean, queryString, type BackupCall, type Json } from './wire.js';
import { issueTimestamp } from '../timestamps.js';

const MAX_PLANS_PER_REGION = 300;
const MAX_VERSIONS_PER_PLAN = 2000;

export function currentVersion(plan: PlanRecord): PlanVersion {
  return plan.versions[plan.versions.length - 1]!;
}

/** The plan named in the path (deleted plans included, for Get and version listing). */
export function planOf(call: BackupCall, options: { allowDeleted?: boolean } = {}): PlanRecord {
  const id = call.params['BackupPlanId'] ?? '';
  const plan = call.scope.region.plans[id];
  if (plan === undefined || (plan.deletionDate !== undefined && options.allowDeleted !== true)) {
    throw notFound(`Failed reading backup plan: Backup plan with id ${id} does not exist.`);
  }
  return plan;
}

/**
 * A plan made from the organization's backup policy changes only with the policy. AWS documents
 * no error code for changing one through the Backup API, so the sandbox answers
 * InvalidRequestException with a message naming the policy as the place to change it.
 */
export function refusePolicyManaged(plan: PlanRecord, operation: string): void {
  if (plan.managedByOrganization !== true) return;
  throw invalidRequest(
    `${operation} cannot change backup plan ${plan.id}: AWS Organizations manages it from the account's effective backup policy. Change the organization's backup policy (or its attachments) instead.`,
  );
}

function summary(plan: PlanRecord, version: PlanVersion): Json {
  return compact({
    BackupPlanArn: plan.arn,
    BackupPlanId: plan.id,
    CreationDate: epochSeconds(version.createdAt),
    DeletionDate: epochSeconds(plan.deletionDate),
    VersionId: version.versionId,
    BackupPlanName: version.document.BackupPlanName,
    CreatorRequestId: plan.creatorRequestId,
    LastExecutionDate: epochSeconds(plan.lastExecutionDate),
    AdvancedBackupSettings: version.document.AdvancedBackupSettings,
  });
}

function createdResponse(plan: PlanRecord): Json {
  const version = currentVersion(plan);
  return compact({
    BackupPlanId: plan.id,
    BackupPlanArn: plan.arn,
    CreationDate: epochSeconds(plan.creationDate),
    VersionId: version.versionId,
    AdvancedBackupSettings: version.document.AdvancedBackupSettings,
  });
}

export function createBackupPlan(call: BackupCall): Json {
  const region = call.scope.region;
  const creatorRequestId = optionalString(call.body, 'CreatorRequestId');
  if (creatorRequestId !== undefined) {
    const existing = Object.values(region.plans).find((p) => p.creatorRequestId === creatorRequestId && p.deletionDate === undefined);
    if (existing !== undefined) return createdResponse(existing);
  }
  const document = readPlanDocument(call.ctx.account, optionalObject(call.body, 'BackupPlan'));
  const tags = optionalStringMap(call.body, 'BackupPlanTags');
  if (tags !== undefined) validateTags(tags);
  const live = Object.values(region.plans).filter((p) => p.deletionDate === undefined);
  if (live.some((p) => sameDocument(currentVersion(p).document, document))) {
    throw new BackupApiError('AlreadyExistsException', 'Backup plan with the same plan document already exists', compact({
      CreatorRequestId: creatorRequestId,
    }));
  }
  if (live.length >= MAX_PLANS_PER_REGION) {
    throw new BackupApiError('LimitExceededException', `Maximum number of backup plans (${MAX_PLANS_PER_REGION}) per region reached.`);
  }
  const id = newUuid(call.ctx.account, 'plan');
  const createdAt = issueTimestamp(call.ctx.account, call.now);
  const plan: PlanRecord = {
    id,
    arn: `arn:aws:backup:${call.ctx.region}:${call.ctx.accountId}:backup-plan:${id}`,
    creatorRequestId,
    creationDate: createdAt,
    versions: [{ versionId: newVersionId(call.ctx.account), createdAt, document }],
    selections: {},
    nextTicks: {},
  };
  schedulePlan(plan, call.now);
  region.plans[id] = plan;
  if (tags !== undefined) setTags(call, plan.arn, tags);
  call.ctx.markChanged();
  return createdResponse(plan);
}

export function getBackupPlan(call: BackupCall): Json {
  const plan = planOf(call, { allowDeleted: true });
  const versionId = queryString(call, 'versionId');
  const version = versionId === undefined ? currentVersion(plan) : plan.versions.find((v) => v.versionId === versionId);
  if (version === undefined) throw notFound(`Failed reading backup plan: version ${versionId} of backup plan ${plan.id} does not exist.`);
  return compact({
    BackupPlan: version.document,
    BackupPlanId: plan.id,
    BackupPlanArn: plan.arn,
    VersionId: version.versionId,
    CreatorRequestId: plan.creatorRequestId,
    CreationDate: epochSeconds(version.createdAt),
    DeletionDate: epochSeconds(plan.deletionDate),
    LastExecutionDate: epochSeconds(plan.lastExecutionDate),
    AdvancedBackupSettings: version.document.AdvancedBackupSettings,
  });
}

export function updateBackupPlan(call: BackupCall): Json {
  const plan = planOf(call);
  refusePolicyManaged(plan, 'UpdateBackupPlan');
  const document = readPlanDocument(call.ctx.account, optionalObject(call.body, 'BackupPlan'), currentVersion(plan).document);
  if (plan.versions.length >= MAX_VERSIONS_PER_PLAN) {
    throw new BackupApiError('LimitExceededException', `A backup plan can have at most ${MAX_VERSIONS_PER_PLAN} versions.`);
  }
  const version: PlanVersion = { versionId: newVersionId(call.ctx.account), createdAt: issueTimestamp(call.ctx.account, call.now), document };
  plan.versions.push(version);
  schedulePlan(plan, call.now);
  call.ctx.markChanged();
  return compact({
    BackupPlanId: plan.id,
    BackupPlanArn: plan.arn,
    CreationDate: epochSeconds(version.createdAt),
    VersionId: version.versionId,
    AdvancedBackupSettings: document.AdvancedBackupSettings,
  });
}

export function deleteBackupPlan(call: BackupCall): Json {
  const plan = planOf(call);
  refusePolicyManaged(plan, 'DeleteBackupPlan');
  if (Object.keys(plan.selections).length > 0) {
    throw invalidRequest('Related backup plan selections must be deleted prior to backup plan deletion');
  }
  plan.deletionDate = call.now;
  plan.nextTicks = {};
  delete call.scope.region.tags[plan.arn];
  call.ctx.markChanged();
  return { BackupPlanId: plan.id, BackupPlanArn: plan.arn, DeletionDate: epochSeconds(plan.deletionDate), VersionId: currentVersion(plan).versionId };
}

export function listBackupPlans(call: BackupCall): Json {
  const includeDeleted = queryBoolean(call, 'includeDeleted');
  const plans = Object.values(call.scope.region.plans)
    .filter((p) => includeDeleted || p.deletionDate === undefined)
    .sort((a, b) => a.creationDate - b.creationDate || a.id.localeCompare(b.id));
  const page = paginate(call, plans, 'ListBackupPlans');
  // List members carry the plan's creation date with its current VersionId.
  const items = page.items.map((p) => ({ ...summary(p, currentVersion(p)), CreationDate: epochSeconds(p.creationDate) }));
  return compact({ BackupPlansList: items, NextToken: page.nextToken });
}

export function listBackupPlanVersions(call: BackupCall): Json {
  const plan = planOf(call, { allowDeleted: true });
  const newestFirst = [...plan.versions].reverse();
  const page = paginate(call, newestFirst, `ListBackupPlanVersions:${plan.id}`);
  return compact({ BackupPlanVersionsList: page.items.map((v) => summary(plan, v)), NextToken: page.nextToken });
}
