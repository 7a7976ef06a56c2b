// `module "NAME" { source = "./modules/x"  for_each = …  providers = { aws = aws.dr }  ARGUMENTS }`:
// a call of a local module. Each instance evaluates the module's own configuration with the
// arguments as its variables; its resources get the instance's address as a prefix
// (`module.env["prod"].backup_vault.main`), and its outputs become `module.NAME.OUTPUT`.
import type { Diagnostic } from '../../core/diagnostics.js';
import type { Value } from '../../core/values.js';
import type { Attribute, Block, ConfigFile, Expr } from '../ast.js';
import { blockContext, countWithForEach } from '../decode.js';
import { instanceAddress } from '../evaluate-addresses.js';
import { evaluateGuarded, type Scope } from '../evaluate-expression.js';
import { blockInstances } from '../evaluate-count.js';
import type { NamedValue } from '../evaluate-references.js';
import type { MovedConfig, OutputConfig, ResourceConfig } from '../model.js';
import type { ModuleCallInfo } from '../references.js';
import type { ModuleFrame, ModuleInput, VisibleProvider } from './frame.js';
import { instanceProviders, providerOverrides } from './providers.js';
import { resolveSource, sourceText } from './sources.js';

/** Arguments of a module block that are not the module's variables. */
const META_ARGUMENTS = new Set(['source', 'for_each', 'count', 'providers', 'depends_on']);
const REFUSED_ARGUMENTS: Record<string, string> = {
  version: 'version applies to registry modules; bkp supports only local modules, which have no version.',
};

export interface ModuleCallDecl {
  name: string;
  /** `module.NAME`: the call's graph node. */
  address: string;
  block: Block;
  context: string;
  /** The module directory; undefined when the source is unusable (reported when the files were read). */
  dir?: string;
  forEach?: Attribute;
  /** `count = N`: instances module.NAME[0] … [N-1] (never together with for_each). */
  count?: Attribute;
  providers?: Attribute;
  dependsOn?: Attribute;
  /** The module's input values, as written. */
  arguments: Attribute[];
  order: number;
}

export function decodeModuleCalls(blocks: ReadonlyMap<string, Block>, callerDir: string, files: readonly ConfigFile[], firstOrder: number, report: (d: Diagnostic) => void): Map<string, ModuleCallDecl> {
  const calls = new Map<string, ModuleCallDecl>();
  let order = firstOrder;
  for (const [name, block] of blocks) {
    const context = blockContext(block);
    for (const nested of block.body.blocks) {
      report({
        severity: 'error',
        summary: 'Unsupported block type',
        detail: `A module block takes only arguments: source, for_each, providers, depends_on and the module's variables; "${nested.type}" blocks are not expected here.`,
        range: nested.typeRange,
        context,
      });
    }
    const attribute = (n: string) => block.body.attributes.find((a) => a.name === n);
    const args: Attribute[] = [];
    for (const attr of block.body.attributes) {
      const refused = REFUSED_ARGUMENTS[attr.name];
      if (refused) report({ severity: 'error', summary: 'Unsupported argument', detail: refused, range: attr.nameRange, context });
      else if (!META_ARGUMENTS.has(attr.name)) args.push(attr);
    }
    const forEach = attribute('for_each');
    let count = attribute('count');
    if (forEach && count) {
      report(countWithForEach(forEach, count, 'module', context));
      count = undefined;
    }
    const source = sourceText(block);
    const resolved = source === undefined ? undefined : resolveSource(callerDir, source);
    const dir = resolved?.ok && files.some((f) => f.module === resolved.dir) ? resolved.dir : undefined;
    calls.set(name, {
      name,
      address: `module.${name}`,
      block,
      context,
      dir,
      forEach,
      count,
      providers: attribute('providers'),
      dependsOn: attribute('depends_on'),
      arguments: args,
      order: ++order,
    });
  }
  return calls;
}

/** What references to the call can read: its output names, statically from the module's files. */
export function moduleCallInfo(call: ModuleCallDecl, files: readonly ConfigFile[]): ModuleCallInfo {
  const expansion = { hasForEach: call.forEach !== undefined, hasCount: call.count !== undefined };
  if (call.dir === undefined) return expansion;
  const outputs = files.filter((f) => f.module === call.dir).flatMap((f) => f.body.blocks.filter((b) => b.type === 'output' && b.labels.length === 1).map((b) => b.labels[0]!.value));
  return { ...expansion, outputs };
}

/** The expressions evaluated with the calling module's values (for reference checks and the graph); `each` is available in the arguments only. */
export function callExpressions(call: ModuleCallDecl): { forEach?: Expr; perInstance: Expr[] } {
  return { forEach: (call.forEach ?? call.count)?.expr, perInstance: call.arguments.map((a) => a.expr) };
}

/** One instance of a module evaluated: what the module's evaluator returns, addresses relative to the module. */
export interface ModuleInstanceResult {
  resources: ResourceConfig[];
  dataSources: ResourceConfig[];
  outputs: OutputConfig[];
  moved: MovedConfig[];
  diagnostics: Diagnostic[];
}

export interface ModuleCallResult {
  resources: ResourceConfig[];
  /** The data blocks of every instance, read before anything is planned as the calling module's are. */
  dataSources: ResourceConfig[];
  moved: MovedConfig[];
  /** Output values by instance key ("" without for_each or count); undefined when for_each or count failed. */
  instances?: Map<string, Map<string, NamedValue>>;
  /** The resources of every instance (block addresses): what depending on the call means. */
  resourceAddresses: string[];
}

/**
 * Evaluates every instance of a call. `dependencies` are the calling module's resources the
 * arguments refer to: every resource of the module depends on them, as it may use any argument.
 */
export function evaluateModuleCall(
  call: ModuleCallDecl,
  scope: Scope,
  callerProviders: readonly VisibleProvider[],
  dependencies: readonly string[],
  evaluateInstance: (frame: ModuleFrame) => ModuleInstanceResult,
): ModuleCallResult {
  const empty: ModuleCallResult = { resources: [], dataSources: [], moved: [], resourceAddresses: [] };
  const overrides = providerOverrides(call, callerProviders, scope.reporter);
  const expansion = blockInstances(call, scope);
  if (!expansion || call.dir === undefined || !overrides) return empty;
  const result: ModuleCallResult = { ...empty, instances: new Map() };
  const blocks = new Set<string>();
  for (const { key, scope: meta } of expansion) {
    const address = instanceAddress(call.address, key);
    const instanceScope: Scope = { ...scope, ...meta };
    const providers = instanceProviders(callerProviders, overrides, instanceScope);
    if (!providers) continue;
    const inputs = new Map<string, ModuleInput>();
    for (const attr of call.arguments) {
      const inner: Scope = { ...instanceScope, taint: { sensitive: false } };
      const value: Value = evaluateGuarded(attr.expr, inner);
      inputs.set(attr.name, { value, sensitive: inner.taint.sensitive, failed: inner.taint.failed === true, range: attr.expr.range, nameRange: attr.nameRange });
    }
    const instance = evaluateInstance({ dir: call.dir, address, call: call.block, inputs, providers });
    for (const d of instance.diagnostics) scope.reporter.add([withContext(d, address)]);
    for (const r of instance.resources) {
      const resource = inModule(r, address, dependencies);
      result.resources.push(resource);
      blocks.add(blockOf(resource));
    }
    // Nothing waits for a data block: it is read before anything is applied.
    for (const d of instance.dataSources) result.dataSources.push(inModule(d, address, []));
    result.moved.push(...instance.moved.map((m) => ({ ...m, from: `${address}.${m.from}`, to: `${address}.${m.to}` })));
    const outputs = new Map<string, NamedValue>();
    for (const o of instance.outputs) outputs.set(o.name, { value: o.value, sensitive: o.sensitive || o.fromSensitiveVariable });
    result.instances!.set(key === undefined ? '' : String(key), outputs);
  }
  result.resourceAddresses = [...blocks].sort();
  return result;
}

/** A resource of a module instance as the calling module sees it. */
function inModule(r: ResourceConfig, address: string, dependencies: readonly string[]): ResourceConfig {
  return {
    ...r,
    address: `${address}.${r.address}`,
    dependencies: [...new Set([...r.dependencies.map((d) => `${address}.${d}`), ...dependencies])].sort(),
    context: `${address}.${r.context}`,
  };
}

/** `module.env["prod"].backup_vault.main` for its instance `…main["eu"]`. */
function blockOf(r: ResourceConfig): string {
  return r.key === undefined ? r.address : r.address.slice(0, r.address.length - JSON.stringify(r.key).length - 2);
}

function withContext(d: Diagnostic, address: string): Diagnostic {
  return { ...d, context: d.context === undefined ? address : `${address}.${d.context}` };
}

