// Reads everything bkp manages in one account and Region through the kinds' own handlers: list()
// as refresh calls it (with no prior objects, so every object is listed), then read() with that
// listing. The few kinds without a listing of their own are found through their parent's (the
// selections of each backup plan, of each restore testing plan): each kind's `adoption.generate`
// says which, and how (src/resources/adoption.ts).
import type { ObjectValue } from '../core/values.js';
import { InternalError } from '../core/errors.js';
import type { Generation } from '../resources/adoption.js';
import type { HandlerContext, Listing } from '../resources/handler.js';
import { handlerCallError, type ResourceKind } from '../resources/kind.js';
import { resourceKinds } from '../resources/registry.js';
import type { AdoptedObject, SkippedObject } from './model.js';

/** A kind `bkp generate` reads from an account, with how. */
export interface GeneratedKind {
  kind: ResourceKind;
  generation: Generation;
}

/**
 * The kinds adopted from an account, in the order they are read and written: the registry's,
 * where a kind found within another's objects comes after that kind.
 */
export function generatedKinds(): GeneratedKind[] {
  const found: GeneratedKind[] = [];
  for (const kind of resourceKinds()) {
    const generation = kind.adoption?.generate;
    if (generation === undefined) continue;
    const parent = generation.within?.kind;
    if (parent !== undefined && !found.some((g) => g.kind.name === parent)) {
      throw new InternalError(`resource kind ${kind.name} is adopted within ${parent}, which the registry must list before it, and generate`);
    }
    if (parent === undefined && kind.handler.list === undefined) throw new InternalError(`resource kind ${kind.name} is generated, but has neither a listing nor a parent kind to be found within`);
    found.push({ kind, generation });
  }
  return found;
}

/** The name a label is derived from. */
function awsNameOf(generation: Generation, id: string, attributes: ObjectValue): string {
  if (generation.awsName) return generation.awsName(id, attributes);
  return typeof attributes.name === 'string' && attributes.name !== '' ? attributes.name : id;
}

export interface AccountContents {
  objects: AdoptedObject[];
  skipped: SkippedObject[];
}

export async function readAccount(ctx: HandlerContext): Promise<AccountContents> {
  const objects: AdoptedObject[] = [];
  const skipped: SkippedObject[] = [];
  const idsOf = (kind: string) => objects.filter((o) => o.kind === kind).map((o) => o.id);
  for (const { kind, generation } of generatedKinds()) {
    const prior = generation.readEverything ?? {};
    let ids: string[];
    let listing: Listing<unknown> | undefined;
    try {
      if (generation.within) {
        ids = await generation.within.ids(ctx, idsOf(generation.within.kind));
      } else {
        listing = await kind.handler.list!(ctx, []);
        ids = [...listing.keys()];
      }
    } catch (e) {
      if (generation.unreadableIsAbsent) {
        skipped.push({ kind: kind.name, id: ctx.settings.region, reason: `not readable here (${(e as Error).message})` });
        continue;
      }
      throw handlerCallError(e, `Listing the ${kind.name.replace(/_/g, ' ')}s of`, `Region ${ctx.settings.region}`);
    }
    // Objects found within their parents are read one by one (listing stays undefined): their listing only says which exist.
    const read = await Promise.all(
      ids.sort().map(async (id) => {
        try {
          return { id, attributes: await ctx.limit(() => kind.handler.read(ctx, id, prior, listing)) };
        } catch (e) {
          throw handlerCallError(e, 'Reading', `${kind.name} "${id}"`);
        }
      }),
    );
    for (const { id, attributes } of read) {
      if (attributes) objects.push({ kind: kind.name, id, awsName: awsNameOf(generation, id, attributes), attributes });
    }
  }
  return { objects, skipped };
}
