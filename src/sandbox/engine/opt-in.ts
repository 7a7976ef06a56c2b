// The Region's service opt-in as AWS Backup applies it. A type that is not opted in is left out of
// selections by tags or "all resources"; a selection that assigns the type explicitly (an ARN or
// ARN pattern of that type) still backs it up, except Aurora, Neptune and DocumentDB, which always
// need the opt-in (AWS Backup guide, "Assign resources to a backup plan").
import { defaultManagement, defaultOptIn } from '../../domain/account-settings.js';
import { resourceTypeOfArn } from '../../domain/resource-types.js';
import type { BackupRegionState } from '../state.js';

const ALWAYS_NEED_OPT_IN: ReadonlySet<string> = new Set(['Aurora', 'Neptune', 'DocumentDB']);

/** The Region's opt-in preferences: a new account's defaults overlaid with what was set. */
export function optInPreferences(region: BackupRegionState): Record<string, boolean> {
  return { ...defaultOptIn(), ...region.settings?.optIn };
}

export function managementPreferences(region: BackupRegionState): Record<string, boolean> {
  return { ...defaultManagement(), ...region.settings?.management };
}

/** Whether AWS Backup may back up resources of `type` in the Region (types the settings do not name are not gated). */
export function isOptedIn(region: BackupRegionState, type: string): boolean {
  return optInPreferences(region)[type] !== false;
}

/** Whether a selection whose Resources are `resources` backs up a resource of `type` in the Region. */
export function selectionMayBackUp(region: BackupRegionState, type: string, resources: readonly string[]): boolean {
  if (isOptedIn(region, type)) return true;
  if (ALWAYS_NEED_OPT_IN.has(type)) return false;
  return resources.some((pattern) => pattern !== '*' && resourceTypeOfArn(pattern) === type);
}
