// The machine-readable plan (`bkp plan -json`), shaped like `terraform show -json`'s plan:
// resource_changes and resource_drift entries with change.{actions, before, after, after_unknown,
// before_sensitive, after_sensitive, replace_paths}, plus job_starts, diagnostics and a summary.
// schemas/plan.schema.json describes the document.
//
// As in Terraform, values known only after apply are left out of `after` (null inside lists) and
// flagged in `after_unknown`. Unlike Terraform, sensitive values are never written: they are null
// and flagged in `before_sensitive` / `after_sensitive`.
import { isObjectValue, isUnknown, type ObjectValue, type Value } from '../core/values.js';
import { ADOPTED_REASON, adoptionCount, moveCount, hasChanges, jobStarts as planJobStarts, planSummary, type DriftRecord, type Plan, type ResourceChange } from '../engine/plan-model.js';
import { kindModel } from '../resources/registry.js';
import { bkpVersion } from '../core/version.js';
import { diagnosticsToJson } from './diagnostics.js';
import { splitAddress } from './plan-address.js';
import { splitModulePath } from '../core/addresses.js';
import type { InstanceKey } from '../core/addresses.js';
import { unmodelledNote, type UnmodelledNote } from './unmodelled.js';
import { planByAccount, type AccountPlan, type AccountPlanCounts } from '../engine/account-results.js';
import { sensitiveMatcher, type PathSegment, type SensitiveMatcher } from '../config/sensitive-paths.js';

export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };
/** Terraform's marker trees: `true` where a value is unknown (or sensitive), mirroring the value's shape. */
export type MarkerTree = boolean | MarkerTree[] | { [key: string]: MarkerTree };

export type ChangeActionsJson = ['create'] | ['update'] | ['delete'] | ['no-op'] | ['delete', 'create'] | ['create', 'delete'];

export type ActionReasonJson = 'replace_because_cannot_update' | 'replace_by_request' | 'delete_because_no_resource_config';

export interface ChangeJson {
  actions: ChangeActionsJson;
  before: { [key: string]: JsonValue } | null;
  after: { [key: string]: JsonValue } | null;
  after_unknown: MarkerTree;
  before_sensitive: MarkerTree;
  after_sensitive: MarkerTree;
  replace_paths?: string[][];
  /** As in Terraform's JSON plan: present when an `import` block adopts the object, with its import id. */
  importing?: { id: string };
}

export interface ResourceChangeJson {
  address: string;
  mode: 'managed';
  type: string;
  name: string;
  /** The for_each key, or the count index (a number), as Terraform's. */
  index?: InstanceKey;
  /** The module instance the resource is in: `module.env["prod"]`. */
  module_address?: string;
  /** The address a `moved` block moves the object from. */
  previous_address?: string;
  provider_name?: string;
  change: ChangeJson;
  action_reason?: ActionReasonJson;
  /** Display text, as the human plan prints it. */
  reason?: string;
  /** AWS settings bkp does not model (in `before.unmodelled`): kept by an update, dropped by a replacement. */
  unmodelled?: UnmodelledNote;
  /** The object an interrupted run created, adopted at this address. */
  adopted?: { id: string; reason: typeof ADOPTED_REASON };
}

export interface JobStartJson {
  address: string;
  reason?: string;
  [field: string]: JsonValue | undefined;
}

export interface PlanJson {
  format_version: '1.0';
  bkp_version: string;
  mode: Plan['mode'];
  resource_drift: ResourceChangeJson[];
  resource_changes: ResourceChangeJson[];
  job_starts: JobStartJson[];
  diagnostics: ReturnType<typeof diagnosticsToJson>;
  summary: { add: number; change: number; destroy: number; jobs: number };
  /** Applying would change something and the plan has no errors. */
  applyable: boolean;
  /** False when -target limited the plan: applying it may not converge. */
  complete: boolean;
  errored: boolean;
  /** What the changes do beyond their own objects (an organization policy's plans per member account). */
  effects?: Array<{ subject: string; causes: string[]; changes: Array<{ action: string; summary: string }> }>;
  /** The plan per provider location (provider key × account × region), sorted by provider. */
  accounts: AccountPlanJson[];
}

export type AccountPlanJson = Pick<AccountPlan, 'provider' | 'account_id' | 'region' | 'errors'> & AccountPlanCounts;

export interface PlanJsonOptions {
  jobStarts?: JobStartJson[];
}

export function planToJson(plan: Plan, opts: PlanJsonOptions = {}): PlanJson {
  const jobStarts: JobStartJson[] = opts.jobStarts ?? planJobStarts(plan).map((j) => ({ ...j }));
  const errored = plan.diagnostics.some((d) => d.severity === 'error');
  const providerByAddress = new Map(plan.changes.map((c) => [c.address, c.provider]));
  const byAddress = <T extends { address: string }>(a: T, b: T) => (a.address < b.address ? -1 : a.address > b.address ? 1 : 0);
  return {
    format_version: '1.0',
    bkp_version: bkpVersion(),
    mode: plan.mode,
    resource_drift: [...plan.drift]
      .sort(byAddress)
      .map((d) => driftToJson(d, providerByAddress.get(d.address), d.sensitivePaths)),
    resource_changes: [...plan.changes].sort(byAddress).map((c) => changeToJson(c, plan.mode)),
    job_starts: jobStarts,
    diagnostics: diagnosticsToJson(plan.diagnostics),
    summary: summaryOf(plan, jobStarts.length),
    applyable: !errored && (hasChanges(plan) || jobStarts.length > 0),
    complete: !plan.targeted,
    errored,
    ...(plan.effects && plan.effects.length > 0 ? { effects: plan.effects.map((e) => ({ subject: e.subject, causes: [...e.causes], changes: e.changes.map((c) => ({ ...c })) })) } : {}),
    accounts: planByAccount(plan).map(({ counts, errors, ...where }) => ({ ...where, ...counts, errors })),
  };
}

function summaryOf(plan: Plan, jobs: number): PlanJson['summary'] {
  const move = moveCount(plan);
  return { ...planSummary(plan), jobs, ...(adoptionCount(plan) > 0 ? { adopt: adoptionCount(plan) } : {}), ...(move > 0 ? { move } : {}) };
}

/** Terraform's `module_address` (for a resource inside a module) and `previous_address` (for a moved one). */
function moduleAndMove(change: ResourceChange): { module_address?: string; previous_address?: string } {
  const { module } = splitModulePath(change.address);
  return { ...(module !== undefined ? { module_address: module } : {}), ...(change.previousAddress !== undefined ? { previous_address: change.previousAddress } : {}) };
}

function changeToJson(change: ResourceChange, mode: Plan['mode']): ResourceChangeJson {
  const sensitive = sensitiveMatcher(change.sensitivePaths);
  const replacePaths = change.action === 'replace' ? change.replacePaths : [];
  const actionReason = reasonCode(change, mode);
  const note = unmodelledNote(change);
  return {
    address: change.address,
    mode: 'managed',
    type: change.kind,
    name: change.name,
    ...(change.key !== undefined ? { index: change.key } : {}),
    ...moduleAndMove(change),
    provider_name: change.provider,
    change: {
      ...changeValues(change.before, change.after, sensitive),
      actions: actionsOf(change),
      ...(replacePaths.length > 0 ? { replace_paths: replacePaths.map((p) => [...p]) } : {}),
      // An object an interrupted run made is `adopted` (below), not an import the user asked for.
      ...(change.importId !== undefined && !change.adopted ? { importing: { id: change.importId } } : {}),
    },
    ...(actionReason ? { action_reason: actionReason } : {}),
    ...(change.reason ? { reason: change.reason } : {}),
    ...(note ? { unmodelled: note } : {}),
    ...(change.adopted && change.importId !== undefined ? { adopted: { id: change.importId, reason: ADOPTED_REASON } } : {}),
  };
}

function driftToJson(drift: DriftRecord, provider: string | undefined, sensitivePaths: readonly string[]): ResourceChangeJson {
  const model = kindModel(drift.kind);
  const canonical = (attributes: ObjectValue | null) => (attributes && model ? model.canonical(attributes) : attributes);
  const { name, key } = splitAddress(drift.address, drift.kind);
  return {
    address: drift.address,
    mode: 'managed',
    type: drift.kind,
    name,
    ...(key !== undefined ? { index: key } : {}),
    ...(provider !== undefined ? { provider_name: provider } : {}),
    change: {
      ...changeValues(canonical(drift.before), canonical(drift.after), sensitiveMatcher(sensitivePaths)),
      actions: drift.action === 'delete' ? ['delete'] : ['update'],
    },
  };
}

function actionsOf(change: ResourceChange): ChangeActionsJson {
  switch (change.action) {
    case 'create':
      return ['create'];
    case 'update':
      return ['update'];
    case 'delete':
      return ['delete'];
    case 'no-op':
      return ['no-op'];
    case 'replace':
      return change.replaceOrder === 'create-first' ? ['create', 'delete'] : ['delete', 'create'];
  }
}

function reasonCode(change: ResourceChange, mode: Plan['mode']): ActionReasonJson | undefined {
  if (change.action === 'replace') return change.replacePaths.length > 0 ? 'replace_because_cannot_update' : 'replace_by_request';
  if (change.action === 'delete' && mode === 'normal') return 'delete_because_no_resource_config';
  return undefined;
}

function changeValues(before: ObjectValue | null, after: ObjectValue | null, sensitive: SensitiveMatcher): Omit<ChangeJson, 'actions'> {
  return {
    before: before ? objectJson(before, sensitive) : null,
    after: after ? objectJson(after, sensitive) : null,
    after_unknown: after ? unknownTree(after) : false,
    before_sensitive: before ? sensitiveTree(before, [], sensitive) : false,
    after_sensitive: after ? sensitiveTree(after, [], sensitive) : false,
  };
}

function objectJson(value: ObjectValue, sensitive: SensitiveMatcher): { [key: string]: JsonValue } {
  const converted = toJson(value, [], sensitive);
  return converted !== undefined && converted !== null && typeof converted === 'object' && !Array.isArray(converted) ? converted : {};
}

/** The value without unknowns (undefined = leave the member out) and with sensitive values nulled. */
function toJson(value: Value | undefined, path: PathSegment[], sensitive: SensitiveMatcher): JsonValue | undefined {
  if (value === undefined) return undefined;
  if (sensitive.covers(path)) return null;
  if (isUnknown(value)) return undefined;
  if (Array.isArray(value)) return value.map((item, i) => toJson(item, [...path, i], sensitive) ?? null);
  if (isObjectValue(value)) {
    const out: { [key: string]: JsonValue } = {};
    for (const [key, item] of Object.entries(value)) {
      const converted = toJson(item, [...path, key], sensitive);
      if (converted !== undefined) out[key] = converted;
    }
    return out;
  }
  return value;
}

function unknownTree(value: Value | undefined): MarkerTree {
  if (value === undefined || value === null) return false;
  if (isUnknown(value)) return true;
  if (Array.isArray(value)) return value.map(unknownTree);
  if (isObjectValue(value)) return markedMembers(value, (item) => unknownTree(item));
  return false;
}

function sensitiveTree(value: Value | undefined, path: PathSegment[], sensitive: SensitiveMatcher): MarkerTree {
  if (sensitive.covers(path)) return true;
  if (Array.isArray(value)) return value.map((item, i) => sensitiveTree(item, [...path, i], sensitive));
  if (isObjectValue(value)) return markedMembers(value, (item, key) => sensitiveTree(item, [...path, key], sensitive));
  return false;
}

/** Terraform leaves `false` members out of marker objects (lists keep them, to keep positions). */
function markedMembers(value: ObjectValue, mark: (item: Value, key: string) => MarkerTree): { [key: string]: MarkerTree } {
  const out: { [key: string]: MarkerTree } = {};
  for (const [key, item] of Object.entries(value)) {
    const marker = mark(item, key);
    if (marker !== false) out[key] = marker;
  }
  return out;
}
