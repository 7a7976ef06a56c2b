// The apply executor: walks the dependency graph of a plan's changes with a bounded pool of
// workers, calls the resource handlers, and persists state after every completed operation.
// On the first error (or an interrupt) it starts nothing new but lets in-flight calls finish.
import type { ObjectValue } from '../core/values.js';
import type { BkpError } from '../core/errors.js';
import { dependencyCovers, withoutInstanceKey } from '../core/addresses.js';
import { DependencyWalk } from '../core/graph.js';
import { newIntentToken, type ResourceHandler, type StartedJob } from '../resources/handler.js';
import { createRefusedAsTaken, handlerCallError } from '../resources/kind.js';
import { kindModel, resourceKind } from '../resources/registry.js';
import type { StateSession } from '../state/backend.js';
import { StateDraft } from '../state/draft.js';
import { findResource, type JsonObject, type StateDocument, type StateResource } from '../state/model.js';
import type { ResourceChange } from './plan-model.js';
import type { HandlerContexts } from './handler-contexts.js';
import { nameClashes } from './name-clashes.js';
import type { Limiter } from './limiter.js';
import { isSensitiveMarker, redactSensitive } from './sensitive-values.js';

export type OperationKind = 'create' | 'update' | 'delete';


export interface Operation {
  key: string;
  kind: OperationKind;
  change: ResourceChange;
  after: Set<string>;
}

export interface ApplyEvent {
  type: 'start' | 'done' | 'failed' | 'skipped';
  operation: Operation;
  error?: unknown;
  id?: string;
  elapsedMs?: number;
}

export interface ApplyInput {
  changes: readonly ResourceChange[];
  session: StateSession;
  contexts: HandlerContexts;
  limiter: Limiter;
  /**
   * The attributes to create or update with, resolved now: values that were unknown at plan time
   * (the id of a plan created earlier in this apply) are known by the time their turn comes.
   */
  /** The desired attributes of a change, with the attributes of the resources it refers to known. */
  resolveDesired(change: ResourceChange, resource: (address: string) => StateResource | undefined): Promise<ObjectValue>;
  signal?: AbortSignal;
  onEvent?(event: ApplyEvent): void;
}

export interface ApplyResult {
  completed: Operation[];
  failed: Array<{ operation: Operation; error: BkpError | Error }>;
  /** Operations not started because of an earlier failure or an interrupt. */
  notStarted: Operation[];
  interrupted: boolean;
}

const opKey = (address: string, kind: OperationKind) => `${kind} ${address}`;

/** Values grouped by key, for lookups that a nested loop over every pair made quadratic. */
class MultiMap<V> {
  readonly #map = new Map<string, V[]>();
  add(key: string, value: V): void {
    const list = this.#map.get(key);
    if (list) list.push(value);
    else this.#map.set(key, [value]);
  }
  get(key: string): readonly V[] {
    return this.#map.get(key) ?? [];
  }
}

/** Operations with their ordering constraints (see DESIGN.md section 4). */
export function buildOperations(changes: readonly ResourceChange[], prior: StateDocument): Operation[] {
  const ops = new Map<string, Operation>();
  const add = (change: ResourceChange, kind: OperationKind) => {
    const op: Operation = { key: opKey(change.address, kind), kind, change, after: new Set() };
    ops.set(op.key, op);
    return op;
  };
  for (const c of changes) {
    if (c.action === 'create') add(c, 'create');
    else if (c.action === 'update') add(c, 'update');
    else if (c.action === 'delete') add(c, 'delete');
    else if (c.action === 'replace') {
      const create = add(c, 'create');
      const del = add(c, 'delete');
      if (c.replaceOrder === 'create-first') del.after.add(create.key);
      else create.after.add(del.key);
    }
  }
  const priorDependencies = new Map(prior.resources.map((r) => [r.address, r.dependencies]));
  // Creates and updates by the base address they live at, and every operation by the addresses
  // it depends on (in the configuration or, for what is being deleted, in the prior state).
  const liveByBase = new MultiMap<Operation>();
  const dependents = new MultiMap<Operation>();
  for (const op of ops.values()) {
    if (op.kind !== 'delete') liveByBase.add(withoutInstanceKey(op.change.address), op);
    const dependencies = new Set([...(priorDependencies.get(op.change.address) ?? []), ...op.change.dependencies]);
    for (const dependency of dependencies) dependents.add(dependency, op);
  }
  for (const op of ops.values()) {
    const address = op.change.address;
    if (op.kind === 'delete') {
      // Dependents go first: a selection before its plan, a plan before the vault it targets.
      const base = withoutInstanceKey(address);
      const candidates = base === address ? dependents.get(address) : [...dependents.get(address), ...dependents.get(base)];
      for (const other of candidates) {
        if (other.change.address === address) continue;
        if (other.kind === 'delete' || other.kind === 'update') op.after.add(other.key);
      }
    } else {
      for (const dependency of op.change.dependencies) {
        for (const other of liveByBase.get(withoutInstanceKey(dependency))) {
          if (other.change.address !== address && dependencyCovers(dependency, other.change.address)) op.after.add(other.key);
        }
      }
    }
  }
  // A create that takes the name of an object deleted in the same apply (a renamed block label)
  // waits for that delete: run together, AWS answers AlreadyExistsException.
  for (const clash of nameClashes(changes)) {
    ops.get(opKey(clash.create.address, 'create'))?.after.add(opKey(clash.delete.address, 'delete'));
  }
  return [...ops.values()];
}

export async function applyChanges(input: ApplyInput): Promise<ApplyResult> {
  const operations = buildOperations(input.changes, input.session.current());
  const pending = new Map(operations.map((op) => [op.key, op]));
  const result: ApplyResult = { completed: [], failed: [], notStarted: [], interrupted: false };
  let stopping = false;
  // The executor keeps the newest state itself, so that state changes of operations finishing
  // together need not wait for each other: the session collapses queued writes into one, and each
  // operation still completes only once a durable write includes it. A change costs the same
  // whatever the size of the state; the document is built once per write (state/draft.ts).
  const draft = new StateDraft(input.session.current());
  const { lineage } = draft.document();
  // The tokens of creates that earlier runs sent and never saw answered.
  const earlierTokens = new Set((draft.document().intents ?? []).map((intent) => intent.token));
  const latest = () => draft.document();
  let stateChain: Promise<void> = Promise.resolve();
  const commit = (change: (draft: StateDraft) => void): Promise<void> => {
    change(draft);
    stateChain = input.session.persist(latest);
    return stateChain;
  };


  /**
   * Records the intent to create at the change's address and waits until a durable write holds
   * it, so that whatever happens to the create call (a lost reply, a crash, a timeout) the next
   * run knows to look for its object. An intent left by an earlier run at this address keeps its
   * token: a retry, even after an edit, sends the same CreatorRequestId and gets the same object.
   * Creates starting together share one write (the session merges queued writes).
   */
  const recordIntent = async (change: ResourceChange, handler: ResourceHandler, desired: ObjectValue): Promise<string> => {
    const earlier = draft.intent(change.address);
    const reuse = earlier !== undefined && earlier.kind === change.kind && earlier.provider === change.provider;
    const identity = handler.identity?.(desired);
    if (reuse && durableIntents.has(change.address) && (earlier.identity === undefined || earlier.identity === identity)) {
      // Durable already (the apply's first write): an identity known only now (a selection's plan
      // id) goes with the next write; adoption finds the object by its token without it.
      if (identity !== undefined && earlier.identity === undefined) draft.putIntent({ ...earlier, identity });
      return earlier.token;
    }
    if (!reuse) freshIntents.add(change.address);
    await commit((state) =>
      state.putIntent({
        address: change.address,
        kind: change.kind,
        provider: change.provider,
        token: reuse ? earlier.token : newIntentToken(),
        ...(identity !== undefined ? { identity } : {}),
        recorded_at: reuse ? earlier.recorded_at : new Date().toISOString(),
      }),
    );
    return draft.intent(change.address)!.token;
  };

  // The resource and the jobs its creation started are one state write: a crash can lose both
  // (the idempotency token then finds the job again) but never record one without the other.
  // The write that records a created object also clears its create intent: no window between.
  const record = (change: ResourceChange, id: string, attributes: ObjectValue, jobs: readonly StartedJob[] = [], created = false) =>
    commit((state) => {
      if (created) state.removeIntent(change.address);
      const stored = redactSensitive(attributes, change.sensitivePaths, { lineage, address: change.address });
      // A job's history entry keeps the trigger it started with: the marker, when the trigger is sensitive.
      const trigger = isSensitiveMarker(stored.trigger) ? stored.trigger : undefined;
      for (const job of jobs) state.putJob(trigger !== undefined && job.trigger !== undefined ? { ...job, trigger } : job);
      state.putResource({
        address: change.address,
        kind: change.kind,
        name: change.name,
        ...(change.key !== undefined ? { key: change.key } : {}),
        provider: change.provider,
        id,
        attributes: toJson(stored),
        dependencies: change.dependencies,
        ...(change.sensitivePaths.length > 0 ? { sensitive_paths: change.sensitivePaths } : {}),
        ...(change.location !== undefined ? { location: change.location } : {}),
      });
    });

  /**
   * Makes the AWS calls of one operation and returns how to finish it: waiting for the durable
   * state write that records it. The caller waits outside the concurrency limit, so AWS calls go
   * on while the state is being written, and the writes of operations finishing meanwhile merge.
   */
  const run = async (op: Operation): Promise<() => Promise<void>> => {
    const { change } = op;
    const handler = resourceKind(change.kind)?.handler;
    if (!handler) throw new Error(`no handler for ${change.kind}`);
    // A delete goes where the object lives, which may not be where its provider points now.
    const ctx = await input.contexts.context(change.provider, op.kind === 'delete' ? change.priorLocation : undefined);
    const started = Date.now();
    input.onEvent?.({ type: 'start', operation: op });
    const settled = (durable: Promise<void>, id: string | undefined) => async () => {
      await durable;
      input.onEvent?.({ type: 'done', operation: op, id, elapsedMs: Date.now() - started });
    };
    try {
      if (op.kind === 'delete') {
        const id = change.id ?? findResource(input.session.current(), change.address)?.id;
        if (id !== undefined) await handler.delete(ctx, id, change.before ?? {});
        // A create-first replacement already recorded the new object at this address.
        const replacedFirst = change.action === 'replace' && change.replaceOrder === 'create-first';
        return settled(replacedFirst ? Promise.resolve() : commit((state) => state.removeResource(change.address)), id);
      }
      const desired = withoutComputed(change.kind, await input.resolveDesired(change, (address) => draft.resource(address)));
      if (op.kind === 'create') {
        const token = await recordIntent(change, handler, desired);
        // A token an earlier run sent (its reply never recorded, then an interrupted replacement or
        // -refresh=false kept its intent): AWS answers it with the object that create made, as it
        // made it, whatever this request's body says. So nothing is recorded before the object is
        // read back (the intent covers a crash meanwhile), and the state holds what AWS holds: a
        // configuration changed since shows as a change at the next plan, never as "No changes".
        const replayed = earlierTokens.has(token);
        const created = await handler.create(ctx, change.address, desired, {
          token,
          // Not awaited: waiting held a slot of the concurrency limit through a whole paced state
          // write, and the first apply of 5,000 resources took 15.0 s instead of 6.7 s. If this
          // write fails, the apply fails when it awaits its last write (`stateChain`), which holds
          // this change too; until then the durable intent covers a crash.
          created: replayed ? () => undefined : (id, attributes) => void record(change, id, attributes, [], true).catch(() => undefined),
        });
        const attributes = replayed ? ((await handler.read(ctx, created.id, created.attributes)) ?? created.attributes) : created.attributes;
        return settled(record(change, created.id, attributes, created.jobs, true), created.id);
      }
      const before = change.before ?? {};
      const updated = await handler.update(ctx, change.id!, before, desired);
      return settled(record(change, change.id!, updated), change.id);
    } catch (error) {
      // An intent this apply recorded for a create AWS refused as a taken name would make the next
      // plan look for an object the create never made, find the other one and refuse to go on.
      if (op.kind === 'create' && freshIntents.has(change.address) && createRefusedAsTaken(error)) {
        await commit((state) => state.removeIntent(change.address)).catch(() => undefined);
      }
      throw handlerCallError(error, verb(op.kind), change.address);
    }
  };

  // The intents of every create of this apply, in one durable write before any AWS call: a write
  // per create (or per wave of creates) made the first apply of 2,000 resources twice as slow.
  const durableIntents = new Set<string>();
  /** Addresses whose intent (and token) this apply made, rather than kept from an earlier run. */
  const freshIntents = new Set<string>();
  const creates = operations.filter((op) => op.kind === 'create');
  if (creates.length > 0 && !input.signal?.aborted) {
    const planned = creates.map((op) => {
      const { change } = op;
      const earlier = draft.intent(change.address);
      const reuse = earlier !== undefined && earlier.kind === change.kind && earlier.provider === change.provider;
      if (!reuse) freshIntents.add(change.address);
      // Identities read only known strings: one still unknown (a selection's plan id) is left out.
      const identity = change.after ? resourceKind(change.kind)?.handler.identity?.(change.after) : undefined;
      return {
        address: change.address,
        kind: change.kind,
        provider: change.provider,
        token: reuse ? earlier.token : newIntentToken(),
        ...((reuse ? earlier.identity : identity) !== undefined ? { identity: (reuse ? earlier.identity : identity)! } : {}),
        recorded_at: reuse ? earlier.recorded_at : new Date().toISOString(),
      };
    });
    try {
      await commit((state) => planned.forEach((intent) => state.putIntent(intent)));
      for (const intent of planned) durableIntents.add(intent.address);
    } catch (error) {
      // Nothing reached AWS: the apply fails as a whole, like any state write failure.
      await stateChain.catch(() => undefined);
      throw error;
    }
  }

  await new Promise<void>((resolveAll) => {
    let inFlight = 0;
    let finished = false;
    const onAbort = () => {
      stopping = true;
      result.interrupted = true;
      if (inFlight === 0) finish();
    };
    const finish = () => {
      if (finished) return;
      finished = true;
      input.signal?.removeEventListener('abort', onAbort);
      for (const op of pending.values()) {
        result.notStarted.push(op);
        input.onEvent?.({ type: 'skipped', operation: op });
      }
      pending.clear();
      resolveAll();
    };
    input.signal?.addEventListener('abort', onAbort);
    if (input.signal?.aborted) onAbort();

    // An operation becomes ready once every operation it waits for has completed.
    const walk = new DependencyWalk(new Map(operations.map((op) => [op.key, op.after])));
    const byKey = new Map(operations.map((op) => [op.key, op]));

    // Operations making their AWS calls. No more are handed to the limiter than it lets run at
    // once: the rest stay in the walk instead of 5,000 waiting closures and promise chains
    // (3.8 MiB at the end of a 5,000-resource first apply).
    let calling = 0;
    const schedule = () => {
      if (stopping) {
        if (inFlight === 0) finish();
        return;
      }
      while (calling < input.limiter.limit) {
        const key = walk.next();
        if (key === undefined) break;
        const op = byKey.get(key)!;
        if (!pending.delete(op.key)) continue;
        inFlight++;
        calling++;
        // Queued work re-checks `stopping` when its turn comes: after an error or an interrupt,
        // nothing new reaches AWS.
        const calls = input.limiter.run(async () => (stopping ? undefined : run(op)));
        void calls.then(
          () => {
            calling--;
            schedule();
          },
          () => {
            calling--;
            // Set before the failure is recorded below, so that the freed slot starts nothing new.
            stopping = true;
            schedule();
          },
        );
        calls
          .then(async (finishOperation) => {
            if (finishOperation === undefined) return false;
            await finishOperation();
            return true;
          })
          .then(
            (ran) => {
              if (ran) {
                result.completed.push(op);
                walk.complete(op.key);
              } else {
                result.notStarted.push(op);
                input.onEvent?.({ type: 'skipped', operation: op });
              }
            },
            (error: unknown) => {
              stopping = true;
              result.failed.push({ operation: op, error: error as Error });
              input.onEvent?.({ type: 'failed', operation: op, error });
            },
          )
          .finally(() => {
            inFlight--;
            schedule();
          });
      }
      if (inFlight === 0 && !stopping) {
        if (pending.size > 0) stopping = true; // unreachable operations: a cycle, never expected
        finish();
      }
    };
    if (!stopping) schedule();
  });
  await stateChain;
  return result;
}

function verb(kind: OperationKind): string {
  return kind === 'create' ? 'Creating' : kind === 'update' ? 'Updating' : 'Destroying';
}

function withoutComputed(kind: string, attributes: ObjectValue): ObjectValue {
  const model = kindModel(kind);
  const out = { ...attributes };
  for (const key of model?.computed ?? []) delete out[key];
  return out;
}

/** Attributes as the state stores them: plain JSON (no unknowns survive an apply). */
export function toJson(attributes: ObjectValue): JsonObject {
  return JSON.parse(JSON.stringify(attributes)) as JsonObject;
}
