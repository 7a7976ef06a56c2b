// The physical floor of a refresh: the fewest list calls that see every managed resource, from the
// API's page sizes. Pure, so it is tested without an account.
import type { StateResource } from '../../src/state/model.js';

/** The largest page ListBackupVaults, ListBackupPlans and ListBackupSelections return (MaxResults ≤ 1000). */
export const MAX_PAGE_SIZE = 1000;

type ManagedResource = Pick<StateResource, 'kind' | 'provider' | 'id'>;

/** Plan id → provider key, for every plan that holds a managed selection. */
export function plansWithSelections(resources: readonly ManagedResource[]): Map<string, string> {
  return new Map(resources.filter((r) => r.kind === 'backup_selection').map((r) => [r.id.split('/')[0]!, r.provider]));
}

/** The floor's call count from page sizes: per region ⌈vaults/1000⌉ + ⌈plans/1000⌉, per plan with managed selections ⌈selections/1000⌉. */
export function computedFloor(resources: readonly ManagedResource[]): number {
  const byProvider = new Map<string, { vaults: number; plans: number }>();
  const selectionsPerPlan = new Map<string, number>();
  for (const r of resources) {
    const counts = byProvider.get(r.provider) ?? { vaults: 0, plans: 0 };
    if (r.kind === 'backup_vault') counts.vaults += 1;
    if (r.kind === 'backup_plan') counts.plans += 1;
    if (r.kind === 'backup_selection') {
      const planId = r.id.split('/')[0]!;
      selectionsPerPlan.set(planId, (selectionsPerPlan.get(planId) ?? 0) + 1);
    }
    byProvider.set(r.provider, counts);
  }
  const pagesOf = (n: number) => Math.max(1, Math.ceil(n / MAX_PAGE_SIZE));
  let calls = 0;
  for (const { vaults, plans } of byProvider.values()) calls += (vaults > 0 ? pagesOf(vaults) : 0) + (plans > 0 ? pagesOf(plans) : 0);
  for (const n of selectionsPerPlan.values()) calls += pagesOf(n);
  return calls;
}

