// Refresh: read what the account holds for every resource in state. List-first: one paginated
// listing per kind and provider answers existence (and, for unchanged plans and immutable
// selections, everything), so most resources need no per-object Get.
import { ListBackupPlansCommand, ListBackupSelectionsCommand, ListBackupVaultsCommand, type BackupClient } from '@aws-sdk/client-backup';
import type { ResourceGroupsTaggingAPIClient } from '@aws-sdk/client-resource-groups-tagging-api';
import { isObjectValue, type ObjectValue } from '../core/values.js';
import { LISTED_TAGS, readAllBackupTags } from '../resources/tags.js';
import { awsCallError, isNotFound } from '../aws/errors.js';
import type { HandlerContext, Listing } from '../resources/handler.js';
import { resourceHandler } from '../resources/handlers.js';
import { selectionId, splitSelectionId } from '../resources/backup-selection/handler.js';
import type { PriorResource } from './planner.js';
import type { Limiter } from './limiter.js';
import type { ProviderClients } from './providers.js';

export interface RefreshProgress {
  (done: number, total: number): void;
}

async function listVaults(client: BackupClient): Promise<Listing> {
  const listing: Listing = new Map();
  let token: string | undefined;
  do {
    const out = await client.send(new ListBackupVaultsCommand({ NextToken: token, MaxResults: 1000 }));
    for (const v of out.BackupVaultList ?? []) if (v.BackupVaultName) listing.set(v.BackupVaultName, v as unknown as ObjectValue);
    token = out.NextToken;
  } while (token);
  return listing;
}

async function listPlans(client: BackupClient): Promise<Listing> {
  const listing: Listing = new Map();
  let token: string | undefined;
  do {
    const out = await client.send(new ListBackupPlansCommand({ NextToken: token, MaxResults: 1000 }));
    for (const p of out.BackupPlansList ?? []) {
      if (p.BackupPlanId && !p.DeletionDate) listing.set(p.BackupPlanId, p as unknown as ObjectValue);
    }
    token = out.NextToken;
  } while (token);
  return listing;
}

async function listSelections(client: BackupClient, planId: string, into: Listing): Promise<void> {
  let token: string | undefined;
  try {
    do {
      const out = await client.send(new ListBackupSelectionsCommand({ BackupPlanId: planId, NextToken: token, MaxResults: 1000 }));
      for (const s of out.BackupSelectionsList ?? []) {
        if (s.SelectionId) into.set(selectionId(planId, s.SelectionId), s as unknown as ObjectValue);
      }
      token = out.NextToken;
    } while (token);
  } catch (e) {
    if (!isNotFound(e)) throw e; // a deleted plan has no selections left
  }
}

/** Below this many tagged kinds of object, a ListTags each is as cheap as the bulk call. */
const BULK_TAGS_MIN_OBJECTS = 8;

/**
 * Puts the tags of listed vaults and plans into their listing entries, read in bulk with the
 * Resource Groups Tagging API. An object the bulk answer lacks although state says it had tags is
 * left without, so its handler checks with ListTags (the tags may all have been removed, or the
 * endpoint may not index AWS Backup). Any failure of the bulk call falls back to ListTags.
 */
async function attachBulkTags(
  resources: readonly PriorResource[],
  listings: Map<string, Listing>,
  tagging: () => Promise<ResourceGroupsTaggingAPIClient>,
  limiter: Limiter,
): Promise<void> {
  const tagged = resources.filter((r) => r.kind === 'backup_vault' || r.kind === 'backup_plan');
  if (tagged.length < BULK_TAGS_MIN_OBJECTS) return;
  let all: Map<string, ObjectValue>;
  try {
    const client = await tagging();
    all = await limiter.run(() => readAllBackupTags(client));
  } catch {
    return;
  }
  for (const r of tagged) {
    const listed = listings.get(r.kind)?.get(r.id);
    if (!listed) continue;
    const arn = String(listed.BackupVaultArn ?? listed.BackupPlanArn ?? '');
    const tags = all.get(arn);
    const hadTags = isObjectValue(r.attributes.tags) && Object.keys(r.attributes.tags).length > 0;
    if (tags !== undefined) listed[LISTED_TAGS] = tags;
    else if (!hadTags) listed[LISTED_TAGS] = {};
  }
}

/**
 * Reads every prior resource. Returns attributes by address, or null for objects that are gone.
 * `kinds` limits what is read (e.g. only what -target needs).
 */
export async function refresh(
  prior: readonly PriorResource[],
  clients: ProviderClients,
  limiter: Limiter,
  lineage: string,
  progress?: RefreshProgress,
): Promise<Map<string, ObjectValue | null>> {
  const result = new Map<string, ObjectValue | null>();
  const byProvider = new Map<string, PriorResource[]>();
  for (const r of prior) {
    if (!resourceHandler(r.kind)) continue;
    const list = byProvider.get(r.provider) ?? [];
    list.push(r);
    byProvider.set(r.provider, list);
  }
  const total = [...byProvider.values()].reduce((n, l) => n + l.length, 0);
  let done = 0;

  await Promise.all(
    [...byProvider.entries()].map(async ([providerKey, resources]) => {
      const client = await clients.backup(providerKey);
      const ctx: HandlerContext = { backup: client, region: clients.settingsFor(providerKey).region, lineage };
      const has = (kind: string) => resources.some((r) => r.kind === kind);
      const listings = new Map<string, Listing>();
      const listing = async (kind: string, list: () => Promise<Listing>) => {
        try {
          listings.set(kind, await limiter.run(list));
        } catch (e) {
          throw awsCallError(e, `Listing the ${kind.replace('_', ' ')}s of`, `provider "${providerKey}"`);
        }
      };
      await Promise.all([
        has('backup_vault') ? listing('backup_vault', () => listVaults(client)) : undefined,
        has('backup_plan') || has('backup_selection') ? listing('backup_plan', () => listPlans(client)) : undefined,
      ]);
      await attachBulkTags(resources, listings, () => clients.tagging(providerKey), limiter);
      if (has('backup_selection')) {
        const planIds = new Set(resources.filter((r) => r.kind === 'backup_selection').map((r) => splitSelectionId(r.id).planId));
        const plans = listings.get('backup_plan')!;
        const selections: Listing = new Map();
        await Promise.all(
          [...planIds].filter((id) => plans.has(id)).map((id) => limiter.run(() => listSelections(client, id, selections))),
        );
        listings.set('backup_selection', selections);
      }
      await Promise.all(
        resources.map((r) =>
          limiter.run(async () => {
            const handler = resourceHandler(r.kind)!;
            try {
              result.set(r.address, await handler.read(ctx, r.id, r.attributes, listings.get(r.kind)));
            } catch (e) {
              throw awsCallError(e, 'Refreshing', r.address);
            }
            progress?.(++done, total);
          }),
        ),
      );
    }),
  );
  return result;
}
