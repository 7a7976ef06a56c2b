// Resolves references while evaluating: variables, locals, each, path and resources. Invalid
// references were reported by the reference checker; here they quietly resolve to UNKNOWN.
import type { VariableExpr } from './ast.js';
import { computedAttributes, identityAttribute, RESOURCE_KINDS } from './block-schema.js';
import { evaluateExpr, type ReferenceResolver, type Scope } from './evaluate-expression.js';
import { hasKey, setKey } from './evaluate-values.js';
import type { TraversalStep } from './references.js';
import { didYouMean } from '../core/suggest.js';
import { resolveModule, type ModuleValues } from './modules/values.js';
import { convertValue, STRING_TYPE } from './type-constraint.js';
import { isUnknown, UNKNOWN, type ObjectValue, type Value } from '../core/values.js';
import type { InstanceKey } from '../core/addresses.js';
import { countInstance } from './evaluate-count.js';

export interface NamedValue {
  value: Value;
  sensitive: boolean;
  /** UNKNOWN because of a problem already reported. */
  failed?: boolean;
}

export interface InstanceValues {
  address: string;
  key?: InstanceKey;
  /** Evaluated configuration, without meta-arguments. */
  attributes: ObjectValue;
  /** Top-level attribute names whose value depends on something sensitive. */
  sensitiveAttributes: ReadonlySet<string>;
  /** Attributes plus computed ones, built on the first whole-instance reference. */
  asObject?: ObjectValue;
}

export interface ResourceValues {
  kind: string;
  name: string;
  hasForEach: boolean;
  /** Instances numbered by count: `kind.name[0]`, and `kind.name` alone is the list of them. */
  hasCount?: boolean;
  /** By for_each key or count index as text ("" for a single resource); undefined until evaluated or when for_each or count failed. */
  instances?: Map<string, InstanceValues>;
  /** The map of all instances, built on the first reference without a key. */
  asMap?: { value: ObjectValue; sensitive: boolean };
}

/** Everything evaluated so far: filled in dependency order while the configuration is evaluated. */
export interface EvaluationState {
  variables: Map<string, NamedValue>;
  locals: Map<string, NamedValue>;
  resources: Map<string, ResourceValues>;
  /** Module calls by name, filled when each is evaluated (config/modules/). */
  modules?: Map<string, ModuleValues>;
  /** What path.module is: the module's directory relative to the configuration directory (`.` at the root). */
  modulePath?: string;
  knownAttributes?: (address: string) => Record<string, Value> | undefined;
}

/** Resolves nothing: used where the reference checker refused every reference. */
export const NO_REFERENCES: ReferenceResolver = { resolve: (_root, steps) => ({ value: UNKNOWN, consumed: steps.length }) };

/** A reference that cannot be resolved: already reported by the checker, or part of a reported cycle. */
function invalid(steps: readonly TraversalStep[], scope: Scope): { value: Value; consumed: number } {
  scope.taint.failed = true;
  return { value: UNKNOWN, consumed: steps.length };
}

export class ConfigResolver implements ReferenceResolver {
  constructor(private readonly state: EvaluationState) {}

  resolve(root: VariableExpr, steps: readonly TraversalStep[], scope: Scope): { value: Value; consumed: number } {
    const first = steps[0];
    const firstName = first?.kind === 'attr' ? first.name : undefined;
    switch (root.name) {
      case 'var':
      case 'local': {
        const entry = firstName === undefined ? undefined : (root.name === 'var' ? this.state.variables : this.state.locals).get(firstName);
        if (!entry) return invalid(steps, scope);
        if (entry.sensitive) scope.taint.sensitive = true;
        if (entry.failed) scope.taint.failed = true;
        return { value: entry.value, consumed: 1 };
      }
      case 'each':
        if (!scope.each || (firstName !== 'key' && firstName !== 'value')) return invalid(steps, scope);
        return { value: scope.each[firstName], consumed: 1 };
      case 'path':
        if (firstName === 'module') return { value: this.state.modulePath ?? '.', consumed: 1 };
        return firstName === 'root' ? { value: '.', consumed: 1 } : invalid(steps, scope);
      case 'module':
        return resolveModule(this.state.modules?.get(firstName ?? ''), steps, scope) ?? invalid(steps, scope);
      case 'count':
        if (!scope.count || firstName !== 'index') return invalid(steps, scope);
        return { value: scope.count.index, consumed: 1 };
      case 'data': {
        // data.KIND.NAME…: the data source's kind is `data.KIND`, and what follows is read as on a resource.
        const nameStep = steps[1];
        if (firstName === undefined || nameStep?.kind !== 'attr') return invalid(steps, scope);
        const resolved = this.resolveResource(`data.${firstName}`, nameStep.name, steps.slice(1), scope);
        return { value: resolved.value, consumed: resolved.consumed + 1 };
      }
    }
    if ((RESOURCE_KINDS as readonly string[]).includes(root.name) && firstName !== undefined) {
      return this.resolveResource(root.name, firstName, steps, scope);
    }
    return invalid(steps, scope);
  }

  private resolveResource(kind: string, name: string, steps: readonly TraversalStep[], scope: Scope): { value: Value; consumed: number } {
    const resource = this.state.resources.get(`${kind}.${name}`);
    if (!resource?.instances) return invalid(steps, scope);
    let next = 1;
    let instance: InstanceValues | undefined;
    if (resource.hasCount) {
      const found = countInstance(resource.instances, `${kind}.${name}`, steps, scope, (inst) => this.instanceObject(kind, inst), (inst) => inst.sensitiveAttributes.size > 0);
      if ('value' in found) return found;
      instance = found.instance;
      next++;
    } else if (resource.hasForEach) {
      const keyStep = steps[next];
      if (keyStep?.kind !== 'index') {
        if (keyStep !== undefined) return invalid(steps, scope);
        // The resource without a key: a map of its instances (built once: many instances may refer to it).
        if (!resource.asMap) {
          const value: ObjectValue = {};
          for (const [key, inst] of resource.instances) setKey(value, key, this.instanceObject(kind, inst));
          resource.asMap = { value, sensitive: [...resource.instances.values()].some((i) => i.sensitiveAttributes.size > 0) };
        }
        if (resource.asMap.sensitive) scope.taint.sensitive = true;
        return { value: resource.asMap.value, consumed: 1 };
      }
      const keyValue = evaluateExpr(keyStep.key, scope);
      if (isUnknown(keyValue)) return invalid(steps, scope);
      const key = keyValue === null ? undefined : convertValue(keyValue, STRING_TYPE);
      instance = key?.ok ? resource.instances.get(key.value as string) : undefined;
      if (!instance) {
        const keys = [...resource.instances.keys()];
        const shown = key?.ok ? `"${key.value as string}"` : String(keyValue);
        scope.reporter.error(
          'Invalid index',
          `${kind}.${name} has no instance with the key ${shown}. ${keys.length === 0 ? 'Its for_each is empty.' : `Its keys are ${keys.map((k) => `"${k}"`).join(', ')}.`}${key?.ok ? didYouMean(key.value as string, keys) : ''}`,
          keyStep.range,
          scope.context,
        );
        return invalid(steps, scope);
      }
      next++;
    } else {
      instance = resource.instances.get('');
      if (!instance || steps[next]?.kind === 'index') return invalid(steps, scope);
    }
    const attrStep = steps[next];
    if (attrStep?.kind === 'attr') return { value: this.attribute(kind, instance, attrStep.name, scope), consumed: next + 1 };
    return { value: this.attribute(kind, instance, identityAttribute(kind), scope), consumed: next };
  }

  private attribute(kind: string, instance: InstanceValues, name: string, scope: Scope): Value {
    if (computedAttributes(kind).includes(name)) {
      const known = this.state.knownAttributes?.(instance.address);
      return known && hasKey(known, name) ? known[name]! : UNKNOWN;
    }
    if (instance.sensitiveAttributes.has(name)) scope.taint.sensitive = true;
    return hasKey(instance.attributes, name) ? instance.attributes[name]! : null;
  }

  private instanceObject(kind: string, instance: InstanceValues): ObjectValue {
    if (!instance.asObject) {
      const out: ObjectValue = { ...instance.attributes };
      const known = this.state.knownAttributes?.(instance.address);
      for (const name of computedAttributes(kind)) setKey(out, name, known && hasKey(known, name) ? known[name]! : UNKNOWN);
      instance.asObject = out;
    }
    return instance.asObject;
  }
}
