// Reads everything bkp manages in one account and Region through the kinds' own handlers: list()
// as refresh calls it (with no prior objects, so every object is listed), then read() with that
// listing. The few kinds without a listing of their own are found through their parent's (the
// selections of each backup plan, of each restore testing plan).
import type { ObjectValue } from '../core/values.js';
import { backupApi } from '../aws/backup-api.js';
import type { HandlerContext, Listing, PriorObject } from '../resources/handler.js';
import { handlerCallError } from '../resources/kind.js';
import { resourceKind } from '../resources/registry.js';
import type { AdoptedObject, SkippedObject } from './model.js';

/** The kinds adopted from an account, in the order they are read (parents before their children). */
export const ADOPTED_KINDS = [
  'backup_vault',
  'logically_air_gapped_vault',
  'backup_plan',
  'backup_selection',
  'region_settings',
  'global_settings',
  'tiering_configuration',
  'legal_hold',
  'restore_testing_plan',
  'restore_testing_selection',
  'backup_framework',
  'backup_report_plan',
] as const;

/**
 * What read() is given as the prior state so that it reads every setting: a vault's access policy
 * and notifications are read only where bkp manages them, global settings only the flags it manages.
 */
const READ_EVERYTHING: Readonly<Record<string, ObjectValue>> = {
  backup_vault: { access_policy: null, notifications: null },
  global_settings: { cross_account_backup: false, multi_party_approval: false, delegated_administrator: false },
};

/** The name a label is derived from, per kind. */
function awsNameOf(kind: string, id: string, attributes: ObjectValue): string {
  const text = (key: string) => (typeof attributes[key] === 'string' && attributes[key] !== '' ? (attributes[key] as string) : undefined);
  if (kind === 'legal_hold') return text('title') ?? id;
  if (kind === 'region_settings' || kind === 'global_settings') return 'main';
  return text('name') ?? id;
}

export interface AccountContents {
  objects: AdoptedObject[];
  skipped: SkippedObject[];
}

export async function readAccount(ctx: HandlerContext): Promise<AccountContents> {
  const objects: AdoptedObject[] = [];
  const skipped: SkippedObject[] = [];
  const idsOf = (kind: string) => objects.filter((o) => o.kind === kind).map((o) => o.id);
  for (const kindName of ADOPTED_KINDS) {
    const kind = resourceKind(kindName);
    if (!kind) continue;
    const prior = READ_EVERYTHING[kindName] ?? {};
    let ids: string[];
    let listing: Listing<unknown> | undefined;
    try {
      if (kindName === 'backup_selection') {
        // The handler lists the selections of the plans its prior objects belong to (ids PLAN/SELECTION).
        const plans: PriorObject[] = idsOf('backup_plan').map((planId) => ({ id: `${planId}/`, attributes: {} }));
        ids = [...(await kind.handler.list!(ctx, plans)).keys()];
      } else if (kindName === 'restore_testing_selection') {
        ids = await restoreTestingSelectionIds(ctx, idsOf('restore_testing_plan'));
      } else {
        listing = await kind.handler.list!(ctx, []);
        ids = [...listing.keys()];
      }
    } catch (e) {
      // Global settings exist only for an organization's management account: elsewhere they are no object to adopt.
      if (kindName === 'global_settings') {
        skipped.push({ kind: kindName, id: ctx.settings.region, reason: `not readable here (${(e as Error).message})` });
        continue;
      }
      throw handlerCallError(e, `Listing the ${kindName.replace(/_/g, ' ')}s of`, `Region ${ctx.settings.region}`);
    }
    // Selections are read one by one: their listing only says which exist.
    const readListing = kindName === 'backup_selection' ? undefined : listing;
    const read = await Promise.all(
      ids.sort().map(async (id) => {
        try {
          return { id, attributes: await ctx.limit(() => kind.handler.read(ctx, id, prior, readListing)) };
        } catch (e) {
          throw handlerCallError(e, 'Reading', `${kindName} "${id}"`);
        }
      }),
    );
    for (const { id, attributes } of read) {
      if (attributes) objects.push({ kind: kindName, id, awsName: awsNameOf(kindName, id, attributes), attributes });
    }
  }
  return { objects, skipped };
}

/** Restore testing selections have no listing in their handler: ListRestoreTestingSelections per plan, ids PLAN/SELECTION. */
async function restoreTestingSelectionIds(ctx: HandlerContext, planNames: readonly string[]): Promise<string[]> {
  const { ListRestoreTestingSelectionsCommand } = await backupApi();
  const ids: string[] = [];
  for (const plan of planNames) {
    let token: string | undefined;
    do {
      const out = await ctx.limit(() => ctx.backup.send(new ListRestoreTestingSelectionsCommand({ RestoreTestingPlanName: plan, NextToken: token, MaxResults: 1000 })));
      for (const s of out.RestoreTestingSelections ?? []) if (s.RestoreTestingSelectionName) ids.push(`${plan}/${s.RestoreTestingSelectionName}`);
      token = out.NextToken;
    } while (token);
  }
  return ids;
}
