// A module's variables take their values from the arguments of the module block that calls it:
// an argument no variable declares, a value of the wrong type and a required variable without an
// argument are reported at the call, where the fix is.
import { didYouMean } from '../../core/suggest.js';
import { UNKNOWN, type Value } from '../../core/values.js';
import { headerRange } from '../decode.js';
import type { Reporter } from '../evaluate-diagnostics.js';
import { formatPosition } from '../evaluate-values.js';
import type { ModuleVariableSource, VariableDefinition } from '../evaluate-variables.js';
import { convertValue, typeToString } from '../type-constraint.js';
import type { ModuleFrame } from './frame.js';

export function moduleVariableSource(frame: ModuleFrame): ModuleVariableSource {
  // Reported at the call; the calling evaluator names the instance (`module.env["prod"]`) as the context.
  const context = undefined;
  const name = frame.call.labels[0]!.value;
  return {
    assign(definitions: ReadonlyMap<string, VariableDefinition>, values: Map<string, Value>, reporter: Reporter): void {
      for (const [argument, input] of frame.inputs) {
        const definition = definitions.get(argument);
        if (!definition) {
          const declared = [...definitions.keys()];
          reporter.error(
            'Unsupported argument',
            `An argument named "${argument}" is not expected here: the module ${frame.dir} declares no variable "${argument}".${didYouMean(argument, declared) || (declared.length === 0 ? ' It declares no variables.' : ` Its variables are ${declared.join(', ')}.`)}`,
            input.nameRange,
            context,
          );
          continue;
        }
        const converted = convertValue(input.value, definition.type, definition.sensitive || input.sensitive);
        if (converted.ok) {
          values.set(argument, converted.value);
          continue;
        }
        reporter.error(
          'Invalid value for module argument',
          `The value of "${argument}" does not suit the type of variable "${argument}" (${typeToString(definition.type)}, declared at ${formatPosition(definition.block.typeRange)}): ${converted.message}.`,
          input.range,
          context,
        );
        values.set(argument, UNKNOWN);
      }
    },
    missing(definition: VariableDefinition, reporter: Reporter): void {
      reporter.error(
        'Missing required argument',
        `The module "${name}" needs a value for "${definition.name}": its variable has no default (${formatPosition(definition.block.typeRange)}). Add ${definition.name} = … to the module block.`,
        headerRange(frame.call),
        context,
      );
    },
  };
}
