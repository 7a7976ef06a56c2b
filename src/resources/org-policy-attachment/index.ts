// The org_policy_attachment kind: everything the rest of bkp knows of it.
import type { ResourceKind } from '../kind.js';
import { organizationPolicyEffects } from '../org-backup-policy/effects.js';
import { orgPolicyAttachmentHandler } from './handler.js';
import { orgPolicyAttachmentModel } from './model.js';

export const orgPolicyAttachment: ResourceKind = {
  name: 'org_policy_attachment',
  model: orgPolicyAttachmentModel,
  validate: () => [],
  handler: orgPolicyAttachmentHandler,
  importId: 'TARGET_ID:POLICY_ID (as Terraform: r-abcd:p-12345678)',
  adoption: { file: 'organizations.bkp.hcl' },
  planEffects: organizationPolicyEffects,
};
