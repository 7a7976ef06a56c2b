// Evaluates a parsed configuration into the Config model: decode the top-level structure, give
// variables their values, check every reference, order locals and resources by their references
// (reporting cycles), evaluate them in that order, then providers, backend, imports and policies.
// Synchronous (the HCL parser must be initialised first), and it never stops at the first
// problem: the result is always a Config, partial when there were errors.
import { sortDiagnostics, type Diagnostic } from '../core/diagnostics.js';
import type { Body, ConfigFile } from './ast.js';
import { blockSchema, bodySpec, computedAttributes, schemaNameFor, type BodySpec } from './block-schema.js';
import { decodeTopLevel, type DecodedConfig, type ProviderDecl, type ResourceDecl } from './decode.js';
import { DATA_BODY_RULES, isDataAddress } from './evaluate-data.js';
import { addressFrom, instanceAddress, providerReferenceFrom, referenceExpr, type ProviderReference } from './evaluate-addresses.js';
import { bodyExpressions, evaluateBody, type BodyOutput } from './evaluate-body.js';
import { Reporter } from './evaluate-diagnostics.js';
import { evaluateGuarded, type Scope } from './evaluate-expression.js';
import { evaluationOrder, type GraphNode } from './evaluate-graph.js';
import { evaluateImports } from './evaluate-imports.js';
import { evaluateOutput, outputContext, outputExpressions } from './evaluate-outputs.js';
import { expandProvider, providerInstanceKey, providerReferencesOf, type NameableProvider } from './evaluate-providers.js';
import type { ForEachInstance } from './evaluate-for-each.js';
import { convertToSchema } from './schema-conversions.js';
import { ConfigResolver, type EvaluationState } from './evaluate-references.js';
import { evaluateResource, resourceBodyExpressions } from './evaluate-resource.js';
import { assignVariables, decodeVariables, type VariableInputs } from './evaluate-variables.js';
import { setKey } from './evaluate-values.js';
import type { BackendConfig, Config, MovedConfig, OutputConfig, PolicyConfig, ProviderConfig, ResourceConfig, VariableDecl } from './model.js';
import { ANYTHING, ReferenceChecker, type FoundReference, type ReferenceCatalog, type ReferenceRules } from './references.js';
import { isUnknown, type ObjectValue, type Value } from '../core/values.js';
import { blockAddress } from '../core/addresses.js';
import { callExpressions, decodeModuleCalls, evaluateModuleCall, moduleCallInfo, type ModuleCallDecl, type ModuleInstanceResult } from './modules/calls.js';
import type { ModuleFrame, VisibleProvider } from './modules/frame.js';
import { moduleVariableSource } from './modules/inputs.js';
import { providerMapReferences, rootOnlyBlockDiagnostic, rootProviders } from './modules/providers.js';
import { ROOT_MODULE_DIR } from './modules/sources.js';
import { checkMovedFrom, decodeMoved } from './evaluate-moved.js';
import { join } from 'node:path';

export interface EvaluateOptions extends VariableInputs {
  /** The configuration directory (absolute): file() reads relative to it, in a module too (as Terraform). */
  dir: string;
  /** Set when evaluating one instance of a local module (config/modules/); its `dir` is relative to `dir`. */
  moduleFrame?: ModuleFrame;
  /** Computed attributes already known (from state), e.g. the id of an existing plan; otherwise UNKNOWN. */
  knownAttributes?: (address: string) => Record<string, Value> | undefined;
}

export interface EvaluateResult {
  config: Config;
  diagnostics: Diagnostic[];
}

const EARLY_RULES: ReferenceRules = {
  ...ANYTHING,
  resources: false,
  explanation: 'Provider and backend settings can refer to variables and locals, not to resources or data sources: they are needed before any resource is read.',
};
/** Graph ids of outputs: `output.NAME`. No resource kind or local is called that. */
export const OUTPUT_PREFIX = 'output.';
/** Graph ids of providers with for_each: `provider.aws.account`, expanded before what names their instances. */
const PROVIDER_PREFIX = 'provider.';
/** Meta-arguments of a provider block: for_each is expanded before the body is evaluated. */
const PROVIDER_META: ReadonlySet<string> = new Set(['for_each']);
const DEPENDS_ON_RULES: ReferenceRules = {
  variables: false,
  locals: false,
  resources: true,
  each: false,
  explanation: 'depends_on lists resources, like [backup_vault.main].',
};

export function evaluateConfig(files: ConfigFile[], options: EvaluateOptions): EvaluateResult {
  return new ConfigEvaluator(files, options).run();
}

/** Resources evaluated again, with the diagnostics of that evaluation only. */
export interface ResourceEvaluation {
  resources: ResourceConfig[];
  /** The outputs among what was asked for (`output.NAME` in `only`; all without it), in declaration order. */
  outputs: OutputConfig[];
  /** The data blocks among what was asked for, one per instance, with their arguments evaluated. */
  dataSources: ResourceConfig[];
  diagnostics: Diagnostic[];
}

/**
 * Evaluates the resources of a configuration again and again as more computed attributes become
 * known (an apply, as dependencies are created). The structure (declarations, variables, checked
 * references, evaluation order) is worked out once; each call evaluates only the resources asked
 * for and what they refer to, so resolving one resource costs what its few dependencies cost, not
 * what the whole configuration does. Diagnostics of the structure were reported by the load.
 */
export function resourceEvaluator(
  files: ConfigFile[],
  options: EvaluateOptions,
): (known: EvaluateOptions['knownAttributes'], only?: ReadonlySet<string>) => ResourceEvaluation {
  const evaluator = new ConfigEvaluator(files, options);
  const graph = evaluator.prepare();
  return (known, only) => evaluator.evaluateResources(graph, known, only);
}

/** The structure an evaluation works from: the reference graph, the order it gives, and per resource its provider and the resources it depends on. */
interface PreparedGraph {
  order: readonly string[];
  /** Each node's place in `order`. */
  position: ReadonlyMap<string, number>;
  nodes: ReadonlyMap<string, GraphNode>;
  /** The provider each resource and data block names (by block address). */
  providerReferences: ReadonlyMap<string, ProviderReference>;
  resourceDeps: ReadonlyMap<string, string[]>;
}

class ConfigEvaluator {
  private reporter = new Reporter();
  private readonly specs = new Map<string, BodySpec | undefined>();
  private readonly state: EvaluationState;
  private readonly resolver: ConfigResolver;
  private decoded!: DecodedConfig;
  private checker!: ReferenceChecker;
  /** Outputs evaluated by the last evaluation, by name. */
  private readonly outputs = new Map<string, OutputConfig>();
  /** This module's own files (the root module's, or one module's); `allFiles` holds every module's. */
  private readonly files: ConfigFile[];
  private moduleCalls = new Map<string, ModuleCallDecl>();
  /** The resources (block addresses) of each module call, as its last evaluation found them. */
  private readonly moduleResources = new Map<string, string[]>();
  /** The data blocks of each module call's instances, as its last evaluation found them. */
  private readonly moduleDataSources = new Map<string, ResourceConfig[]>();
  /** Moves declared inside module instances, with their addresses prefixed. */
  private movedInModules: MovedConfig[] = [];
  /** The instances of each provider block with for_each, by its key; undefined when for_each failed (reported). */
  private readonly providerInstances = new Map<string, ForEachInstance[] | undefined>();
  /** Resources whose `instances` the last evaluation set (see forgetInstances). */
  private withInstances: string[] = [];

  constructor(
    private readonly allFiles: ConfigFile[],
    private readonly options: EvaluateOptions,
  ) {
    const dir = options.moduleFrame?.dir ?? ROOT_MODULE_DIR;
    this.files = allFiles.filter((f) => (f.module ?? ROOT_MODULE_DIR) === dir);
    this.state = { variables: new Map(), locals: new Map(), resources: new Map(), modules: new Map(), knownAttributes: options.knownAttributes };
    if (options.moduleFrame) this.state.modulePath = options.moduleFrame.dir;
    this.resolver = new ConfigResolver(this.state);
  }

  run(): EvaluateResult {
    const { reporter, options } = this;
    const variables = this.declare();
    const { resources, dataSources } = this.evaluateLocalsAndResources(this.graph());
    const moduleInstances = new Map([...this.moduleCalls.values()].flatMap((call) => [...(this.state.modules!.get(call.name)?.instances?.keys() ?? [])].map((key) => [key === '' ? call.address : `${call.address}[${JSON.stringify(key)}]`, call.block.range] as const)));
    const moved = [...checkMovedFrom(decodeMoved(this.decoded.moved, reporter), resources, moduleInstances, reporter), ...this.movedInModules];

    const locals: ObjectValue = {};
    for (const name of this.decoded.locals.keys()) setKey(locals, name, this.state.locals.get(name)?.value ?? null);
    const config: Config = {
      dir: options.dir,
      files: this.allFiles,
      providers: this.providers(),
      variables,
      locals,
      resources,
      dataSources,
      imports: evaluateImports(this.decoded.imports, this.state, this.checker, (context) => this.scope(context), resources),
      policies: this.policies(),
      outputs: this.evaluatedOutputs(),
      moved,
    };
    const backend = this.backend();
    if (backend) config.backend = backend;
    return { config, diagnostics: sortDiagnostics(reporter.items) };
  }

  /** Decodes the declarations and gives variables their values; returns the variables. */
  private declare(): VariableDecl[] {
    const { reporter, options } = this;
    this.decoded = decodeTopLevel(this.files, reporter);
    const frame = options.moduleFrame;
    if (frame) this.keepToTheRootModule();
    const variables = assignVariables(decodeVariables(this.decoded.variables, reporter, options.dir), frame ? { module: moduleVariableSource(frame) } : options, reporter, options.dir);
    for (const v of variables) {
      // A variable's value is known unless it was missing or invalid (both reported); a module's
      // argument may be known only after apply, and keeps the sensitivity of what it was made from.
      const input = frame?.inputs.get(v.name);
      const failed = input ? input.failed || (isUnknown(v.value) && !isUnknown(input.value)) : isUnknown(v.value);
      this.state.variables.set(v.name, { value: v.value, sensitive: v.sensitive || input?.sensitive === true, failed });
    }
    const firstCallOrder = this.decoded.resources.size + this.decoded.locals.size + this.decoded.outputs.size;
    this.moduleCalls = decodeModuleCalls(this.decoded.modules, frame?.dir ?? ROOT_MODULE_DIR, this.allFiles, firstCallOrder, (d) => reporter.add([d]));
    for (const call of this.moduleCalls.values()) this.state.modules!.set(call.name, { name: call.name, hasForEach: call.forEach !== undefined, hasCount: call.count !== undefined });
    for (const d of [...this.decoded.resources.values(), ...this.decoded.dataSources.values()]) {
      this.state.resources.set(d.address, { kind: d.kind, name: d.name, hasForEach: d.forEach !== undefined, hasCount: d.count !== undefined });
    }
    this.checker = new ReferenceChecker(this.catalog(), reporter);
    return variables;
  }

  /** The structure resourceEvaluator() evaluates from, worked out once. */
  prepare(): PreparedGraph {
    this.declare();
    return this.graph();
  }

  private graph(): PreparedGraph {
    const providerReferences = this.providerReferences();
    const nodes = this.buildGraph(providerReferences);
    const { order } = evaluationOrder(nodes, this.reporter);
    const resourceDeps = new Map<string, string[]>();
    for (const id of order) resourceDeps.set(id, this.transitiveResources(id, nodes, resourceDeps));
    return { order, position: new Map(order.map((id, i) => [id, i])), nodes, providerReferences, resourceDeps };
  }

  /** Resources (instance or block addresses in `only`, and what they refer to; all without it) evaluated with `known`. */
  evaluateResources(graph: PreparedGraph, known: EvaluateOptions['knownAttributes'], only?: ReadonlySet<string>): ResourceEvaluation {
    this.forgetInstances();
    this.reporter = new Reporter();
    this.state.knownAttributes = known;
    this.outputs.clear();
    this.movedInModules = [];
    const { resources, dataSources } = this.evaluateLocalsAndResources(graph, only && referencedFrom(graph.nodes, only));
    return { resources, outputs: this.evaluatedOutputs(), dataSources, diagnostics: sortDiagnostics(this.reporter.items) };
  }

  /**
   * Drops the instance values of the last evaluation: each evaluation evaluates again every
   * resource it refers to, so none is read again, and an apply that re-evaluates resource after
   * resource kept the values of all of them to the end (about 4.7 MB at 5,000 resources).
   */
  private forgetInstances(): void {
    for (const id of this.withInstances) delete this.state.resources.get(id)!.instances;
    this.withInstances = [];
  }

  /** The outputs the last evaluation reached, in declaration order. */
  private evaluatedOutputs(): OutputConfig[] {
    return [...this.decoded.outputs.keys()].flatMap((name) => this.outputs.get(name) ?? []);
  }

  /**
   * Evaluates locals, data blocks and resources (those in `needed`, or all), dependencies first;
   * returns the resources and the data blocks in source order.
   */
  private evaluateLocalsAndResources(graph: PreparedGraph, needed?: ReadonlySet<string>): { resources: ResourceConfig[]; dataSources: ResourceConfig[] } {
    const { providerReferences, resourceDeps } = graph;
    const configs = new Map<string, ResourceConfig[]>();
    for (const id of needed === undefined ? graph.order : inOrder(needed, graph.position)) {
      const provider = id.startsWith(PROVIDER_PREFIX) ? this.decoded.providers.find((p) => p.key === id.slice(PROVIDER_PREFIX.length)) : undefined;
      if (provider?.forEach) {
        this.providerInstances.set(provider.key, expandProvider({ ...provider, forEach: provider.forEach }, this.scope(provider.context), this.options.missingAsUnknown === true));
        continue;
      }
      const local = id.startsWith('local.') ? this.decoded.locals.get(id.slice('local.'.length)) : undefined;
      if (local) {
        const scope = this.scope('locals');
        const value = evaluateGuarded(local.attribute.expr, scope);
        this.state.locals.set(local.name, { value, sensitive: scope.taint.sensitive, failed: scope.taint.failed === true });
        continue;
      }
      const output = id.startsWith(OUTPUT_PREFIX) ? this.decoded.outputs.get(id.slice(OUTPUT_PREFIX.length)) : undefined;
      if (output) {
        this.outputs.set(output.labels[0]!.value, evaluateOutput(output, this.scope(outputContext(output))));
        continue;
      }
      const call = this.moduleCalls.get(id.slice('module.'.length));
      if (call && id === call.address) {
        configs.set(id, this.evaluateModuleCall(call, this.expandModuleDependencies(resourceDeps.get(id)!)));
        continue;
      }
      const decl = isDataAddress(id) ? this.decoded.dataSources.get(id)! : this.decoded.resources.get(id)!;
      const reference = providerReferences.get(id);
      const providerOf = (instanceScope: Scope): string => (reference ? this.providerKeyOf(reference, instanceScope) : '');
      const evaluated = evaluateResource(decl, this.spec(decl.kind), this.scope(decl.context), providerOf, this.expandModuleDependencies(resourceDeps.get(id)!));
      configs.set(id, evaluated.configs);
      this.state.resources.get(id)!.instances = evaluated.instances;
      this.withInstances.push(id);
    }
    const calls = [...this.moduleCalls.values()].map((c) => c.address);
    // A module's data blocks come after the calling module's own, call by call.
    const moduleDataSources = calls.filter((address) => configs.has(address)).flatMap((address) => this.moduleDataSources.get(address) ?? []);
    if (needed === undefined) {
      const inSourceOrder = (declared: Iterable<string>) => [...declared].flatMap((address) => configs.get(address) ?? []);
      return { resources: [...inSourceOrder(this.decoded.resources.keys()), ...inSourceOrder(calls)], dataSources: [...inSourceOrder(this.decoded.dataSources.keys()), ...moduleDataSources] };
    }
    // Only some were evaluated (an apply re-evaluates what each operation's result makes known):
    // sorting those is cheaper than going through every declaration each time, which made a first
    // apply quadratic in the number of resources.
    const source = (address: string) => graph.nodes.get(address)!.order;
    const evaluated = [...configs.keys()];
    const inSourceOrder = (addresses: string[]) => addresses.sort((a, b) => source(a) - source(b)).flatMap((address) => configs.get(address)!);
    const callAddresses = new Set(calls);
    return {
      resources: [...inSourceOrder(evaluated.filter((a) => this.decoded.resources.has(a))), ...inSourceOrder(evaluated.filter((a) => callAddresses.has(a)))],
      dataSources: [...inSourceOrder(evaluated.filter((a) => this.decoded.dataSources.has(a))), ...moduleDataSources],
    };
  }

  private scope(context: string): Scope {
    const scope: Scope = { reporter: this.reporter, context, dir: this.options.dir, resolver: this.resolver, taint: { sensitive: false } };
    if (this.options.moduleFrame) scope.moduleDir = join(this.options.dir, this.options.moduleFrame.dir);
    return scope;
  }

  private spec(schemaName: string): BodySpec | undefined {
    if (!this.specs.has(schemaName)) {
      const schema = blockSchema(schemaName);
      this.specs.set(schemaName, schema ? bodySpec(schema) : undefined);
    }
    return this.specs.get(schemaName);
  }

  private catalog(): ReferenceCatalog {
    const attributeNames = new Map<string, string[] | undefined>();
    return {
      variables: new Set(this.decoded.variables.keys()),
      locals: new Set(this.decoded.locals.keys()),
      resources: this.state.resources,
      modules: new Map([...this.moduleCalls.values()].map((call) => [call.name, moduleCallInfo(call, this.allFiles)])),
      kindAttributes: (kind) => {
        if (!attributeNames.has(kind)) {
          const spec = this.spec(kind);
          attributeNames.set(kind, spec && [...spec.attributes, ...Object.keys(spec.blocks), ...computedAttributes(kind)]);
        }
        return attributeNames.get(kind);
      },
    };
  }

  /** Checks every reference of locals and resources once; the valid ones become graph edges. */
  private buildGraph(providerReferences: ReadonlyMap<string, ProviderReference>): Map<string, GraphNode> {
    const nodes = new Map<string, GraphNode>();
    const addNode = (id: string, context: string, order: number, refs: FoundReference[]): void => {
      const edges = refs.filter((r) => r.target !== 'variable').map((r) => ({ to: r.address, range: r.range }));
      nodes.set(id, { id, context, order, edges });
    };
    for (const local of this.decoded.locals.values()) {
      addNode(`local.${local.name}`, 'locals', local.order, this.checker.check(local.attribute.expr, ANYTHING, 'locals'));
    }
    const expandedProviders = this.decoded.providers.filter((p) => p.forEach !== undefined);
    for (const provider of expandedProviders) addNode(`${PROVIDER_PREFIX}${provider.key}`, provider.context, 0, this.checker.check(provider.forEach!.expr, EARLY_RULES, provider.context));
    // What names a provider instance is evaluated after the provider's for_each (an edge as to a
    // resource, which transitiveResources leaves out), and its index is a reference like any other.
    const providerEdges = (reference: ProviderReference | undefined, rules: ReferenceRules, context: string, range: GraphNode['edges'][number]['range']): FoundReference[] => {
      if (reference?.index === undefined) return [];
      const refs = this.checker.check(reference.index, rules, context);
      if (expandedProviders.some((p) => p.key === reference.key)) refs.push({ target: 'resource', address: `${PROVIDER_PREFIX}${reference.key}`, range });
      return refs;
    };
    for (const decl of this.decoded.resources.values()) {
      const refs: FoundReference[] = [];
      if (decl.forEach) refs.push(...this.checker.check(decl.forEach.expr, ANYTHING, decl.context));
      if (decl.count) refs.push(...this.checker.check(decl.count.expr, ANYTHING, decl.context));
      const bodyRules: ReferenceRules = { ...ANYTHING, each: decl.forEach !== undefined, count: decl.count !== undefined };
      for (const expr of resourceBodyExpressions(decl, this.spec(decl.kind))) refs.push(...this.checker.check(expr, bodyRules, decl.context));
      refs.push(...providerEdges(providerReferences.get(decl.address), bodyRules, decl.context, decl.provider?.expr.range ?? decl.block.range));
      refs.push(...this.dependsOn(decl));
      addNode(decl.address, decl.context, decl.order, refs);
    }
    for (const decl of this.decoded.dataSources.values()) {
      const refs: FoundReference[] = [];
      if (decl.forEach) refs.push(...this.checker.check(decl.forEach.expr, DATA_BODY_RULES, decl.context));
      const bodyRules: ReferenceRules = { ...DATA_BODY_RULES, each: decl.forEach !== undefined };
      for (const expr of resourceBodyExpressions(decl, this.spec(decl.kind))) refs.push(...this.checker.check(expr, bodyRules, decl.context));
      refs.push(...providerEdges(providerReferences.get(decl.address), bodyRules, decl.context, decl.provider?.expr.range ?? decl.block.range));
      addNode(decl.address, decl.context, decl.order, refs);
    }
    for (const call of this.moduleCalls.values()) {
      const { forEach, perInstance } = callExpressions(call);
      const refs = forEach ? this.checker.check(forEach, ANYTHING, call.context) : [];
      const argumentRules: ReferenceRules = { ...ANYTHING, each: call.forEach !== undefined, count: call.count !== undefined };
      for (const expr of perInstance) refs.push(...this.checker.check(expr, argumentRules, call.context));
      // A module can be given any provider instance (providers = { aws = aws.account[each.key] }) or inherit a provider with for_each.
      for (const reference of providerMapReferences(call)) if (reference.index) refs.push(...this.checker.check(reference.index, argumentRules, call.context));
      for (const p of expandedProviders) refs.push({ target: 'resource', address: `${PROVIDER_PREFIX}${p.key}`, range: call.providers?.expr.range ?? call.block.range });
      if (call.dependsOn) refs.push(...this.dependsOn({ dependsOn: call.dependsOn, context: call.context }));
      addNode(call.address, call.context, call.order, refs);
    }
    // Nothing refers to an output: as nodes, they are evaluated after what they refer to, and an
    // evaluation of only some outputs (after apply) reaches exactly what those need.
    let order = this.decoded.resources.size + this.decoded.dataSources.size + this.decoded.locals.size;
    for (const [name, block] of this.decoded.outputs) {
      const context = outputContext(block);
      addNode(`${OUTPUT_PREFIX}${name}`, context, ++order, outputExpressions(block).flatMap((expr) => this.checker.check(expr, ANYTHING, context)));
    }
    return nodes;
  }

  private dependsOn(decl: Pick<ResourceDecl, 'dependsOn' | 'context'>): FoundReference[] {
    if (!decl.dependsOn) return [];
    const expr = decl.dependsOn.expr;
    if (expr.kind !== 'tuple') {
      this.reporter.error('Invalid depends_on', 'depends_on takes a list of resources, like depends_on = [backup_vault.main].', expr.range, decl.context);
      return [];
    }
    const found: FoundReference[] = [];
    for (const item of expr.items) {
      const reference = referenceExpr(item, 'depends_on entry', 'backup_vault.main', this.reporter, decl.context);
      if (!reference) continue;
      if (!addressFrom(reference)) {
        this.reporter.error('Invalid depends_on entry', 'Each entry names a whole resource, like backup_vault.main, not one of its attributes.', item.range, decl.context);
        continue;
      }
      found.push(...this.checker.check(reference, DEPENDS_ON_RULES, decl.context));
    }
    return found;
  }

  /** Resources a node depends on, directly or through locals (computed in evaluation order). */
  private transitiveResources(id: string, nodes: ReadonlyMap<string, GraphNode>, computed: ReadonlyMap<string, string[]>): string[] {
    const out = new Set<string>();
    for (const edge of nodes.get(id)?.edges ?? []) {
      if (edge.to.startsWith('local.')) computed.get(edge.to)?.forEach((r) => out.add(r));
      // A data source is read before anything is applied, a provider configured before anything is planned: nothing waits for them.
      else if (!isDataAddress(edge.to) && !edge.to.startsWith(PROVIDER_PREFIX)) out.add(edge.to);
    }
    out.delete(id);
    return [...out].sort();
  }

  /** Every instance of a module call: the module's configuration evaluated by an evaluator of its own, per instance. */
  private evaluateModuleCall(call: ModuleCallDecl, dependencies: string[]): ResourceConfig[] {
    const known = this.state.knownAttributes;
    const result = evaluateModuleCall(call, this.scope(call.context), this.visibleProviders(), dependencies, (frame): ModuleInstanceResult => {
      const child = new ConfigEvaluator(this.allFiles, {
        dir: this.options.dir,
        moduleFrame: frame,
        missingAsUnknown: this.options.missingAsUnknown,
        knownAttributes: known && ((address) => known(`${frame.address}.${address}`)),
      });
      const { config, diagnostics } = child.run();
      return { resources: config.resources, dataSources: config.dataSources ?? [], outputs: config.outputs, moved: config.moved ?? [], diagnostics };
    });
    this.moduleDataSources.set(call.address, result.dataSources);
    this.state.modules!.get(call.name)!.instances = result.instances;
    this.moduleResources.set(call.address, result.resourceAddresses);
    this.movedInModules.push(...result.moved);
    return result.resources;
  }

  /** The providers this module's resources and calls can name: the root's, or those the call gave a module. */
  private visibleProviders(): VisibleProvider[] {
    return [...this.visibleProvidersByKey().values()];
  }

  /**
   * Kept until another provider's for_each is evaluated: every resource instance looks its provider
   * up here, and rebuilding the list each time was quadratic (10,000 resources × 200 providers).
   */
  private visibleByKey?: { instancesKnown: number; byKey: Map<string, VisibleProvider> };

  private visibleProvidersByKey(): Map<string, VisibleProvider> {
    const instancesKnown = this.providerInstances.size;
    if (this.visibleByKey?.instancesKnown !== instancesKnown) {
      const visible = this.options.moduleFrame?.providers ?? rootProviders(this.decoded.providers, (key) => this.providerInstances.get(key)?.map((i) => i.key));
      this.visibleByKey = { instancesKnown, byKey: new Map(visible.map((p) => [p.key, p])) };
    }
    return this.visibleByKey.byKey;
  }

  /** The provider each resource and data block names, as this module names it. */
  private providerReferences(): Map<string, ProviderReference> {
    const nameable: NameableProvider[] = this.visibleProviders().map((p) => ({ key: p.key, ...(p.alias !== undefined ? { alias: p.alias } : {}), hasForEach: p.hasForEach === true }));
    const refused = this.options.moduleFrame ? 0 : this.decoded.refusedProviders;
    return providerReferencesOf([...this.decoded.resources.values(), ...this.decoded.dataSources.values()], nameable, refused, this.reporter);
  }

  /** The provider key (as the root module names it) of one instance of a resource: `aws.dr`, `aws.account["prod"]`. */
  private providerKeyOf(reference: ProviderReference, instanceScope: Scope): string {
    const provider = this.visibleProvidersByKey().get(reference.key);
    return providerInstanceKey(reference, provider?.target ?? reference.key, instanceScope, provider?.instanceKeys);
  }

  /** Dependencies on module calls (`module.prod`) become dependencies on their resources, which is what apply orders by. */
  private expandModuleDependencies(dependencies: string[]): string[] {
    if (!dependencies.some((d) => d.startsWith('module.'))) return dependencies;
    return [...new Set(dependencies.flatMap((d) => (d.startsWith('module.') ? (this.moduleResources.get(d) ?? []) : [d])))].sort();
  }

  /** A module's provider, backend, import and policy blocks are refused: those belong to the root module. */
  private keepToTheRootModule(): void {
    const { decoded, reporter } = this;
    for (const p of decoded.providers) reporter.add([rootOnlyBlockDiagnostic('provider', p.block.typeRange, p.context)]);
    if (decoded.backend) reporter.add([rootOnlyBlockDiagnostic('backend', decoded.backend.block.typeRange, decoded.backend.context)]);
    for (const b of decoded.imports) reporter.add([rootOnlyBlockDiagnostic('import', b.typeRange, 'import')]);
    for (const b of decoded.policies) reporter.add([rootOnlyBlockDiagnostic('policy', b.typeRange, `policy ${JSON.stringify(b.labels[0]!.value)}`)]);
    this.decoded = { ...decoded, providers: [], backend: undefined, imports: [], policies: [] };
  }

  /** Checks the references of a provider or backend body (once, however many instances it has). */
  private checkEarlyBody(body: Body, schemaName: string, context: string, rules: ReferenceRules, meta?: ReadonlySet<string>): void {
    for (const expr of bodyExpressions(body, this.spec(schemaName), meta)) this.checker.check(expr, rules, context);
  }

  private evaluateEarlyBody(body: Body, schemaName: string, scope: Scope, where: string, meta?: ReadonlySet<string>): { attributes: ObjectValue; output: BodyOutput } {
    const output: BodyOutput = { ranges: new Map(), sensitivePaths: [] };
    const attributes = convertToSchema(evaluateBody(body, this.spec(schemaName), scope, '', output, { where, ...(meta ? { skip: meta } : {}) }), blockSchema(schemaName));
    return { attributes, output };
  }

  /** One configuration per provider block, or per instance of a provider block with for_each (`aws.account["prod"]`). */
  private providers(): ProviderConfig[] {
    return this.decoded.providers.flatMap((p) => {
      const schemaName = schemaNameFor('provider', p.type);
      this.checkEarlyBody(p.block.body, schemaName, p.context, { ...EARLY_RULES, each: p.forEach !== undefined }, PROVIDER_META);
      const instances: (ForEachInstance | undefined)[] = p.forEach ? (this.providerInstances.get(p.key) ?? []) : [undefined];
      return instances.map((each) => this.providerInstance(p, schemaName, each));
    });
  }

  private providerInstance(p: ProviderDecl, schemaName: string, each: ForEachInstance | undefined): ProviderConfig {
    const scope = this.scope(each ? `${p.context} (instance ${JSON.stringify(each.key)})` : p.context);
    const { attributes, output } = this.evaluateEarlyBody(p.block.body, schemaName, each ? { ...scope, each } : scope, `a provider "${p.type}" block`, PROVIDER_META);
    output.ranges.set('', p.block.range);
    const provider: ProviderConfig = { type: p.type, key: instanceAddress(p.key, each?.key), attributes, ranges: output.ranges, range: p.block.range };
    if (p.alias !== undefined) provider.alias = p.alias;
    if (each) provider.instanceKey = each.key;
    return provider;
  }

  private backend(): BackendConfig | undefined {
    const b = this.decoded.backend;
    if (!b) return undefined;
    const schemaName = schemaNameFor('backend', b.type);
    this.checkEarlyBody(b.block.body, schemaName, b.context, EARLY_RULES);
    const { attributes, output } = this.evaluateEarlyBody(b.block.body, schemaName, this.scope(b.context), `a backend "${b.type}" block`);
    output.ranges.set('', b.block.range);
    return { type: b.type, attributes, ranges: output.ranges, range: b.block.range };
  }

  private policies(): PolicyConfig[] {
    return this.decoded.policies.map((block) => {
      const context = `policy ${JSON.stringify(block.labels[0]!.value)}`;
      for (const expr of bodyExpressions(block.body, undefined)) this.checker.check(expr, ANYTHING, context);
      const output: BodyOutput = { ranges: new Map([['', block.range]]), sensitivePaths: [] };
      const attributes = evaluateBody(block.body, undefined, this.scope(context), '', output, { where: 'a policy block' });
      return { name: block.labels[0]!.value, attributes, ranges: output.ranges, range: block.range };
    });
  }
}

/** The graph nodes `addresses` (instance keys dropped) are, and every node they refer to, directly or not. */
function referencedFrom(nodes: ReadonlyMap<string, GraphNode>, addresses: ReadonlySet<string>): Set<string> {
  const reached = new Set<string>();
  const pending = [...addresses].map(blockAddress);
  while (pending.length > 0) {
    const id = pending.pop()!;
    if (reached.has(id)) continue;
    reached.add(id);
    for (const edge of nodes.get(id)?.edges ?? []) pending.push(edge.to);
  }
  return reached;
}

/** The nodes of `ids` that are in the order, in its order (a cycle's nodes are not). */
function inOrder(ids: ReadonlySet<string>, position: ReadonlyMap<string, number>): string[] {
  return [...ids].filter((id) => position.has(id)).sort((a, b) => position.get(a)! - position.get(b)!);
}

