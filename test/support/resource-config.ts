// Builds ResourceConfig values for planner tests without going through the loader.
import type { ResourceConfig } from '../../src/config/model.js';
import type { ObjectValue } from '../../src/core/values.js';

const nowhere = { file: 'test.bkp.hcl', start: { line: 1, column: 1, offset: 0 }, end: { line: 1, column: 2, offset: 1 } };

export function resourceConfig(
  address: string,
  attributes: ObjectValue,
  extra: Partial<ResourceConfig> = {},
): ResourceConfig {
  const [kind, name] = address.split('.') as [string, string];
  return {
    address,
    kind,
    name,
    provider: 'sandbox',
    attributes,
    dependencies: [],
    lifecycle: { prevent_destroy: false },
    ranges: new Map([['', nowhere]]),
    sensitivePaths: [],
    range: nowhere,
    context: `${kind} "${name}"`,
    ...extra,
  };
}
