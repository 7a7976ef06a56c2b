// backup_selection through AWS Backup. Selections are immutable: there is no update.
import type { BackupSelection, ConditionParameter } from '@aws-sdk/client-backup';
import { isObjectValue, type ObjectValue, type Value } from '../../core/values.js';
import { isNotFound } from '../../aws/errors.js';
import { InternalError } from '../../core/errors.js';
import type { AdoptOutcome, CreateIntent, HandlerContext, Listing, PriorObject, ResourceHandler } from '../handler.js';
import { CONDITION_OPERATORS, conditionBlocks, type ConditionEntry } from './model.js';
import { backupApi } from '../../aws/backup-api.js';
import { retryingIamPropagation } from './iam-propagation.js';

const AWS_OPERATOR: Record<(typeof CONDITION_OPERATORS)[number], 'StringEquals' | 'StringNotEquals' | 'StringLike' | 'StringNotLike'> = {
  string_equals: 'StringEquals',
  string_not_equals: 'StringNotEquals',
  string_like: 'StringLike',
  string_not_like: 'StringNotLike',
};

/** Selection ids are unique within a plan: the state id is "PLANID/SELECTIONID". */
export function selectionId(planId: string, selectionIdPart: string): string {
  return `${planId}/${selectionIdPart}`;
}

export function splitSelectionId(id: string): { planId: string; selectionId: string } {
  const slash = id.indexOf('/');
  if (slash < 0) return { planId: '', selectionId: id };
  return { planId: id.slice(0, slash), selectionId: id.slice(slash + 1) };
}

function strings(v: Value | undefined): string[] {
  return Array.isArray(v) ? v.map(String) : [];
}

function selectionToAws(desired: ObjectValue): BackupSelection {
  const conditions: Record<string, ConditionParameter[]> = {};
  for (const block of Array.isArray(desired.condition) ? desired.condition.filter(isObjectValue) : []) {
    for (const op of CONDITION_OPERATORS) {
      const entries = block[op];
      if (!isObjectValue(entries)) continue;
      const list = (conditions[AWS_OPERATOR[op]] ??= []);
      for (const [key, value] of Object.entries(entries)) list.push({ ConditionKey: key, ConditionValue: String(value) });
    }
  }
  const tags = Array.isArray(desired.tag) ? desired.tag.filter(isObjectValue) : [];
  return {
    SelectionName: String(desired.name),
    IamRoleArn: String(desired.iam_role_arn),
    Resources: strings(desired.resources).length > 0 ? strings(desired.resources) : undefined,
    NotResources: strings(desired.not_resources).length > 0 ? strings(desired.not_resources) : undefined,
    ListOfTags:
      tags.length > 0
        ? tags.map((t) => ({ ConditionType: 'STRINGEQUALS', ConditionKey: String(t.key), ConditionValue: String(t.value) }))
        : undefined,
    Conditions: Object.keys(conditions).length > 0 ? conditions : undefined,
  };
}

function selectionFromAws(planId: string, s: BackupSelection): ObjectValue {
  const entries: ConditionEntry[] = CONDITION_OPERATORS.flatMap((operator) =>
    (s.Conditions?.[AWS_OPERATOR[operator]] ?? []).map((c) => ({ operator, key: c.ConditionKey ?? '', value: c.ConditionValue ?? '' })),
  );
  return {
    plan: planId,
    name: s.SelectionName ?? '',
    iam_role_arn: s.IamRoleArn ?? '',
    resources: [...(s.Resources ?? [])],
    not_resources: [...(s.NotResources ?? [])],
    tag: (s.ListOfTags ?? []).map((t) => ({ key: t.ConditionKey ?? '', value: t.ConditionValue ?? '', condition_type: t.ConditionType ?? 'STRINGEQUALS' })),
    condition: conditionBlocks(entries),
  };
}

/**
 * The selections of the plans that prior selections belong to. Selections are immutable, so the
 * listing only tells which still exist; a plan that is gone has none left.
 */
export async function listSelections(ctx: HandlerContext, prior: readonly PriorObject[]): Promise<Listing<true>> {
  const { ListBackupSelectionsCommand } = await backupApi();
  const listing: Listing<true> = new Map();
  const planIds = new Set(prior.map((p) => splitSelectionId(p.id).planId));
  await Promise.all(
    [...planIds].map(async (planId) => {
      let token: string | undefined;
      try {
        do {
          const out = await ctx.limit(() => ctx.backup.send(new ListBackupSelectionsCommand({ BackupPlanId: planId, NextToken: token, MaxResults: 1000 })));
          for (const s of out.BackupSelectionsList ?? []) if (s.SelectionId) listing.set(selectionId(planId, s.SelectionId), true);
          token = out.NextToken;
        } while (token);
      } catch (e) {
        if (!isNotFound(e)) throw e;
      }
    }),
  );
  return listing;
}

async function allPlanIds(ctx: HandlerContext): Promise<string[]> {
  const { ListBackupPlansCommand } = await backupApi();
  const ids: string[] = [];
  let token: string | undefined;
  do {
    const out = await ctx.limit(() => ctx.backup.send(new ListBackupPlansCommand({ NextToken: token, MaxResults: 1000 })));
    for (const p of out.BackupPlansList ?? []) if (p.BackupPlanId && !p.DeletionDate) ids.push(p.BackupPlanId);
    token = out.NextToken;
  } while (token);
  return ids;
}

/** The selections of one plan by the CreatorRequestId they were created with (empty when the plan is gone). */
async function selectionsByCreator(ctx: HandlerContext, planId: string): Promise<Map<string, string[]>> {
  const { ListBackupSelectionsCommand } = await backupApi();
  const byCreator = new Map<string, string[]>();
  let token: string | undefined;
  try {
    do {
      const out = await ctx.limit(() => ctx.backup.send(new ListBackupSelectionsCommand({ BackupPlanId: planId, NextToken: token, MaxResults: 1000 })));
      for (const s of out.BackupSelectionsList ?? []) {
        if (!s.SelectionId || !s.CreatorRequestId) continue;
        byCreator.set(s.CreatorRequestId, [...(byCreator.get(s.CreatorRequestId) ?? []), s.SelectionId]);
      }
      token = out.NextToken;
    } while (token);
  } catch (e) {
    if (!isNotFound(e)) throw e;
  }
  return byCreator;
}

export const backupSelectionHandler: ResourceHandler<true> = {
  list: listSelections,

  // The plan the selection belongs to and its name: adopt() lists that plan's selections.
  identity: (desired) => (typeof desired.plan === 'string' && desired.plan !== '' ? selectionId(desired.plan, String(desired.name)) : undefined),

  // An intent recorded before its plan existed has no plan id: then every plan's selections are
  // searched for its token (only after an interrupted apply, and one listing per plan).
  async adopt(ctx, intents) {
    const outcomes = new Map<string, AdoptOutcome>();
    const planOf = (intent: CreateIntent) => splitSelectionId(intent.identity ?? '').planId;
    const planIds = new Set(intents.map(planOf).filter((id) => id !== ''));
    if (intents.some((i) => planOf(i) === '')) for (const id of await allPlanIds(ctx)) planIds.add(id);
    const listings = new Map(await Promise.all([...planIds].map(async (planId) => [planId, await selectionsByCreator(ctx, planId)] as const)));
    for (const intent of intents) {
      const candidates = planOf(intent) !== '' ? [planOf(intent)] : [...listings.keys()];
      const found = candidates.flatMap((planId) => (listings.get(planId)?.get(intent.token) ?? []).map((sid) => ({ planId, sid })));
      const planId = found[0]?.planId ?? '';
      const made = found.map((f) => f.sid);
      if (made.length === 0) {
        outcomes.set(intent.address, { outcome: 'missing' });
      } else if (made.length > 1) {
        const arns = found.map((f) => selectionId(f.planId, f.sid));
        outcomes.set(intent.address, { outcome: 'conflict', arns, detail: `${made.length} selections of backup plan ${planId} carry the CreatorRequestId ${intent.token}` });
      } else {
        const id = selectionId(planId, made[0]!);
        const attributes = await ctx.limit(() => this.read(ctx, id, {}));
        outcomes.set(intent.address, attributes ? { outcome: 'found', id, attributes } : { outcome: 'missing' });
      }
    }
    return outcomes;
  },

  async read(ctx, id, prior, listing) {
    const { GetBackupSelectionCommand } = await backupApi();
    const { planId, selectionId: sid } = splitSelectionId(id);
    // Selections cannot change: one still listed is exactly what state recorded.
    if (listing) return listing.has(id) ? prior : null;
    try {
      const out = await ctx.backup.send(new GetBackupSelectionCommand({ BackupPlanId: planId, SelectionId: sid }));
      if (!out.BackupSelection) return null;
      return { ...selectionFromAws(planId, out.BackupSelection), id };
    } catch (e) {
      if (isNotFound(e)) return null;
      throw e;
    }
  },

  async create(ctx, address, desired, hooks) {
    const { CreateBackupSelectionCommand } = await backupApi();
    const planId = desired.plan;
    if (typeof planId !== 'string' || planId === '') {
      throw new InternalError(`${address}: the plan id is not known when creating the selection`);
    }
    const command = new CreateBackupSelectionCommand({
      BackupPlanId: planId,
      BackupSelection: selectionToAws(desired),
      CreatorRequestId: hooks.token,
    });
    const out = await retryingIamPropagation(() => ctx.backup.send(command));
    const id = selectionId(planId, out.SelectionId ?? '');
    const attributes = { ...desired, id };
    hooks.created(id, attributes);
    return { id, attributes };
  },

  async update() {
    throw new InternalError('backup selections cannot be updated; the planner replaces them');
  },

  async delete(ctx, id) {
    const { DeleteBackupSelectionCommand } = await backupApi();
    const { planId, selectionId: sid } = splitSelectionId(id);
    try {
      await ctx.backup.send(new DeleteBackupSelectionCommand({ BackupPlanId: planId, SelectionId: sid }));
    } catch (e) {
      if (!isNotFound(e)) throw e;
    }
  },
};
