// org_policy_attachment: a policy attached to a root, OU or account. Nothing can change in place:
// another policy or target is a detach and an attach.
import type { ObjectValue } from '../../core/values.js';
import type { KindModel } from '../kind-model.js';

export const orgPolicyAttachmentModel: KindModel = {
  kind: 'org_policy_attachment',
  organizationWide: true,
  forcesReplacement: new Set(['policy_id', 'target_id']),
  computed: ['target_type'],
  optionalComputed: [],
  tagAttributes: [],
  keyedLists: {},
  jsonAttributes: [],
  // The new attachment first: a target is never left without the policy in between.
  replaceCreatesFirst: true,

  canonical(a: ObjectValue): ObjectValue {
    return { ...a };
  },

  replaceReason() {
    return 'must be replaced: an attachment is detached and attached again';
  },

  deleteReason: 'detaches the policy; AWS Backup then removes the plans it made in the accounts below the target',
};
