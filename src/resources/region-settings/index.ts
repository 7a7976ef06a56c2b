// The region_settings kind: everything the rest of bkp knows of it.
import type { ResourceKind } from '../kind.js';
import { regionSettingsHandler } from './handler.js';
import { regionSettingsModel } from './model.js';
import { validateRegionSettings } from './validate.js';

export const regionSettings: ResourceKind = {
  name: 'region_settings',
  model: regionSettingsModel,
  validate: validateRegionSettings,
  handler: regionSettingsHandler,
  importId: "the provider's Region (region_settings are one object per account and Region)",
  adoption: {
    file: 'settings.bkp.hcl',
    generate: {
      awsName: () => 'main',
      note: () => ['Every resource type as the account has it. A type you remove from these maps is', 'no longer managed by bkp; its setting stays as it is in the account.'],
    },
  },
};
