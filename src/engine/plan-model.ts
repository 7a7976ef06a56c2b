// What a plan is: the planner's output, read by the views, saved by -out and run by apply.
import type { InstanceKey } from '../core/addresses.js';
import type { ObjectValue } from '../core/values.js';
import type { Diagnostic } from '../core/diagnostics.js';
import { sensitiveMatcher } from '../config/sensitive-paths.js';
import type { ResourceLocation } from '../state/model.js';
import type { PlanEffect } from '../resources/kind.js';

export type { PlanEffect };

export type ChangeAction = 'create' | 'update' | 'replace' | 'delete' | 'no-op';

/** For a replacement: Terraform's create_before_destroy, or destroy first (names clash). */
export type ReplaceOrder = 'create-first' | 'delete-first';

export interface ResourceChange {
  address: string;
  kind: string;
  name: string;
  key?: InstanceKey;
  provider: string;
  action: ChangeAction;
  /** Canonical attributes as they are now (after refresh); null for a create. */
  before: ObjectValue | null;
  /** Canonical attributes as they will be; UNKNOWN where known only after apply; null for a delete. */
  after: ObjectValue | null;
  /** Top-level attributes (as paths) whose change forced a replacement. */
  replacePaths: string[][];
  replaceOrder?: ReplaceOrder;
  /** Display-only explanation ("must be replaced: backup selections cannot be updated"). */
  reason?: string;
  /** The AWS id of the existing object (for update, replace, delete). */
  id?: string;
  /** Addresses this resource depends on (desired config for creates/updates, state for deletes). */
  dependencies: string[];
  /** JSON Pointers of attributes whose values come from sensitive variables: never printed. */
  sensitivePaths: string[];
  /** A create or replacement that starts an on-demand backup job rather than making an object. */
  startsJob?: boolean;
  /** Set when an `import` block adopts the existing object with this id in this plan. */
  importId?: string;
  /** With importId: the object was made by an interrupted create of this address, not imported. */
  adopted?: boolean;
  /** Where a created or updated object lives: its provider's location now (recorded in state). */
  location?: ResourceLocation;
  /** Where the existing object lives, when the state recorded it: deletes go there. */
  priorLocation?: ResourceLocation;
  /** Set when a `moved` block moves the recorded object here from this address (engine/moves.ts). */
  previousAddress?: string;
}

/** Why an adopted object is in the plan, as every view shows it. */
export const ADOPTED_REASON = 'created by an interrupted run';

/** A resource in the shape the state records it: what the planner starts from, what imports add. */
export interface RecordedResource {
  address: string;
  kind: string;
  name: string;
  key?: InstanceKey;
  provider: string;
  id: string;
  attributes: ObjectValue;
  dependencies: string[];
  /** JSON Pointers of attributes holding values of sensitive variables (markers in state). */
  sensitive_paths?: string[];
  /** Where the object lives (absent in older states). */
  location?: ResourceLocation;
}

/**
 * An existing object an `import` block adopts, or one an interrupted create made (`adopted`):
 * recorded in state when the plan is applied.
 */
export interface ImportedResource extends RecordedResource {
  adopted?: boolean;
}

/** A difference between the last-applied state and the account, found by refresh. */
export interface DriftRecord {
  address: string;
  kind: string;
  /** 'update': changed outside bkp; 'delete': deleted outside bkp. */
  action: 'update' | 'delete';
  before: ObjectValue;
  after: ObjectValue | null;
  /** JSON Pointers of values never to print (the state's and the configuration's). */
  sensitivePaths: string[];
}

export interface Plan {
  mode: 'normal' | 'destroy' | 'refresh-only';
  /** Every resource considered, no-ops included, sorted by address. */
  changes: ResourceChange[];
  drift: DriftRecord[];
  diagnostics: Diagnostic[];
  /** Resources whose state record changes even though AWS does not (refresh results). */
  refreshedState: Array<{ address: string; attributes: ObjectValue | null }>;
  /** True when -target limited the plan. */
  targeted: boolean;
  /** Objects adopted by `import` blocks or found for create intents (absent in older plan files). */
  imported?: ImportedResource[];
  /** Addresses whose create intents this plan settles: applying it clears them from the state. */
  settledIntents?: string[];
  /** What the changes do beyond their own objects (an organization policy's plans per account). */
  effects?: PlanEffect[];
  /** Objects `moved` blocks move to a new address: applying the plan rewrites their state records. */
  moved?: Array<{ from: string; to: string }>;
}

export function actionable(plan: Plan): ResourceChange[] {
  return plan.changes.filter((c) => c.action !== 'no-op' || c.importId !== undefined || c.previousAddress !== undefined);
}

export function hasChanges(plan: Plan): boolean {
  return actionable(plan).length > 0 || (plan.mode === 'refresh-only' && plan.drift.length > 0);
}

/** A backup job the apply would start (DESIGN.md section 4: `start` actions). */
export interface JobStart {
  address: string;
  resource_arn: string;
  vault: string;
  trigger?: string;
  reason: string;
}

const SENSITIVE_TRIGGER = '(sensitive value)';

/** Job starts are counted on their own: "N backup jobs to start", never "to add". */
export function jobStarts(plan: Plan): JobStart[] {
  const text = (v: unknown) => (typeof v === 'string' ? v : '(known after apply)');
  return plan.changes
    .filter((c) => c.startsJob && (c.action === 'create' || c.action === 'replace'))
    .map((c) => ({
      address: c.address,
      resource_arn: text(c.after?.resource_arn),
      vault: text(c.after?.vault),
      ...(typeof c.after?.trigger === 'string'
        ? { trigger: sensitiveMatcher(c.sensitivePaths).covers(['trigger']) ? SENSITIVE_TRIGGER : c.after.trigger }
        : {}),
      reason: c.action === 'create' ? 'new on-demand backup' : (c.reason ?? 'replacement'),
    }));
}

/** Objects interrupted creates made that the plan adopts (counted apart from imports). */
export function adoptionCount(plan: Plan): number {
  return plan.imported?.filter((r) => r.adopted).length ?? 0;
}

/** Objects moved to a new address by `moved` blocks: counted on their own, as they change only the state. */
export function moveCount(plan: Plan): number {
  return plan.moved?.length ?? 0;
}

export function planSummary(plan: Plan): { add: number; change: number; destroy: number; import: number } {
  const imports = (plan.imported?.length ?? 0) - adoptionCount(plan);
  let add = 0;
  let change = 0;
  let destroy = 0;
  for (const c of plan.changes) {
    if (c.startsJob) continue;
    if (c.action === 'create') add++;
    else if (c.action === 'update') change++;
    else if (c.action === 'delete') destroy++;
    else if (c.action === 'replace') {
      add++;
      destroy++;
    }
  }
  return { add, change, destroy, import: imports };
}
