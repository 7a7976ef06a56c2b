// backup_report_plan through AWS Backup Audit Manager: Create/Update/Delete/ListReportPlans and
// tags. ListReportPlans carries every plan in full, so refresh needs no DescribeReportPlan.
import type { ReportDeliveryChannel, ReportPlan, ReportSetting } from '@aws-sdk/client-backup';
import { backupApi } from '../../aws/backup-api.js';
import { isNotFound } from '../../aws/errors.js';
import { isObjectValue, type ObjectValue, type Value } from '../../core/values.js';
import type { AdoptOutcome, HandlerContext, Listing, ResourceHandler } from '../handler.js';
import { valuesEqual } from '../canonical.js';
import { readTags, syncTags } from '../tags.js';
import { backupReportPlanModel } from './model.js';

function strings(v: Value | undefined): string[] | undefined {
  return Array.isArray(v) && v.length > 0 ? v.map(String) : undefined;
}

function channelToAws(v: Value | undefined): ReportDeliveryChannel {
  const c = isObjectValue(v) ? v : {};
  return {
    S3BucketName: String(c.s3_bucket_name ?? ''),
    S3KeyPrefix: typeof c.s3_key_prefix === 'string' && c.s3_key_prefix !== '' ? c.s3_key_prefix : undefined,
    Formats: strings(c.formats),
  };
}

function settingToAws(v: Value | undefined): ReportSetting {
  const s = isObjectValue(v) ? v : {};
  return {
    ReportTemplate: String(s.report_template ?? ''),
    FrameworkArns: strings(s.framework_arns),
    NumberOfFrameworks: typeof s.number_of_frameworks === 'number' ? s.number_of_frameworks : undefined,
    Accounts: strings(s.accounts),
    OrganizationUnits: strings(s.organization_units),
    Regions: strings(s.regions),
  };
}

function attributesOf(plan: ReportPlan, tags: ObjectValue): ObjectValue {
  const channel = plan.ReportDeliveryChannel ?? { S3BucketName: '' };
  const setting = plan.ReportSetting ?? { ReportTemplate: '' };
  const deliveryChannel: ObjectValue = { s3_bucket_name: channel.S3BucketName ?? '', formats: [...(channel.Formats ?? [])] };
  if (channel.S3KeyPrefix) deliveryChannel.s3_key_prefix = channel.S3KeyPrefix;
  const reportSetting: ObjectValue = {
    report_template: setting.ReportTemplate ?? '',
    accounts: [...(setting.Accounts ?? [])],
    organization_units: [...(setting.OrganizationUnits ?? [])],
    regions: [...(setting.Regions ?? [])],
  };
  if (setting.FrameworkArns !== undefined) reportSetting.framework_arns = [...setting.FrameworkArns];
  if (setting.NumberOfFrameworks !== undefined) reportSetting.number_of_frameworks = setting.NumberOfFrameworks;
  const attributes: ObjectValue = {
    name: plan.ReportPlanName ?? '',
    report_delivery_channel: deliveryChannel,
    report_setting: reportSetting,
    tags,
    arn: plan.ReportPlanArn ?? '',
  };
  if (plan.ReportPlanDescription) attributes.description = plan.ReportPlanDescription;
  if (plan.CreationTime !== undefined) attributes.creation_time = new Date(plan.CreationTime).toISOString();
  if (plan.DeploymentStatus !== undefined) attributes.deployment_status = plan.DeploymentStatus;
  return attributes;
}

export async function listPlans(ctx: HandlerContext): Promise<Listing<ReportPlan>> {
  const { ListReportPlansCommand } = await backupApi();
  const listing: Listing<ReportPlan> = new Map();
  let token: string | undefined;
  do {
    const out = await ctx.limit(() => ctx.backup.send(new ListReportPlansCommand({ NextToken: token, MaxResults: 1000 })));
    for (const p of out.ReportPlans ?? []) if (p.ReportPlanName) listing.set(p.ReportPlanName, p);
    token = out.NextToken;
  } while (token);
  return listing;
}

async function describePlan(ctx: HandlerContext, name: string): Promise<ReportPlan | null> {
  const { DescribeReportPlanCommand } = await backupApi();
  try {
    return (await ctx.backup.send(new DescribeReportPlanCommand({ ReportPlanName: name }))).ReportPlan ?? null;
  } catch (e) {
    if (isNotFound(e)) return null;
    throw e;
  }
}

function description(desired: ObjectValue): string | undefined {
  return typeof desired.description === 'string' && desired.description !== '' ? desired.description : undefined;
}

export const backupReportPlanHandler: ResourceHandler<ReportPlan> = {
  list: (ctx) => listPlans(ctx),

  identity: (desired) => (typeof desired.name === 'string' ? desired.name : undefined),

  // A report plan's description does not carry the IdempotencyToken: a plan with the intent's name
  // is adopted as the one the interrupted create made (names are unique per Region).
  async adopt(ctx, intents) {
    const outcomes = new Map<string, AdoptOutcome>();
    for (const intent of intents) {
      const found = intent.identity === undefined ? null : await ctx.limit(() => describePlan(ctx, intent.identity!));
      if (found === null) outcomes.set(intent.address, { outcome: 'missing' });
      else outcomes.set(intent.address, { outcome: 'found', id: intent.identity!, attributes: attributesOf(found, await ctx.limit(() => readTags(ctx, found.ReportPlanArn ?? ''))) });
    }
    return outcomes;
  },

  async read(ctx, id, prior, listing) {
    const plan = listing !== undefined ? (listing.get(id) ?? null) : await describePlan(ctx, id);
    if (plan === null) return null;
    return attributesOf(plan, await readTags(ctx, plan.ReportPlanArn ?? String(prior.arn ?? '')));
  },

  async create(ctx, address, desired, hooks) {
    const { CreateReportPlanCommand } = await backupApi();
    const name = String(desired.name);
    const tags = isObjectValue(desired.tags) ? (desired.tags as Record<string, string>) : {};
    const out = await ctx.backup.send(
      new CreateReportPlanCommand({
        ReportPlanName: name,
        ReportPlanDescription: description(desired),
        ReportDeliveryChannel: channelToAws(desired.report_delivery_channel),
        ReportSetting: settingToAws(desired.report_setting),
        ReportPlanTags: Object.keys(tags).length > 0 ? tags : undefined,
        IdempotencyToken: hooks.token,
      }),
    );
    const attributes: ObjectValue = { ...desired, tags, arn: out.ReportPlanArn ?? '' };
    if (out.CreationTime !== undefined) attributes.creation_time = new Date(out.CreationTime).toISOString();
    hooks.created(name, attributes);
    return { id: name, attributes };
  },

  async update(ctx, id, before, after) {
    const { UpdateReportPlanCommand } = await backupApi();
    const updated: ObjectValue = { ...after, arn: before.arn ?? '' };
    for (const key of ['creation_time', 'deployment_status']) if (before[key] !== undefined) updated[key] = before[key]!;
    const a = backupReportPlanModel.canonical(before);
    const b = backupReportPlanModel.canonical(after);
    const changed = (['description', 'report_delivery_channel', 'report_setting'] as const).some((k) => !valuesEqual(a[k], b[k]));
    if (changed) {
      await ctx.backup.send(
        new UpdateReportPlanCommand({
          ReportPlanName: id,
          // Left out, AWS would keep the old description: "" (length 0, AWS's minimum) clears it.
          ReportPlanDescription: description(after) ?? '',
          ReportDeliveryChannel: channelToAws(after.report_delivery_channel),
          ReportSetting: settingToAws(after.report_setting),
        }),
      );
    }
    await syncTags(ctx, String(before.arn), before.tags, after.tags);
    return updated;
  },

  async delete(ctx, id) {
    const { DeleteReportPlanCommand } = await backupApi();
    try {
      await ctx.backup.send(new DeleteReportPlanCommand({ ReportPlanName: id }));
    } catch (e) {
      if (!isNotFound(e)) throw e;
    }
  },
};
