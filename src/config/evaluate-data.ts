// What the language says about data blocks once they are declared (decode-data.ts): what their
// arguments may refer to. They are evaluated as resources are (for_each, provider, the kind's
// schema), under the address `data.KIND.NAME`; their attributes come from a read during plan,
// given to the evaluator as known attributes, and are unknown until then (`bkp validate`).
import { DATA_PREFIX } from './decode-data.js';
import { ANYTHING, type ReferenceRules } from './references.js';

export { DATA_PREFIX };

/**
 * A data block's arguments are needed before any resource is changed, so they may refer to
 * variables, locals and other data sources, never to a resource.
 */
export const DATA_BODY_RULES: ReferenceRules = {
  ...ANYTHING,
  resources: false,
  dataSources: true,
  explanation: 'A data block is read during plan, before any resource is created or changed: its arguments can refer to variables, locals and other data sources, not to resources.',
};

export function isDataAddress(address: string): boolean {
  return address.startsWith(DATA_PREFIX);
}
