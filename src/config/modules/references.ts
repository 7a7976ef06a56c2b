// References to module calls, checked without evaluating anything: `module.prod.vault_arn`,
// `module.env["prod"].vault_arn`, `module.env` (the map of its instances) and `module.prod` (the
// object of its outputs). Only what the module declares as `output` blocks can be read.
import type { SourceRange } from '../../core/diagnostics.js';
import { didYouMean } from '../../core/suggest.js';
import type { FoundReference, ModuleCallInfo, TraversalStep } from '../references.js';

type Report = (summary: string, detail: string, range: SourceRange) => void;

/** The reference to `module.NAME` the steps make, or undefined when they are invalid (reported). */
export function checkModuleTraversal(modules: ReadonlyMap<string, ModuleCallInfo>, steps: readonly TraversalStep[], rootRange: SourceRange, error: Report): FoundReference | undefined {
  const nameStep = steps[0];
  if (nameStep?.kind !== 'attr') {
    error('Invalid reference', 'The "module" object must be followed by a module name, like module.prod.OUTPUT.', nameStep?.nodeRange ?? rootRange);
    return undefined;
  }
  const address = `module.${nameStep.name}`;
  const info = modules.get(nameStep.name);
  if (!info) {
    error(
      'Reference to undeclared module',
      `No module call named "${nameStep.name}" is declared.${didYouMean(nameStep.name, [...modules.keys()]) || ` Declare it with module "${nameStep.name}" { source = "./modules/…" }.`}`,
      nameStep.nodeRange,
    );
    return undefined;
  }
  let next = 1;
  const keyStep = steps[next];
  if (info.hasForEach || info.hasCount) {
    if (keyStep?.kind === 'index') next++;
    else if (keyStep?.kind === 'attr') {
      const example = info.hasCount ? `${address}[0].${keyStep.name} (or [count.index] where count is set too)` : `${address}[each.key].${keyStep.name} or ${address}["KEY"].${keyStep.name}`;
      error('Missing module instance key', `Because ${address} has ${info.hasCount ? 'count' : 'for_each'} set, its outputs must be read on one instance, for example ${example}.`, keyStep.nodeRange);
      return undefined;
    }
  } else if (keyStep?.kind === 'index') {
    error('Unexpected module instance key', `Because ${address} has neither for_each nor count set, references to it must not include an instance key. Remove the [ … ].`, keyStep.nodeRange);
    return undefined;
  }
  const outputStep = steps[next];
  if (outputStep?.kind === 'attr' && info.outputs && !info.outputs.includes(outputStep.name)) {
    const declared = info.outputs.length === 0 ? ' It declares no outputs.' : ` Its outputs are ${info.outputs.join(', ')}.`;
    error(
      'Unsupported attribute',
      `The module "${nameStep.name}" has no output named "${outputStep.name}".${didYouMean(outputStep.name, info.outputs) || declared} A module's resources are read through its outputs: add an output block to the module.`,
      outputStep.range,
    );
    return undefined;
  }
  return { target: 'module', address, range: nameStep.nodeRange };
}
