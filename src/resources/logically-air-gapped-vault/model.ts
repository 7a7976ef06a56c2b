// logically_air_gapped_vault: comparison rules. Everything but the tags is fixed at creation: AWS
// has no call that changes an air-gapped vault's name, retention range or key.
import type { ObjectValue, Value } from '../../core/values.js';
import { stringMap } from '../canonical.js';
import type { KindModel } from '../kind-model.js';

export const logicallyAirGappedVaultModel: KindModel = {
  kind: 'logically_air_gapped_vault',
  isVault: true,
  forcesReplacement: new Set(['name', 'min_retention_days', 'max_retention_days', 'kms_key_arn']),
  computed: ['arn', 'vault_state', 'vault_type', 'recovery_points'],
  // Unset: the AWS-owned key, which AWS does not name by an ARN of this account.
  optionalComputed: ['kms_key_arn'],
  tagAttributes: ['tags'],
  keyedLists: {},
  jsonAttributes: [],

  canonical(a: ObjectValue): ObjectValue {
    const out: ObjectValue = { ...a, tags: stringMap(a.tags) as Value };
    if (a.kms_key_arn === null) delete out.kms_key_arn;
    return out;
  },

  replaceReason(paths) {
    if (paths.includes('name')) return 'must be replaced: a vault cannot be renamed';
    if (paths.includes('kms_key_arn')) return "must be replaced: a vault's encryption key cannot be changed";
    return "must be replaced: an air-gapped vault's retention range is locked (compliance mode) when it is created";
  },

  // No force_destroy here: an air-gapped vault is locked in compliance mode, so nobody (bkp, the
  // account's root user, AWS) can delete its recovery points before their retention ends. The
  // vault can be deleted only once AWS has expired them all.
  refuseDelete(before) {
    const points = typeof before.recovery_points === 'number' ? before.recovery_points : 0;
    if (points <= 0) return undefined;
    return (
      `logically air-gapped vault "${String(before.name)}" holds ${points} recovery point${points === 1 ? '' : 's'}, ` +
      'which nobody can delete before their retention ends: the vault is locked in compliance mode. ' +
      'Keep the vault in the configuration until AWS has expired them (each after its lifecycle, at most ' +
      `${String(before.max_retention_days ?? 'max_retention_days')} days), then destroy it.`
    );
  },
};
