// provider "sandbox" `source` blocks: source resources (instances, databases, file systems…) the
// configuration names. The sandbox creates them in its account the first time a client opens it,
// so that a configuration such as the quickstart can protect and back up resources it refers to
// by ARN. Whoever builds the request handler passes the specs; nothing else writes them.
import { readAccount, updateAccount, type AccountDefaults } from './account.js';
import { launchInstance } from './ec2/model.js';
import { addResource, parseSourceType, parseState } from './inventory.js';
import type { AccountState } from './state.js';

export interface SandboxSourceSpec {
  type: string;
  name: string;
  id?: string;
  state?: string;
  sizeGiB?: number;
  tags?: Record<string, string>;
}

/** Adds each declared source that the account does not have yet (matched by type and name). */
export async function seedSources(path: string, defaults: AccountDefaults, specs: readonly SandboxSourceSpec[]): Promise<void> {
  const missingFrom = (inventory: AccountState['inventory']) => specs.filter((spec) => !inventory.some((r) => r.type === spec.type && r.name === spec.name));
  // Usually every source is there already: a lock-free read settles it.
  if (specs.length === 0 || missingFrom((await readAccount(path, defaults)).inventory).length === 0) return;
  await updateAccount(path, defaults, (account) => {
    const missing = missingFrom(account.inventory);
    const region = defaults.region || account.defaultRegion;
    const now = new Date(account.clock.now);
    for (const spec of missing) {
      const type = parseSourceType(spec.type);
      const state = spec.state === undefined ? undefined : parseState(type, spec.state);
      if (type === 'ec2-instance') {
        launchInstance({ account, region, accountId: account.accountId, now }, spec.name, { id: spec.id, state, tags: spec.tags, rootVolumeSizeGiB: spec.sizeGiB });
      } else {
        addResource(account, type, spec.name, { region, accountId: account.accountId, now: now.toISOString(), state, tags: spec.tags, sizeGiB: spec.sizeGiB, id: spec.id });
      }
    }
    return { value: undefined, changed: missing.length > 0 };
  });
}
