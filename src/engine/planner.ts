// The planner: a pure function from (desired configuration, prior state, refreshed account) to a
// Plan. No SDK, no file system: tested with plain objects.
import type { ResourceConfig } from '../config/model.js';
import { unionOfPointers } from '../config/sensitive-paths.js';
import { isObjectValue, isUnknown, UNKNOWN, type ObjectValue, type Value } from '../core/values.js';
import { DiagnosticBag, type Diagnostic } from '../core/diagnostics.js';
import { valuesEqual } from '../resources/canonical.js';
import { managedPart, withManagedTags } from '../resources/managed.js';
import { unmanagedPartName, type KindModel, type UnmanagedPart } from '../resources/kind-model.js';
import { kindModel } from '../resources/registry.js';
import { movedReason, sameLocation } from './locations.js';
import { nameClashes } from './name-clashes.js';
import type { ResourceLocation } from '../state/model.js';
import type { DriftRecord, Plan, RecordedResource, ResourceChange } from './plan-model.js';
import { shellWord } from '../core/shell.js';
import { indefinite } from '../core/suggest.js';

/** A resource as the state records it (structurally the state's resource record). */
export type PriorResource = RecordedResource;

export interface PlannerInput {
  desired: readonly ResourceConfig[];
  prior: readonly PriorResource[];
  /**
   * What refresh read for each prior address: attributes, or null when the object is gone.
   * An address missing from the map was not refreshed: its prior attributes are trusted.
   */
  refreshed: ReadonlyMap<string, ObjectValue | null>;
  now: Date;
  mode: Plan['mode'];
  /** -target: only these addresses (and what they depend on). */
  targets?: readonly string[];
  /** -replace: force replacement of these addresses. */
  replace?: readonly string[];
  /**
   * Where each provider points now (region, sandbox account). An object the state records
   * elsewhere is replaced: created here, deleted where it lives. Unknown: no move is planned.
   */
  locationOf?(provider: string): ResourceLocation | undefined;
}

export function plan(input: PlannerInput): Plan {
  const diagnostics = new DiagnosticBag();
  const priorByAddress = new Map(input.prior.map((p) => [p.address, p]));
  const drift: DriftRecord[] = [];
  const current = new Map<string, ObjectValue>();
  const refreshedState: Plan['refreshedState'] = [];
  const configuredSensitive = new Map(input.desired.map((d) => [d.address, d.sensitivePaths]));
  const configured = new Map(input.desired.map((d) => [d.address, d.attributes]));
  const configuredAttributes = (address: string) => (configured.has(address) ? [configured.get(address)!] : []);
  const sensitiveOf = (prior: PriorResource) => unionOfPointers(prior.sensitive_paths, configuredSensitive.get(prior.address));

  for (const prior of input.prior) {
    const model = kindModel(prior.kind);
    const read = input.refreshed.get(prior.address);
    if (read === undefined) {
      current.set(prior.address, prior.attributes);
      continue;
    }
    if (read === null) {
      drift.push({ address: prior.address, kind: prior.kind, action: 'delete', before: prior.attributes, after: null, sensitivePaths: sensitiveOf(prior) });
      refreshedState.push({ address: prior.address, attributes: null });
      continue;
    }
    // Keys a forgetting kind's configuration no longer names leave what state records (and drift).
    const priorManaged = model?.forgetsUnnamedKeys && configured.has(prior.address) ? withManagedTags(model, prior.attributes, configuredAttributes(prior.address)) : prior.attributes;
    const managedRead = model ? managedPart(model, read, [priorManaged]).attributes : read;
    // The planner compares against the configuration later: keep what it may come to manage.
    current.set(prior.address, model ? withManagedTags(model, read, [prior.attributes]) : read);
    if (model) warnUnmanaged(diagnostics, prior.address, model, managedPart(model, read, [prior.attributes, ...configuredAttributes(prior.address)]).unmanaged, configured.get(prior.address));
    if (model && !sameConfigurable(model, priorManaged, managedRead)) {
      drift.push({ address: prior.address, kind: prior.kind, action: 'update', before: prior.attributes, after: managedRead, sensitivePaths: sensitiveOf(prior) });
    }
    if (!valuesEqual(prior.attributes, managedRead)) refreshedState.push({ address: prior.address, attributes: managedRead });
  }

  if (input.mode === 'refresh-only') {
    return { mode: input.mode, changes: [], drift, diagnostics: diagnostics.items, refreshedState, targeted: false };
  }

  const desired = input.mode === 'destroy' ? [] : input.desired;
  const configByAddress = new Map(input.desired.map((d) => [d.address, d]));
  const desiredAddresses = new Set(desired.map((d) => d.address));
  const forceReplace = new Set(input.replace ?? []);
  const changes: ResourceChange[] = [];
  // Refusals and notices about one resource count only if the (targeted) plan changes it: a
  // vault -target leaves alone must not block the destroy of a selection.
  const concerns = new Map<string, Diagnostic[]>();
  const concernsOf = (address: string) => {
    const bag = new DiagnosticBag();
    concerns.set(address, bag.items);
    return bag;
  };

  for (const d of desired) {
    const model = kindModel(d.kind);
    if (!model) {
      diagnostics.warning(`${d.kind} is not planned yet`, {
        detail: `This version of bkp validates ${d.address} but does not create or track it yet; it is left out of the plan.`,
        range: d.range,
        context: d.context,
      });
      continue;
    }
    const prior = priorByAddress.get(d.address);
    const cur = prior ? current.get(d.address) : undefined;
    const here = input.locationOf?.(d.provider);
    const moved = prior?.location !== undefined && here !== undefined && !sameLocation(prior.location, here) ? { from: prior.location, to: here } : undefined;
    const change = planDesired(model, d, prior, cur, { forced: forceReplace.has(d.address), moved }, input.now, diagnostics, concernsOf(d.address));
    if (here !== undefined) change.location = here;
    if (prior?.location !== undefined && change.action !== 'create') change.priorLocation = prior.location;
    changes.push(change);
  }

  for (const prior of input.prior) {
    if (desiredAddresses.has(prior.address)) continue;
    const cur = current.get(prior.address);
    if (!cur) continue; // already gone: the state record is dropped by the refresh
    const model = kindModel(prior.kind);
    const config = configByAddress.get(prior.address);
    const concerning = concernsOf(prior.address);
    if (!model) {
      // No handler could delete it: apply would fail halfway instead.
      concerning.error(`Cannot destroy ${prior.address}: bkp does not know the kind ${prior.kind}`, {
        detail:
          `The state holds ${prior.address}, of a kind this version of bkp does not manage (a state written by a newer bkp, or edited by hand), so bkp can neither read nor delete it. ` +
          `Run the bkp that wrote the state; or, to leave the object as it is in the account and stop tracking it, run \`bkp state rm ${shellWord(prior.address)}\`.`,
        code: 'BKP_E302',
      });
    }
    if (config?.lifecycle.prevent_destroy) {
      refuse(concerning, config, 'destroy');
    }
    const refusal = model?.refuseDelete?.(cur);
    if (refusal) concerning.error(`Refusing to destroy ${prior.address}`, { detail: refusal, code: 'BKP_E302' });
    const notice = refusal ? undefined : model?.deleteNotice?.(cur);
    if (notice) concerning.warning(`${prior.address}: ${notice.summary}`, { detail: notice.detail });
    changes.push({
      address: prior.address,
      kind: prior.kind,
      name: prior.name,
      key: prior.key,
      provider: prior.provider,
      action: 'delete',
      ...(notice ? { reason: notice.summary } : model?.deleteReason ? { reason: model.deleteReason } : {}),
      before: cur,
      after: null,
      replacePaths: [],
      id: prior.id,
      dependencies: prior.dependencies,
      sensitivePaths: prior.sensitive_paths ?? [],
      ...(prior.location !== undefined ? { priorLocation: prior.location } : {}),
    });
  }

  for (const address of forceReplace) {
    if (desiredAddresses.has(address)) continue;
    const instances = desired.filter((d) => d.address.startsWith(`${address}[`)).map((d) => d.address);
    diagnostics.warning(`-replace=${address} replaces nothing`, {
      detail:
        instances.length > 0
          ? `${address} is a block of ${instances.length} instances, and -replace takes one instance: ${instances.slice(0, 3).map((i) => `-replace=${shellWord(i)}`).join(' ')}${instances.length > 3 ? ' …' : ''}.`
          : `The configuration has no resource ${address}${input.mode === 'destroy' ? ' to keep: a destroy plan replaces nothing' : ''}; \`bkp state list\` lists the addresses bkp manages.`,
    });
  }

  let targeted = false;
  let result = changes;
  if (input.targets && input.targets.length > 0) {
    targeted = true;
    const keep = targetClosure(input.targets, changes);
    // A typo would otherwise plan "No changes" with only the generic notice below.
    const known = [...input.desired.map((d) => d.address), ...input.prior.map((p) => p.address)];
    for (const target of input.targets) {
      if (known.some((address) => addressMatches(address, target))) continue;
      diagnostics.warning(`-target=${target} matches nothing`, {
        detail: `Neither the configuration nor the state has a resource ${target} (or one in it): this plan targets nothing there. Check the address; \`bkp state list\` lists the addresses bkp manages.`,
      });
    }
    result = changes.filter((c) => keep.has(c.address));
    diagnostics.warning('Resource targeting is in effect', {
      detail:
        'This plan may not include every change needed to make the account match the configuration. ' +
        'Use -target only to recover from mistakes or work around errors, not as routine.',
    });
  }

  for (const change of result) diagnostics.add(...(concerns.get(change.address) ?? []).map((d) => ({ ...d, address: change.address })));
  for (const clash of nameClashes(result)) suggestStateMove(diagnostics, clash.delete.address, clash.create.address, clash.identity);
  result.sort((a, b) => (a.address < b.address ? -1 : a.address > b.address ? 1 : 0));
  return { mode: input.mode, changes: result, drift, diagnostics: diagnostics.items, refreshedState, targeted };
}

function planDesired(
  model: KindModel,
  d: ResourceConfig,
  prior: PriorResource | undefined,
  cur: ObjectValue | undefined,
  replacing: { forced: boolean; moved?: { from: ResourceLocation; to: ResourceLocation } },
  now: Date,
  diagnostics: DiagnosticBag,
  concerning: DiagnosticBag,
): ResourceChange {
  const base = {
    address: d.address,
    kind: d.kind,
    name: d.name,
    key: d.key,
    provider: d.provider,
    dependencies: d.dependencies,
    // A value once sensitive stays hidden in this plan even if its variable no longer is.
    sensitivePaths: unionOfPointers(d.sensitivePaths, prior?.sensitive_paths),
  };
  const configured = model.canonical(d.attributes);
  if (!prior || !cur) {
    const create: ResourceChange = { ...base, action: 'create', before: null, after: withComputed(model, configured, undefined), replacePaths: [] };
    if (model.startsJob) create.startsJob = true;
    return create;
  }
  const managedBy = model.forgetsUnnamedKeys ? [d.attributes] : [prior.attributes, d.attributes];
  const before = model.canonical(managedPart(model, cur, managedBy).attributes);
  const desired = withIgnoredChanges(configured, before, d.lifecycle.ignore_changes, model);
  const changed = changedAttributes(model, before, desired);
  const forcing = changed.filter((a) => model.forcesReplacement.has(a));
  const { forced, moved } = replacing;
  // A moved object is a new one: what AWS chose for the old one (its key) is chosen again.
  const after = moved ? desired : mergeOptionalComputed(model, desired, before);

  if (forced || moved || forcing.length > 0) {
    // A new job destroys nothing: the old recovery point stays, so prevent_destroy has no say.
    if (d.lifecycle.prevent_destroy && !model.startsJob) refuse(concerning, d, 'replace');
    const refusal = model.refuseDelete?.(before);
    if (refusal) concerning.error(`Refusing to replace ${d.address}`, { detail: refusal, code: 'BKP_E302', range: d.range, context: d.context });
    const notice = refusal ? undefined : model.deleteNotice?.(before);
    if (notice) concerning.warning(`${d.address}: ${notice.summary}`, { detail: notice.detail, range: d.range, context: d.context });
    // In another region or account the names cannot clash: the new object comes first.
    const canCreateFirst = model.startsJob === true || model.replaceCreatesFirst === true || moved !== undefined || (forcing.includes('name') && !isUnknown(desired.name));
    if (d.lifecycle.create_before_destroy && !canCreateFirst) {
      concerning.error(`Cannot create ${d.address} before destroying it`, {
        detail:
          `lifecycle.create_before_destroy is set, but the replacement keeps the name ${isUnknown(desired.name) ? 'of the object it replaces' : JSON.stringify(desired.name)}, and AWS refuses a second object of that name while the first exists. ` +
          'Give the replacement a new name in the same change (for example with a suffix), or remove create_before_destroy to let bkp destroy the old object first.',
        range: d.ranges.get('/lifecycle/create_before_destroy') ?? d.range,
        context: d.context,
      });
    }
    return {
      ...base,
      ...(model.startsJob ? { startsJob: true } : {}),
      action: 'replace',
      before,
      after: withComputed(model, after, undefined),
      replacePaths: forcing.map((a) => [a]),
      replaceOrder: canCreateFirst ? 'create-first' : 'delete-first',
      reason: moved ? movedReason(moved.from, moved.to) : forced && forcing.length === 0 ? 'replacement requested with -replace' : model.replaceReason(forcing),
      id: prior.id,
    };
  }
  const inPlaceReason = changed.length > 0 ? model.inPlaceChangeReason?.(changed, before) : undefined;
  if (inPlaceReason) {
    return { ...base, action: 'update', before, after: withComputed(model, after, before), replacePaths: [], reason: inPlaceReason, id: prior.id };
  }
  if (changed.length > 0 && model.unappliedChangeWarning) {
    // A started job cannot change: keep what state knows and say when the change takes effect.
    diagnostics.warning(`${d.address}: change not applied to the started job`, {
      detail: model.unappliedChangeWarning(changed),
      range: d.ranges.get(`/${changed[0]}`) ?? d.range,
      context: d.context,
    });
    return { ...base, action: 'no-op', before, after: withComputed(model, before, before), replacePaths: [], id: prior.id };
  }
  if (changed.length > 0) {
    const refusal = model.refuseUpdate?.(before, after, now);
    if (refusal) concerning.error(`Cannot update ${d.address}`, { detail: refusal, code: 'BKP_E302', range: d.range, context: d.context });
    return { ...base, action: 'update', before, after: withComputed(model, after, before), replacePaths: [], id: prior.id };
  }
  return { ...base, action: 'no-op', before, after: withComputed(model, after, before), replacePaths: [], id: prior.id };
}

/**
 * lifecycle.ignore_changes: the attributes it names (every one for `all`) keep the object's value,
 * so they never cause an update or a replacement. Computed attributes are not the configuration's to ignore.
 */
function withIgnoredChanges(desired: ObjectValue, before: ObjectValue, ignored: ResourceConfig['lifecycle']['ignore_changes'], model: KindModel): ObjectValue {
  if (ignored === undefined || (ignored !== 'all' && ignored.length === 0)) return desired;
  const names = ignored === 'all' ? new Set([...Object.keys(desired), ...Object.keys(before)]) : new Set(ignored);
  const kept: ObjectValue = { ...desired };
  for (const name of names) {
    if (model.computed.includes(name)) continue;
    if (Object.hasOwn(before, name)) kept[name] = before[name]!;
    else delete kept[name];
  }
  return model.canonical(kept);
}

/** A block renamed with the same physical name: apply deletes then creates, `state mv` keeps the object. */
function suggestStateMove(diagnostics: DiagnosticBag, from: string, to: string, identity: string): void {
  diagnostics.warning(`${to} takes the name "${identity}" of ${from}, which this plan destroys`, {
    detail:
      `bkp destroys ${from} before it creates ${to} (AWS refuses a second object of that name), so the object is re-created, ` +
      `not kept. If you renamed the block, move the object in the state instead and plan again: bkp state mv ${shellWord(from)} ${shellWord(to)}`,
  });
}

function refuse(diagnostics: DiagnosticBag, d: ResourceConfig, what: 'destroy' | 'replace'): void {
  diagnostics.error('Instance cannot be destroyed', {
    detail:
      `${d.address} has lifecycle.prevent_destroy set, but the plan would ${what} it. ` +
      'To go ahead, remove prevent_destroy from its lifecycle block first, or change the plan so it keeps the resource.',
    range: d.ranges.get('/lifecycle/prevent_destroy') ?? d.range,
    context: d.context,
    code: 'BKP_E302',
  });
}

/** Names of configurable top-level attributes that differ between two canonical forms. */
export function changedAttributes(model: KindModel, before: ObjectValue, after: ObjectValue): string[] {
  const computed = new Set(model.computed);
  if (model.unmodelled) computed.add(model.unmodelled.attribute);
  const keys = new Set([...Object.keys(before), ...Object.keys(after)]);
  const changed: string[] = [];
  for (const key of keys) {
    if (computed.has(key)) continue;
    if (model.optionalComputed.includes(key) && (after[key] === undefined || after[key] === null)) continue;
    if (!valuesEqual(normalizeEmpty(before[key]), normalizeEmpty(after[key]))) changed.push(key);
  }
  return changed.sort();
}

/** Unset, null, empty map and empty list all mean "nothing configured". */
function normalizeEmpty(v: Value | undefined): Value | undefined {
  if (v === null || v === undefined) return undefined;
  if (Array.isArray(v) && v.length === 0) return undefined;
  if (isObjectValue(v) && Object.keys(v).length === 0) return undefined;
  return v;
}

function sameConfigurable(model: KindModel, a: ObjectValue, b: ObjectValue): boolean {
  return changedAttributes(model, model.canonical(a), model.canonical(b)).length === 0;
}

/**
 * A warning per attribute the account has set outside bkp that bkp leaves alone (a vault's access
 * policy). One inside a keyed block the configuration no longer has (a renamed rule) goes away with
 * that block: bkp cannot tell a rename from a rule removed and another added, so it moves nothing.
 */
function warnUnmanaged(diagnostics: DiagnosticBag, address: string, model: KindModel, unmanaged: readonly UnmanagedPart[], configured: ObjectValue | undefined): void {
  for (const part of unmanaged) {
    const name = unmanagedPartName(part);
    const { attribute, within } = part;
    const gone = within !== undefined && configured !== undefined && !keyedItems(configured, within.list, model.keyedLists[within.list]).has(within.key);
    diagnostics.warning(gone ? `${address}: ${name} set outside bkp goes away with ${within.list} "${within.key}"` : `${address}: ${name} set outside bkp`, {
      detail: gone
        ? `The account holds ${indefinite(attribute)} in ${within.list} "${within.key}" of ${address} that bkp did not set. ` +
          `The configuration no longer has ${within.list} "${within.key}", so this plan removes it, and its ${attribute} with it: ` +
          `bkp matches ${within.list}s by name and does not move a setting it does not manage to another ${within.list}. ` +
          `To keep it, set ${attribute} in the ${within.list} that takes its place.`
        : `The account holds ${indefinite(attribute)} for ${address} that bkp did not set, and the configuration does not set one: ` +
          `bkp leaves it as it is (it never removes what it does not manage). To manage it, set ${attribute} in the block; ` +
          'bkp plan then shows how it differs.',
    });
  }
}

/** The keys of a keyed list's items (the names of a plan's rules). */
function keyedItems(attributes: ObjectValue, list: string, keyField: string | undefined): Set<string> {
  const items = attributes[list];
  if (!Array.isArray(items) || keyField === undefined) return new Set();
  return new Set(items.filter(isObjectValue).map((item) => String(item[keyField])));
}

/** Desired attributes plus optional-computed values AWS chose (kms key) that configuration leaves unset. */
function mergeOptionalComputed(model: KindModel, desired: ObjectValue, before: ObjectValue): ObjectValue {
  const out = { ...desired };
  for (const key of model.optionalComputed) {
    if ((out[key] === undefined || out[key] === null) && before[key] !== undefined) out[key] = before[key];
  }
  return out;
}

/**
 * Computed attributes: carried from `before` when the object stays, unknown when it is new. So are
 * the settings bkp does not model, which a new object does not have.
 */
function withComputed(model: KindModel, after: ObjectValue, before: ObjectValue | undefined): ObjectValue {
  const out = { ...after };
  for (const key of model.computed) {
    if (before) {
      if (before[key] !== undefined) out[key] = before[key];
    } else if (!model.observedOnly?.includes(key)) {
      out[key] = UNKNOWN;
    }
  }
  const unmodelled = model.unmodelled?.attribute;
  if (unmodelled !== undefined && before?.[unmodelled] !== undefined) out[unmodelled] = before[unmodelled];
  for (const key of model.optionalComputed) if (out[key] === undefined) out[key] = UNKNOWN;
  return out;
}

/**
 * -target: the targets and everything they depend on; for a target being deleted, what depends
 * on it and is deleted too (a selection before its plan), never what it depends on: destroying a
 * selection leaves its plan and vault alone.
 */
function targetClosure(targets: readonly string[], changes: readonly ResourceChange[]): Set<string> {
  const byAddress = new Map(changes.map((c) => [c.address, c]));
  const keep = new Set<string>();
  const matches = addressMatches;
  const queue = changes.filter((c) => targets.some((t) => matches(c.address, t))).map((c) => c.address);
  while (queue.length > 0) {
    const address = queue.pop()!;
    if (keep.has(address)) continue;
    keep.add(address);
    const change = byAddress.get(address);
    if (change?.action === 'delete') {
      for (const c of changes) {
        if (c.action === 'delete' && !keep.has(c.address) && c.dependencies.some((dep) => matches(address, dep))) queue.push(c.address);
      }
      continue;
    }
    for (const dep of change?.dependencies ?? []) {
      for (const c of changes) if (matches(c.address, dep) && !keep.has(c.address)) queue.push(c.address);
    }
  }
  return keep;
}

/** `address` is `target`, one of its instances, or a resource in the module `target`. */
function addressMatches(address: string, target: string): boolean {
  return address === target || address.startsWith(`${target}[`) || address.startsWith(`${target}.`);
}
