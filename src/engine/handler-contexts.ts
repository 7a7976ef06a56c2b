// The handler context of each provider for one run: its clients (from the application layer),
// the state lineage that creation tokens derive from, and the run's concurrency limit.
import type { HandlerContext, ProviderAccess, ResourceLocation } from '../resources/handler.js';
import type { Limiter } from './limiter.js';
import { locationKey, sameLocation } from './locations.js';

export class HandlerContexts {
  private readonly contexts = new Map<string, Promise<HandlerContext>>();

  constructor(
    private readonly providers: ProviderAccess,
    private readonly limiter: Limiter,
    private readonly lineage: string,
  ) {}

  /** Where the provider points now, when known without a call. */
  location(provider: string): ResourceLocation | undefined {
    try {
      return this.providers.location?.(provider);
    } catch {
      return undefined; // a provider the configuration no longer declares: context() says so
    }
  }

  /**
   * The context of a provider, or of the place `at` where an object of that provider lives when it
   * is not where the provider points now (its region changed since the object was made).
   */
  context(provider: string, at?: ResourceLocation): Promise<HandlerContext> {
    const here = at === undefined ? undefined : this.location(provider);
    const elsewhere = at !== undefined && here !== undefined && !sameLocation(at, here) ? at : undefined;
    const key = `${provider}\u0000${locationKey(elsewhere)}`;
    let context = this.contexts.get(key);
    if (context === undefined) {
      context = this.providers.clients(provider, elsewhere).then((clients) => ({
        backup: clients.backup,
        tagging: clients.tagging,
        organizations: clients.organizations,
        settings: clients.settings,
        lineage: this.lineage,
        limit: (call) => this.limiter.run(call),
        ownClock: () => this.providers.ownClock?.(provider) === true,
      }));
      this.contexts.set(key, context);
    }
    return context;
  }
}
