// Plan-time check that the name of every object a plan creates is free in the account. AWS refuses
// a second vault (framework, report plan, …) of a name with AlreadyExistsException, but only at
// apply, after the changes ordered before the create were made. Found at plan time, the refusal is
// in the plan a reviewer reads, and an apply stops before it changes anything.
import type { HandlerContext, Listing } from './handler.js';
import { handlerCallError, type PlanFinding, type PlannedChange, type ResourceKind } from './kind.js';
import { shellWord } from '../core/shell.js';

/** The object that holds a name now. */
export interface NameHolder {
  arn?: string;
  /** What `bkp import` takes to adopt it: its name, or an id (an organization policy's p-…). */
  importId: string;
}

/** Objects whose names AWS keeps unique per account and Region, or per organization. */
export interface NameSpace {
  /** What one object is called in messages: "vault". */
  noun: string;
  /** Where the names are unique: the provider's Region, or its organization. */
  scope: 'region' | 'organization';
  /** What AWS answers a create under a taken name. */
  refusal: string;
  /** The kinds whose objects share the names: both vault types draw on one set of vault names. */
  kinds: ReadonlySet<string>;
  /** The physical name a change's attributes give the object (the kinds' identity()). */
  nameOf(attributes: { readonly [key: string]: unknown }): string | undefined;
  /**
   * The names taken now where they are unique, each with the object holding it: all of them (one
   * listing), or at least those of `names` that are (a lookup each, where no listing covers them).
   */
  taken(ctx: HandlerContext, names: readonly string[]): Promise<Map<string, NameHolder>>;
}

/** The `name` attribute, for kinds whose objects are named by it (their handlers' identity()). */
export function nameAttribute(attributes: { readonly [key: string]: unknown }): string | undefined {
  return typeof attributes.name === 'string' ? attributes.name : undefined;
}

/** The names of a kind's listing (keyed by name), each held by an object imported by that name. */
export function holdersByName<Listed>(listing: Listing<Listed>, arnOf: (listed: Listed) => string | undefined): Map<string, NameHolder> {
  return new Map([...listing].map(([name, listed]) => [name, { importId: name, ...optionalArn(arnOf(listed)) }]));
}

/** `{ arn }` when there is one. */
export function optionalArn(arn: string | undefined): { arn?: string } {
  return arn ? { arn } : {};
}

/**
 * The names of one kind whose objects are named by their `name` and listed by name (frameworks,
 * report plans, …): the listing of the Region that refresh uses tells them.
 */
export function listedNames<Listed>(
  kind: string,
  noun: string,
  list: (ctx: HandlerContext) => Promise<Listing<Listed>>,
  arnOf: (listed: Listed) => string | undefined,
): NameSpace {
  return {
    noun,
    scope: 'region',
    refusal: 'AlreadyExistsException',
    kinds: new Set([kind]),
    nameOf: nameAttribute,
    taken: async (ctx) => holdersByName(await list(ctx), arnOf),
  };
}

/** The checkPlanned hook of a kind in `space`: an error for each create whose name an unmanaged object holds. */
export function checkNamesFree(space: NameSpace): NonNullable<ResourceKind['checkPlanned']> {
  return async (planned, plan, context) => {
    const creates = new Map<string, NamedCreate[]>();
    for (const change of planned) {
      const name = nameItMakes(change, space);
      if (name !== undefined) creates.set(change.provider, [...(creates.get(change.provider) ?? []), { change, name }]);
    }
    const findings = await Promise.all(
      [...creates].map(async ([provider, named]) => {
        const ctx = await context(provider);
        let taken: Map<string, NameHolder>;
        try {
          taken = await space.taken(ctx, named.map((n) => n.name));
        } catch (e) {
          throw handlerCallError(e, `Checking that no other ${space.noun} holds the name of`, named.map((n) => n.change.address).join(', '));
        }
        const managed = managedNames(plan, provider, space);
        const where = space.scope === 'region' ? `in ${ctx.settings.region}` : 'in the organization';
        return named.flatMap(({ change, name }) => {
          const holder = managed.has(name) ? undefined : taken.get(name);
          return holder ? [nameTakenFinding(change, name, holder, where, space)] : [];
        });
      }),
    );
    return findings.flat();
  };
}

interface NamedCreate {
  change: PlannedChange;
  name: string;
}

/** The name a create, or a replacement under a new name, needs free; undefined for any other change. */
function nameItMakes(c: PlannedChange, space: NameSpace): string | undefined {
  if (c.after === undefined) return undefined;
  const name = space.nameOf(c.after);
  if (name === undefined) return undefined;
  if (c.action === 'create') return name;
  return c.action === 'replace' && (c.before === undefined || space.nameOf(c.before) !== name) ? name : undefined;
}

/**
 * Names held by objects bkp manages (in state, adopted or imported by this plan): the plan keeps
 * them, or frees them before it takes them again (a renamed block label: see name-clashes.ts).
 */
function managedNames(plan: readonly PlannedChange[], provider: string, space: NameSpace): Set<string> {
  const names = new Set<string>();
  for (const c of plan) {
    if (c.provider !== provider || !space.kinds.has(c.kind) || c.before === undefined) continue;
    const name = space.nameOf(c.before);
    if (name !== undefined) names.add(name);
  }
  return names;
}

function nameTakenFinding(change: PlannedChange, name: string, holder: NameHolder, where: string, space: NameSpace): PlanFinding {
  const { noun } = space;
  return {
    address: change.address,
    severity: 'error',
    summary: `${change.address} cannot be created: a ${noun} named "${name}" already exists`,
    detail:
      `There is already a ${noun} named "${name}" ${where}${holder.arn ? ` (${holder.arn})` : ''}, and bkp does not manage it: ` +
      `AWS would refuse the create (${space.refusal}). To manage that ${noun} with this block, import it: ` +
      `\`bkp import ${shellWord(change.address)} ${shellWord(holder.importId)}\`, or an \`import\` block with to = ${change.address} and id = "${holder.importId}". ` +
      `Otherwise give this block another name.`,
    attribute: 'name',
  };
}
