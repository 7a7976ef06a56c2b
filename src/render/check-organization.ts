// The organization part of a `bkp check` report, as lines of text (the human and Markdown views
// show them under the controls): which accounts' effective backup plans were judged, from where,
// and each account that was not evaluated with the reason.
import type { OrganizationPlans } from '../policy/model.js';
import { plural } from './value-format.js';

const SOURCES: Record<OrganizationPlans['source'], string> = {
  configuration: "merged from this configuration's org_backup_policy and org_policy_attachment blocks",
  organization: 'effective backup policies read from AWS Organizations (DescribeEffectivePolicy)',
};

/** The headline, then one line per account not evaluated. */
export function organizationLines(org: OrganizationPlans): { headline: string; accounts: string[] } {
  if (org.notEvaluated !== undefined) return { headline: `Organization accounts: not evaluated: ${org.notEvaluated}.`, accounts: [] };
  const missed = org.accounts.filter((a) => a.plans === undefined);
  const evaluated = org.accounts.length - missed.length;
  const scope = org.scope === undefined ? '' : `; ${org.scope}`;
  const notEvaluated = missed.length > 0 ? `, ${missed.length} not evaluated` : '';
  return {
    headline: `Organization accounts: ${plural(evaluated, 'account')} evaluated${notEvaluated} (${SOURCES[org.source]}${scope}).`,
    accounts: missed.map((a) => `account ${a.id} (${a.name}): not evaluated: ${a.notEvaluated ?? 'unknown'}`),
  };
}
