// Pieces of the made-up resource kinds that engine tests register: a model that compares
// attributes as they are and never replaces, and provider access that makes no clients (their
// handlers keep their "account" in the test).
import type { KindModel } from '../../src/resources/kind-model.js';
import type { ProviderAccess, ProviderClientSet } from '../../src/resources/handler.js';

export function plainModel(kind: string): KindModel {
  return {
    kind,
    forcesReplacement: new Set(),
    computed: [],
    optionalComputed: [],
    tagAttributes: [],
    keyedLists: {},
    jsonAttributes: [],
    canonical: (attributes) => attributes,
    replaceReason: () => 'never replaced',
  };
}

export const noClients: ProviderAccess = {
  async clients(): Promise<ProviderClientSet> {
    return { backup: undefined as never, tagging: async () => undefined as never, organizations: async () => undefined as never, settings: { region: 'us-east-1' } };
  },
};
