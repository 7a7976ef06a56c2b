// How output values print: after apply ("Outputs:"), and by `bkp output`. Sensitive values show as
// <sensitive>, as Terraform prints them.
import type { StateOutput } from '../state/model.js';
import type { Value } from '../core/values.js';
import { formatInline } from './value-format.js';

export const SENSITIVE_OUTPUT = '<sensitive>';

/** `name = value` per output, in name order. */
export function renderOutputLines(outputs: Readonly<Record<string, StateOutput>>): string {
  return Object.keys(outputs)
    .sort()
    .map((name) => `${name} = ${renderOutputValue(outputs[name]!)}`)
    .join('\n');
}

/** The value on one line, or <sensitive>. */
export function renderOutputValue(output: StateOutput): string {
  return output.sensitive || output.withheld ? SENSITIVE_OUTPUT : formatInline(output.value as Value);
}

/** The block printed after apply: "\nOutputs:\n\nname = value". Empty when there are none. */
export function renderOutputsAfterApply(outputs: Readonly<Record<string, StateOutput>>): string {
  return Object.keys(outputs).length === 0 ? '' : `\nOutputs:\n\n${renderOutputLines(outputs)}`;
}
