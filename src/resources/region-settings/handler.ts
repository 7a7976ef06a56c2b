// region_settings through AWS Backup: DescribeRegionSettings / UpdateRegionSettings of the
// provider's Region. The object always exists: creating it sets the configured preferences,
// destroying it only forgets it (bkp never turns a service off on its way out).
import { isObjectValue, type ObjectValue, type Value } from '../../core/values.js';
import { backupApi } from '../../aws/backup-api.js';
import type { HandlerContext, Listing, ResourceHandler } from '../handler.js';
import { managedPart } from '../managed.js';
import { regionSettingsModel } from './model.js';

interface RegionPreferences {
  resource_type_opt_in_preference: Record<string, boolean>;
  resource_type_management_preference: Record<string, boolean>;
}

async function describe(ctx: HandlerContext): Promise<RegionPreferences> {
  const { DescribeRegionSettingsCommand } = await backupApi();
  const out = await ctx.limit(() => ctx.backup.send(new DescribeRegionSettingsCommand({})));
  return {
    resource_type_opt_in_preference: { ...out.ResourceTypeOptInPreference },
    resource_type_management_preference: { ...out.ResourceTypeManagementPreference },
  };
}

/** The booleans of a configured map: only those keys are written. */
function booleans(value: Value | undefined): Record<string, boolean> | undefined {
  if (!isObjectValue(value)) return undefined;
  const out: Record<string, boolean> = {};
  for (const [type, enabled] of Object.entries(value)) if (typeof enabled === 'boolean') out[type] = enabled;
  return Object.keys(out).length > 0 ? out : undefined;
}

/**
 * Sends the configured preferences. Types the configuration no longer names are not sent: AWS keeps
 * a type the request leaves out as it is, and that is what forgetting a key means.
 */
async function put(ctx: HandlerContext, desired: ObjectValue): Promise<void> {
  const optIn = booleans(desired.resource_type_opt_in_preference);
  const management = booleans(desired.resource_type_management_preference);
  if (optIn === undefined && management === undefined) return;
  const { UpdateRegionSettingsCommand } = await backupApi();
  await ctx.backup.send(new UpdateRegionSettingsCommand({ ResourceTypeOptInPreference: optIn, ResourceTypeManagementPreference: management }));
}

async function readManaged(ctx: HandlerContext, desired: ObjectValue): Promise<ObjectValue> {
  // State records the managed keys only: a key recorded would count as managed by the next plan.
  return managedPart(regionSettingsModel, { ...(await describe(ctx)) }, [desired]).attributes;
}

export const regionSettingsHandler: ResourceHandler<RegionPreferences> = {
  // One Describe call answers for the provider's only object (id = its Region).
  async list(ctx) {
    return new Map([[ctx.settings.region, await describe(ctx)]]);
  },

  async read(ctx, id, _prior, listing?: Listing<RegionPreferences>) {
    if (id !== ctx.settings.region) return null;
    const preferences = listing?.get(id) ?? (await describe(ctx));
    return { ...preferences };
  },

  async create(ctx, _address, desired, hooks) {
    await put(ctx, desired);
    const id = ctx.settings.region;
    const attributes = await readManaged(ctx, desired);
    hooks.created(id, attributes);
    return { id, attributes };
  },

  async update(ctx, _id, _before, after) {
    await put(ctx, after);
    return readManaged(ctx, after);
  },

  // Forget only: the account keeps its settings.
  async delete() {},
};
