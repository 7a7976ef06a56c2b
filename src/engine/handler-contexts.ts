// The handler context of each provider for one run: its clients (from the application layer),
// the state lineage that creation tokens derive from, and the run's concurrency limit.
import type { HandlerContext, ProviderAccess } from '../resources/handler.js';
import type { Limiter } from './limiter.js';

export class HandlerContexts {
  private readonly contexts = new Map<string, Promise<HandlerContext>>();

  constructor(
    private readonly providers: ProviderAccess,
    private readonly limiter: Limiter,
    private readonly lineage: string,
  ) {}

  context(provider: string): Promise<HandlerContext> {
    let context = this.contexts.get(provider);
    if (context === undefined) {
      context = this.providers.clients(provider).then((clients) => ({
        backup: clients.backup,
        tagging: clients.tagging,
        settings: clients.settings,
        lineage: this.lineage,
        limit: (call) => this.limiter.run(call),
      }));
      this.contexts.set(provider, context);
    }
    return context;
  }
}
