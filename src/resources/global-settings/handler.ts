// global_settings through AWS Backup: DescribeGlobalSettings / UpdateGlobalSettings. The settings
// are the account's (its organization's); the object's id is the provider's Region, through which
// bkp reads them. Creating sets the configured flags; destroying only forgets them.
import { awsErrorName } from '../../aws/errors.js';
import { backupApi } from '../../aws/backup-api.js';
import { ErrorCode, UserError } from '../../core/errors.js';
import type { ObjectValue } from '../../core/values.js';
import type { HandlerContext, Listing, ResourceHandler } from '../handler.js';
import { GLOBAL_SETTING_ATTRIBUTES } from './model.js';

/** The flags as bkp's attributes: "true" → true; flags AWS does not report stay unset. */
type GlobalFlags = ObjectValue;

async function describe(ctx: HandlerContext): Promise<GlobalFlags> {
  const { DescribeGlobalSettingsCommand } = await backupApi();
  let settings: Record<string, string>;
  try {
    settings = (await ctx.limit(() => ctx.backup.send(new DescribeGlobalSettingsCommand({})))).GlobalSettings ?? {};
  } catch (e) {
    throw organizationError(e, 'read', 'DescribeGlobalSettings');
  }
  const flags: GlobalFlags = {};
  for (const [attribute, name] of Object.entries(GLOBAL_SETTING_ATTRIBUTES)) {
    const value = settings[name];
    if (value !== undefined) flags[attribute] = value.toLowerCase() === 'true';
  }
  return flags;
}

/**
 * AWS serves these settings only to Organizations accounts, and changes them only from the
 * management account: its refusal becomes a message that says so. Other errors pass unchanged.
 */
function organizationError(error: unknown, verb: string, operation: string): unknown {
  const name = awsErrorName(error);
  if (name !== 'InvalidRequestException' && name !== 'AccessDeniedException') return error;
  return new UserError(
    ErrorCode.AwsAccessDenied,
    `Cannot ${verb} global_settings: AWS refused ${operation} (${name}: ${(error as Error).message}). AWS Backup's global settings belong to an AWS Organizations organization and only its management account can change them.`,
    { hint: 'Run bkp with credentials of the organization\'s management account (or a provider block for it), or remove the global_settings block.', cause: error },
  );
}

/** Sends the flags of `after` that differ from `before` (all set flags when before is empty). */
async function put(ctx: HandlerContext, before: ObjectValue, after: ObjectValue): Promise<void> {
  const changed: Record<string, string> = {};
  for (const [attribute, name] of Object.entries(GLOBAL_SETTING_ATTRIBUTES)) {
    const wanted = after[attribute];
    if (typeof wanted === 'boolean' && wanted !== before[attribute]) changed[name] = String(wanted);
  }
  if (Object.keys(changed).length === 0) return;
  const { UpdateGlobalSettingsCommand } = await backupApi();
  try {
    await ctx.backup.send(new UpdateGlobalSettingsCommand({ GlobalSettings: changed }));
  } catch (e) {
    throw organizationError(e, 'change', 'UpdateGlobalSettings');
  }
}

/**
 * The flags `managed` sets (the configuration, or the last-applied state), as AWS has them: the
 * others are the account's, neither recorded nor reported as drift.
 */
function managedFlags(flags: GlobalFlags, managed: ObjectValue): ObjectValue {
  return Object.fromEntries(Object.entries(flags).filter(([attribute]) => typeof managed[attribute] === 'boolean'));
}

export const globalSettingsHandler: ResourceHandler<GlobalFlags> = {
  async list(ctx) {
    return new Map([[ctx.settings.region, await describe(ctx)]]);
  },

  async read(ctx, id, prior, listing?: Listing<GlobalFlags>) {
    if (id !== ctx.settings.region) return null;
    return managedFlags(listing?.get(id) ?? (await describe(ctx)), prior);
  },

  async create(ctx, _address, desired, hooks) {
    await put(ctx, {}, desired);
    const id = ctx.settings.region;
    const attributes = managedFlags(await describe(ctx), desired);
    hooks.created(id, attributes);
    return { id, attributes };
  },

  async update(ctx, _id, before, after) {
    await put(ctx, before, after);
    return managedFlags(await describe(ctx), after);
  },

  // Forget only: the organization keeps its settings.
  async delete() {},
};
