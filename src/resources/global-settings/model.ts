// global_settings: comparison rules. Each flag is a typed attribute; a flag the configuration
// leaves unset is the account's business (never compared, never written).
import type { ObjectValue } from '../../core/values.js';
import type { GlobalSettingName } from '../../domain/account-settings.js';
import type { KindModel } from '../kind-model.js';

/** bkp's attribute for each of AWS's GlobalSettings flags ("true"/"false" strings on the wire). */
export const GLOBAL_SETTING_ATTRIBUTES: Readonly<Record<string, GlobalSettingName>> = {
  cross_account_backup: 'isCrossAccountBackupEnabled',
  multi_party_approval: 'isMpaEnabled',
  delegated_administrator: 'isDelegatedAdministratorEnabled',
};

export const globalSettingsModel: KindModel = {
  kind: 'global_settings',
  forcesReplacement: new Set(),
  computed: [],
  optionalComputed: Object.keys(GLOBAL_SETTING_ATTRIBUTES),
  tagAttributes: [],
  keyedLists: {},
  jsonAttributes: [],
  deleteReason: 'will be destroyed: destroying global_settings only stops bkp managing them; the account keeps its settings',

  canonical(a: ObjectValue): ObjectValue {
    const out: ObjectValue = { ...a };
    for (const attribute of Object.keys(GLOBAL_SETTING_ATTRIBUTES)) if (out[attribute] === null) delete out[attribute];
    return out;
  },

  replaceReason() {
    return 'must be replaced: the provider now points at another account';
  },
};
