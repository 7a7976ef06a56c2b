// The global_settings kind: everything the rest of bkp knows of it.
import type { ResourceKind } from '../kind.js';
import { globalSettingsHandler } from './handler.js';
import { globalSettingsModel } from './model.js';
import { validateGlobalSettings } from './validate.js';

export const globalSettings: ResourceKind = {
  name: 'global_settings',
  model: globalSettingsModel,
  validate: validateGlobalSettings,
  handler: globalSettingsHandler,
  importId: "the provider's Region (global_settings are one object per account, read through the provider)",
  adoption: {
    file: 'settings.bkp.hcl',
    generate: {
      readEverything: { cross_account_backup: false, multi_party_approval: false, delegated_administrator: false },
      unreadableIsAbsent: true,
      awsName: () => 'main',
    },
  },
};
