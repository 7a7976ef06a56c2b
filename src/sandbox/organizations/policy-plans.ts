// The backup plans AWS Backup keeps in an account from its effective backup policy: one plan per
// policy plan and Region it names, with the policy's selections. They are reconciled with the
// organization whenever it changed since the last time (an attach, a detach, UpdatePolicy, a moved
// account): a plan the policy no longer names is deleted, a changed plan gets a new version. The
// management account is governed too: backup policies affect it, unlike SCPs (Organizations'
// policy type table, "Affects management account: Yes").
//
// What AWS shows of such plans beyond their document is not documented: the sandbox gives them the
// normal plan shape without a CreatorRequestId (nobody called CreateBackupPlan), and marks them
// managedByOrganization so the Backup API refuses to change them (backup/plans.ts, selections.ts).
import { effectiveBackupPlans, type PolicyBackupPlan } from '../../domain/org-policy/effective-backup-plans.js';
import type { EffectiveObject } from '../../domain/org-policy/inheritance.js';
import { BackupApiError } from '../backup/errors.js';
import { readPlanDocument, sameDocument } from '../backup/plan-validation.js';
import type { Json } from '../backup/wire.js';
import { schedulePlan } from '../engine/scheduler.js';
import { newUuid, newVersionId } from '../ids.js';
import { regionState, type AccountState, type PlanDocument, type PlanRecord, type SelectionRecord } from '../state.js';
import { issueTimestamp } from '../timestamps.js';
import { effectiveFor } from './effective-policy.js';
import type { OrganizationState } from './state.js';

const NO_ORGANIZATION = 'none';

function syncKey(org: OrganizationState | undefined): string {
  return org === undefined ? NO_ORGANIZATION : `${org.id}:${org.serial}`;
}

/** Whether the organization changed since the account's policy plans were last reconciled. */
export function policyPlansDue(account: AccountState, org: OrganizationState | undefined): boolean {
  return (account.organizationPlansSyncedWith ?? NO_ORGANIZATION) !== syncKey(org);
}

function desiredPlans(account: AccountState, org: OrganizationState | undefined): PolicyBackupPlan[] {
  if (org === undefined || org.accounts[account.accountId] === undefined) return [];
  const effective = effectiveFor(org, account.accountId, 'BACKUP_POLICY');
  return effective === undefined ? [] : effectiveBackupPlans(effective.content as EffectiveObject, account.accountId);
}

/** The plan document AWS Backup makes of a policy plan; undefined when AWS Backup would reject it. */
function documentOf(account: AccountState, plan: PolicyBackupPlan, previous: PlanDocument | undefined): PlanDocument | undefined {
  const input = { BackupPlanName: plan.BackupPlanName, Rules: plan.Rules, AdvancedBackupSettings: plan.AdvancedBackupSettings } as unknown as Json;
  try {
    return readPlanDocument(account, input, previous);
  } catch (error) {
    // A policy that merges into an unusable plan (no schedule-less rule is checked by
    // Organizations) creates nothing in AWS Backup either.
    if (error instanceof BackupApiError) return undefined;
    throw error;
  }
}

function reconcileSelections(account: AccountState, plan: PlanRecord, wanted: PolicyBackupPlan['Selections'], now: number): void {
  const byName = new Map(wanted.map((s) => [s.SelectionName, s as SelectionRecord['selection']] as const));
  for (const [id, record] of Object.entries(plan.selections)) {
    const desired = byName.get(record.selection.SelectionName);
    if (desired !== undefined && JSON.stringify(desired) === JSON.stringify(record.selection)) byName.delete(record.selection.SelectionName);
    else delete plan.selections[id];
  }
  for (const selection of byName.values()) {
    // Copied through JSON: structuredClone refuses the account's change-tracking proxies.
    const id = newUuid(account, 'selection');
    plan.selections[id] = { id, planId: plan.id, creationDate: issueTimestamp(account, now), selection: JSON.parse(JSON.stringify(selection)) as SelectionRecord['selection'] };
  }
}

function createPlan(account: AccountState, regionName: string, document: PlanDocument, now: number): PlanRecord {
  const id = newUuid(account, 'plan');
  const createdAt = issueTimestamp(account, now);
  const plan: PlanRecord = {
    id,
    arn: `arn:aws:backup:${regionName}:${account.accountId}:backup-plan:${id}`,
    creationDate: createdAt,
    versions: [{ versionId: newVersionId(account), createdAt, document }],
    selections: {},
    nextTicks: {},
    managedByOrganization: true,
  };
  schedulePlan(plan, now);
  return plan;
}

function retire(account: AccountState, regionName: string, plan: PlanRecord, now: number): void {
  plan.deletionDate = now;
  plan.nextTicks = {};
  plan.selections = {};
  delete regionState(account, regionName).tags[plan.arn];
}

/**
 * Brings the account's policy-managed plans in line with the organization's current effective
 * backup policy, at `now`. Returns whether the account changed.
 */
export function reconcilePolicyPlans(account: AccountState, org: OrganizationState | undefined, now: number): boolean {
  if (!policyPlansDue(account, org)) return false;
  account.organizationPlansSyncedWith = syncKey(org);
  const wanted = desiredPlans(account, org);
  const regions = new Set([...wanted.map((p) => p.region), ...Object.keys(account.backup)]);
  for (const regionName of regions) {
    const inRegion = wanted.filter((p) => p.region === regionName);
    const existing = account.backup[regionName];
    const managed = Object.values(existing?.plans ?? {}).filter((p) => p.managedByOrganization === true && p.deletionDate === undefined);
    if (inRegion.length === 0 && managed.length === 0) continue;
    const region = regionState(account, regionName);
    const kept = new Set<PlanRecord>();
    for (const policyPlan of inRegion) {
      let plan = managed.find((p) => p.versions.at(-1)!.document.BackupPlanName === policyPlan.BackupPlanName);
      const current = plan?.versions.at(-1)!.document;
      const document = documentOf(account, policyPlan, current);
      if (document === undefined) continue;
      if (plan === undefined) {
        plan = createPlan(account, regionName, document, now);
        region.plans[plan.id] = plan;
      } else if (!sameDocument(current!, document)) {
        plan.versions.push({ versionId: newVersionId(account), createdAt: issueTimestamp(account, now), document });
        schedulePlan(plan, now);
      }
      reconcileSelections(account, plan, policyPlan.Selections, now);
      if (policyPlan.BackupPlanTags !== undefined) region.tags[plan.arn] = { ...policyPlan.BackupPlanTags };
      else delete region.tags[plan.arn];
      kept.add(plan);
    }
    for (const plan of managed) if (!kept.has(plan)) retire(account, regionName, plan, now);
  }
  return true;
}
