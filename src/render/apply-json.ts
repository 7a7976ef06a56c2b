// `bkp apply -json`: the apply's outcome as one JSON document — the totals, and per provider
// location (provider key × account × region) what was done, what failed and what never started,
// so a failure in one account hides none of the others' results.
import type { AccountApply } from '../engine/account-results.js';
import { bkpVersion } from '../core/version.js';
import type { Diagnostic } from '../core/diagnostics.js';
import type { JsonValue, StateOutput } from '../state/model.js';
import { diagnosticsToJson } from './diagnostics.js';

export interface ApplyJson {
  format_version: '1.0';
  bkp_version: string;
  outcome: 'complete' | 'failed' | 'interrupted' | 'refused';
  summary: { added: number; changed: number; destroyed: number; jobs_started: number; failed: number; not_started: number };
  accounts: AccountApply[];
  /** After a complete apply whose configuration has outputs: as `bkp output -json` prints them, a sensitive value left out. */
  outputs?: Record<string, { sensitive: boolean; value?: JsonValue }>;
  /** Why the plan was refused (outcome "refused"): as `bkp plan -json` reports them. */
  diagnostics?: ReturnType<typeof diagnosticsToJson>;
}

export function applyToJson(
  outcome: ApplyJson['outcome'],
  counts: { added: number; changed: number; destroyed: number },
  jobsStarted: number,
  accounts: readonly AccountApply[],
  extra: { outputs?: Readonly<Record<string, StateOutput>>; diagnostics?: readonly Diagnostic[] } = {},
): ApplyJson {
  const total = (of: (a: AccountApply) => number) => accounts.reduce((n, a) => n + of(a), 0);
  return {
    format_version: '1.0',
    bkp_version: bkpVersion(),
    outcome,
    summary: { ...counts, jobs_started: jobsStarted, failed: total((a) => a.failed.length), not_started: total((a) => a.not_started.length) },
    accounts: accounts.map((a) => ({ ...a, failed: a.failed.map((f) => ({ ...f })), not_started: [...a.not_started] })),
    ...(extra.outputs === undefined ? {} : { outputs: outputsToJson(extra.outputs) }),
    ...(extra.diagnostics === undefined ? {} : { diagnostics: diagnosticsToJson(extra.diagnostics) }),
  };
}

// As Terraform's machine-readable outputs message: a sensitive value is not written.
function outputsToJson(outputs: Readonly<Record<string, StateOutput>>): NonNullable<ApplyJson['outputs']> {
  return Object.fromEntries(
    Object.entries(outputs).map(([name, output]) => [name, output.sensitive || output.value === undefined ? { sensitive: output.sensitive } : { sensitive: false, value: output.value }]),
  );
}
