// A resource kind as the rest of bkp sees it: one object per kind, exported by the kind's folder
// (src/resources/<kind>/index.ts) and listed once in registry.ts. What differs between kinds is a
// field of this object, never an `if (kind === …)` outside the kind's folder.
import type { ResourceConfig } from '../config/model.js';
import { awsCallError, awsErrorName } from '../aws/errors.js';
import { BkpError } from '../core/errors.js';
import type { ObjectValue } from '../core/values.js';
import type { Adoption } from './adoption.js';
import type { NameSpace } from './free-names.js';
import type { HandlerContext, ResourceHandler } from './handler.js';
import type { KindModel } from './kind-model.js';
import type { Problem } from './rules/problem.js';
import type { ValidationContext } from './rules/context.js';

/** A change of the plan as a kind's plan-time check sees it. */
export interface PlannedChange {
  address: string;
  kind: string;
  provider: string;
  action: string;
  after?: ObjectValue;
  /** The object's id and attributes before the change (updates, replacements, deletions). */
  id?: string;
  before?: ObjectValue;
  /** The addresses it refers to in the configuration. */
  dependencies?: readonly string[];
}

/**
 * What a planned change does beyond its own object, in words a reviewer reads: the plans an
 * organization backup policy makes AWS Backup create in each member account.
 */
export interface PlanEffect {
  /** What is affected: `account 111111111111 (shop-prod)`. */
  subject: string;
  /** The addresses whose changes cause it. */
  causes: string[];
  changes: Array<{ action: 'create' | 'update' | 'delete'; summary: string }>;
}

/** What a plan-time check found; the engine positions it at `attribute` of the configuration. */
export interface PlanFinding {
  address: string;
  severity: 'error' | 'warning';
  summary: string;
  detail: string;
  attribute: string;
}

export interface ResourceKind {
  /** The block type and state kind: `backup_vault`. Its JSON Schema is schemas/config/<name>.schema.json. */
  name: string;
  /** The pure half: canonical form, replacement, refusals. */
  model: KindModel;
  /** Semantic rules beyond the JSON Schema. */
  validate(resource: ResourceConfig, context: ValidationContext): Problem[];
  /** The SDK half. */
  handler: ResourceHandler<any>; // eslint-disable-line @typescript-eslint/no-explicit-any -- each kind's listing type is its own
  /** What `bkp import ADDRESS ID` takes as ID ("the vault name"); absent: the kind cannot be imported. */
  importId?: string;
  /** How `bkp generate` and `bkp convert` write its blocks; absent: they never write one. */
  adoption?: Adoption;
  /**
   * The names AWS keeps unique for this kind's objects (per account and Region, organization or
   * parent): validate refuses two blocks that would create the same one.
   */
  uniqueNames?: NameSpace;
  /**
   * Plan-time checks of this kind's planned creations against the account (the source resource of
   * a backup job, its target vault), given every change of the plan.
   */
  checkPlanned?(planned: readonly PlannedChange[], plan: readonly PlannedChange[], context: (provider: string) => Promise<HandlerContext>): Promise<PlanFinding[]>;
  /**
   * What the plan's changes do beyond their own objects (see PlanEffect), and the problems that
   * only show there; asked once per plan, when the plan changes an object of this kind.
   */
  planEffects?(
    plan: readonly PlannedChange[],
    context: (provider: string) => Promise<HandlerContext>,
  ): Promise<{ effects: PlanEffect[]; findings: PlanFinding[] }>;
}

/** A failed handler call as a bkp error that names the operation and the resource (awsCallError). */
export function handlerCallError(error: unknown, operation: string, subject: string): Error {
  return error instanceof BkpError ? error : awsCallError(error, operation, subject);
}

/**
 * AWS answered a create that the name is taken (by an object another request made): the call
 * made nothing, so the create intent recorded for it has nothing to find.
 */
export function createRefusedAsTaken(error: unknown): boolean {
  const name = awsErrorName(error);
  return name === 'AlreadyExistsException' || name === 'DuplicatePolicyException';
}
