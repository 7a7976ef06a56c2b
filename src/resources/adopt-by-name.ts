// adopt() for kinds whose objects are named by the configuration (vaults, tiering configurations,
// restore testing plans and selections): the object an interrupted create made has the intent's
// name, and, where the listing or a Get tells its CreatorRequestId, the intent's token.
import type { ObjectValue } from '../core/values.js';
import type { AdoptOutcome, CreateIntent, HandlerContext, Listing } from './handler.js';

export interface NamedObjectFacts {
  arn?: string;
  creatorRequestId?: string;
}

export async function adoptByName<Listed>(
  intents: readonly CreateIntent[],
  listing: Listing<Listed>,
  factsOf: (listed: Listed) => NamedObjectFacts,
  noun: string,
  read: (name: string) => Promise<ObjectValue | null>,
): Promise<Map<string, AdoptOutcome>> {
  const outcomes = new Map<string, AdoptOutcome>();
  for (const intent of intents) {
    const listed = intent.identity === undefined ? undefined : listing.get(intent.identity);
    if (listed === undefined) {
      outcomes.set(intent.address, { outcome: 'missing' });
      continue;
    }
    const { arn, creatorRequestId } = factsOf(listed);
    // An object of that name made by someone else is not bkp's to adopt.
    if (creatorRequestId !== undefined && creatorRequestId !== intent.token) {
      outcomes.set(intent.address, {
        outcome: 'conflict',
        arns: [arn ?? intent.identity!],
        detail: `a ${noun} named ${intent.identity} exists, but another request created it (CreatorRequestId ${creatorRequestId})`,
      });
      continue;
    }
    const attributes = await read(intent.identity!);
    outcomes.set(intent.address, attributes ? { outcome: 'found', id: intent.identity!, attributes } : { outcome: 'missing' });
  }
  return outcomes;
}

/**
 * adopt() for kinds whose listing lacks the CreatorRequestId but whose Get tells it: each intent's
 * object is looked up by its identity (`get` answers null when there is none).
 */
export async function adoptByGet<Found extends { CreatorRequestId?: string }>(
  ctx: HandlerContext,
  intents: readonly CreateIntent[],
  noun: string,
  get: (identity: string) => Promise<Found | null>,
  arnOf: (found: Found) => string | undefined,
  attributesOf: (found: Found) => Promise<ObjectValue>,
): Promise<Map<string, AdoptOutcome>> {
  const outcomes = new Map<string, AdoptOutcome>();
  for (const intent of intents) {
    const identity = intent.identity;
    const found = identity === undefined ? null : await ctx.limit(() => get(identity));
    if (found === null) {
      outcomes.set(intent.address, { outcome: 'missing' });
    } else if (found.CreatorRequestId !== undefined && found.CreatorRequestId !== intent.token) {
      outcomes.set(intent.address, {
        outcome: 'conflict',
        arns: [arnOf(found) ?? identity!],
        detail: `a ${noun} named ${identity} exists, but another request created it (CreatorRequestId ${found.CreatorRequestId})`,
      });
    } else {
      outcomes.set(intent.address, { outcome: 'found', id: identity!, attributes: await attributesOf(found) });
    }
  }
  return outcomes;
}
