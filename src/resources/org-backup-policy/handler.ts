// org_backup_policy through AWS Organizations: Create/Update/Delete/DescribePolicy, ListPolicies
// (BACKUP_POLICY) for list-first refresh, and the policy's tags. ListPolicies carries no content,
// so each listed policy bkp manages is read with DescribePolicy.
import type { OrganizationsClient, PolicySummary } from '@aws-sdk/client-organizations';
import { awsErrorName } from '../../aws/errors.js';
import { organizationsApi } from '../../aws/organizations-api.js';
import { UserError, ErrorCode } from '../../core/errors.js';
import { isObjectValue, type ObjectValue, type Value } from '../../core/values.js';
import type { AdoptOutcome, HandlerContext, Listing, ResourceHandler } from '../handler.js';
import { valuesEqual } from '../canonical.js';
import { tagChanges } from '../tags.js';
import { orgBackupPolicyModel } from './model.js';

const POLICY_TYPE = 'BACKUP_POLICY';

const isPolicyMissing = (e: unknown) => awsErrorName(e) === 'PolicyNotFoundException';

export async function listPolicies(ctx: HandlerContext, client: OrganizationsClient): Promise<Listing<PolicySummary>> {
  const { ListPoliciesCommand } = await organizationsApi();
  const listing: Listing<PolicySummary> = new Map();
  let token: string | undefined;
  do {
    const out = await ctx.limit(() => client.send(new ListPoliciesCommand({ Filter: POLICY_TYPE, NextToken: token })));
    for (const p of out.Policies ?? []) if (p.Id) listing.set(p.Id, p);
    token = out.NextToken;
  } while (token);
  return listing;
}

async function readTags(ctx: HandlerContext, client: OrganizationsClient, id: string): Promise<ObjectValue> {
  const { ListTagsForResourceCommand } = await organizationsApi();
  const tags: ObjectValue = {};
  let token: string | undefined;
  do {
    const out = await ctx.limit(() => client.send(new ListTagsForResourceCommand({ ResourceId: id, NextToken: token })));
    for (const t of out.Tags ?? []) if (t.Key !== undefined) tags[t.Key] = t.Value ?? '';
    token = out.NextToken;
  } while (token);
  return tags;
}

async function syncTags(client: OrganizationsClient, id: string, before: Value | undefined, after: Value | undefined): Promise<void> {
  const { TagResourceCommand, UntagResourceCommand } = await organizationsApi();
  // Organizations has its own tagging calls, with the same rule as AWS Backup's objects.
  const { set, removed } = tagChanges(before, after);
  if (removed.length > 0) await client.send(new UntagResourceCommand({ ResourceId: id, TagKeys: removed }));
  if (Object.keys(set).length > 0) await client.send(new TagResourceCommand({ ResourceId: id, Tags: Object.entries(set).map(([Key, Value]) => ({ Key, Value })) }));
}

async function describe(ctx: HandlerContext, client: OrganizationsClient, id: string): Promise<ObjectValue | null> {
  const { DescribePolicyCommand } = await organizationsApi();
  try {
    const { Policy } = await ctx.limit(() => client.send(new DescribePolicyCommand({ PolicyId: id })));
    const summary = Policy?.PolicySummary;
    if (!summary || summary.Type !== POLICY_TYPE) return null;
    return {
      name: summary.Name ?? '',
      description: summary.Description ?? '',
      content: Policy?.Content ?? '{}',
      tags: await readTags(ctx, client, id),
      id,
      arn: summary.Arn ?? '',
    };
  } catch (e) {
    if (isPolicyMissing(e)) return null;
    throw e;
  }
}

const text = (v: Value | undefined) => (typeof v === 'string' ? v : '');

export const orgBackupPolicyHandler: ResourceHandler<PolicySummary> = {
  async list(ctx) {
    return listPolicies(ctx, await ctx.organizations());
  },

  identity: (desired) => (typeof desired.name === 'string' ? desired.name : undefined),

  // Policy names are unique per type in an organization: a policy of the intent's name is the one
  // the interrupted create made.
  async adopt(ctx, intents) {
    const client = await ctx.organizations();
    const listing = await listPolicies(ctx, client);
    const outcomes = new Map<string, AdoptOutcome>();
    for (const intent of intents) {
      const found = [...listing.values()].find((p) => p.Name === intent.identity);
      const attributes = found?.Id ? await describe(ctx, client, found.Id) : null;
      outcomes.set(intent.address, attributes ? { outcome: 'found', id: found!.Id!, attributes } : { outcome: 'missing' });
    }
    return outcomes;
  },

  async read(ctx, id, _prior, listing) {
    if (listing !== undefined && !listing.has(id)) return null;
    return describe(ctx, await ctx.organizations(), id);
  },

  async create(ctx, _address, desired, hooks) {
    const { CreatePolicyCommand } = await organizationsApi();
    const client = await ctx.organizations();
    const tags = isObjectValue(desired.tags) ? Object.entries(desired.tags).map(([Key, Value]) => ({ Key, Value: String(Value) })) : [];
    try {
      const out = await client.send(
        new CreatePolicyCommand({
          Name: text(desired.name),
          Description: text(desired.description),
          Type: POLICY_TYPE,
          Content: text(desired.content),
          Tags: tags.length > 0 ? tags : undefined,
        }),
      );
      const summary = out.Policy?.PolicySummary;
      const id = summary?.Id ?? '';
      const attributes: ObjectValue = { ...desired, id, arn: summary?.Arn ?? '' };
      hooks.created(id, attributes);
      return { id, attributes };
    } catch (e) {
      if (awsErrorName(e) === 'MalformedPolicyDocumentException') throw malformed(e, desired);
      throw e;
    }
  },

  async update(ctx, id, before, after) {
    const { UpdatePolicyCommand } = await organizationsApi();
    const client = await ctx.organizations();
    const a = orgBackupPolicyModel.canonical(before);
    const b = orgBackupPolicyModel.canonical(after);
    const changed = (['name', 'description', 'content'] as const).filter((k) => !valuesEqual(a[k], b[k]));
    if (changed.length > 0) {
      try {
        await client.send(
          new UpdatePolicyCommand({
            PolicyId: id,
            Name: changed.includes('name') ? text(after.name) : undefined,
            Description: changed.includes('description') ? text(after.description) : undefined,
            Content: changed.includes('content') ? text(after.content) : undefined,
          }),
        );
      } catch (e) {
        if (awsErrorName(e) === 'MalformedPolicyDocumentException') throw malformed(e, after);
        throw e;
      }
    }
    await syncTags(client, id, before.tags, after.tags);
    return { ...after, id, arn: before.arn ?? '' };
  },

  async delete(ctx, id) {
    const { DeletePolicyCommand } = await organizationsApi();
    try {
      await (await ctx.organizations()).send(new DeletePolicyCommand({ PolicyId: id }));
    } catch (e) {
      if (isPolicyMissing(e)) return;
      if (awsErrorName(e) === 'PolicyInUseException') {
        throw new UserError(ErrorCode.AwsCall, `Organizations refused to delete backup policy ${id}: it is still attached.`, {
          hint: 'Detach it first: destroy its org_policy_attachment resources (in the same run, bkp detaches before deleting), or detach attachments made outside bkp with aws organizations detach-policy.',
        });
      }
      throw e;
    }
  },
};

function malformed(e: unknown, desired: ObjectValue): Error {
  return new UserError(ErrorCode.AwsCall, `Organizations refused backup policy "${text(desired.name)}": ${(e as Error).message}`, {
    hint: 'bkp checks backup policies as Organizations documents them; tell us the policy that passed bkp validate but not AWS. Meanwhile, fix the setting the message names.',
  });
}
