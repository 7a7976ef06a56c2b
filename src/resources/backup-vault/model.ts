// backup_vault: comparison rules.
import { isObjectValue, isUnknown, type ObjectValue, type Value } from '../../core/values.js';
import { compact, positiveOrUnset, stringMap, stringSet } from '../canonical.js';
import { canonicalPolicyDocument } from '../iam-policy.js';
import type { KindModel } from '../kind-model.js';

function canonicalLock(v: Value | undefined): Value | undefined {
  if (isUnknown(v)) return v;
  if (!isObjectValue(v)) return undefined;
  return (
    compact({
      min_retention_days: positiveOrUnset(v.min_retention_days),
      max_retention_days: positiveOrUnset(v.max_retention_days),
      changeable_for_days: positiveOrUnset(v.changeable_for_days),
    }) ?? {}
  );
}

function canonicalNotifications(v: Value | undefined): Value | undefined {
  if (isUnknown(v)) return v;
  if (!isObjectValue(v)) return undefined;
  return { sns_topic_arn: v.sns_topic_arn ?? null, events: stringSet(v.events) };
}

export const backupVaultModel: KindModel = {
  kind: 'backup_vault',
  forcesReplacement: new Set(['name', 'kms_key_arn']),
  computed: ['arn', 'recovery_points', 'locked', 'lock_date'],
  optionalComputed: ['kms_key_arn'],
  tagAttributes: ['tags'],
  managedWhenSet: ['access_policy', 'lock', 'notifications'],
  keyedLists: {},
  jsonAttributes: ['access_policy'],

  canonical(a: ObjectValue): ObjectValue {
    const out: ObjectValue = { ...a, tags: stringMap(a.tags) as Value };
    const policy = canonicalPolicyDocument(a.access_policy);
    const notifications = canonicalNotifications(a.notifications);
    const lock = canonicalLock(a.lock);
    for (const [key, value] of [
      ['access_policy', policy],
      ['notifications', notifications],
      ['lock', lock],
    ] as const) {
      if (value === undefined) delete out[key];
      else out[key] = value;
    }
    if (a.kms_key_arn === null) delete out.kms_key_arn;
    return out;
  },

  replaceReason(paths) {
    return paths.includes('name')
      ? 'must be replaced: a vault cannot be renamed'
      : 'must be replaced: a vault\'s encryption key cannot be changed';
  },

  refuseUpdate(before, after, now) {
    const lockDate = typeof before.lock_date === 'string' ? Date.parse(before.lock_date) : NaN;
    if (Number.isNaN(lockDate) || lockDate > now.getTime()) return undefined;
    const lockBefore = JSON.stringify(canonicalLock(before.lock) ?? null);
    const lockAfter = JSON.stringify(canonicalLock(after.lock) ?? null);
    if (lockBefore === lockAfter) return undefined;
    return (
      `The vault lock of "${String(before.name)}" became immutable on ${new Date(lockDate).toISOString()} ` +
      '(compliance mode): AWS refuses any change to it or its removal. Restore the lock block to ' +
      `min_retention_days = ${String((before.lock as ObjectValue | undefined)?.min_retention_days ?? '…')}, ` +
      `max_retention_days = ${String((before.lock as ObjectValue | undefined)?.max_retention_days ?? '…')}.`
    );
  },

  refuseDelete(before) {
    const points = typeof before.recovery_points === 'number' ? before.recovery_points : 0;
    if (points <= 0) return undefined;
    return (
      `backup vault "${String(before.name)}" holds ${points} recovery point${points === 1 ? '' : 's'}; ` +
      'bkp never deletes recovery points. Let them expire per their lifecycle (or delete them yourself), ' +
      'or keep the vault in the configuration.'
    );
  },
};
