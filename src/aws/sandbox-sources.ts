// provider "sandbox" `source` blocks: source resources (instances, databases, file systems…) the
// configuration names, created in the sandbox account the first time it is used, so that a
// configuration such as the quickstart can protect and back up resources it refers to by ARN.
import type { ProviderSettings } from './clients.js';

export interface SandboxSourceSpec {
  type: string;
  name: string;
  id?: string;
  state?: string;
  sizeGiB?: number;
  tags?: Record<string, string>;
}

/** Adds each declared source that the account does not have yet (matched by type and name). */
export async function ensureSandboxSources(settings: ProviderSettings): Promise<void> {
  const specs = settings.sandboxSources ?? [];
  if (settings.type !== 'sandbox' || specs.length === 0) return;
  const [{ openSandbox, DEFAULT_SANDBOX_PATH }, inventory, ec2] = await Promise.all([
    import('../sandbox/account.js'),
    import('../sandbox/inventory.js'),
    import('../sandbox/ec2/model.js'),
  ]);
  const handle = openSandbox(settings.sandboxPath ?? DEFAULT_SANDBOX_PATH, { region: settings.region, accountId: settings.accountId });
  const present = (await handle.read()).inventory;
  const missing = specs.filter((spec) => !present.some((r) => r.type === spec.type && r.name === spec.name));
  if (missing.length === 0) return;
  await handle.update((account) => {
    const region = settings.region || account.defaultRegion;
    const now = new Date(account.clock.now);
    for (const spec of missing) {
      if (account.inventory.some((r) => r.type === spec.type && r.name === spec.name)) continue;
      const type = inventory.parseSourceType(spec.type);
      const state = spec.state === undefined ? undefined : inventory.parseState(type, spec.state);
      if (type === 'ec2-instance') {
        ec2.launchInstance({ account, region, accountId: account.accountId, now }, spec.name, {
          id: spec.id,
          state,
          tags: spec.tags,
          rootVolumeSizeGiB: spec.sizeGiB,
        });
      } else {
        inventory.addResource(account, type, spec.name, {
          region,
          accountId: account.accountId,
          now: now.toISOString(),
          state,
          tags: spec.tags,
          sizeGiB: spec.sizeGiB,
          id: spec.id,
        });
      }
    }
  });
}
