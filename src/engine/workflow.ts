// Plan-making as the commands use it: refresh, evaluate the configuration with what state knows,
// plan, and re-evaluate while replacements make more values unknown.
import type { ResourceConfig } from '../config/model.js';
import { containsUnknown, type ObjectValue, type Value } from '../core/values.js';
import type { Diagnostic, SourceRange } from '../core/diagnostics.js';
import { handlerCallError, type PlanEffect, type PlanFinding, type PlannedChange, type ResourceKind } from '../resources/kind.js';
import { importableKinds, kindModel, resourceKind, resourceKinds } from '../resources/registry.js';
import type { StateDocument, StateResource } from '../state/model.js';
import type { HandlerContexts } from './handler-contexts.js';
import type { ImportedResource, Plan, ResourceChange } from './plan-model.js';
import { plan as runPlanner, type PriorResource } from './planner.js';
import { refresh, type RefreshProgress } from './refresh.js';
import { resolveIntents } from './intents.js';
import { holdsSensitiveMarkers, restoreSensitive } from './sensitive-values.js';
import { withManagedTags } from '../resources/managed.js';
import { applyMoves, markMoves, type MoveRequest } from './moves.js';
import { alreadyManagedHint, managingAddress } from './managed-objects.js';

/** Computed attributes of resources, by address: what references to them resolve to. */
export type KnownAttributes = (address: string) => Record<string, Value> | undefined;

/**
 * Evaluates the configuration's resources with the given known computed attributes: all of them,
 * or only those `only` names (instance or block addresses) and what they refer to.
 */
export type Evaluator = (known: KnownAttributes, only?: ReadonlySet<string>) => { resources: ResourceConfig[]; diagnostics: Diagnostic[] };

export interface PlanRequest {
  mode: Plan['mode'];
  refresh: boolean;
  targets?: string[];
  replace?: string[];
  now?: Date;
  /** The account's clock as refresh saw it (a sandbox's virtual clock), when not this machine's. */
  accountNow?: () => Date | undefined;
  onRefreshProgress?: RefreshProgress;
  /** Check the sources and vaults of the backup jobs the plan would start (default true). */
  preflight?: boolean;
  /** `import` blocks of the configuration. */
  imports?: readonly ImportRequest[];
  /** `moved` blocks of the configuration: applied to the state before anything else. */
  moves?: readonly MoveRequest[];
}

export interface ImportRequest {
  to: string;
  id: string;
  range: SourceRange;
}

export interface PlanOutcome {
  plan: Plan;
  /** What refresh read (empty when -refresh=false). */
  refreshed: Map<string, ObjectValue | null>;
}

/** A state's resource at an address. */
export type StateLookup = (address: string) => StateResource | undefined;

/** What state knows of each resource's computed attributes (the whole-resource reference is its id). */
export function knownFromState(state: StateDocument, exclude: ReadonlySet<string> = new Set()): KnownAttributes {
  const byAddress = resourcesByAddress(state);
  return knownFromResources((address) => byAddress.get(address), exclude);
}

function knownFromResources(resource: StateLookup, exclude: ReadonlySet<string> = new Set()): KnownAttributes {
  return (address) => {
    if (exclude.has(address)) return undefined;
    const r = resource(address);
    return r ? computedOf(r.kind, r.id, r.attributes as ObjectValue) : undefined;
  };
}

function computedOf(kind: string, id: string, attributes: ObjectValue): Record<string, Value> {
  const known: Record<string, Value> = { id };
  for (const key of kindModel(kind)?.computed ?? []) {
    const v = attributes[key];
    if (v !== undefined) known[key] = v as Value;
  }
  return known;
}

/**
 * What state knows, plus the objects this plan imports or adopts: as in Terraform, a reference to
 * an imported object (an id or ARN that another imported block names) resolves to what was read, so
 * adopting a configuration whose blocks refer to each other plans no change.
 */
function knownWithRecorded(state: StateDocument, recorded: readonly ImportedResource[], exclude: ReadonlySet<string>): KnownAttributes {
  const fromState = knownFromState(state, exclude);
  const byAddress = new Map(recorded.map((r) => [r.address, r]));
  return (address) => {
    if (exclude.has(address)) return undefined;
    const r = byAddress.get(address);
    return r ? computedOf(r.kind, r.id, r.attributes) : fromState(address);
  };
}

/** A state's resources by address, kept per frozen document: an apply asks once per resource it resolves. */
const byAddressOf = new WeakMap<StateDocument, Map<string, StateResource>>();

function resourcesByAddress(state: StateDocument): Map<string, StateResource> {
  let index = byAddressOf.get(state);
  if (index === undefined) {
    index = new Map(state.resources.map((r) => [r.address, r]));
    if (Object.isFrozen(state)) byAddressOf.set(state, index);
  }
  return index;
}

export async function makePlan(
  recorded: StateDocument,
  evaluate: Evaluator,
  contexts: HandlerContexts,
  request: PlanRequest,
): Promise<PlanOutcome> {
  const moves = applyMoves(recorded, request.moves ?? []);
  const state = moves.state;
  const prior: PriorResource[] = state.resources.map((r) => ({ ...r, attributes: r.attributes as ObjectValue }));
  const refreshed: Map<string, ObjectValue | null> = request.refresh ? await refresh(prior, contexts, request.onRefreshProgress) : new Map();
  // Without refresh, intents stay: a create retried at their address sends their token again.
  const intents =
    request.refresh && (state.intents?.length ?? 0) > 0
      ? await resolveIntents(state, refreshed, evaluate(knownFromState(state)).resources, contexts)
      : { adopted: [], settled: [], refused: [], diagnostics: [] };
  for (const adopted of intents.adopted) {
    // An object the state lost track of (refresh found it gone) gives way to the one adopted.
    const index = prior.findIndex((p) => p.address === adopted.address);
    if (index >= 0) prior.splice(index, 1);
    refreshed.delete(adopted.address);
    prior.push(adopted);
  }
  restoreSensitiveValues(state, prior, refreshed, evaluate);
  const imports =
    request.mode === 'normal' && (request.imports?.length ?? 0) > 0
      ? await readImports(request.imports!, prior, evaluate(knownFromState(state)).resources, contexts)
      : { imported: [], diagnostics: [] };
  prior.push(...imports.imported);
  // After refresh: its replies tell the account's clock (a sandbox's virtual one).
  const now = request.now ?? request.accountNow?.() ?? new Date();

  // A replaced resource gets new computed values: references to it become unknown, which may
  // force its dependents to be replaced too. Iterate until the set of replaced resources settles.
  let unknown = new Set<string>(
    [...refreshed.entries()].filter(([, attributes]) => attributes === null).map(([address]) => address),
  );
  for (let round = 0; ; round++) {
    const { resources, diagnostics } = evaluate(knownWithRecorded(state, [...intents.adopted, ...imports.imported], unknown));
    const plan = runPlanner({
      desired: resources,
      prior,
      refreshed,
      now,
      mode: request.mode,
      targets: request.targets,
      replace: request.replace,
      locationOf: (provider) => contexts.location(provider),
    });
    plan.diagnostics.unshift(...diagnostics, ...moves.diagnostics, ...intents.diagnostics, ...imports.diagnostics);
    markMoves(plan, moves.moved);
    const recorded = [...intents.adopted, ...imports.imported];
    if (recorded.length > 0) {
      plan.imported = recorded;
      const byAddress = new Map(recorded.map((r) => [r.address, r]));
      for (const change of plan.changes) {
        const adopted = byAddress.get(change.address);
        if (adopted) {
          change.importId = adopted.id;
          if (adopted.adopted) change.adopted = true;
        }
      }
    }
    if (intents.settled.length > 0) plan.settledIntents = intents.settled;
    const replaced = plan.changes.filter((c) => c.action === 'replace').map((c) => c.address);
    if (round >= 8 || replaced.every((a) => unknown.has(a))) {
      if (request.preflight !== false && request.mode === 'normal') {
        // Not checked: an address whose intent stays unresolved — refused (its intent's objects,
        // one error each), without refresh, or an interrupted replacement — whose create sends the
        // intent's token again and so gets the object it made, which holds the name.
        const settled = new Set(intents.settled);
        const unchecked = new Set((state.intents ?? []).map((i) => i.address).filter((address) => !settled.has(address)));
        plan.diagnostics.push(...(await checkPlanned(plan, resources, contexts, unchecked)));
        const effects = await planEffects(plan, resources, contexts);
        plan.diagnostics.push(...effects.diagnostics);
        if (effects.effects.length > 0) plan.effects = effects.effects;
      }
      return { plan, refreshed };
    }
    unknown = new Set([...unknown, ...replaced]);
  }
}

/**
 * The state holds markers where sensitive values were (sensitive-values.ts). Each is put back to
 * the refreshed or configured value it was made from, so an unchanged secret plans no change; a
 * secret that changed keeps a marker or takes the refreshed value, and the planner sees a difference.
 * Refresh may carry prior attributes through unread (an unchanged plan version, a selection), so
 * markers in what it read are restored too.
 */
function restoreSensitiveValues(
  state: StateDocument,
  prior: PriorResource[],
  refreshed: Map<string, ObjectValue | null>,
  evaluate: Evaluator,
): void {
  const desired = canonicalDesired(evaluate, state);
  prior.forEach((p, i) => {
    if ((p.sensitive_paths?.length ?? 0) === 0) return;
    const where = { lineage: state.lineage, address: p.address };
    const read = refreshed.get(p.address);
    const restored = restoreSensitive(p.attributes, [read, desired(p.address)], where, read).attributes;
    prior[i] = { ...p, attributes: restored };
    if (read && holdsSensitiveMarkers(read)) {
      refreshed.set(p.address, restoreSensitive(read, [desired(p.address)], where, restored).attributes);
    }
  });
}

/**
 * The configuration's resources as the planner compares them (canonical attributes), by address.
 * The configuration is evaluated on the first lookup only: most plans never need it.
 */
export function canonicalDesired(evaluate: Evaluator, state: StateDocument): (address: string) => ObjectValue | undefined {
  let byAddress: Map<string, ObjectValue> | undefined;
  return (address) => {
    byAddress ??= new Map(
      evaluate(knownFromState(state)).resources.map((r) => [r.address, kindModel(r.kind)?.canonical(r.attributes) ?? r.attributes]),
    );
    return byAddress.get(address);
  };
}

/**
 * Reads the objects `import` blocks adopt, for addresses state does not have yet: they join the
 * prior state of this plan, and are recorded in state when it is applied.
 */
async function readImports(
  requests: readonly ImportRequest[],
  prior: readonly PriorResource[],
  desired: readonly ResourceConfig[],
  contexts: HandlerContexts,
): Promise<{ imported: ImportedResource[]; diagnostics: Diagnostic[] }> {
  const imported: ImportedResource[] = [];
  const diagnostics: Diagnostic[] = [];
  for (const request of requests) {
    if (prior.some((p) => p.address === request.to)) continue;
    const resource = desired.find((r) => r.address === request.to);
    const kind = resource ? resourceKind(resource.kind) : undefined;
    if (!resource || kind?.importId === undefined) {
      diagnostics.push({
        severity: 'error',
        summary: resource ? `${resource.kind} cannot be imported` : 'Import target not in configuration',
        detail: resource
          ? `Only ${importableKinds().join(', ')} objects can be imported.`
          : `The import block refers to ${request.to}, which the configuration does not declare. Write its block first.`,
        range: request.range,
      });
      continue;
    }
    let attributes: ObjectValue | null;
    try {
      attributes = await kind.handler.read(await contexts.context(resource.provider), request.id, resource.attributes);
    } catch (e) {
      throw handlerCallError(e, 'Importing', request.to);
    }
    if (!attributes) {
      diagnostics.push({
        severity: 'error',
        summary: 'Cannot import non-existent remote object',
        detail: `There is no ${resource.kind} with id "${request.id}" in provider "${resource.provider}". Check the id (${kind.importId}) and the provider's region.`,
        range: request.range,
      });
      continue;
    }
    const other = managingAddress([...prior, ...imported], { address: resource.address, kind: resource.kind, provider: resource.provider, id: request.id, attributes });
    if (other !== undefined) {
      diagnostics.push({
        severity: 'error',
        summary: 'Resource already managed by bkp',
        detail: `The import block imports "${request.id}" into ${request.to}, but ${other} already manages that object. ${alreadyManagedHint(request.to, other)}`,
        range: request.range,
      });
      continue;
    }
    imported.push({
      address: resource.address,
      kind: resource.kind,
      name: resource.name,
      ...(resource.key !== undefined ? { key: resource.key } : {}),
      provider: resource.provider,
      id: request.id,
      // Tag keys the configuration does not name stay the account's: importing does not make them bkp's.
      attributes: withManagedTags(kind.model, attributes, [resource.attributes]),
      dependencies: resource.dependencies,
    });
  }
  return { imported, diagnostics };
}

/** True when a change's configurable attributes still hold values known only after apply. */
export function needsResolution(change: ResourceChange): boolean {
  if (!change.after) return false;
  const computed = new Set(kindModel(change.kind)?.computed ?? []);
  return Object.entries(change.after).some(([key, value]) => !computed.has(key) && containsUnknown(value));
}

/**
 * The desired attributes of `change` at apply time: the plan's own when fully known, otherwise
 * this resource evaluated again (with what it refers to) from what `resource` knows of them:
 * during an apply, the state as it is being changed (apply.ts's draft, which already holds every
 * dependency), not a map built per state write of every resource in it.
 */
export function desiredResolver(evaluate: Evaluator) {
  return async (change: ResourceChange, resource: StateLookup): Promise<ObjectValue> => {
    if (!needsResolution(change)) return change.after ?? {};
    const evaluated = evaluate(knownFromResources(resource), new Set([change.address])).resources.find((r) => r.address === change.address);
    const model = kindModel(change.kind);
    let attributes = evaluated && model ? model.canonical(evaluated.attributes) : change.after ?? {};
    // The configured value of an ignored attribute was never planned: keep what the plan has (the object's).
    const ignored = evaluated?.lifecycle.ignore_changes;
    if (ignored !== undefined && ignored !== 'all' && change.action !== 'create' && change.after) attributes = withPlannedValues(attributes, change.after, ignored);
    const stillUnknown = Object.entries(attributes).find(([key, v]) => !(model?.computed ?? []).includes(key) && containsUnknown(v));
    if (stillUnknown) {
      throw new Error(`${change.address}: ${stillUnknown[0]} is still unknown when it is needed; a dependency did not apply`);
    }
    return attributes;
  };
}


function withPlannedValues(attributes: ObjectValue, planned: ObjectValue, names: readonly string[]): ObjectValue {
  const out: ObjectValue = { ...attributes };
  for (const name of names) {
    if (Object.hasOwn(planned, name)) out[name] = planned[name]!;
    else delete out[name];
  }
  return out;
}

/**
 * The plan-time checks of the kinds that have them (the backup jobs a plan would start: their
 * source resources and target vaults); findings become plan diagnostics at the configuration.
 */
function plannedChanges(plan: Plan): PlannedChange[] {
  return plan.changes.map((c) => ({
    address: c.address,
    kind: c.kind,
    provider: c.provider,
    action: c.action,
    ...(c.after ? { after: c.after } : {}),
    ...(c.before ? { before: c.before } : {}),
    ...(c.id !== undefined ? { id: c.id } : {}),
    dependencies: c.dependencies,
  }));
}

async function checkPlanned(plan: Plan, resources: readonly ResourceConfig[], contexts: HandlerContexts, unchecked: ReadonlySet<string>): Promise<Diagnostic[]> {
  const changes = plannedChanges(plan);
  const findings = [];
  // One kind after another: a check's calls need not go through the run's limiter (the source
  // preflight's clients), and checks run together would exceed -parallelism.
  for (const kind of resourceKinds()) {
    const planned = changes.filter((c) => c.kind === kind.name && !unchecked.has(c.address));
    if (kind.checkPlanned && planned.length > 0) findings.push(...(await kind.checkPlanned(planned, changes, (provider) => contexts.context(provider))));
  }
  return findingDiagnostics(findings, resources);
}

/** The effects of the plan's changes beyond their objects, from the kinds whose objects change. */
async function planEffects(plan: Plan, resources: readonly ResourceConfig[], contexts: HandlerContexts): Promise<{ effects: PlanEffect[]; diagnostics: Diagnostic[] }> {
  const changes = plannedChanges(plan);
  const effects: PlanEffect[] = [];
  const findings: PlanFinding[] = [];
  // Kinds that work together (a policy and its attachments) share one hook: asked once.
  const asked = new Set<NonNullable<ResourceKind['planEffects']>>();
  for (const kind of resourceKinds()) {
    if (!kind.planEffects || asked.has(kind.planEffects) || !changes.some((c) => c.kind === kind.name && c.action !== 'no-op')) continue;
    asked.add(kind.planEffects);
    const found = await kind.planEffects(changes, (provider) => contexts.context(provider));
    effects.push(...found.effects);
    findings.push(...found.findings);
  }
  return { effects, diagnostics: findingDiagnostics(findings, resources) };
}

function findingDiagnostics(findings: readonly PlanFinding[], resources: readonly ResourceConfig[]): Diagnostic[] {
  const configByAddress = new Map(resources.map((r) => [r.address, r]));
  return findings.map((f) => {
    const config = configByAddress.get(f.address);
    const range = config?.ranges.get(`/${f.attribute}`) ?? config?.range;
    return {
      severity: f.severity,
      summary: f.summary,
      detail: f.detail,
      ...(range ? { range } : {}),
      ...(config?.context ? { context: config.context } : {}),
      ...(f.severity === 'error' ? { code: 'BKP_E302' } : {}),
    };
  });
}
