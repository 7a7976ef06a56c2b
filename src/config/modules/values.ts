// What references to a module call resolve to: the outputs of each of its instances, filled in
// when the call is evaluated (after everything its inputs refer to, before what refers to it).
import { countInstance } from '../evaluate-count.js';
import { evaluateExpr, type Scope } from '../evaluate-expression.js';
import type { NamedValue } from '../evaluate-references.js';
import { setKey } from '../evaluate-values.js';
import type { TraversalStep } from '../references.js';
import { convertValue, STRING_TYPE } from '../type-constraint.js';
import { didYouMean } from '../../core/suggest.js';
import { isUnknown, type ObjectValue, type Value } from '../../core/values.js';

export interface ModuleValues {
  name: string;
  hasForEach: boolean;
  hasCount?: boolean;
  /** Output values by instance key ("" without for_each or count; "0", "1"… with count); undefined until evaluated or when it failed. */
  instances?: Map<string, Map<string, NamedValue>>;
}

/** The value `module.NAME…` reads, or undefined when it cannot be resolved (already reported, or the call failed). */
export function resolveModule(module: ModuleValues | undefined, steps: readonly TraversalStep[], scope: Scope): { value: Value; consumed: number } | undefined {
  if (!module?.instances) return undefined;
  let next = 1;
  let outputs: Map<string, NamedValue> | undefined;
  if (module.hasCount) {
    // As Terraform's: module.NAME is the list of its instances, module.NAME[i] one of them.
    // Reading an instance's outputs taints the scope with their sensitivity (outputsObject).
    const found = countInstance(module.instances, `module.${module.name}`, steps, scope, (outputs) => outputsObject(outputs, scope), () => false);
    if (!('instance' in found)) return found;
    outputs = found.instance;
    next++;
  } else if (module.hasForEach) {
    const keyStep = steps[next];
    if (keyStep?.kind !== 'index') {
      const value: ObjectValue = {};
      for (const [key, instance] of module.instances) setKey(value, key, outputsObject(instance, scope));
      return { value, consumed: 1 };
    }
    const keyValue = evaluateExpr(keyStep.key, scope);
    if (isUnknown(keyValue)) return undefined;
    const key = keyValue === null ? undefined : convertValue(keyValue, STRING_TYPE);
    outputs = key?.ok ? module.instances.get(key.value as string) : undefined;
    if (!outputs) {
      const keys = [...module.instances.keys()];
      scope.reporter.error(
        'Invalid index',
        `module.${module.name} has no instance with the key ${key?.ok ? `"${key.value as string}"` : String(keyValue)}. ${keys.length === 0 ? 'Its for_each is empty.' : `Its keys are ${keys.map((k) => `"${k}"`).join(', ')}.`}${key?.ok ? didYouMean(key.value as string, keys) : ''}`,
        keyStep.range,
        scope.context,
      );
      return undefined;
    }
    next++;
  } else {
    outputs = module.instances.get('');
    if (!outputs) return undefined;
  }
  const outputStep = steps[next];
  if (outputStep?.kind !== 'attr') return { value: outputsObject(outputs, scope), consumed: next };
  const output = outputs.get(outputStep.name);
  if (!output) return undefined;
  taint(output, scope);
  return { value: output.value, consumed: next + 1 };
}

function outputsObject(outputs: Map<string, NamedValue>, scope: Scope): ObjectValue {
  const value: ObjectValue = {};
  for (const [name, output] of outputs) {
    taint(output, scope);
    setKey(value, name, output.value);
  }
  return value;
}

function taint(output: NamedValue, scope: Scope): void {
  if (output.sensitive) scope.taint.sensitive = true;
  if (output.failed) scope.taint.failed = true;
}
