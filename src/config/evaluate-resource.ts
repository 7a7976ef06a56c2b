// A resource block → one ResourceConfig per instance: for_each expansion, the body against the
// kind's schema, and the top-level lifecycle block, whose meta keys (prevent_destroy, …) are
// settings of bkp while any other key is data of the kind (on_demand_backup's delete_after_days).
import { didYouMean, indefinite } from '../core/suggest.js';
import { pointerSegments } from '../core/json-pointer.js';
import type { Block, Body, Expr } from './ast.js';
import { blockSchema, identityAttribute, LIFECYCLE_META_KEYS, RESOURCE_META_ATTRIBUTES, type BodySpec } from './block-schema.js';
import type { ResourceDecl } from './decode.js';
import { bodyExpressions, evaluateBody, type BodyOutput } from './evaluate-body.js';
import { dynamicBlocksOfType } from './evaluate-dynamic.js';
import { instanceAddress, staticString } from './evaluate-addresses.js';
import { evaluateGuarded, type Scope } from './evaluate-expression.js';
import { blockInstances } from './evaluate-count.js';
import type { InstanceValues } from './evaluate-references.js';
import { formatPosition, setKey } from './evaluate-values.js';
import type { ResourceConfig, ResourceLifecycle } from './model.js';
import { convertToSchema } from './schema-conversions.js';
import { terraformNamesOf } from './terraform-names.js';
import { isUnknown, type ObjectValue } from '../core/values.js';

const META_ATTRIBUTES: ReadonlySet<string> = new Set(RESOURCE_META_ATTRIBUTES);
const LIFECYCLE_META: ReadonlySet<string> = new Set(LIFECYCLE_META_KEYS);
const EMPTY_SPEC: BodySpec = { attributes: [], blocks: {} };

/**
 * The kind's spec for the body without its lifecycle blocks (evaluated separately). `lifecycle`
 * stays listed as a block on every kind, so that `lifecycle = { … }` gets the "is a block" message.
 */
function mainSpec(spec: BodySpec | undefined): BodySpec | undefined {
  if (!spec || spec.blocks.lifecycle) return spec;
  // Asked twice per resource (references, then evaluation) of a few kinds: made once per kind.
  let main = mainSpecs.get(spec);
  if (!main) {
    main = { attributes: spec.attributes, blocks: { ...spec.blocks, lifecycle: { name: 'lifecycle', repeatable: false, labels: [], body: EMPTY_SPEC } } };
    mainSpecs.set(spec, main);
  }
  return main;
}
const mainSpecs = new WeakMap<BodySpec, BodySpec>();

/** The body without its lifecycle blocks, written or dynamic (refused, see evaluateLifecycle), and those blocks. */
function splitLifecycle(body: Body): { main: Body; lifecycle: Block[]; dynamicLifecycle: Block[] } {
  const dynamicLifecycle = dynamicBlocksOfType(body.blocks, 'lifecycle');
  const main = body.blocks.filter((b) => b.type !== 'lifecycle' && !dynamicLifecycle.includes(b));
  return { main: { ...body, blocks: main }, lifecycle: body.blocks.filter((b) => b.type === 'lifecycle'), dynamicLifecycle };
}

/** Every expression of the block that is evaluated per instance (where `each` is available). */
export function resourceBodyExpressions(decl: ResourceDecl, spec: BodySpec | undefined): Expr[] {
  const { main, lifecycle } = splitLifecycle(decl.block.body);
  const exprs = bodyExpressions(main, mainSpec(spec), META_ATTRIBUTES);
  const first = lifecycle[0];
  if (first) {
    const dataSpec = spec?.blocks.lifecycle?.body;
    exprs.push(...bodyExpressions(first.body, dataSpec ?? EMPTY_SPEC, LIFECYCLE_META));
    for (const attr of first.body.attributes) if (attr.name === 'prevent_destroy' || attr.name === 'create_before_destroy') exprs.push(attr.expr);
  }
  return exprs;
}


export interface EvaluatedResource {
  configs: ResourceConfig[];
  /** For references; undefined when for_each could not be expanded. */
  instances?: Map<string, InstanceValues>;
}

export function evaluateResource(
  decl: ResourceDecl,
  spec: BodySpec | undefined,
  scope: Scope,
  /** The provider key of an instance, which may depend on it (`provider = aws.account[each.key]`). */
  providerOf: (instanceScope: Scope) => string,
  dependencies: string[],
): EvaluatedResource {
  const expansion = blockInstances(decl, scope);
  if (!expansion) return { configs: [] };
  const configs: ResourceConfig[] = [];
  const instances = new Map<string, InstanceValues>();
  const { main, lifecycle, dynamicLifecycle } = splitLifecycle(decl.block.body);
  for (const block of dynamicLifecycle) {
    scope.reporter.error(
      'Invalid dynamic block type',
      'A dynamic block cannot generate a resource\'s lifecycle block: prevent_destroy, ignore_changes and create_before_destroy must be known before anything is evaluated. Write the lifecycle block itself; use a conditional for a value that varies.',
      block.labels[0]!.range,
      scope.context,
    );
  }
  const bodySpecWithoutLifecycle = mainSpec(spec);
  const where = decl.kind.startsWith('data.') ? `a data "${decl.kind.slice('data.'.length)}" block` : `${indefinite(decl.kind)} block`;
  for (const instance of expansion) {
    const address = instanceAddress(decl.address, instance.key);
    const instanceScope: Scope = { ...scope, ...instance.scope };
    const output: BodyOutput = { ranges: new Map([['', decl.block.range]]), sensitivePaths: [] };
    const written = evaluateBody(main, bodySpecWithoutLifecycle, instanceScope, '', output, { where, skip: META_ATTRIBUTES, terraformNames: terraformNamesOf(decl.kind) });
    const lifecycleSettings = evaluateLifecycle(lifecycle, spec, instanceScope, output, written);
    const attributes = convertToSchema(written, blockSchema(decl.kind));
    const config: ResourceConfig = {
      address,
      kind: decl.kind,
      name: decl.name,
      provider: providerOf(instanceScope),
      attributes,
      dependencies,
      lifecycle: lifecycleSettings,
      ranges: output.ranges,
      sensitivePaths: output.sensitivePaths,
      range: decl.block.range,
      // One instance may be wrong where the others are fine: say which.
      context: instance.key !== undefined ? `${decl.context} (instance ${JSON.stringify(instance.key)})` : decl.context,
    };
    if (instance.key !== undefined) config.key = instance.key;
    warnOfSensitiveIdentity(decl, output, instanceScope);
    configs.push(config);
    instances.set(instance.key === undefined ? '' : String(instance.key), {
      address,
      key: instance.key,
      attributes,
      sensitiveAttributes: new Set(output.sensitivePaths.map((p) => pointerSegments(p)[0]!)),
    });
  }
  return { configs, instances };
}

/**
 * A resource's name and identity attribute become its id (`[id=…]` in apply output, `id` in the
 * state, the object's name in AWS): a sensitive value there is hidden in plans but not elsewhere.
 */
function warnOfSensitiveIdentity(decl: ResourceDecl, output: BodyOutput, scope: Scope): void {
  for (const attribute of new Set([identityAttribute(decl.kind), 'name'])) {
    const path = `/${attribute}`;
    if (!output.sensitivePaths.includes(path)) continue;
    scope.reporter.warning(
      'Sensitive value in a name',
      `The value of ${attribute} depends on a sensitive variable, but a resource's name and id cannot be secret: bkp shows the id in apply output ([id=…]) and records it in the state, and AWS shows it to anyone who can list the resources. Use a value that is not secret, or remove sensitive = true from the variable.`,
      output.ranges.get(path),
      scope.context,
    );
  }
}

/**
 * `ignore_changes = [name, tags]` or `ignore_changes = all`: attribute names written as bare
 * names (or quoted, as older Terraform wrote them), never evaluated. Undefined when it is invalid (reported).
 */
function ignoredAttributes(expr: Expr, spec: BodySpec | undefined, scope: Scope): string[] | 'all' | undefined {
  const invalid = (detail: string, range = expr.range): undefined => {
    scope.reporter.error('Invalid ignore_changes', detail, range, scope.context);
    return undefined;
  };
  if (expr.kind === 'variable' && expr.name === 'all') return 'all';
  if (expr.kind !== 'tuple') return invalid('ignore_changes takes a list of attribute names, like ignore_changes = [tags, name], or the keyword all.');
  const known = spec ? [...spec.attributes, ...Object.keys(spec.blocks).filter((b) => b !== 'lifecycle')] : undefined;
  const names: string[] = [];
  for (const item of expr.items) {
    const name = item.kind === 'variable' ? item.name : staticString(item);
    if (name === undefined) return invalid('Each entry of ignore_changes names one attribute of this resource, like tags; parts of an attribute (tags["team"]) are not supported.', item.range);
    if (known && !known.includes(name)) {
      return invalid(`This resource has no attribute "${name}" to ignore.${didYouMean(name, known) || ` Its attributes are ${known.join(', ')}.`}`, item.range);
    }
    names.push(name);
  }
  return names;
}

function evaluateLifecycle(blocks: Block[], spec: BodySpec | undefined, scope: Scope, output: BodyOutput, attributes: ObjectValue): ResourceLifecycle {
  const settings: ResourceLifecycle = { prevent_destroy: false };
  const [block, ...extra] = blocks;
  for (const duplicate of extra) {
    scope.reporter.error(
      'Duplicate lifecycle block',
      `Only one lifecycle block is allowed in a resource; the first is at ${formatPosition(block!.typeRange)}.`,
      duplicate.typeRange,
      scope.context,
    );
  }
  if (!block) return settings;
  if (block.labels.length > 0) {
    scope.reporter.error('Extraneous label for lifecycle', `A lifecycle block takes no labels; remove "${block.labels[0]!.value}".`, block.labels[0]!.range, scope.context);
  }
  const dataSpec = spec?.blocks.lifecycle?.body;
  const data = evaluateBody(block.body, dataSpec ?? EMPTY_SPEC, scope, '/lifecycle', output, { where: 'a lifecycle block', skip: LIFECYCLE_META });
  const hasData = block.body.blocks.length > 0 || block.body.attributes.some((a) => !LIFECYCLE_META.has(a.name));
  if (dataSpec && hasData) {
    setKey(attributes, 'lifecycle', data);
    output.ranges.set('/lifecycle', block.range);
  }
  for (const attr of block.body.attributes) {
    if (attr.name === 'prevent_destroy' || attr.name === 'create_before_destroy') {
      const value = evaluateGuarded(attr.expr, scope);
      if (!isUnknown(value) && typeof value !== 'boolean') {
        scope.reporter.error('Invalid value', `${attr.name} must be true or false.`, attr.expr.range, scope.context);
      } else if (isUnknown(value)) {
        scope.reporter.error('Invalid value', `${attr.name} must be known before apply: use a literal true or false, or a variable.`, attr.expr.range, scope.context);
      } else if (attr.name === 'prevent_destroy') {
        settings.prevent_destroy = value;
      } else if (value) {
        // Where the planner's refusal points, should the names clash.
        settings.create_before_destroy = true;
        output.ranges.set('/lifecycle/create_before_destroy', attr.expr.range);
      }
    } else if (attr.name === 'ignore_changes') {
      const ignored = ignoredAttributes(attr.expr, spec, scope);
      if (ignored !== undefined) settings.ignore_changes = ignored;
    }
  }
  return settings;
}
