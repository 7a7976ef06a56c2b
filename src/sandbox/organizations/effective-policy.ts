// The effective policy of one account of the sandbox's organization: the policies attached to
// the root, each OU on the way down and the account, merged with Organizations' inheritance rules
// (src/domain/org-policy). DescribeEffectivePolicy answers it; the policy-managed backup plans
// (policy-plans.ts) are made from it, so both always agree.
import { effectivePolicy, type PolicyObject } from '../../domain/org-policy/inheritance.js';
import { pathFromRoot, type OrganizationState } from './state.js';

/** The merged policy of `type` for an account, or undefined when no policy of that type reaches it. */
export function effectiveFor(org: OrganizationState, accountId: string, type: string): { content: PolicyObject; updatedAt: number } | undefined {
  let updatedAt = 0;
  let any = false;
  const levels = pathFromRoot(org, accountId).map((targetId) => ({
    targetId,
    policies: org.attachments
      .filter((a) => a.targetId === targetId)
      .flatMap((a) => {
        const policy = org.policies[a.policyId];
        if (!policy || policy.type !== type) return [];
        any = true;
        updatedAt = Math.max(updatedAt, policy.updatedAt, a.at);
        return [{ id: policy.id, name: policy.name, content: JSON.parse(policy.content) as PolicyObject }];
      }),
  }));
  if (!any) return undefined;
  return { content: effectivePolicy(levels).policy as PolicyObject, updatedAt };
}
