// Tags on vaults and plans: read with ListTags, changed with Tag/UntagResource.
import { ListTagsCommand, TagResourceCommand, UntagResourceCommand } from '@aws-sdk/client-backup';
import type { ResourceGroupsTaggingAPIClient } from '@aws-sdk/client-resource-groups-tagging-api';
import { isObjectValue, type ObjectValue, type Value } from '../core/values.js';
import type { HandlerContext } from './handler.js';

/** Key of a listing entry that carries the object's tags, when refresh read them in bulk. */
export const LISTED_TAGS = 'bkp:tags';

/** The tags refresh found in bulk for a listed object, if it did. */
export function listedTags(listed: ObjectValue | undefined): ObjectValue | undefined {
  const tags = listed?.[LISTED_TAGS];
  return isObjectValue(tags) ? tags : undefined;
}

/**
 * Every tagged AWS Backup vault and plan of the region, by ARN, through the Resource Groups
 * Tagging API: one paginated call instead of a ListTags per object.
 */
export async function readAllBackupTags(tagging: ResourceGroupsTaggingAPIClient): Promise<Map<string, ObjectValue>> {
  const { GetResourcesCommand } = await import('@aws-sdk/client-resource-groups-tagging-api');
  const all = new Map<string, ObjectValue>();
  let token: string | undefined;
  do {
    const out = await tagging.send(
      new GetResourcesCommand({ ResourceTypeFilters: ['backup:backup-vault', 'backup:backup-plan'], ResourcesPerPage: 100, PaginationToken: token }),
    );
    for (const mapping of out.ResourceTagMappingList ?? []) {
      if (!mapping.ResourceARN) continue;
      all.set(mapping.ResourceARN, Object.fromEntries((mapping.Tags ?? []).map((t) => [t.Key ?? '', t.Value ?? ''])));
    }
    token = out.PaginationToken || undefined;
  } while (token);
  return all;
}

export async function readTags(ctx: HandlerContext, arn: string): Promise<ObjectValue> {
  const tags: ObjectValue = {};
  let token: string | undefined;
  do {
    const out = await ctx.backup.send(new ListTagsCommand({ ResourceArn: arn, NextToken: token }));
    Object.assign(tags, out.Tags ?? {});
    token = out.NextToken;
  } while (token);
  return tags;
}

/** Makes the managed tags `after`; keys only in `before` are removed, others left alone. */
export async function syncTags(ctx: HandlerContext, arn: string, before: Value | undefined, after: Value | undefined): Promise<void> {
  const old = isObjectValue(before) ? before : {};
  const next = isObjectValue(after) ? after : {};
  const set: Record<string, string> = {};
  for (const [k, v] of Object.entries(next)) if (old[k] !== v) set[k] = String(v);
  const removed = Object.keys(old).filter((k) => !(k in next));
  if (removed.length > 0) await ctx.backup.send(new UntagResourceCommand({ ResourceArn: arn, TagKeyList: removed }));
  if (Object.keys(set).length > 0) await ctx.backup.send(new TagResourceCommand({ ResourceArn: arn, Tags: set }));
}
