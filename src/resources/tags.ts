// Tags on vaults and plans: read with ListTags, changed with Tag/UntagResource.
import { ListTagsCommand, TagResourceCommand, UntagResourceCommand } from '@aws-sdk/client-backup';
import { isObjectValue, type ObjectValue, type Value } from '../config/values.js';
import type { HandlerContext } from './handler.js';

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
