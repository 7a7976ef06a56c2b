// The state document: what bkp remembers between runs about the resources it manages and the
// on-demand backup jobs it started. Plain JSON data, described by schemas/state.schema.json.
//
// The helpers here are pure: they never mutate their input and return new documents, so the
// engine can compute the next state and hand it to a backend's `persist` in one step.
import { randomUUID } from 'node:crypto';
import { instanceAddress, type InstanceKey } from '../core/addresses.js';
import { ErrorCode, UserError } from '../core/errors.js';
import { splitModulePath, withoutInstanceKey } from '../core/addresses.js';
import { shellWord } from '../core/shell.js';

/** The only state format this bkp reads and writes. A newer number means a newer bkp wrote it. */
export const STATE_FORMAT_VERSION = 1;

export type JsonValue = null | boolean | number | string | JsonValue[] | JsonObject;
export type JsonObject = { [key: string]: JsonValue };

export interface StateResource {
  /** `backup_vault.main`, or `backup_vault.regional["eu-west-1"]` for a for_each instance. */
  address: string;
  /** `backup_vault`, `backup_plan`, `backup_selection`, `on_demand_backup`. */
  kind: string;
  /** The block label. */
  name: string;
  /** The for_each key (a string) or count index (a number) of this instance, if any. */
  key?: InstanceKey;
  /** Provider key: "aws", "aws.dr", "sandbox". */
  provider: string;
  /** The AWS identifier: vault name, plan id, selection id, backup job id. */
  id: string;
  /** The last-applied (or refreshed) attributes, computed ones included. */
  attributes: JsonObject;
  /** Addresses of the resources this one depends on (destroy order needs them without config). */
  dependencies: string[];
  /**
   * JSON Pointers of attributes that hold values of sensitive variables: `attributes` holds a
   * marker there instead of the value (engine/sensitive-values.ts). Absent when there are none.
   */
  sensitive_paths?: string[];
  /**
   * Where the object lives: the region (and account) its provider pointed at when bkp last wrote
   * it. Refresh and destroy go there even after the provider block points elsewhere. Absent in
   * states written before bkp recorded it: those objects are looked for where the provider points.
   */
  location?: ResourceLocation;
}

export interface ResourceLocation {
  region: string;
  /** The account id, when bkp knows it without a call (the sandbox's). */
  account_id?: string;
}

/** The nine states of an AWS Backup job. */
export const JOB_STATES = [
  'CREATED',
  'PENDING',
  'RUNNING',
  'ABORTING',
  'ABORTED',
  'COMPLETED',
  'FAILED',
  'EXPIRED',
  'PARTIAL',
] as const;
export type JobState = (typeof JOB_STATES)[number];

/** An on-demand backup job started by bkp. Kept after its resource is gone: it is history. */
export interface StateJob {
  /** The on_demand_backup resource that started it. */
  address: string;
  /** Uppercase UUID, as AWS Backup returns it. */
  job_id: string;
  /** The resource's `trigger` value when the job started: a new value starts a new job. */
  trigger?: string;
  resource_arn: string;
  /** Backup vault name. */
  vault: string;
  recovery_point_arn?: string;
  /** The job state last seen. */
  state: JobState;
  /** ISO 8601 time the job was started. */
  started_at: string;
  /** The IdempotencyToken sent to StartBackupJob, so a retried start never makes a second job. */
  idempotency_token: string;
  iam_role_arn?: string;
  status_message?: string;
  /** AWS reports it as a string ("42.0"); kept as AWS sent it. */
  percent_done?: string;
  backup_size_bytes?: number;
  /** ISO 8601 time the job reached a final state. */
  completed_at?: string;
  /** ISO 8601 time `state` was last read from AWS. */
  updated_at?: string;
}

/**
 * A create bkp sent, or was about to send, whose result the state does not hold yet. Written
 * durably before the AWS call and removed in the same write that records the object, so a crash or
 * a lost reply leaves it behind: the next run finds the object by `token` (or by `identity`) and
 * adopts it instead of creating a second one.
 */
export interface StateIntent {
  address: string;
  kind: string;
  provider: string;
  /** The CreatorRequestId / IdempotencyToken: fixed when the intent is recorded, reused by every retry. */
  token: string;
  /** The physical name the object is created with (vault name, plan name, …), when the kind has one; for an on-demand backup, a digest of its trigger, source and vault. */
  identity?: string;
  /** ISO 8601 time the intent was first recorded. */
  recorded_at: string;
}

/**
 * The value of an `output` block as the last apply evaluated it. A value from a sensitive variable
 * is not stored (bkp never writes those): `withheld` says so instead.
 */
export interface StateOutput {
  value?: JsonValue;
  sensitive: boolean;
  withheld?: true;
}

export interface StateDocument {
  format_version: typeof STATE_FORMAT_VERSION;
  /** Raised by exactly 1 on every write whose content changed. */
  serial: number;
  /** UUID v4 fixed when the state was created: plans and idempotency tokens are bound to it. */
  lineage: string;
  /** The bkp version that last wrote this state. */
  bkp_version: string;
  /** Sorted by address. */
  resources: StateResource[];
  jobs: StateJob[];
  /** Unresolved create intents, by address; absent when there are none. */
  intents?: StateIntent[];
  /** Output values by name, from the last apply; absent when there are none (and in states written before outputs existed). */
  outputs?: Record<string, StateOutput>;
}

/** An empty state with a fresh lineage. Serial 0: the first write makes it 1. */
export function newState(bkpVersion: string, lineage: string = randomUUID()): StateDocument {
  return { format_version: STATE_FORMAT_VERSION, serial: 0, lineage, bkp_version: bkpVersion, resources: [], jobs: [] };
}

export function findResource(doc: StateDocument, address: string): StateResource | undefined {
  return doc.resources.find((r) => r.address === address);
}

/** The order of `resources` in a document. */
const byAddress = (x: StateResource, y: StateResource) => (x.address < y.address ? -1 : x.address > y.address ? 1 : 0);

/** The document with `resource` added, or replacing the one at the same address. */
export function withResource(doc: StateDocument, resource: StateResource): StateDocument {
  const others = doc.resources.filter((r) => r.address !== resource.address);
  return { ...doc, resources: [...others, resource].sort(byAddress) };
}

/** The document without the resource at `address` (unchanged content when there is none). */
export function withoutResource(doc: StateDocument, address: string): StateDocument {
  return { ...doc, resources: doc.resources.filter((r) => r.address !== address) };
}

/** The document with these outputs (replacing all earlier ones); without the key when there are none. */
export function withOutputs(doc: StateDocument, outputs: Record<string, StateOutput>): StateDocument {
  const { outputs: _previous, ...rest } = doc;
  return Object.keys(outputs).length > 0 ? { ...rest, outputs } : rest;
}

/** The document with the job added, or replacing the one with the same job id. */
export function withJob(doc: StateDocument, job: StateJob): StateDocument {
  const index = doc.jobs.findIndex((j) => j.job_id === job.job_id);
  const jobs = index < 0 ? [...doc.jobs, job] : doc.jobs.map((j, i) => (i === index ? job : j));
  return { ...doc, jobs };
}

/** The document with the intents at `addresses` removed (the same document when there are none). */
export function withoutIntents(doc: StateDocument, addresses: ReadonlySet<string>): StateDocument {
  if (!doc.intents?.some((i) => addresses.has(i.address))) return doc;
  const { intents, ...rest } = doc;
  const kept = intents.filter((i) => !addresses.has(i.address));
  return kept.length > 0 ? { ...rest, intents: kept } : rest;
}

/**
 * `bkp state mv`: the resource at `from` now lives at `to`; or, for module addresses
 * (`module.old` → `module.new`, `module.env["a"]` → `module.env["b"]`), every resource in it. A
 * resource keeps its kind (a vault cannot become a plan). References to moved resources in
 * dependencies, jobs and intents follow them.
 */
export function moveResource(doc: StateDocument, from: string, to: string): StateDocument {
  if (from === to) {
    throw new UserError(ErrorCode.Usage, `Cannot move ${from} to ${to}: it is the same address.`, {
      hint: 'Give the new address as the second argument: bkp state mv OLD_ADDRESS NEW_ADDRESS.',
    });
  }
  const fromModule = MODULE_PATH.test(from);
  if (fromModule !== MODULE_PATH.test(to)) {
    throw new UserError(ErrorCode.Usage, `Cannot move ${from} to ${to}: ${fromModule ? 'a module can only move to another module address' : 'a resource can only move to another resource address'}.`, {
      hint: 'Move a module to an address like module.NAME or module.NAME["KEY"], a resource to one like backup_vault.main or module.NAME.backup_vault.main.',
    });
  }
  const targets = new Map<string, string>();
  for (const r of doc.resources) {
    const moved = fromModule ? movedAddress(r.address, from, to) : r.address === from ? to : wholeResourceMove(r.address, from, to);
    if (moved !== undefined) targets.set(r.address, moved);
  }
  if (targets.size === 0) {
    throw new UserError(ErrorCode.Usage, `There is no ${fromModule ? 'resource in the module' : 'resource'} ${from} in the state.`, {
      hint: 'Run `bkp state list` to see the addresses the state holds.',
    });
  }
  for (const target of targets.values()) {
    if (findResource(doc, target) !== undefined) {
      throw new UserError(ErrorCode.Usage, `Cannot move ${from} to ${to}: the state already has a resource at ${target}.`, {
        hint: `Remove it first with \`bkp state rm ${shellWord(target)}\` if it is no longer wanted.`,
      });
    }
  }
  if (!fromModule) {
    const source = doc.resources.find((r) => targets.has(r.address))!;
    const target = parseAddress(to);
    if (target.kind !== source.kind) {
      throw new UserError(ErrorCode.Usage, `Cannot move ${from} to ${to}: a ${source.kind} cannot become a ${target.kind}.`, {
        hint: `Choose a destination address whose resource part starts with "${source.kind}.".`,
      });
    }
  }
  return withRenamedResources(doc, targets);
}

/**
 * `backup_vault.v["a"]` moved with its block (`backup_vault.v` → `backup_vault.w`) to the same key,
 * as Terraform moves every instance when both addresses name a resource without a key.
 */
function wholeResourceMove(address: string, from: string, to: string): string | undefined {
  if (from.endsWith(']') || to.endsWith(']') || !address.startsWith(`${from}[`)) return undefined;
  return `${to}${address.slice(from.length)}`;
}

/** The addresses `address` names in the state: itself, or every instance of a resource given without a key. */
export function matchingAddresses(doc: StateDocument, address: string): string[] {
  return doc.resources.filter((r) => r.address === address || (!address.endsWith(']') && r.address.startsWith(`${address}[`))).map((r) => r.address);
}

/** `module.NAME`, `module.NAME["KEY"]`, nested: an address of module instances, not of a resource. */
const MODULE_PATH = /^module\.[A-Za-z_][A-Za-z0-9_-]*(\[("(?:[^"\\]|\\.)*"|\d+)\])?(\.module\.[A-Za-z_][A-Za-z0-9_-]*(\[("(?:[^"\\]|\\.)*"|\d+)\])?)*$/;

/** Whether `address` names module instances (`module.NAME`, `module.NAME["KEY"]`, nested) rather than a resource. */
export function isModuleAddress(address: string): boolean {
  return MODULE_PATH.test(address);
}

/** `address` after the move `from` → `to`: the address itself, one of its instances, or what a moved module call holds. */
export function movedAddress(address: string, from: string, to: string): string | undefined {
  if (address === from) return to;
  if (address.startsWith(`${from}[`) || address.startsWith(`${from}.`)) return `${to}${address.slice(from.length)}`;
  return undefined;
}

/**
 * The state with resources, jobs and intents at their new addresses. Dependencies name blocks: one
 * follows when its block moved as a whole (every instance to the same keys in another block).
 */
export function withRenamedResources(doc: StateDocument, targets: ReadonlyMap<string, string>): StateDocument {
  const blocks = new Map<string, string>();
  for (const [from, to] of targets) {
    const fromBlock = withoutInstanceKey(from);
    const toBlock = withoutInstanceKey(to);
    if (from.slice(fromBlock.length) === to.slice(toBlock.length)) blocks.set(fromBlock, toBlock);
  }
  const rename = (address: string): string => targets.get(address) ?? address;
  const resources = doc.resources.map((r) => {
    const to = targets.get(r.address);
    const dependencies = r.dependencies.map((d) => blocks.get(d) ?? targets.get(d) ?? d);
    return to === undefined ? { ...r, dependencies } : { ...atAddress(r, to), dependencies };
  });
  return {
    ...doc,
    resources: resources.sort((a, b) => compare(a.address, b.address)),
    jobs: doc.jobs.map((j) => ({ ...j, address: rename(j.address) })),
    ...(doc.intents ? { intents: doc.intents.map((i) => ({ ...i, address: rename(i.address) })) } : {}),
  };
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function atAddress(r: StateResource, address: string): StateResource {
  const { resource } = splitModulePath(address);
  const parsed = parseAddress(resource);
  const out: StateResource = { ...r, address, name: parsed.name };
  if (parsed.key === undefined) delete out.key;
  else out.key = parsed.key;
  return out;
}


export interface ParsedAddress {
  kind: string;
  name: string;
  key?: InstanceKey;
  /** The module instance it is in: `module.env["prod"]`; absent in the root module. */
  module?: string;
}

const ADDRESS = /^([a-z][a-z0-9_]*)\.([A-Za-z_][A-Za-z0-9_-]*)(?:\[("(?:[^"\\]|\\.)*"|0|[1-9][0-9]{0,8})\])?$/;

/** `kind.name`, `kind.name["key"]` or `kind.name[0]`; a UserError naming the expected shape otherwise. */
export function parseAddress(address: string): ParsedAddress {
  const { module, resource } = splitModulePath(address);
  const match = ADDRESS.exec(resource);
  let key: InstanceKey | undefined;
  if (match !== null && match[3] !== undefined) {
    try {
      key = JSON.parse(match[3]) as InstanceKey;
    } catch {
      key = undefined;
    }
  }
  if (match === null || (match[3] !== undefined && key === undefined)) {
    throw new UserError(ErrorCode.Usage, `"${address}" is not a resource address.`, {
      hint: 'A resource address looks like backup_vault.main, backup_vault.regional["eu-west-1"], backup_vault.copies[0] or module.prod.backup_vault.main.',
    });
  }
  const parsed: ParsedAddress = key === undefined ? { kind: match[1]!, name: match[2]! } : { kind: match[1]!, name: match[2]!, key };
  if (module !== undefined) parsed.module = module;
  return parsed;
}

export function formatAddress(parts: ParsedAddress): string {
  return instanceAddress(`${parts.module === undefined ? '' : `${parts.module}.`}${parts.kind}.${parts.name}`, parts.key);
}

/**
 * True when both documents hold the same content. `serial` and `bkp_version` are bookkeeping of
 * the write, not content: a newer bkp re-reading an unchanged state must not raise the serial.
 * Resource order and object key order do not matter.
 */
export function contentEquals(a: StateDocument, b: StateDocument): boolean {
  if (a === b) return true;
  const { serial: _serialA, bkp_version: _versionA, resources: resourcesA, jobs: jobsA, intents: intentsA = [], ...restA } = a;
  const { serial: _serialB, bkp_version: _versionB, resources: resourcesB, jobs: jobsB, intents: intentsB = [], ...restB } = b;
  return (
    canonicalJson(restA) === canonicalJson(restB) &&
    sameElements(sortedByAddress(resourcesA), sortedByAddress(resourcesB)) &&
    sameElements(jobsA, jobsB) &&
    sameElements(intentsA, intentsB)
  );
}

/**
 * Element-wise equality that trusts shared objects: documents derived with the helpers above share
 * every unchanged resource, so comparing two states of 5,000 resources costs 5,000 reference
 * checks and one canonical comparison per changed resource, not two serialisations of the whole.
 */
function sameElements<T>(x: readonly T[], y: readonly T[]): boolean {
  if (x === y) return true;
  if (x.length !== y.length) return false;
  return x.every((item, i) => item === y[i] || canonicalJson(item) === canonicalJson(y[i]));
}

/**
 * Freezes a document and everything in it, in place, so sessions can hand out and keep documents
 * without copying them (copying the whole state per operation made an apply quadratic). Parts
 * already frozen by an earlier call are skipped, so freezing a document derived from a frozen one
 * costs only its new parts. Returns the same document.
 */
export function freezeState<T extends StateDocument>(doc: T): T {
  freezeDeep(doc);
  return doc;
}

/**
 * Children first, then the object: a frozen object's whole subtree is frozen, so `isFrozen` alone
 * tells what an earlier call did (nothing else in bkp freezes). A WeakSet of every frozen object
 * did the same, and at 10,000 resources (half a million objects) its upkeep cost more garbage
 * collection than the freezing itself.
 */
function freezeDeep(value: unknown): void {
  if (value === null || typeof value !== 'object' || Object.isFrozen(value)) return;
  for (const child of Object.values(value)) freezeDeep(child);
  Object.freeze(value);
}

/**
 * `resources` sorted by address: the very array when it is sorted already (every document the
 * helpers here build is), else a sorted copy. Checking costs one comparison per resource, which
 * writes of a large state pay instead of a sort and a copy.
 */
export function sortedByAddress(resources: readonly StateResource[]): StateResource[] {
  for (let i = 1; i < resources.length; i++) {
    if (byAddress(resources[i - 1]!, resources[i]!) > 0) return [...resources].sort(byAddress);
  }
  return resources as StateResource[];
}

/** The document as it is written: resources sorted by address so diffs of the file stay small. */
export function normalizeState(doc: StateDocument): StateDocument {
  return { ...doc, resources: sortedByAddress(doc.resources) };
}

/** JSON with object keys sorted and undefined properties dropped, as JSON.stringify drops them. */
function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) => {
    if (v === null || typeof v !== 'object' || Array.isArray(v)) return v;
    const record = v as Record<string, unknown>;
    return Object.fromEntries(Object.keys(record).sort().map((k) => [k, record[k]]));
  });
}
