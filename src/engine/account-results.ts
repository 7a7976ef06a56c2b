// Per-account results: a plan (or an apply) over several providers, grouped by where each object
// lives — provider key × account × region — so a run over many accounts shows one summary and,
// per account, what changes there and what went wrong there. Pure functions of the plan and the
// apply's outcome; the views (render/) only format them.
import type { ResourceLocation } from '../state/model.js';
import type { ApplyResult } from './apply.js';
import type { Plan, ResourceChange } from './plan-model.js';

/** What a plan does in one account and region. */
export interface AccountPlanCounts {
  add: number;
  change: number;
  destroy: number;
  /** Replacements, counted on their own here (the summary line counts each as one add and one destroy). */
  replace: number;
  import: number;
  move: number;
  /** Records the apply drops without an AWS call (an on-demand backup's job, whose recovery point stays). */
  forget: number;
  /** On-demand backup jobs to start. */
  jobs: number;
}

export interface AccountPlan {
  /** The provider key the objects are managed through ("aws.prod", `aws.account["prod"]`). */
  provider: string;
  /** Known without a call for the sandbox and for a provider that assumes a role. */
  account_id?: string;
  region?: string;
  counts: AccountPlanCounts;
  /** The plan's errors about this account's resources. */
  errors: string[];
}

/** What an apply did, and failed to do, in one account and region. */
export interface AccountApply {
  provider: string;
  account_id?: string;
  region?: string;
  added: number;
  changed: number;
  destroyed: number;
  jobs_started: number;
  /** Operations that failed here, with AWS's or bkp's message. */
  failed: Array<{ address: string; operation: string; error: string }>;
  /** Operations that never started: an earlier failure (in any account) or an interrupt stopped the apply first. */
  not_started: string[];
}

const emptyCounts = (): AccountPlanCounts => ({ add: 0, change: 0, destroy: 0, replace: 0, import: 0, move: 0, forget: 0, jobs: 0 });

/** Where a change's object lives: where it is going, or, for a delete, where it was. */
function locationOf(change: ResourceChange): ResourceLocation | undefined {
  return change.location ?? change.priorLocation;
}

function keyOf(provider: string, at: { region?: string; account_id?: string } | undefined): string {
  return `${provider}\u0000${at?.account_id ?? ''}\u0000${at?.region ?? ''}`;
}

type Place = { provider: string; account_id?: string; region?: string };

function compareAccounts(a: Place, b: Place): number {
  const ka = keyOf(a.provider, a);
  const kb = keyOf(b.provider, b);
  return ka < kb ? -1 : ka > kb ? 1 : 0;
}

function place(provider: string, at: ResourceLocation | undefined): Place {
  return { provider, ...(at?.account_id !== undefined ? { account_id: at.account_id } : {}), ...(at?.region !== undefined ? { region: at.region } : {}) };
}

/** One entry per provider location, made by `make` on the first change that lives there. */
function groups<T>(make: (where: Place) => T): { accountOf(change: ResourceChange): T; accounts(): T[] } {
  const byKey = new Map<string, T>();
  return {
    accountOf(change) {
      const at = locationOf(change);
      const key = keyOf(change.provider, at);
      let entry = byKey.get(key);
      if (entry === undefined) {
        entry = make(place(change.provider, at));
        byKey.set(key, entry);
      }
      return entry;
    },
    accounts: () => [...byKey.values()],
  };
}

/** The plan per provider location, every location the plan touches included (also with nothing to do), sorted by provider. */
export function planByAccount(plan: Plan): AccountPlan[] {
  const { accountOf, accounts } = groups<AccountPlan>((where) => ({ ...where, counts: emptyCounts(), errors: [] }));
  const byAddress = new Map<string, AccountPlan>();
  for (const change of plan.changes) {
    const account = accountOf(change);
    byAddress.set(change.address, account);
    const { counts } = account;
    if (change.importId !== undefined && !change.adopted) counts.import++;
    if (change.previousAddress !== undefined) counts.move++;
    if (change.startsJob) {
      if (change.action === 'create' || change.action === 'replace') counts.jobs++;
      else if (change.action === 'delete') counts.forget++;
      continue;
    }
    if (change.action === 'create') counts.add++;
    else if (change.action === 'update') counts.change++;
    else if (change.action === 'delete') counts.destroy++;
    else if (change.action === 'replace') counts.replace++;
  }
  for (const d of plan.diagnostics) {
    if (d.severity !== 'error' || d.address === undefined) continue;
    byAddress.get(d.address)?.errors.push(d.detail !== undefined ? `${d.summary}: ${d.detail}` : d.summary);
  }
  return accounts().sort(compareAccounts);
}

/** How many places a plan spans: per-account views appear only when it is more than one. */
export function spansSeveralAccounts(accounts: readonly AccountPlan[]): boolean {
  return accounts.length > 1;
}

/** The apply's outcome per provider location of the operations it ran, failed or never started. */
export function applyByAccount(result: ApplyResult): AccountApply[] {
  const { accountOf, accounts } = groups<AccountApply>((where) => ({ ...where, added: 0, changed: 0, destroyed: 0, jobs_started: 0, failed: [], not_started: [] }));
  for (const op of result.completed) {
    const account = accountOf(op.change);
    if (op.change.startsJob) {
      if (op.kind === 'create') account.jobs_started++;
      continue;
    }
    if (op.kind === 'create') account.added++;
    else if (op.kind === 'update') account.changed++;
    else account.destroyed++;
  }
  for (const { operation, error } of result.failed) {
    accountOf(operation.change).failed.push({ address: operation.change.address, operation: operation.kind, error: error.message });
  }
  for (const op of result.notStarted) accountOf(op.change).not_started.push(op.change.address);
  return accounts().sort(compareAccounts);
}
