// What a plan's changes to organization backup policies and their attachments do in each member
// account: the organization is read as it is, the planned changes are laid over it, and every
// account's effective policy is merged before and after (Organizations' inheritance rules,
// src/domain/org-policy) and read as the AWS Backup plans it makes there. A policy attached outside
// this configuration takes part as AWS would make it. The merged plans are also checked as AWS
// Backup will need them (a vault, Regions, a selection with an IAM role), per account.
import { awsErrorName } from '../../aws/errors.js';
import { isObjectValue } from '../../core/values.js';
import { checkEffectiveBackupPolicy } from '../../domain/org-policy/backup-policy-checks.js';
import { effectiveBackupPlans } from '../../domain/org-policy/effective-backup-plans.js';
import { effectivePolicy, type PolicyObject } from '../../domain/org-policy/inheritance.js';
import { planDifferences } from '../../domain/org-policy/plan-differences.js';
import type { HandlerContext } from '../handler.js';
import type { PlanEffect, PlanFinding, PlannedChange } from '../kind.js';
import { parseDocument, readOrganizationPolicies, type OrganizationPolicies } from './organization.js';

const POLICY_KIND = 'org_backup_policy';
const ATTACHMENT_KIND = 'org_policy_attachment';
/** A policy this plan creates has no id yet: it is known by its address. */
const newPolicyId = (address: string) => `(new) ${address}`;

function clone(org: OrganizationPolicies): OrganizationPolicies {
  return {
    rootId: org.rootId,
    accounts: org.accounts,
    attachments: new Map([...org.attachments].map(([node, ids]) => [node, [...ids]])),
    policies: new Map(org.policies),
  };
}

/** The organization once the planned changes are made. */
function afterPlan(before: OrganizationPolicies, changes: readonly PlannedChange[]): OrganizationPolicies {
  const after = clone(before);
  const attach = (node: string, policy: string) => after.attachments.set(node, [...(after.attachments.get(node) ?? []), policy]);
  const detach = (node: string, policy: string) => after.attachments.set(node, (after.attachments.get(node) ?? []).filter((p) => p !== policy));
  const policyIdOf = (change: PlannedChange): string | undefined => {
    if (typeof change.after?.policy_id === 'string') return change.after.policy_id;
    // Not created yet: the one policy of this plan it refers to.
    const created = changes.filter((c) => c.kind === POLICY_KIND && (change.dependencies ?? []).includes(c.address));
    return created.length === 1 ? (created[0]!.id ?? newPolicyId(created[0]!.address)) : undefined;
  };
  for (const change of changes) {
    if (change.kind !== POLICY_KIND || change.action === 'no-op') continue;
    const id = change.action === 'create' || change.id === undefined ? newPolicyId(change.address) : change.id;
    if (change.action === 'delete') {
      after.policies.delete(id);
      for (const node of after.attachments.keys()) detach(node, id);
      continue;
    }
    const content = typeof change.after?.content === 'string' ? parseDocument(change.after.content) : undefined;
    after.policies.set(id, { name: typeof change.after?.name === 'string' ? change.after.name : change.address, content });
  }
  for (const change of changes) {
    if (change.kind !== ATTACHMENT_KIND || change.action === 'no-op') continue;
    if ((change.action === 'delete' || change.action === 'replace') && change.id !== undefined) {
      const [target = '', policy = ''] = change.id.split(':');
      detach(target, policy);
    }
    if (change.action === 'create' || change.action === 'replace') {
      const policy = policyIdOf(change);
      const target = change.after?.target_id;
      if (policy !== undefined && typeof target === 'string') attach(target, policy);
    }
  }
  return after;
}

/** The account's effective policy, or undefined when a policy on its path is not known yet. */
function effectiveFor(org: OrganizationPolicies, path: readonly string[]): { policy: PolicyObject; notes: string[] } | undefined {
  const levels = [];
  for (const node of path) {
    const policies = [];
    for (const id of org.attachments.get(node) ?? []) {
      const policy = org.policies.get(id);
      if (!policy) continue; // deleted in this plan, or of another type
      if (!policy.content) return undefined;
      policies.push({ id, name: policy.name, content: policy.content });
    }
    levels.push({ targetId: node, policies });
  }
  const merged = effectivePolicy(levels);
  return { policy: merged.policy as PolicyObject, notes: merged.notes.map((n) => n.message) };
}

export async function organizationPolicyEffects(
  changes: readonly PlannedChange[],
  context: (provider: string) => Promise<HandlerContext>,
): Promise<{ effects: PlanEffect[]; findings: PlanFinding[] }> {
  const changed = changes.filter((c) => (c.kind === POLICY_KIND || c.kind === ATTACHMENT_KIND) && c.action !== 'no-op');
  if (changed.length === 0) return { effects: [], findings: [] };
  const first = changed[0]!;
  let before: OrganizationPolicies;
  try {
    before = await readOrganizationPolicies(await context(first.provider));
  } catch (e) {
    const name = awsErrorName(e) ?? (e as Error).name;
    return {
      effects: [],
      findings: [
        {
          address: first.address,
          severity: 'warning',
          summary: 'The effect on member accounts is not shown',
          detail: `Reading the organization (ListRoots, ListAccountsForParent, ListPoliciesForTarget, DescribePolicy) failed: ${name}: ${(e as Error).message}. Run the plan with the organization's management account (or a delegated administrator for backup policies) to see which plans each account gets.`,
          attribute: 'name',
        },
      ],
    };
  }
  const after = afterPlan(before, changes);
  const causes = changed.map((c) => c.address);
  const effects: PlanEffect[] = [];
  const findings: PlanFinding[] = [];
  const unknown: string[] = [];
  for (const [accountId, account] of [...before.accounts].sort(([a], [b]) => (a < b ? -1 : 1))) {
    const was = effectiveFor(before, account.path);
    const now = effectiveFor(after, account.path);
    if (now === undefined) {
      unknown.push(accountId);
      continue;
    }
    const subject = `account ${accountId} (${account.name})`;
    const differences = planDifferences(was ? effectiveBackupPlans(was.policy, accountId) : [], effectiveBackupPlans(now.policy, accountId));
    if (differences.length > 0) effects.push({ subject, causes, changes: differences });
    const problems = checkEffectiveBackupPolicy(now.policy);
    if (differences.length > 0 || problems.length > 0) {
      for (const problem of problems) {
        findings.push({
          address: causeOf(changed, problem.path),
          severity: problem.severity,
          summary: `Incomplete backup plan in ${subject}`,
          detail: `Once the policies attached above ${accountId} are merged, ${problem.message} (effective policy: ${problem.path.join('.')}). AWS Backup cannot create that plan there.`,
          attribute: 'plan',
        });
      }
      for (const note of (now.notes ?? []).filter((n) => !(was?.notes ?? []).includes(n))) {
        findings.push({ address: first.address, severity: 'warning', summary: `In ${subject}, a setting has no effect`, detail: note, attribute: 'plan' });
      }
    }
  }
  if (unknown.length > 0 && effects.length === 0) {
    effects.push({ subject: `${unknown.length} ${unknown.length === 1 ? 'account' : 'accounts'}`, causes, changes: [{ action: 'update', summary: 'known after apply (a policy document depends on values not known yet)' }] });
  }
  return { effects, findings };
}

/** The changed policy whose plan the problem is in (the first changed policy otherwise). */
function causeOf(changed: readonly PlannedChange[], path: readonly string[]): string {
  const planName = path[1];
  const policy = changed.find((c) => c.kind === POLICY_KIND && isObjectValue(c.after) && typeof c.after.content === 'string' && planName !== undefined && c.after.content.includes(`"${planName}"`));
  return (policy ?? changed.find((c) => c.kind === POLICY_KIND) ?? changed[0]!).address;
}
