// Account settings exist once per provider (account and Region): a second block of the same kind
// for the same provider would fight the first over the same settings.
import type { ResourceConfig } from '../../config/model.js';
import type { ValidationContext } from './context.js';
import { error, type Problem } from './problem.js';

export function checkSingleton(resource: Pick<ResourceConfig, 'kind' | 'address' | 'provider'>, context: ValidationContext): Problem[] {
  const first = (context.resources ?? []).find((r) => r.kind === resource.kind && r.provider === resource.provider);
  if (first === undefined || first.address === resource.address) return [];
  const where = `${first.range.file}:${first.range.start.line}:${first.range.start.column}`;
  return [
    error(
      '',
      `Duplicate ${resource.kind}`,
      `Provider "${resource.provider}" already has ${first.address} (${where}): its ${resource.kind} are one object per account and Region, ` +
        `so there can be only one ${resource.kind} block per provider. Merge the two blocks, or give this one another provider (provider = aws.<alias>).`,
    ),
  ];
}
