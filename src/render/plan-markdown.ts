// The plan as a pull-request comment (GitHub-flavoured Markdown): a heading with the counts, a table
// of changes, drift, errors and warnings, and the full human plan folded in a <details> block as a
// ```diff code block, with each line's action symbol moved to the first column so the forge
// colours added and removed lines. No ANSI codes, no emoji.
import type { Diagnostic } from '../core/diagnostics.js';
import { actionable, ADOPTED_REASON, jobStarts as planJobStarts, type Plan, type ResourceChange } from '../engine/plan-model.js';
import { renderPlanHuman, stateUpdateLine, summaryCounts } from './plan-human.js';
import { plural } from './value-format.js';
import { unmodelledNote, unmodelledNoteText } from './unmodelled.js';
import { planByAccount, spansSeveralAccounts } from '../engine/account-results.js';
import { accountsToShow, quietLine } from './plan-accounts.js';

export interface PlanMarkdownOptions {
  /** Heading text before the counts; default "bkp plan". Name the directory when a repository has several. */
  title?: string;
  jobStarts?: number;
  /** Longest plan text kept in the details block (GitHub refuses comments over 65,536 characters). */
  maxDetailsChars?: number;
}

const DEFAULT_MAX_DETAILS_CHARS = 60_000;

const ACTION_LABELS: Record<Exclude<ResourceChange['action'], 'no-op'>, { symbol: string; words: string }> = {
  create: { symbol: '+', words: 'create' },
  update: { symbol: '~', words: 'update in place' },
  delete: { symbol: '-', words: 'destroy' },
  replace: { symbol: '-/+', words: 'replace' },
};

export function renderPlanMarkdown(plan: Plan, opts: PlanMarkdownOptions = {}): string {
  const title = opts.title ?? 'bkp plan';
  const jobStarts = opts.jobStarts ?? planJobStarts(plan).length;
  const changes = actionable(plan).sort((a, b) => (a.address < b.address ? -1 : a.address > b.address ? 1 : 0));
  const errors = plan.diagnostics.filter((d) => d.severity === 'error');
  const warnings = plan.diagnostics.filter((d) => d.severity === 'warning');
  const out: string[] = [`### ${escapeText(title)}: ${headline(plan, changes, errors.length, jobStarts)}`, ''];

  if (changes.length > 0) {
    out.push('| Address | Action | Reason |', '| --- | --- | --- |');
    for (const change of changes) out.push(changeRow(change));
    out.push('');
  }
  if (plan.drift.length > 0) {
    out.push('#### Changed outside bkp', '', '| Address | Change |', '| --- | --- |');
    const drift = [...plan.drift].sort((a, b) => (a.address < b.address ? -1 : a.address > b.address ? 1 : 0));
    for (const record of drift) {
      out.push(`| ${code(record.address)} | ${record.action === 'delete' ? 'deleted outside bkp' : 'changed outside bkp'} |`);
    }
    out.push('');
  }
  if (plan.effects && plan.effects.length > 0) {
    out.push('#### Effect on other objects', '');
    for (const effect of plan.effects) {
      out.push(`- **${effect.subject}**`);
      for (const change of effect.changes) out.push(`  - ${change.action === 'create' ? '➕' : change.action === 'delete' ? '➖' : '✏️'} ${change.summary.replace(/\|/g, '\\|')}`);
    }
    out.push('');
  }
  out.push(...accountsTable(plan));
  if (errors.length > 0) out.push('#### Errors', '', ...errors.flatMap(diagnosticItem), '');
  if (warnings.length > 0) out.push('#### Warnings', '', ...warnings.flatMap(diagnosticItem), '');

  if (changes.length > 0 || plan.drift.length > 0) {
    const text = truncate(renderPlanHuman(plan, { color: false, jobStarts }), opts.maxDetailsChars ?? DEFAULT_MAX_DETAILS_CHARS);
    const body = diffFriendly(text);
    const fence = fenceFor(body);
    out.push('<details><summary>Show plan</summary>', '', `${fence}diff`, body, fence, '', '</details>', '');
  }
  return out.join('\n');
}

/** Per provider location, when the plan spans several: a row for each location with changes or errors. */
function accountsTable(plan: Plan): string[] {
  const accounts = planByAccount(plan);
  if (!spansSeveralAccounts(accounts)) return [];
  const { shown, quiet } = accountsToShow(accounts);
  const out = ['#### Per account', ''];
  if (shown.length > 0) {
    out.push('| Provider | Account | Region | Add | Change | Destroy | Replace | Import | Move | Forget | Jobs | Errors |', '| --- | --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |');
    for (const { provider, account_id, region, counts, errors } of shown) {
      const numbers = [counts.add, counts.change, counts.destroy, counts.replace, counts.import, counts.move, counts.forget, counts.jobs, errors.length];
      out.push(`| ${code(provider)} | ${account_id ?? ''} | ${escapeText(region ?? '')} | ${numbers.join(' | ')} |`);
    }
    out.push('');
  }
  if (quiet > 0) out.push(quietLine(quiet, shown.length > 0), '');
  return out;
}

function headline(plan: Plan, changes: ResourceChange[], errorCount: number, jobStarts: number): string {
  if (errorCount > 0) return `failed with ${plural(errorCount, 'error')}`;
  if (plan.mode === 'refresh-only') {
    return plan.drift.length > 0 ? stateUpdateLine(plan) : 'no changes. Your backup policy still matches the configuration.';
  }
  if (changes.length === 0 && jobStarts === 0) {
    return plan.drift.length > 0
      ? `no changes. ${stateUpdateLine(plan)}`
      : 'no changes. Your backup policy matches the configuration.';
  }
  return summaryCounts(plan, jobStarts).replace(/\.$/, '');
}

function changeRow(change: ResourceChange): string {
  if (change.startsJob && (change.action === 'create' || change.action === 'replace')) {
    return `| ${code(change.address)} | ${code('+')} start backup job | ${escapeText(change.action === 'replace' ? (change.reason ?? '') : '')} |`;
  }
  const adopted = change.adopted && change.importId !== undefined ? `adopted: ${ADOPTED_REASON}` : '';
  if (change.action === 'no-op' && change.previousAddress !== undefined && change.importId === undefined) {
    return `| ${code(change.address)} | ${code('=')} moved from ${code(change.previousAddress)} | |`;
  }
  if (change.action === 'no-op') {
    const words = adopted !== '' ? 'adopt' : 'import';
    return `| ${code(change.address)} | ${code('=')} ${words} ${code(change.importId ?? '')} | ${escapeText(adopted)} |`;
  }
  const label = ACTION_LABELS[change.action as keyof typeof ACTION_LABELS];
  const symbol = change.action === 'replace' && change.replaceOrder === 'create-first' ? '+/-' : label.symbol;
  const note = unmodelledNote(change);
  const moved = change.previousAddress !== undefined ? `moved from ${change.previousAddress}` : '';
  const why = [adopted, moved, change.reason ?? '', note ? unmodelledNoteText(note) : ''].filter((text) => text !== '').join('; ');
  return `| ${code(change.address)} | ${code(symbol)} ${label.words} | ${escapeText(why)} |`;
}

function diagnosticItem(d: Diagnostic): string[] {
  const where = d.range ? ` (${code(`${d.range.file}:${d.range.start.line}:${d.range.start.column}`)})` : '';
  const lines = [`- **${escapeText(d.summary)}**${where}`];
  for (const line of (d.detail ?? '').split('\n')) if (line.trim() !== '') lines.push(`  ${escapeText(line)}`);
  return lines;
}

/** Backslash-escapes what Markdown or HTML would interpret, including table cell separators. */
function escapeText(text: string): string {
  return text.replace(/[\\`*_[\]<>|#]/g, (c) => `\\${c}`).replace(/\r?\n/g, ' ');
}

/** An inline code span that survives backticks in its content. */
function code(text: string): string {
  const longest = Math.max(0, ...(text.match(/`+/g) ?? []).map((run) => run.length));
  const ticks = '`'.repeat(longest + 1);
  const padded = longest > 0 ? ` ${text} ` : text;
  return `${ticks}${padded.replace(/\|/g, '\\|')}${ticks}`;
}

function fenceFor(body: string): string {
  const longest = Math.max(0, ...(body.match(/`{3,}/g) ?? []).map((run) => run.length));
  return '`'.repeat(Math.max(3, longest + 1));
}

/**
 * Moves each line's action symbol to the first column ("      + name" → "+       name") and turns
 * `~` into `!`, which diff highlighting shows as a changed line; the text keeps its alignment.
 */
function diffFriendly(text: string): string {
  return text
    .split('\n')
    .map((line) => line.replace(/^(\s+)([-+~])(?= )/, '$2$1').replace(/^~/, '!'))
    .join('\n');
}

function truncate(text: string, max: number): string {
  if (text.length <= max) return text;
  const cut = text.lastIndexOf('\n', max);
  return `${text.slice(0, cut > 0 ? cut : max)}\n\n… (plan truncated: run bkp plan to see all of it)`;
}
