// backup_framework through AWS Backup Audit Manager: Create/Describe/Update/Delete/ListFrameworks
// and tags. ListFrameworks says which frameworks still exist (and carries no controls), so refresh
// describes only the frameworks state holds that are still listed.
import type { DescribeFrameworkCommandOutput, Framework, FrameworkControl } from '@aws-sdk/client-backup';
import { backupApi } from '../../aws/backup-api.js';
import { isNotFound } from '../../aws/errors.js';
import { isObjectValue, type ObjectValue, type Value } from '../../core/values.js';
import { valuesEqual } from '../canonical.js';
import type { AdoptOutcome, HandlerContext, Listing, ResourceHandler } from '../handler.js';
import { readTags, syncTags } from '../tags.js';
import { controlsFromAws, controlToAws, OTHER_CONTROLS } from './controls.js';
import { backupFrameworkModel } from './model.js';

function isoOrUndefined(date: Date | undefined): string | undefined {
  return date === undefined ? undefined : new Date(date).toISOString();
}

export async function listFrameworks(ctx: HandlerContext): Promise<Listing<Framework>> {
  const { ListFrameworksCommand } = await backupApi();
  const listing: Listing<Framework> = new Map();
  let token: string | undefined;
  do {
    const out = await ctx.limit(() => ctx.backup.send(new ListFrameworksCommand({ NextToken: token, MaxResults: 1000 })));
    for (const f of out.Frameworks ?? []) if (f.FrameworkName) listing.set(f.FrameworkName, f);
    token = out.NextToken;
  } while (token);
  return listing;
}

async function describeFramework(ctx: HandlerContext, name: string): Promise<DescribeFrameworkCommandOutput | null> {
  const { DescribeFrameworkCommand } = await backupApi();
  try {
    return await ctx.backup.send(new DescribeFrameworkCommand({ FrameworkName: name }));
  } catch (e) {
    if (isNotFound(e)) return null;
    throw e;
  }
}

function attributesOf(framework: DescribeFrameworkCommandOutput, tags: ObjectValue): ObjectValue {
  const { known, other } = controlsFromAws(framework.FrameworkControls);
  const attributes: ObjectValue = { name: framework.FrameworkName ?? '', control: known, tags, arn: framework.FrameworkArn ?? '' };
  if (framework.FrameworkDescription) attributes.description = framework.FrameworkDescription;
  if (other.length > 0) attributes[OTHER_CONTROLS] = other;
  const created = isoOrUndefined(framework.CreationTime);
  if (created !== undefined) attributes.creation_time = created;
  if (framework.DeploymentStatus !== undefined) attributes.deployment_status = framework.DeploymentStatus;
  if (framework.FrameworkStatus !== undefined) attributes.framework_status = framework.FrameworkStatus;
  return attributes;
}

/** The controls to send: the configured ones, then those bkp does not model, as AWS last listed them. */
function controlsToAws(desired: ObjectValue, carried: Value | undefined): FrameworkControl[] {
  const configured = (Array.isArray(desired.control) ? desired.control.filter(isObjectValue) : []).map(controlToAws);
  const others = Array.isArray(carried) ? (carried as unknown as FrameworkControl[]) : [];
  return [...configured, ...others];
}

function description(desired: ObjectValue): string | undefined {
  return typeof desired.description === 'string' && desired.description !== '' ? desired.description : undefined;
}

export const backupFrameworkHandler: ResourceHandler<Framework> = {
  list: (ctx) => listFrameworks(ctx),

  identity: (desired) => (typeof desired.name === 'string' ? desired.name : undefined),

  // Names are unique per Region: what an intent's create made has its name, and DescribeFramework
  // tells whose request made it (IdempotencyToken).
  async adopt(ctx, intents) {
    const outcomes = new Map<string, AdoptOutcome>();
    for (const intent of intents) {
      const found = intent.identity === undefined ? null : await ctx.limit(() => describeFramework(ctx, intent.identity!));
      if (found === null) {
        outcomes.set(intent.address, { outcome: 'missing' });
      } else if (found.IdempotencyToken !== undefined && found.IdempotencyToken !== intent.token) {
        outcomes.set(intent.address, {
          outcome: 'conflict',
          arns: [found.FrameworkArn ?? intent.identity!],
          detail: `a framework named ${intent.identity} exists, but another request created it (IdempotencyToken ${found.IdempotencyToken})`,
        });
      } else {
        const tags = await ctx.limit(() => readTags(ctx, found.FrameworkArn ?? ''));
        outcomes.set(intent.address, { outcome: 'found', id: intent.identity!, attributes: attributesOf(found, tags) });
      }
    }
    return outcomes;
  },

  async read(ctx, id, prior, listing) {
    if (listing && !listing.has(id)) return null;
    const found = await describeFramework(ctx, id);
    if (found === null) return null;
    return attributesOf(found, await readTags(ctx, found.FrameworkArn ?? String(prior.arn ?? '')));
  },

  async create(ctx, address, desired, hooks) {
    const { CreateFrameworkCommand } = await backupApi();
    const name = String(desired.name);
    const tags = isObjectValue(desired.tags) ? (desired.tags as Record<string, string>) : {};
    const out = await ctx.backup.send(
      new CreateFrameworkCommand({
        FrameworkName: name,
        FrameworkDescription: description(desired),
        FrameworkControls: controlsToAws(desired, undefined),
        FrameworkTags: Object.keys(tags).length > 0 ? tags : undefined,
        IdempotencyToken: hooks.token,
      }),
    );
    const attributes: ObjectValue = { ...desired, tags, arn: out.FrameworkArn ?? '' };
    hooks.created(name, attributes);
    // Deployment is asynchronous: the creation time and status come from the framework itself.
    const described = await describeFramework(ctx, name);
    if (described !== null) {
      const read = attributesOf(described, tags);
      for (const key of ['creation_time', 'deployment_status', 'framework_status']) if (read[key] !== undefined) attributes[key] = read[key]!;
    }
    return { id: name, attributes };
  },

  async update(ctx, id, before, after) {
    const { UpdateFrameworkCommand } = await backupApi();
    const updated: ObjectValue = { ...after, arn: before.arn ?? '' };
    for (const key of ['creation_time', 'deployment_status', 'framework_status', OTHER_CONTROLS]) if (before[key] !== undefined) updated[key] = before[key]!;
    const a = backupFrameworkModel.canonical(before);
    const b = backupFrameworkModel.canonical(after);
    if (!valuesEqual(a.control, b.control) || !valuesEqual(a.description, b.description)) {
      await ctx.backup.send(
        new UpdateFrameworkCommand({
          FrameworkName: id,
          // Left out, AWS would keep the old description: "" (length 0, AWS's minimum) clears it.
          FrameworkDescription: description(after) ?? '',
          FrameworkControls: controlsToAws(after, before[OTHER_CONTROLS]),
        }),
      );
    }
    await syncTags(ctx, String(before.arn), before.tags, after.tags);
    return updated;
  },

  async delete(ctx, id) {
    const { DeleteFrameworkCommand } = await backupApi();
    try {
      await ctx.backup.send(new DeleteFrameworkCommand({ FrameworkName: id }));
    } catch (e) {
      if (!isNotFound(e)) throw e;
    }
  },
};
