// `bkp apply -json`: the apply's outcome as one JSON document — the totals, and per provider
// location (provider key × account × region) what was done, what failed and what never started,
// so a failure in one account hides none of the others' results.
import type { AccountApply } from '../engine/account-results.js';
import { bkpVersion } from '../core/version.js';

export interface ApplyJson {
  format_version: '1.0';
  bkp_version: string;
  outcome: 'complete' | 'failed' | 'interrupted';
  summary: { added: number; changed: number; destroyed: number; jobs_started: number; failed: number; not_started: number };
  accounts: AccountApply[];
}

export function applyToJson(outcome: ApplyJson['outcome'], counts: { added: number; changed: number; destroyed: number }, jobsStarted: number, accounts: readonly AccountApply[]): ApplyJson {
  const total = (of: (a: AccountApply) => number) => accounts.reduce((n, a) => n + of(a), 0);
  return {
    format_version: '1.0',
    bkp_version: bkpVersion(),
    outcome,
    summary: { ...counts, jobs_started: jobsStarted, failed: total((a) => a.failed.length), not_started: total((a) => a.not_started.length) },
    accounts: accounts.map((a) => ({ ...a, failed: a.failed.map((f) => ({ ...f })), not_started: [...a.not_started] })),
  };
}
