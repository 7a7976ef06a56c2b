// The physical floor of a refresh: the fewest list calls that see every managed resource, from the
// API's page sizes. Pure, so it is tested without an account.
import type { StateResource } from '../../src/state/model.js';

/** The largest page the listing calls return (MaxResults ≤ 1000). */
export const MAX_PAGE_SIZE = 1000;

type ManagedResource = Pick<StateResource, 'kind' | 'provider' | 'id'>;

/**
 * Kinds one paginated listing per provider shows in full, and that listing. The vault kinds are
 * listed by vault type (ByVaultType), as AWS documents the filter; what ListBackupVaults returns
 * without it is not documented.
 */
export const LISTING_OF_KIND: Readonly<Record<string, string>> = {
  backup_vault: 'ListBackupVaults (BACKUP_VAULT)',
  logically_air_gapped_vault: 'ListBackupVaults (LOGICALLY_AIR_GAPPED_BACKUP_VAULT)',
  backup_plan: 'ListBackupPlans',
  tiering_configuration: 'ListTieringConfigurations',
  legal_hold: 'ListLegalHolds',
};

/** Kinds of one object per provider, each read with one call and no listing. */
export const DESCRIBE_OF_KIND: Readonly<Record<string, string>> = {
  region_settings: 'DescribeRegionSettings',
  global_settings: 'DescribeGlobalSettings',
};

/** Plan id → provider key, for every plan that holds a managed selection. */
export function plansWithSelections(resources: readonly ManagedResource[]): Map<string, string> {
  return new Map(resources.filter((r) => r.kind === 'backup_selection').map((r) => [r.id.split('/')[0]!, r.provider]));
}

/** Listed kind and provider → how many of its objects bkp manages there. */
export function listedKindsByProvider(resources: readonly ManagedResource[]): Map<string, { kind: string; provider: string; objects: number }> {
  const listed = new Map<string, { kind: string; provider: string; objects: number }>();
  for (const r of resources) {
    if (LISTING_OF_KIND[r.kind] === undefined) continue;
    const key = `${r.provider}\u0000${r.kind}`;
    const entry = listed.get(key) ?? { kind: r.kind, provider: r.provider, objects: 0 };
    entry.objects += 1;
    listed.set(key, entry);
  }
  return listed;
}

/**
 * The floor's call count from page sizes: per provider and listed kind ⌈objects/1000⌉ pages, per
 * plan with managed selections ⌈selections/1000⌉, and one Describe per settings object.
 */
export function computedFloor(resources: readonly ManagedResource[]): number {
  const pagesOf = (n: number) => Math.max(1, Math.ceil(n / MAX_PAGE_SIZE));
  const selectionsPerPlan = new Map<string, number>();
  let calls = 0;
  for (const r of resources) {
    if (DESCRIBE_OF_KIND[r.kind] !== undefined) calls += 1;
    if (r.kind === 'backup_selection') {
      const planId = r.id.split('/')[0]!;
      selectionsPerPlan.set(planId, (selectionsPerPlan.get(planId) ?? 0) + 1);
    }
  }
  for (const { objects } of listedKindsByProvider(resources).values()) calls += pagesOf(objects);
  for (const n of selectionsPerPlan.values()) calls += pagesOf(n);
  return calls;
}
