// The per-account part of the plan views: shown only when a plan spans more than one provider
// location (a single-provider plan reads as before). Lists the locations where something happens
// or went wrong, and counts the others, so 200 quiet locations take one line.
import type { AccountPlan, AccountPlanCounts } from '../engine/account-results.js';
import { plural } from './value-format.js';

/** "provider sandbox.a017_use1, account 100000000017, us-east-1" */
export function accountLabel(account: Pick<AccountPlan, 'provider' | 'account_id' | 'region'>): string {
  return [account.provider, account.account_id !== undefined ? `account ${account.account_id}` : undefined, account.region].filter((part) => part !== undefined).join(', ');
}

const WORDS: ReadonlyArray<[keyof AccountPlanCounts, string]> = [
  ['import', 'to import'],
  ['add', 'to add'],
  ['change', 'to change'],
  ['destroy', 'to destroy'],
  ['replace', 'to replace'],
  ['move', 'to move'],
  ['forget', 'to forget'],
  ['jobs', 'backup jobs to start'],
];

const singular = (words: string) => words.replace('jobs', 'job');

/** "2 to add, 1 to change, 0 to destroy" and any other count that is not zero. */
export function accountCounts(counts: AccountPlanCounts): string {
  return WORDS.filter(([key]) => counts[key] > 0 || key === 'add' || key === 'change' || key === 'destroy')
    .map(([key, words]) => `${counts[key]} ${counts[key] === 1 ? singular(words) : words}`)
    .join(', ');
}

export function hasWork(account: AccountPlan): boolean {
  return account.errors.length > 0 || Object.values(account.counts).some((n) => n > 0);
}

/** The locations to show one by one, and how many quiet ones are left out. */
export function accountsToShow(accounts: readonly AccountPlan[]): { shown: AccountPlan[]; quiet: number } {
  const shown = accounts.filter(hasWork);
  return { shown, quiet: accounts.length - shown.length };
}

/** "198 other provider locations: no changes." */
export function quietLine(quiet: number, anyShown: boolean): string {
  return `${plural(quiet, `${anyShown ? 'other ' : ''}provider location`)}: no changes.`;
}
