// Typed access to an evaluated `policy` block: its control blocks with their parameters and JSON
// Pointers, and its declared resources. Values that are unknown or wrongly typed read as unset
// (validation reports them).
import type { SourceRange } from '../core/diagnostics.js';
import type { Config, PolicyConfig } from '../config/model.js';
import { isObjectValue, type ObjectValue } from '../core/values.js';
import { controlBlocksOf, type ControlBlock } from '../resources/rules/audit-controls.js';
import { knownList, knownString } from '../resources/rules/problem.js';
import { rangeFor } from '../resources/validate.js';
import type { FindingSeverity } from './model.js';

export type { ControlBlock };

export function controlBlocks(policy: PolicyConfig): ControlBlock[] {
  return controlBlocksOf(policy.attributes);
}

export interface ResourceBlock {
  index: number;
  path: string;
  value: ObjectValue;
}

export function resourceBlocks(policy: PolicyConfig): ResourceBlock[] {
  const list = knownList(policy.attributes.resource) ?? [];
  return list.flatMap((value, index) => (isObjectValue(value) ? [{ index, path: `/resource/${index}`, value }] : []));
}

/** The range of a path inside a policy, or of its nearest ancestor. */
export function policyRange(policy: PolicyConfig, path: string): SourceRange {
  return rangeFor(policy.ranges, path) ?? policy.range;
}

export function severityOf(control: ControlBlock): FindingSeverity {
  return control.params.severity === 'warning' ? 'warning' : 'error';
}

/** The resource kind whose control blocks bkp check evaluates as a policy's: Audit Manager frameworks. */
export const FRAMEWORK_KIND = 'backup_framework';

/**
 * Everything that holds control blocks bkp check evaluates: the policies, then each
 * backup_framework (one source of truth: the controls AWS evaluates after deployment are checked
 * before it). A framework is named by its address, and its findings point into its block.
 */
export function controlHolders(config: Pick<Config, 'policies'> & Partial<Pick<Config, 'resources'>>): PolicyConfig[] {
  const frameworks = (config.resources ?? [])
    .filter((r) => r.kind === FRAMEWORK_KIND)
    .map((r): PolicyConfig => ({ name: r.address, attributes: r.attributes, ranges: r.ranges, range: r.range }));
  return [...config.policies, ...frameworks];
}
