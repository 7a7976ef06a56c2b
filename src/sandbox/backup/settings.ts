// AWS Backup's account settings: the Region's service opt-in and full-management preferences
// (GET/PUT /account-settings) and the account's global settings (GET/PUT /global-settings).
// Only what UpdateXSettings set is stored: the rest reads as a new account has it, so a read never
// writes the account file.
import { defaultGlobalSettings, GLOBAL_SETTING_NAMES, MANAGEMENT_RESOURCE_TYPES, OPT_IN_RESOURCE_TYPES } from '../../domain/account-settings.js';
import { managementPreferences, optInPreferences } from '../engine/opt-in.js';
import type { AccountState } from '../state.js';
import { invalid, missing } from './errors.js';
import { compact, epochSeconds, optionalObject, type BackupCall, type Json } from './wire.js';

export function describeRegionSettings(call: BackupCall): Json {
  return {
    ResourceTypeOptInPreference: optInPreferences(call.scope.region),
    ResourceTypeManagementPreference: managementPreferences(call.scope.region),
  };
}

/**
 * A preference map checked as AWS checks it: booleans for the types it supports in this Region.
 * The message is AWS's (quoted in boto/boto3#3758 for the opt-in map).
 */
function preferences(call: BackupCall, field: string, what: string, supported: readonly string[]): Record<string, boolean> | undefined {
  const map = optionalObject(call.body, field);
  if (map === undefined) return undefined;
  for (const [type, enabled] of Object.entries(map)) {
    if (typeof enabled !== 'boolean') throw invalid(`${field}.${type} must be a boolean.`);
    if (!supported.includes(type)) {
      throw invalid(`Element present in resource type ${what} preference has invalid values. Please use describeRegionSettings API to know the supported resource types`);
    }
  }
  return map as Record<string, boolean>;
}

export function updateRegionSettings(call: BackupCall): Json {
  const optIn = preferences(call, 'ResourceTypeOptInPreference', 'opt in', OPT_IN_RESOURCE_TYPES);
  const management = preferences(call, 'ResourceTypeManagementPreference', 'management', MANAGEMENT_RESOURCE_TYPES);
  // ⚠ AWS documents MissingParameterValueException for this operation; a request that sets no
  // preference at all is the only input it can concern.
  if (Object.keys({ ...optIn, ...management }).length === 0) throw missing('ResourceTypeOptInPreference');
  const region = call.scope.region;
  const settings = (region.settings ??= { optIn: {}, management: {} });
  // Types the request does not name keep their preference: AWS merges, it never resets.
  Object.assign(settings.optIn, optIn);
  Object.assign(settings.management, management);
  call.ctx.markChanged();
  return {};
}

function globalSettings(account: AccountState): Record<string, string> {
  return { ...defaultGlobalSettings(), ...account.globalSettings?.values };
}

// AWS answers these only in an Organizations management account: the sandbox account is the
// management account of its own organization, so both operations are served.
export function describeGlobalSettings(call: BackupCall): Json {
  const account = call.ctx.account;
  return compact({ GlobalSettings: globalSettings(account), LastUpdateTime: epochSeconds(account.globalSettings?.lastUpdateTime) });
}

export function updateGlobalSettings(call: BackupCall): Json {
  const requested = optionalObject(call.body, 'GlobalSettings');
  if (requested === undefined || Object.keys(requested).length === 0) throw missing('GlobalSettings');
  for (const [name, value] of Object.entries(requested)) {
    if (!(GLOBAL_SETTING_NAMES as readonly string[]).includes(name)) {
      throw invalid(`Unsupported global setting ${name}. Supported settings: ${GLOBAL_SETTING_NAMES.join(', ')}.`);
    }
    if (value !== 'true' && value !== 'false') throw invalid(`Invalid value for ${name}: ${JSON.stringify(value)}. Values can be true or false.`);
  }
  const account = call.ctx.account;
  account.globalSettings = { values: { ...account.globalSettings?.values, ...(requested as Record<string, string>) }, lastUpdateTime: call.now };
  call.ctx.markChanged();
  return {};
}
