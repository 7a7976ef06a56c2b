// Tags on vaults and plans: read with ListTags, changed with Tag/UntagResource.
import type { ResourceGroupsTaggingAPIClient } from '@aws-sdk/client-resource-groups-tagging-api';
import { isObjectValue, type ObjectValue, type Value } from '../core/values.js';
import type { HandlerContext, PriorObject } from './handler.js';
import { backupApi } from '../aws/backup-api.js';

/** Below this many objects of a kind, a ListTags each is as cheap as the bulk call. */
const BULK_TAGS_MIN_OBJECTS = 8;

/**
 * Sets the tags of the listed objects of one resource type (`backup:backup-vault`), read in bulk
 * with the Resource Groups Tagging API. An object the bulk answer lacks although state says it had
 * tags is left without, so its handler checks with ListTags (the tags may all have been removed, or
 * the endpoint may not index AWS Backup). Any failure of the bulk call leaves every object to ListTags.
 */
export async function attachBulkTags<Listed extends { tags?: ObjectValue }>(
  ctx: HandlerContext,
  resourceType: string,
  listing: ReadonlyMap<string, Listed>,
  arnOf: (listed: Listed) => string | undefined,
  prior: readonly PriorObject[],
): Promise<void> {
  if (prior.length < BULK_TAGS_MIN_OBJECTS) return;
  let all: Map<string, ObjectValue>;
  try {
    const client = await ctx.tagging();
    all = await ctx.limit(() => readAllTags(client, resourceType));
  } catch {
    return;
  }
  for (const object of prior) {
    const listed = listing.get(object.id);
    if (listed === undefined) continue;
    const tags = all.get(arnOf(listed) ?? '');
    const hadTags = isObjectValue(object.attributes.tags) && Object.keys(object.attributes.tags).length > 0;
    if (tags !== undefined) listed.tags = tags;
    else if (!hadTags) listed.tags = {};
  }
}

/** Every tagged object of `resourceType` in the region, by ARN: one paginated call. */
async function readAllTags(tagging: ResourceGroupsTaggingAPIClient, resourceType: string): Promise<Map<string, ObjectValue>> {
  const { GetResourcesCommand } = await import('../aws/sdk/client-resource-groups-tagging-api.js');
  const all = new Map<string, ObjectValue>();
  let token: string | undefined;
  do {
    const out = await tagging.send(new GetResourcesCommand({ ResourceTypeFilters: [resourceType], ResourcesPerPage: 100, PaginationToken: token }));
    for (const mapping of out.ResourceTagMappingList ?? []) {
      if (!mapping.ResourceARN) continue;
      all.set(mapping.ResourceARN, Object.fromEntries((mapping.Tags ?? []).map((t) => [t.Key ?? '', t.Value ?? ''])));
    }
    token = out.PaginationToken || undefined;
  } while (token);
  return all;
}

export async function readTags(ctx: HandlerContext, arn: string): Promise<ObjectValue> {
  const { ListTagsCommand } = await backupApi();
  const tags: ObjectValue = {};
  let token: string | undefined;
  do {
    const out = await ctx.backup.send(new ListTagsCommand({ ResourceArn: arn, NextToken: token }));
    Object.assign(tags, out.Tags ?? {});
    token = out.NextToken;
  } while (token);
  return tags;
}

/**
 * What makes the managed tags `after` from `before`: the keys to set (new or changed values) and
 * those to remove (only keys bkp set before; others on the object are left alone).
 */
export function tagChanges(before: Value | undefined, after: Value | undefined): { set: Record<string, string>; removed: string[] } {
  const old = isObjectValue(before) ? before : {};
  const next = isObjectValue(after) ? after : {};
  const set: Record<string, string> = {};
  for (const [k, v] of Object.entries(next)) if (old[k] !== v) set[k] = String(v);
  return { set, removed: Object.keys(old).filter((k) => !(k in next)) };
}

/** Makes the managed tags `after`; keys only in `before` are removed, others left alone. */
export async function syncTags(ctx: HandlerContext, arn: string, before: Value | undefined, after: Value | undefined): Promise<void> {
  const { UntagResourceCommand, TagResourceCommand } = await backupApi();
  const { set, removed } = tagChanges(before, after);
  if (removed.length > 0) await ctx.backup.send(new UntagResourceCommand({ ResourceArn: arn, TagKeyList: removed }));
  if (Object.keys(set).length > 0) await ctx.backup.send(new TagResourceCommand({ ResourceArn: arn, Tags: set }));
}
