// The per-account block of the human apply summary: shown only when the apply ran in more than one
// provider location (a single-provider apply reads as before), one line per location where
// something was done, failed or never started, and the quiet ones counted, as the plan shows them.
import type { AccountApply } from '../engine/account-results.js';
import { accountLabel, quietLine } from './plan-accounts.js';
import { style } from './style.js';
import { plural } from './value-format.js';

const hasOutcome = (a: AccountApply) => a.added + a.changed + a.destroyed + a.jobs_started + a.failed.length + a.not_started.length > 0;

/** "Per account:" and its lines, or nothing for an apply in one location. */
export function renderApplyAccounts(accounts: readonly AccountApply[], color: boolean): string | undefined {
  if (accounts.length <= 1) return undefined;
  const s = style(color);
  const shown = accounts.filter(hasOutcome);
  const lines = ['', s.bold('Per account:')];
  for (const a of shown) {
    const parts = [`${a.added} added`, `${a.changed} changed`, `${a.destroyed} destroyed`];
    if (a.jobs_started > 0) parts.push(`${plural(a.jobs_started, 'backup job')} started`);
    if (a.failed.length > 0) parts.push(s.red(`${a.failed.length} failed`));
    if (a.not_started.length > 0) parts.push(s.yellow(`${a.not_started.length} not started`));
    lines.push(`  ${accountLabel(a)}: ${parts.join(', ')}`);
  }
  const quiet = accounts.length - shown.length;
  if (quiet > 0) lines.push(`  ${quietLine(quiet, shown.length > 0)}`);
  return lines.join('\n');
}
