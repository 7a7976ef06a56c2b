// tiering_configuration through AWS Backup: Create/Get/Update/Delete/ListTieringConfigurations and tags.
import type { ResourceSelection, TieringConfiguration, TieringConfigurationsListMember } from '@aws-sdk/client-backup';
import { backupApi } from '../../aws/backup-api.js';
import { isNotFound } from '../../aws/errors.js';
import { isObjectValue, type ObjectValue, type Value } from '../../core/values.js';
import { valuesEqual } from '../canonical.js';
import { adoptByGet } from '../adopt-by-name.js';
import type { HandlerContext, Listing, PriorObject, ResourceHandler } from '../handler.js';
import { attachBulkTags, readTags, syncTags } from '../tags.js';

/** A configuration as ListTieringConfigurations returned it, with its tags when they were read in bulk. */
type ListedConfiguration = TieringConfigurationsListMember & { tags?: ObjectValue };

function isoOrUndefined(date: Date | undefined): string | undefined {
  return date === undefined ? undefined : new Date(date).toISOString();
}

function selectionsToAws(v: Value | undefined): ResourceSelection[] {
  return (Array.isArray(v) ? v.filter(isObjectValue) : []).map((s) => ({
    Resources: (Array.isArray(s.resources) ? s.resources : []).map(String),
    TieringDownSettingsInDays: Number(s.tiering_down_settings_in_days),
    ResourceType: String(s.resource_type),
  }));
}

function selectionsFromAws(selections: ResourceSelection[] | undefined): Value[] {
  return (selections ?? []).map((s) => ({
    resources: [...(s.Resources ?? [])],
    tiering_down_settings_in_days: s.TieringDownSettingsInDays ?? null,
    resource_type: s.ResourceType ?? null,
  }));
}

/**
 * One paginated listing of the Region's configurations (list-first refresh) and, for the managed
 * ones, their tags in one bulk read instead of a ListTags each.
 */
export async function listConfigurations(ctx: HandlerContext, prior: readonly PriorObject[]): Promise<Listing<ListedConfiguration>> {
  const { ListTieringConfigurationsCommand } = await backupApi();
  const listing: Listing<ListedConfiguration> = new Map();
  let token: string | undefined;
  do {
    const out = await ctx.limit(() => ctx.backup.send(new ListTieringConfigurationsCommand({ NextToken: token, MaxResults: 1000 })));
    for (const c of out.TieringConfigurations ?? []) if (c.TieringConfigurationName) listing.set(c.TieringConfigurationName, { ...c });
    token = out.NextToken;
  } while (token);
  await attachBulkTags(ctx, 'backup:tiering-configuration', listing, (c) => c.TieringConfigurationArn, prior);
  return listing;
}

async function getConfiguration(ctx: HandlerContext, name: string): Promise<TieringConfiguration | null> {
  const { GetTieringConfigurationCommand } = await backupApi();
  try {
    const out = await ctx.backup.send(new GetTieringConfigurationCommand({ TieringConfigurationName: name }));
    return out.TieringConfiguration ?? null;
  } catch (e) {
    if (isNotFound(e)) return null;
    throw e;
  }
}

function attributesOf(config: TieringConfiguration, tags: ObjectValue): ObjectValue {
  const attributes: ObjectValue = {
    name: config.TieringConfigurationName ?? '',
    backup_vault_name: config.BackupVaultName ?? '',
    resource_selection: selectionsFromAws(config.ResourceSelection),
    tags,
    arn: config.TieringConfigurationArn ?? '',
  };
  const created = isoOrUndefined(config.CreationTime);
  const updated = isoOrUndefined(config.LastUpdatedTime);
  if (created !== undefined) attributes.creation_time = created;
  if (updated !== undefined) attributes.last_updated_time = updated;
  return attributes;
}

export const tieringConfigurationHandler: ResourceHandler<ListedConfiguration> = {
  list: (ctx, prior) => listConfigurations(ctx, prior),

  identity: (desired) => (typeof desired.name === 'string' ? desired.name : undefined),

  // Names are unique per region: the configuration an intent's create made has its name, and
  // GetTieringConfiguration tells whose request made it (the listing does not carry the token).
  adopt: (ctx, intents) =>
    adoptByGet(
      ctx,
      intents,
      'tiering configuration',
      (name) => getConfiguration(ctx, name),
      (found) => found.TieringConfigurationArn,
      async (found) => attributesOf(found, await ctx.limit(() => readTags(ctx, found.TieringConfigurationArn ?? ''))),
    ),

  async read(ctx, id, prior, listing) {
    const listed = listing?.get(id);
    if (listing && !listed) return null;
    // The listing's LastUpdatedTime is the one in state: the selections are those state holds.
    const unchanged = listed !== undefined && prior.resource_selection !== undefined && isoOrUndefined(listed.LastUpdatedTime) === prior.last_updated_time;
    const config: TieringConfiguration | null = unchanged
      ? {
          TieringConfigurationName: listed.TieringConfigurationName ?? id,
          TieringConfigurationArn: listed.TieringConfigurationArn,
          BackupVaultName: listed.BackupVaultName ?? String(prior.backup_vault_name),
          ResourceSelection: selectionsToAws(prior.resource_selection),
          CreationTime: listed.CreationTime,
          LastUpdatedTime: listed.LastUpdatedTime,
        }
      : await getConfiguration(ctx, id);
    if (config === null) return null;
    const tags = listed?.tags ?? (await readTags(ctx, config.TieringConfigurationArn ?? String(prior.arn ?? '')));
    return attributesOf(config, tags);
  },

  async create(ctx, address, desired, hooks) {
    const { CreateTieringConfigurationCommand } = await backupApi();
    const name = String(desired.name);
    const tags = isObjectValue(desired.tags) ? (desired.tags as Record<string, string>) : {};
    const out = await ctx.backup.send(
      new CreateTieringConfigurationCommand({
        TieringConfiguration: {
          TieringConfigurationName: name,
          BackupVaultName: String(desired.backup_vault_name),
          ResourceSelection: selectionsToAws(desired.resource_selection),
        },
        TieringConfigurationTags: Object.keys(tags).length > 0 ? tags : undefined,
        CreatorRequestId: hooks.token,
      }),
    );
    const created = isoOrUndefined(out.CreationTime);
    const attributes: ObjectValue = { ...desired, tags, arn: out.TieringConfigurationArn ?? '' };
    if (created !== undefined) attributes.creation_time = attributes.last_updated_time = created;
    hooks.created(name, attributes);
    return { id: name, attributes };
  },

  async update(ctx, id, before, after) {
    const { UpdateTieringConfigurationCommand } = await backupApi();
    const updated: ObjectValue = { ...after, arn: before.arn ?? '' };
    if (before.creation_time !== undefined) updated.creation_time = before.creation_time;
    if (before.last_updated_time !== undefined) updated.last_updated_time = before.last_updated_time;
    if (!valuesEqual(before.backup_vault_name, after.backup_vault_name) || !valuesEqual(before.resource_selection, after.resource_selection)) {
      const out = await ctx.backup.send(
        new UpdateTieringConfigurationCommand({
          TieringConfigurationName: id,
          TieringConfiguration: { BackupVaultName: String(after.backup_vault_name), ResourceSelection: selectionsToAws(after.resource_selection) },
        }),
      );
      const at = isoOrUndefined(out.LastUpdatedTime);
      if (at !== undefined) updated.last_updated_time = at;
    }
    await syncTags(ctx, String(before.arn), before.tags, after.tags);
    return updated;
  },

  async delete(ctx, id) {
    const { DeleteTieringConfigurationCommand } = await backupApi();
    try {
      await ctx.backup.send(new DeleteTieringConfigurationCommand({ TieringConfigurationName: id }));
    } catch (e) {
      if (!isNotFound(e)) throw e;
    }
  },
};
