// The SDK half of a resource kind: list, read, create, update, delete through AWS Backup.
// The engine drives handlers; it never calls the SDK itself.
import { createHash, randomUUID } from 'node:crypto';
import type { BackupClient } from '@aws-sdk/client-backup';
import type { OrganizationsClient } from '@aws-sdk/client-organizations';
import type { ResourceGroupsTaggingAPIClient } from '@aws-sdk/client-resource-groups-tagging-api';
import type { ClientSettings } from '../aws/clients.js';
import type { ObjectValue } from '../core/values.js';

/** Where an object lives (structurally the state's ResourceLocation). */
export interface ResourceLocation {
  region: string;
  /** The account id, when known without a call (the sandbox's). */
  account_id?: string;
}

/** The clients of one provider (`aws`, `aws.dr`, `sandbox`), as the application layer built them. */
export interface ProviderClientSet {
  backup: BackupClient;
  /** The Resource Groups Tagging API client, created on first use. */
  tagging(): Promise<ResourceGroupsTaggingAPIClient>;
  /** The AWS Organizations client (organization policies), created on first use. */
  organizations(): Promise<OrganizationsClient>;
  settings: ClientSettings;
}

/** Where handlers get their clients: implemented by the application layer, used by the engine. */
export interface ProviderAccess {
  /** The provider's clients; with `at`, clients of that region (and account) instead of the provider's own. */
  clients(providerKey: string, at?: ResourceLocation): Promise<ProviderClientSet>;
  /** Where the provider points now; undefined when not known without a call. */
  location?(providerKey: string): ResourceLocation | undefined;
  /**
   * True when the provider's account keeps a clock of its own rather than this machine's (a
   * sandbox's virtual clock, which `bkp sandbox advance` moves).
   */
  ownClock?(providerKey: string): boolean;
}

export interface HandlerContext {
  backup: BackupClient;
  /** The state lineage: creation tokens derive from it so retries never create twice. */
  lineage: string;
  tagging(): Promise<ResourceGroupsTaggingAPIClient>;
  organizations(): Promise<OrganizationsClient>;
  settings: ClientSettings;
  /** Runs one AWS call under the run's concurrency limit. */
  limit<T>(call: () => Promise<T>): Promise<T>;
  /**
   * True when the account keeps a clock of its own (a sandbox's virtual clock): its times cannot be
   * compared with this machine's, such as a create intent's `recorded_at`.
   */
  ownClock?(): boolean;
}

export interface CreateResult {
  id: string;
  attributes: ObjectValue;
  /** Backup jobs the creation started, for the state's job history (written with the resource). */
  jobs?: StartedJob[];
}

/** A backup job as the state's job history records it (structurally the state's StateJob). */
export interface StartedJob {
  address: string;
  job_id: string;
  trigger?: string;
  resource_arn: string;
  vault: string;
  recovery_point_arn?: string;
  state: 'CREATED' | 'PENDING' | 'RUNNING' | 'ABORTING' | 'ABORTED' | 'COMPLETED' | 'FAILED' | 'EXPIRED' | 'PARTIAL';
  started_at: string;
  idempotency_token: string;
  iam_role_arn?: string;
  status_message?: string;
  percent_done?: string;
  backup_size_bytes?: number;
  completed_at?: string;
  updated_at?: string;
}

export interface CreateHooks {
  /**
   * The CreatorRequestId / IdempotencyToken to send: the token of this address's create intent,
   * recorded in state before the call and the same for every retry (it does not depend on the
   * desired attributes, so a create retried after an edit still finds what the first one made).
   */
  token: string;
  /**
   * Called as soon as the object exists in AWS, before follow-up calls (policy, lock, …), so the
   * state records it even if a later call fails. The state write goes on while the handler makes
   * those calls; the apply waits for it before it ends, and until it is on disk the create intent
   * written before the call is what lets the next run find the object.
   */
  created(id: string, attributes: ObjectValue): void;
}

/** An object of the prior state, as a handler's list() needs it. */
export interface PriorObject {
  id: string;
  attributes: ObjectValue;
}

/**
 * What one listing of a kind saw, by id. The engine passes each entry (or its absence) back to
 * read() untouched: only the kind knows its type.
 */
export type Listing<Listed> = Map<string, Listed>;

/** A create whose reply bkp never recorded (structurally the state's StateIntent). */
export interface CreateIntent {
  address: string;
  kind: string;
  provider: string;
  token: string;
  /** What identity() returned for the create: the physical name. */
  identity?: string;
  recorded_at: string;
}

/** What adopt() found for one intent. */
export type AdoptOutcome =
  /** The object the intent's create made: recorded at the intent's address. */
  | { outcome: 'found'; id: string; attributes: ObjectValue }
  /** Nothing: the create never reached AWS (or failed there). A new create is safe. */
  | { outcome: 'missing' }
  /** Something is there that cannot be adopted safely (several candidates, or a name taken by another creator). */
  | { outcome: 'conflict'; arns: string[]; detail: string; /** What to do about it, where `bkp import` is not the answer (the default advice). */ resolve?: string };

/** What adopt() may use beyond the intents: the configuration, and what the state already knows. */
export interface AdoptContext {
  /** The configured attributes at each intent's address that is still configured (unknowns possible). */
  configured: ReadonlyMap<string, ObjectValue>;
  /** Ids and ARNs the state holds (objects it manages, jobs it started): never an interrupted create's object. */
  known: ReadonlySet<string>;
}

export interface ResourceHandler<Listed = unknown> {
  /**
   * The physical name a create with these attributes makes (vault name, plan name, …), recorded
   * with the create intent so adopt() can look for it. Kinds without one leave it out.
   */
  identity?(desired: ObjectValue): string | undefined;
  /**
   * Finds the objects that interrupted creates made (by their token, or by identity where the
   * listing does not carry it), in as few listing calls as the API allows. Returns an outcome for
   * every intent given. Kinds that cannot look up what a create made leave it out: their intents
   * are dropped and their tokens must then be deterministic on their own.
   */
  adopt?(ctx: HandlerContext, intents: readonly CreateIntent[], context?: AdoptContext): Promise<Map<string, AdoptOutcome>>;
  /**
   * Lists the objects of this kind that refresh must read, in as few paginated calls as the API
   * allows (list-first refresh). Kinds without a listing call leave it out.
   */
  list?(ctx: HandlerContext, prior: readonly PriorObject[]): Promise<Listing<Listed>>;
  /**
   * Reads the object now. `prior` is the last state (for attributes AWS cannot return, and to
   * skip reads a listing already answers). `listing` is what list() saw, when it was called: an
   * id it lacks is an object that no longer exists. Returns null when the object is gone.
   */
  read(ctx: HandlerContext, id: string, prior: ObjectValue, listing?: Listing<Listed>): Promise<ObjectValue | null>;
  create(ctx: HandlerContext, address: string, desired: ObjectValue, hooks: CreateHooks): Promise<CreateResult>;
  update(ctx: HandlerContext, id: string, before: ObjectValue, after: ObjectValue): Promise<ObjectValue>;
  delete(ctx: HandlerContext, id: string, before: ObjectValue): Promise<void>;
}

/** A fresh creation token for a new create intent. */
export function newIntentToken(): string {
  return `bkp-${randomUUID()}`;
}

/**
 * A deterministic CreatorRequestId / IdempotencyToken: same state, address and desired
 * attributes → same token, so a retried or interrupted apply finds the object it already made.
 */
export function creationToken(lineage: string, address: string, desired: ObjectValue, salt = ''): string {
  const hash = createHash('sha256');
  hash.update(`${lineage}\n${address}\n${salt}\n${JSON.stringify(desired)}`);
  return `bkp-${hash.digest('hex').slice(0, 40)}`;
}
