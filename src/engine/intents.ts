// Resolving create intents before a plan: a create whose reply bkp never recorded (a lost reply, a
// crash, a timeout) left its intent in the state. Each kind's handler looks for the object the
// create made; found, it is adopted at the intent's address and planned against the configuration
// like any object in state (an edit since then is an update, never a second create).
import type { ResourceConfig } from '../config/model.js';
import type { Diagnostic } from '../core/diagnostics.js';
import type { ObjectValue } from '../core/values.js';
import type { AdoptOutcome, CreateIntent } from '../resources/handler.js';
import { handlerCallError } from '../resources/kind.js';
import { resourceKind } from '../resources/registry.js';
import { parseAddress, type StateDocument } from '../state/model.js';
import type { HandlerContexts } from './handler-contexts.js';
import type { ImportedResource } from './plan-model.js';
import { shellWord } from '../core/shell.js';

export interface IntentResolution {
  /** Objects found for intents at addresses the state has no live object for. */
  adopted: ImportedResource[];
  /** Addresses whose intents are settled: applying the plan removes them from the state. */
  settled: string[];
  /** Addresses the plan may not create: an interrupted create left objects bkp cannot adopt there. */
  refused: string[];
  diagnostics: Diagnostic[];
}

/**
 * Looks up what every intent of `state` made. `refreshed` tells which state objects are gone (null);
 * `desired` is the configuration, for where adopted objects belong and where to report conflicts.
 */
export async function resolveIntents(
  state: StateDocument,
  refreshed: ReadonlyMap<string, ObjectValue | null>,
  desired: readonly ResourceConfig[],
  contexts: HandlerContexts,
): Promise<IntentResolution> {
  const resolution: IntentResolution = { adopted: [], settled: [], refused: [], diagnostics: [] };
  const groups = new Map<string, CreateIntent[]>();
  for (const intent of state.intents ?? []) {
    const kind = resourceKind(intent.kind);
    if (!kind) continue;
    // A kind that cannot find what a create made relies on deterministic tokens alone.
    if (!kind.handler.adopt) {
      resolution.settled.push(intent.address);
      continue;
    }
    const key = `${intent.provider}\u0000${intent.kind}`;
    groups.set(key, [...(groups.get(key) ?? []), intent]);
  }
  const configured = new Map(desired.map((r) => [r.address, r]));
  const recorded = new Map(state.resources.map((r) => [r.address, r]));
  // Where each managed object lives (its ARN and id): a name another request of ours took for an
  // object the state manages at another address is neither an orphan nor something to adopt.
  const managedAt = new Map<string, string>();
  for (const r of state.resources) {
    managedAt.set(r.id, r.address);
    if (typeof r.attributes.arn === 'string') managedAt.set(r.attributes.arn, r.address);
  }
  const known = new Set([...managedAt.keys(), ...(state.jobs ?? []).map((job) => job.job_id)]);
  const unmanaged = (intent: CreateIntent, arns: readonly string[]) =>
    arns.filter((arn) => managedAt.get(arn) === undefined || managedAt.get(arn) === intent.address);

  await Promise.all(
    [...groups.values()].map(async (intents) => {
      const { kind: kindName, provider } = intents[0]!;
      const handler = resourceKind(kindName)!.handler;
      let outcomes: Map<string, AdoptOutcome>;
      try {
        const attributesOf = new Map(intents.flatMap((i) => (configured.has(i.address) ? [[i.address, configured.get(i.address)!.attributes] as const] : [])));
        outcomes = await handler.adopt!(await contexts.context(provider), intents, { configured: attributesOf, known });
      } catch (e) {
        throw handlerCallError(e, 'Looking for the objects of interrupted creates of', `provider "${provider}"`);
      }
      for (const intent of intents) {
        let outcome = outcomes.get(intent.address) ?? { outcome: 'missing' };
        // Every object in the way is managed at another address: this intent's create made none of them.
        if (outcome.outcome === 'conflict') {
          const arns = unmanaged(intent, outcome.arns);
          outcome = arns.length === 0 ? { outcome: 'missing' } : { ...outcome, arns };
        }
        const inState = recorded.get(intent.address);
        const live = inState !== undefined && refreshed.get(intent.address) !== null;
        const config = configured.get(intent.address);
        if (outcome.outcome === 'missing') {
          resolution.settled.push(intent.address);
        } else if (outcome.outcome === 'found') {
          if (!live) {
            resolution.adopted.push(adoptedResource(intent, outcome.id, outcome.attributes, config));
            resolution.settled.push(intent.address);
          } else if (inState.id === outcome.id) {
            resolution.settled.push(intent.address);
          } else if (config === undefined) {
            resolution.diagnostics.push(orphanWarning(intent, [outcome.id], 'the address holds another object and is no longer configured'));
            resolution.settled.push(intent.address);
          } else if (namesIdentify(intent) && desiredIdentity(intent, config) !== intent.identity) {
            // An interrupted replacement configured since under another name (or back to the old
            // one). Where names identify objects, the replacement's create would send the token
            // under that name and AWS would make another object, leaving this one behind unseen.
            // The address keeps the object it holds (the plan replaces or keeps it as usual); the
            // object the interrupted create made is reported, never deleted: it may hold data.
            const wanted = desiredIdentity(intent, config);
            resolution.diagnostics.push(
              orphanWarning(
                intent,
                [outcome.id],
                `${intent.address} still holds ${inState.id}, and is now configured ${wanted === undefined ? 'with a name not known until apply' : `as ${wanted}`}, not ${intent.identity}`,
                outcome.id,
              ),
            );
            resolution.settled.push(intent.address);
          }
          // Otherwise an interrupted replacement: the intent stays, and the replacement's create
          // sends its token again, which returns this object rather than making another.
        } else if (config !== undefined && !live) {
          resolution.refused.push(intent.address);
          resolution.diagnostics.push({
            severity: 'error',
            code: 'BKP_E302',
            summary: `${intent.address} cannot be created: an interrupted create left objects bkp cannot adopt`,
            detail:
              `${outcome.detail}: ${outcome.arns.join(', ')}.\n` +
              `bkp does not create a second object for ${intent.address}. ` +
              (outcome.resolve ??
                `If one of them is this resource, adopt it with \`bkp import ${shellWord(intent.address)} ID\` and delete the others; otherwise delete or rename them, then plan again.`),
            range: config.range,
            ...(config.context ? { context: config.context } : {}),
          });
        } else {
          resolution.diagnostics.push(orphanWarning(intent, outcome.arns, outcome.detail));
          resolution.settled.push(intent.address);
        }
      }
    }),
  );
  resolution.adopted.sort((a, b) => (a.address < b.address ? -1 : a.address > b.address ? 1 : 0));
  return resolution;
}

function adoptedResource(intent: CreateIntent, id: string, attributes: ObjectValue, config: ResourceConfig | undefined): ImportedResource {
  const { name, key } = config ?? parseAddress(intent.address);
  return {
    address: intent.address,
    kind: intent.kind,
    name,
    ...(key !== undefined ? { key } : {}),
    provider: intent.provider,
    id,
    attributes,
    dependencies: config?.dependencies ?? [],
    adopted: true,
  };
}

/**
 * The kind's names identify its objects (AWS keeps them unique): a create token sent again under
 * another name makes another object instead of returning the one the token made.
 */
function namesIdentify(intent: CreateIntent): boolean {
  return intent.identity !== undefined && resourceKind(intent.kind)?.uniqueNames !== undefined;
}

/** The physical name the configuration gives the address now; undefined while not known. */
function desiredIdentity(intent: CreateIntent, config: ResourceConfig): string | undefined {
  return resourceKind(intent.kind)?.handler.identity?.(config.attributes);
}

function orphanWarning(intent: CreateIntent, arns: readonly string[], why: string, importId?: string): Diagnostic {
  const kind = resourceKind(intent.kind);
  const noun = intent.kind.replace(/_/g, ' ');
  const keep =
    importId !== undefined && kind?.importId !== undefined
      ? `to manage it, add a ${intent.kind} block for it and run \`bkp import ${intent.kind}.NAME ${shellWord(importId)}\`; ` +
        `otherwise delete it yourself once you have checked it holds nothing you need (bkp never deletes it on its own).`
      : 'import it with `bkp import` or delete it.';
  return {
    severity: 'warning',
    summary: `Orphaned ${noun} from an interrupted create of ${intent.address}`,
    detail:
      `An earlier run's create for ${intent.address} (token ${intent.token}) made ${arns.join(', ')}, which bkp does not adopt: ${why}. ` +
      `bkp does not manage it; ${keep}`,
  };
}
