// backup_vault: comparison rules.
import { isObjectValue, isUnknown, type ObjectValue, type Value } from '../../core/values.js';
import { compact, positiveOrUnset, stringMap, stringSet } from '../canonical.js';
import { canonicalPolicyDocument } from '../iam-policy.js';
import type { KindModel } from '../kind-model.js';
import { legalHoldRefusal } from '../vault-legal-holds.js';

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
  isVault: true,
  forcesReplacement: new Set(['name', 'kms_key_arn']),
  computed: ['arn', 'recovery_points', 'locked', 'lock_date', 'legal_holds'],
  observedOnly: ['legal_holds'],
  optionalComputed: ['kms_key_arn'],
  tagAttributes: ['tags'],
  managedWhenSet: ['access_policy', 'lock', 'notifications'],
  unreadUnlessSet: ['access_policy', 'notifications'],
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
    // false and unset are the same: bkp keeps recovery points unless told otherwise.
    if (a.force_destroy !== true) delete out.force_destroy;
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
    const held = legalHoldRefusal('backup vault', before);
    if (held !== undefined) return held;
    const points = recoveryPoints(before);
    if (points <= 0) return undefined;
    const name = String(before.name);
    if (before.force_destroy !== true) {
      return (
        `backup vault "${name}" holds ${points} recovery point${points === 1 ? '' : 's'}; ` +
        'bkp never deletes recovery points unless told to. Let them expire per their lifecycle (or delete them yourself), ' +
        'keep the vault in the configuration, or set force_destroy = true on the vault (and apply that first) to delete them with it.'
      );
    }
    const minRetention = lockMinRetention(before);
    if (minRetention === undefined) return undefined;
    return (
      `backup vault "${name}" has force_destroy set, but its vault lock keeps every recovery point at least ` +
      `${minRetention} days: AWS refuses to delete the ${points} recovery point${points === 1 ? '' : 's'} it holds before then, ` +
      'so the vault cannot be deleted. Remove the lock block first (possible in governance mode or before the lock date), ' +
      'or wait until the recovery points have expired.'
    );
  },

  deleteNotice(before) {
    const points = recoveryPoints(before);
    if (before.force_destroy !== true || points <= 0) return undefined;
    const name = String(before.name);
    return {
      summary: `force_destroy deletes the ${points} recovery point${points === 1 ? '' : 's'} of backup vault "${name}"`,
      detail:
        `backup vault "${name}" has force_destroy = true: bkp deletes its ${points} recovery point${points === 1 ? '' : 's'} ` +
        '(counted at refresh) before the vault. Deleted recovery points cannot be restored. ' +
        'To keep them, set force_destroy = false and apply that, or keep the vault in the configuration.',
    };
  },
};

function recoveryPoints(attributes: ObjectValue): number {
  return typeof attributes.recovery_points === 'number' ? attributes.recovery_points : 0;
}

/** The lock's minimum retention in days, when the vault has a lock that sets one. */
function lockMinRetention(attributes: ObjectValue): number | undefined {
  const lock = attributes.lock;
  if (!isObjectValue(lock) || typeof lock.min_retention_days !== 'number' || lock.min_retention_days <= 0) return undefined;
  return lock.min_retention_days;
}
