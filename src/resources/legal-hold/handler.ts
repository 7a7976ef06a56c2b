// legal_hold through AWS Backup: CreateLegalHold, Get/ListLegalHolds, CancelLegalHold and tags.
// A cancelled hold no longer exists for bkp (AWS keeps its record, which bkp never manages).
import type { GetLegalHoldOutput, LegalHold, RecoveryPointSelection } from '@aws-sdk/client-backup';
import { backupApi } from '../../aws/backup-api.js';
import { awsErrorName, isNotFound } from '../../aws/errors.js';
import { isObjectValue, type ObjectValue, type Value } from '../../core/values.js';
import type { AdoptOutcome, HandlerContext, Listing, PriorObject, ResourceHandler } from '../handler.js';
import { attachBulkTags, readTags, syncTags } from '../tags.js';
import { canonicalDate } from './model.js';

/** Used only for a hold imported and destroyed before any apply recorded its cancel_description. */
const FALLBACK_CANCEL_DESCRIPTION = 'Cancelled by bkp: the legal_hold was removed from the configuration.';

/** A live hold as ListLegalHolds returned it, with its tags when they were read in bulk. */
type ListedHold = LegalHold & { tags?: ObjectValue };

function isLive(status: string | undefined): boolean {
  return status === 'ACTIVE' || status === 'CREATING';
}

function iso(date: Date | undefined): string | undefined {
  return date === undefined ? undefined : new Date(date).toISOString();
}

function selectionToAws(v: Value | undefined): RecoveryPointSelection | undefined {
  if (!isObjectValue(v)) return undefined;
  const range = isObjectValue(v.date_range) ? v.date_range : undefined;
  const selection: RecoveryPointSelection = {};
  if (Array.isArray(v.vault_names)) selection.VaultNames = v.vault_names.map(String);
  if (Array.isArray(v.resource_identifiers)) selection.ResourceIdentifiers = v.resource_identifiers.map(String);
  if (range) selection.DateRange = { FromDate: new Date(String(range.from_date)), ToDate: new Date(String(range.to_date)) };
  return selection;
}

function selectionFromAws(s: RecoveryPointSelection | undefined): ObjectValue | undefined {
  if (s === undefined) return undefined;
  const out: ObjectValue = {};
  if (s.VaultNames?.length) out.vault_names = [...s.VaultNames];
  if (s.ResourceIdentifiers?.length) out.resource_identifiers = [...s.ResourceIdentifiers];
  if (s.DateRange) out.date_range = { from_date: canonicalDate(iso(s.DateRange.FromDate)) ?? null, to_date: canonicalDate(iso(s.DateRange.ToDate)) ?? null };
  return Object.keys(out).length > 0 ? out : undefined;
}

/**
 * The Region's live holds in one paginated listing and, for the managed ones (`prior`), their tags
 * in one bulk read instead of a ListTags each.
 */
async function listHolds(ctx: HandlerContext, prior: readonly PriorObject[]): Promise<Listing<ListedHold>> {
  const { ListLegalHoldsCommand } = await backupApi();
  const listing: Listing<ListedHold> = new Map();
  let token: string | undefined;
  do {
    const out = await ctx.limit(() => ctx.backup.send(new ListLegalHoldsCommand({ NextToken: token, MaxResults: 1000 })));
    for (const h of out.LegalHolds ?? []) if (h.LegalHoldId && isLive(h.Status)) listing.set(h.LegalHoldId, { ...h });
    token = out.NextToken;
  } while (token);
  await attachBulkTags(ctx, 'backup:legal-hold', listing, (h) => h.LegalHoldArn, prior);
  return listing;
}

async function getHold(ctx: HandlerContext, id: string): Promise<GetLegalHoldOutput | null> {
  const { GetLegalHoldCommand } = await backupApi();
  try {
    return await ctx.backup.send(new GetLegalHoldCommand({ LegalHoldId: id }));
  } catch (e) {
    if (isNotFound(e)) return null;
    throw e;
  }
}

/** The attributes of a live hold; `selection` comes from GetLegalHold or, being immutable, from state. */
function attributesOf(hold: LegalHold, selection: Value | undefined, tags: ObjectValue, prior: ObjectValue): ObjectValue {
  const attributes: ObjectValue = {
    title: hold.Title ?? '',
    description: hold.Description ?? '',
    tags,
    id: hold.LegalHoldId ?? '',
    arn: hold.LegalHoldArn ?? '',
    status: hold.Status ?? '',
  };
  if (selection !== undefined) attributes.recovery_point_selection = selection;
  const created = iso(hold.CreationDate);
  if (created !== undefined) attributes.creation_date = created;
  const cancelled = iso(hold.CancellationDate);
  if (cancelled !== undefined) attributes.cancellation_date = cancelled;
  // bkp's own settings for the cancellation: AWS knows them only once the hold is cancelled.
  if (prior.cancel_description !== undefined) attributes.cancel_description = prior.cancel_description;
  if (prior.retain_record_days !== undefined) attributes.retain_record_days = prior.retain_record_days;
  return attributes;
}

export const legalHoldHandler: ResourceHandler<ListedHold> = {
  list: (ctx, prior) => listHolds(ctx, prior),

  identity: (desired) => (typeof desired.title === 'string' ? desired.title : undefined),

  // ListLegalHolds does not carry the IdempotencyToken: the hold an interrupted create made is the
  // one live hold with its title. Two such holds cannot be told apart, so they are a conflict.
  async adopt(ctx, intents) {
    const listing = await listHolds(ctx, []);
    const outcomes = new Map<string, AdoptOutcome>();
    for (const intent of intents) {
      const made = [...listing.values()].filter((h) => intent.identity !== undefined && h.Title === intent.identity);
      if (made.length === 0) {
        outcomes.set(intent.address, { outcome: 'missing' });
      } else if (made.length > 1) {
        outcomes.set(intent.address, {
          outcome: 'conflict',
          arns: made.map((h) => h.LegalHoldArn ?? h.LegalHoldId ?? ''),
          detail: `${made.length} active legal holds are titled "${intent.identity}"`,
        });
      } else {
        const id = made[0]!.LegalHoldId!;
        const attributes = await ctx.limit(() => this.read(ctx, id, {}, listing));
        outcomes.set(intent.address, attributes ? { outcome: 'found', id, attributes } : { outcome: 'missing' });
      }
    }
    return outcomes;
  },

  async read(ctx, id, prior, listing) {
    const listed = listing?.get(id);
    if (listing && !listed) return null;
    // The selection cannot change: a listed hold whose selection state knows needs no GetLegalHold.
    if (listed && prior.id === id && prior.title !== undefined) {
      return attributesOf(listed, prior.recovery_point_selection, listed.tags ?? (await readTags(ctx, listed.LegalHoldArn ?? '')), prior);
    }
    const hold = await getHold(ctx, id);
    if (hold === null || !isLive(hold.Status)) return null;
    return attributesOf(hold, selectionFromAws(hold.RecoveryPointSelection), listed?.tags ?? (await readTags(ctx, hold.LegalHoldArn ?? '')), prior);
  },

  async create(ctx, address, desired, hooks) {
    const { CreateLegalHoldCommand } = await backupApi();
    const tags = isObjectValue(desired.tags) ? (desired.tags as Record<string, string>) : {};
    const out = await ctx.backup.send(
      new CreateLegalHoldCommand({
        Title: String(desired.title),
        Description: String(desired.description),
        IdempotencyToken: hooks.token,
        RecoveryPointSelection: selectionToAws(desired.recovery_point_selection),
        Tags: Object.keys(tags).length > 0 ? tags : undefined,
      }),
    );
    const id = out.LegalHoldId ?? '';
    const attributes = attributesOf(out, desired.recovery_point_selection, tags, desired);
    hooks.created(id, attributes);
    return { id, attributes };
  },

  // Only tags reach AWS; cancel_description and retain_record_days are recorded for the cancellation.
  async update(ctx, _id, before, after) {
    await syncTags(ctx, String(before.arn), before.tags, after.tags);
    const updated: ObjectValue = { ...after };
    for (const key of ['id', 'arn', 'status', 'creation_date', 'cancellation_date']) if (before[key] !== undefined) updated[key] = before[key]!;
    return updated;
  },

  async delete(ctx, id, before) {
    const { CancelLegalHoldCommand } = await backupApi();
    const reason = typeof before.cancel_description === 'string' ? before.cancel_description : FALLBACK_CANCEL_DESCRIPTION;
    try {
      await ctx.backup.send(
        new CancelLegalHoldCommand({
          LegalHoldId: id,
          CancelDescription: reason,
          RetainRecordInDays: typeof before.retain_record_days === 'number' ? before.retain_record_days : undefined,
        }),
      );
    } catch (e) {
      // Already cancelled (or gone): what destroy wanted.
      if (isNotFound(e) || awsErrorName(e) === 'InvalidResourceStateException') return;
      throw e;
    }
  },
};
