// What the account's AWS Backup settings mean for the controls: a resource type that is not opted
// in is not backed up whatever the selections say, and copies to another account need
// cross-account backup. The configuration's region_settings and global_settings say it first
// (apply makes the account match them); with -refresh, the account says it for what they leave unset.
import type { SourceRange } from '../core/diagnostics.js';
import type { Config, ResourceConfig } from '../config/model.js';
import { knownBoolean, knownObject } from '../resources/rules/problem.js';
import { providerLocation, resourceRange } from './config-facts.js';
import type { CheckInputs, InventoryResource } from './model.js';

/** Why the settings stand in the way, and the configuration that says so (when it does). */
export interface SettingsVerdict {
  why: string;
  range?: SourceRange;
}

export interface AccountSettingsView {
  /** Why AWS Backup does not back up `resource` (in `region` when the resource does not say), if it does not. */
  optedOut(resource: InventoryResource, region: string | undefined): SettingsVerdict | undefined;
  /** Why AWS Backup refuses copies from `account` to other accounts, if it does. */
  crossAccountDisabled(account: string | undefined): SettingsVerdict | undefined;
}

interface Located {
  resource: ResourceConfig;
  region?: string;
  account?: string;
}

/** Unknown on either side matches: a configuration with one provider need not name its Region. */
const same = (a: string | undefined, b: string | undefined) => a === undefined || b === undefined || a === b;

export function accountSettingsView(config: Pick<Config, 'resources' | 'providers'>, inputs: Pick<CheckInputs, 'accountSettings'>): AccountSettingsView {
  const located = (kind: string): Located[] =>
    config.resources.filter((r) => r.kind === kind).map((r) => ({ resource: r, ...providerLocation(config.providers.find((p) => p.key === r.provider)) }));
  const regionSettings = located('region_settings');
  const globalSettings = located('global_settings');
  const refreshed = inputs.accountSettings ?? [];

  return {
    optedOut(resource, fallbackRegion) {
      const region = resource.region ?? fallbackRegion;
      for (const settings of regionSettings) {
        if (!same(settings.region, region) || !same(settings.account, resource.account)) continue;
        const enabled = knownBoolean(knownObject(settings.resource.attributes.resource_type_opt_in_preference)?.[resource.type]);
        if (enabled === true) return undefined;
        if (enabled === false) {
          return {
            why: `${settings.resource.address} sets "${resource.type}" = false in resource_type_opt_in_preference`,
            range: resourceRange(settings.resource, `/resource_type_opt_in_preference/${resource.type}`),
          };
        }
      }
      const account = refreshed.find((s) => same(s.region, region) && same(s.account, resource.account));
      if (account?.optIn[resource.type] === false) {
        return { why: `the account's service opt-in (DescribeRegionSettings${account.region ? ` in ${account.region}` : ''}) has "${resource.type}" = false` };
      }
      return undefined;
    },

    crossAccountDisabled(account) {
      for (const settings of globalSettings) {
        if (!same(settings.account, account)) continue;
        const enabled = knownBoolean(settings.resource.attributes.cross_account_backup);
        if (enabled === true) return undefined;
        if (enabled === false) return { why: `${settings.resource.address} sets cross_account_backup = false`, range: resourceRange(settings.resource, '/cross_account_backup') };
      }
      const read = refreshed.find((s) => same(s.account, account) && s.crossAccountBackup !== undefined);
      if (read?.crossAccountBackup === false) return { why: "the account's global settings (DescribeGlobalSettings) have isCrossAccountBackupEnabled = false" };
      return undefined;
    },
  };
}
