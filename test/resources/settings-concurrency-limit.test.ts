// region_settings and global_settings are one object per provider, so an apply over many providers
// creates more of them at once than -parallelism allows. Their create and update run inside a slot
// of the run's limiter and must not wait for a second slot: with every slot held by one of them,
// that wait never ended (100 accounts × 2 regions stopped after the vaults, exit 0, no summary).
import { expect } from 'chai';
import { Limiter } from '../../src/engine/limiter.js';
import { globalSettingsHandler } from '../../src/resources/global-settings/handler.js';
import { regionSettingsHandler } from '../../src/resources/region-settings/handler.js';
import type { HandlerContext } from '../../src/resources/handler.js';

/** A context whose AWS Backup answers every call at once, limited like a run with -parallelism=1. */
function context(limiter: Limiter): HandlerContext {
  const backup = { send: async () => ({ ResourceTypeOptInPreference: { S3: true }, GlobalSettings: { isCrossAccountBackupEnabled: 'true' } }) };
  return { backup, lineage: 'l', limit: (call: () => Promise<unknown>) => limiter.run(call), settings: { region: 'us-east-1' } } as unknown as HandlerContext;
}

const hooks = { token: 't', created: async () => undefined };

/** Settles with `work`, or rejects after `ms` (a deadlock would never settle). */
function within<T>(ms: number, work: Promise<T>): Promise<T> {
  return Promise.race([work, new Promise<T>((_, reject) => setTimeout(() => reject(new Error(`still waiting after ${ms} ms: a deadlock`)), ms).unref())]);
}

describe('settings kinds under the run\'s concurrency limit', () => {
  it('creates and updates region_settings while holding the only slot', async () => {
    const limiter = new Limiter(1);
    const ctx = context(limiter);
    const desired = { resource_type_opt_in_preference: { S3: true } };
    const created = await within(2000, limiter.run(() => regionSettingsHandler.create(ctx, 'region_settings.a', desired, hooks)));
    expect(created.attributes).to.deep.include({ resource_type_opt_in_preference: { S3: true } });
    await within(2000, limiter.run(() => regionSettingsHandler.update(ctx, 'us-east-1', desired, desired)));
  });

  it('creates global_settings while holding the only slot, and list() still takes a slot of its own', async () => {
    const limiter = new Limiter(1);
    const ctx = context(limiter);
    const created = await within(2000, limiter.run(() => globalSettingsHandler.create(ctx, 'global_settings.a', { cross_account_backup: true }, hooks)));
    expect(created.attributes).to.deep.equal({ cross_account_backup: true });
    const listing = await within(2000, globalSettingsHandler.list!(ctx, []));
    expect([...listing.keys()]).to.deep.equal(['us-east-1']);
  });
});
