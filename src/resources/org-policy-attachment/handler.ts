// org_policy_attachment through AWS Organizations: AttachPolicy, DetachPolicy, and
// ListTargetsForPolicy to read it. Its id is TARGET_ID:POLICY_ID, as Terraform's.
import type { OrganizationsClient, PolicyTargetSummary } from '@aws-sdk/client-organizations';
import { awsErrorName } from '../../aws/errors.js';
import { organizationsApi } from '../../aws/organizations-api.js';
import type { ObjectValue } from '../../core/values.js';
import type { HandlerContext, ResourceHandler } from '../handler.js';

export function attachmentId(targetId: string, policyId: string): string {
  return `${targetId}:${policyId}`;
}

function parseId(id: string): { targetId: string; policyId: string } {
  const [targetId = '', policyId = ''] = id.split(':');
  return { targetId, policyId };
}

async function targetsOf(ctx: HandlerContext, client: OrganizationsClient, policyId: string): Promise<PolicyTargetSummary[] | null> {
  const { ListTargetsForPolicyCommand } = await organizationsApi();
  const targets: PolicyTargetSummary[] = [];
  let token: string | undefined;
  try {
    do {
      const out = await ctx.limit(() => client.send(new ListTargetsForPolicyCommand({ PolicyId: policyId, NextToken: token })));
      targets.push(...(out.Targets ?? []));
      token = out.NextToken;
    } while (token);
  } catch (e) {
    if (awsErrorName(e) === 'PolicyNotFoundException') return null;
    throw e;
  }
  return targets;
}

export const orgPolicyAttachmentHandler: ResourceHandler = {
  async read(ctx, id) {
    const { targetId, policyId } = parseId(id);
    const targets = await targetsOf(ctx, await ctx.organizations(), policyId);
    const target = targets?.find((t) => t.TargetId === targetId);
    if (!target) return null;
    return { policy_id: policyId, target_id: targetId, target_type: target.Type ?? '' };
  },

  async create(ctx, _address, desired, hooks) {
    const { AttachPolicyCommand } = await organizationsApi();
    const policyId = String(desired.policy_id);
    const targetId = String(desired.target_id);
    try {
      await (await ctx.organizations()).send(new AttachPolicyCommand({ PolicyId: policyId, TargetId: targetId }));
    } catch (e) {
      // Attached already (a retried create whose reply was lost): the attachment exists, as wanted.
      if (awsErrorName(e) !== 'DuplicatePolicyAttachmentException') throw e;
    }
    const id = attachmentId(targetId, policyId);
    const attributes: ObjectValue = { policy_id: policyId, target_id: targetId, target_type: targetType(targetId) };
    hooks.created(id, attributes);
    return { id, attributes };
  },

  async update(_ctx, _id, _before, after) {
    return after; // every attribute forces replacement
  },

  async delete(ctx, id) {
    const { DetachPolicyCommand } = await organizationsApi();
    const { targetId, policyId } = parseId(id);
    try {
      await (await ctx.organizations()).send(new DetachPolicyCommand({ PolicyId: policyId, TargetId: targetId }));
    } catch (e) {
      const name = awsErrorName(e);
      if (name !== 'PolicyNotAttachedException' && name !== 'PolicyNotFoundException' && name !== 'TargetNotFoundException') throw e;
    }
  },
};

function targetType(targetId: string): string {
  return targetId.startsWith('r-') ? 'ROOT' : targetId.startsWith('ou-') ? 'ORGANIZATIONAL_UNIT' : 'ACCOUNT';
}
