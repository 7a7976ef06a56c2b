// Typed access to an evaluated `policy` block: its control blocks with their parameters and JSON
// Pointers, and its declared resources. Values that are unknown or wrongly typed read as unset
// (validation reports them).
import type { SourceRange } from '../core/diagnostics.js';
import type { PolicyConfig } from '../config/model.js';
import { isObjectValue, type ObjectValue } from '../core/values.js';
import { knownList, knownString } from '../resources/rules/problem.js';
import { rangeFor } from '../resources/validate.js';
import type { FindingSeverity } from './model.js';

export interface ControlBlock {
  /** The control label, when known. */
  name?: string;
  index: number;
  /** JSON Pointer of the block in the policy's attributes: "/control/2". */
  path: string;
  params: ObjectValue;
}

export function controlBlocks(policy: PolicyConfig): ControlBlock[] {
  const list = knownList(policy.attributes.control) ?? [];
  return list.flatMap((value, index) =>
    isObjectValue(value) ? [{ name: knownString(value.name), index, path: `/control/${index}`, params: value }] : [],
  );
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
