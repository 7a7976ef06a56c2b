// org_backup_policy: comparison rules. What is compared is the policy document itself: the
// configuration's plan blocks are compiled to it (compile.ts), the account's is read back, and both
// are written with sorted keys, so only a real difference of the document shows, as a document diff.
import { isUnknown, UNKNOWN, type ObjectValue, type Value } from '../../core/values.js';
import type { PolicyJson } from '../../domain/org-policy/inheritance.js';
import { stringMap } from '../canonical.js';
import type { KindModel } from '../kind-model.js';
import { compileBackupPolicy, documentText } from './compile.js';

/** The document of configured attributes (plan blocks) or of read ones (content). */
export function policyContent(a: ObjectValue): Value {
  if (a.plan !== undefined || a.child_operators !== undefined) {
    const compiled = compileBackupPolicy(a);
    return compiled === undefined ? UNKNOWN : documentText(compiled.document);
  }
  if (typeof a.content !== 'string') return a.content ?? null;
  try {
    return documentText(JSON.parse(a.content) as PolicyJson);
  } catch {
    return a.content;
  }
}

export const orgBackupPolicyModel: KindModel = {
  kind: 'org_backup_policy',
  organizationWide: true,
  forcesReplacement: new Set(),
  computed: ['id', 'arn'],
  optionalComputed: [],
  tagAttributes: ['tags'],
  keyedLists: {},
  jsonAttributes: ['content'],

  canonical(a: ObjectValue): ObjectValue {
    const out: ObjectValue = {
      name: a.name ?? null,
      description: a.description ?? '',
      tags: stringMap(a.tags) as Value,
      content: policyContent(a),
    };
    for (const key of ['id', 'arn']) if (a[key] !== undefined) out[key] = a[key]!;
    if (isUnknown(a.name)) out.name = UNKNOWN;
    return out;
  },

  replaceReason() {
    return 'must be replaced';
  },

  deleteReason: 'AWS Backup deletes the plans this policy created in the accounts it reached (their recovery points stay)',
};
