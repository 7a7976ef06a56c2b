// The human plan view, in Terraform's layout: changes made outside bkp first, then the symbol
// legend, one block per resource that changes (sorted by address), and the summary line.
// Diagnostics are not part of it: commands print them with renderDiagnostics, which needs the
// configuration's source text.
import { actionable, adoptionCount, jobStarts, moveCount, planSummary, type Plan, type PlanEffect, type ResourceChange } from '../engine/plan-model.js';
import { renderDrift, renderResourceChange } from './plan-resource-text.js';
import { style, type Style } from './style.js';
import { plural } from './value-format.js';
import { planByAccount, spansSeveralAccounts } from '../engine/account-results.js';
import { accountCounts, accountLabel, accountsToShow, quietLine } from './plan-accounts.js';

export interface PlanHumanOptions {
  color: boolean;
  /** On-demand backup jobs the apply would start. */
  jobStarts?: number;
}

const RULE_WIDTH = 77;

export function renderPlanHuman(plan: Plan, opts: PlanHumanOptions): string {
  const s = style(opts.color);
  const changes = actionable(plan).sort(byAddress);
  const jobCount = opts.jobStarts ?? jobStarts(plan).length;
  const out: string[] = [];
  if (plan.drift.length > 0) out.push(...driftSection(plan, s));

  if (plan.mode === 'refresh-only') {
    if (plan.drift.length === 0) {
      out.push(
        `${s.bold(s.green('No changes.'))}${s.bold(' Your backup policy still matches the configuration.')}`,
        '',
        'bkp has checked that the real remote objects still match the result of your most recent changes, and found no differences.',
      );
    } else {
      out.push(
        'This is a refresh-only plan, so bkp will not take any actions to undo these. If you were expecting these ' +
          'changes then you can apply this plan to record the updated values in the bkp state without changing any remote objects.',
        '',
        s.bold(stateUpdateLine(plan)),
      );
    }
    return out.join('\n');
  }

  if (changes.length === 0 && jobCount === 0) {
    out.push(...noChanges(plan, s));
    return out.join('\n');
  }

  if (plan.drift.length > 0) {
    out.push(
      'Unless you have made equivalent changes to your configuration, the following plan may include actions to undo or respond to these changes.',
      '',
      '─'.repeat(RULE_WIDTH),
      '',
    );
  }
  out.push(...legend(changes, s), '');
  out.push('bkp will perform the following actions:', '');
  for (const change of changes) out.push(renderResourceChange(change, plan.mode, s), '');
  if (plan.effects && plan.effects.length > 0) out.push(...effectsSection(plan.effects, s), '');
  out.push(...accountsSection(plan, s));
  out.push(`${s.bold('Plan:')} ${summaryCounts(plan, jobCount)}`);
  return out.join('\n');
}

/** "1 to add, 2 to change, 0 to destroy, 0 backup jobs to start." */
export function summaryCounts(plan: Plan, jobStarts: number): string {
  const { add, change, destroy, import: imports } = planSummary(plan);
  const move = moveCount(plan);
  const adopt = adoptionCount(plan);
  const moves = move > 0 ? `, ${move} to move` : '';
  return `${adopt > 0 ? `${adopt} to adopt, ` : ''}${imports > 0 ? `${imports} to import, ` : ''}${add} to add, ${change} to change, ${destroy} to destroy, ${jobStarts} backup ${jobStarts === 1 ? 'job' : 'jobs'} to start${moves}.`;
}

/** For plans whose only effect is on the state: "Your state will be updated to match the account: …". */
export function stateUpdateLine(plan: Plan): string {
  return `Your state will be updated to match the account: ${plural(plan.drift.length, 'object')} changed outside bkp.`;
}

/** What the changes do beyond their own objects: the backup plans each member account gets. */
function effectsSection(effects: readonly PlanEffect[], s: Style): string[] {
  const out = ['Effect on other objects (what AWS makes of these changes):', ''];
  const symbol = (action: 'create' | 'update' | 'delete') => (action === 'create' ? s.green('+') : action === 'delete' ? s.red('-') : s.yellow('~'));
  for (const effect of effects) {
    out.push(`  ${s.bold(effect.subject)}`);
    for (const change of effect.changes) out.push(`    ${symbol(change.action)} ${change.summary}`);
  }
  return out;
}

/** Per provider location, when the plan spans several: what happens where (quiet locations counted). */
function accountsSection(plan: Plan, s: Style): string[] {
  const accounts = planByAccount(plan);
  if (!spansSeveralAccounts(accounts)) return [];
  const { shown, quiet } = accountsToShow(accounts);
  const out = [s.bold('Per account:')];
  for (const account of shown) {
    out.push(`  ${accountLabel(account)}: ${accountCounts(account.counts)}${account.errors.length > 0 ? s.red(`, ${plural(account.errors.length, 'error')}`) : ''}`);
  }
  if (quiet > 0) out.push(`  ${quietLine(quiet, shown.length > 0)}`);
  return [...out, ''];
}

function byAddress(a: ResourceChange, b: ResourceChange): number {
  return a.address < b.address ? -1 : a.address > b.address ? 1 : 0;
}

function driftSection(plan: Plan, s: Style): string[] {
  const out = [
    s.bold('Note: Objects have changed outside of bkp'),
    '',
    'bkp detected the following changes made outside of bkp since the last "bkp apply" which may have affected this plan:',
    '',
  ];
  const drift = [...plan.drift].sort((a, b) => (a.address < b.address ? -1 : a.address > b.address ? 1 : 0));
  for (const record of drift) out.push(renderDrift(record, record.sensitivePaths, s), '');
  return out;
}

function legend(changes: ResourceChange[], s: Style): string[] {
  const has = (test: (c: ResourceChange) => boolean) => changes.some(test);
  const out = [
    'bkp used the configuration and the account to generate the following execution plan.',
    'Resource actions are indicated with the following symbols:',
  ];
  if (has((c) => c.action === 'create' && !c.startsJob)) out.push(`  ${s.green('+')} create`);
  if (has((c) => c.startsJob === true)) out.push(`  ${s.green('+')} start backup job`);
  if (has((c) => c.action === 'update')) out.push(`  ${s.yellow('~')} update in place`);
  if (has((c) => c.action === 'delete')) out.push(`  ${s.red('-')} destroy`);
  if (has((c) => c.action === 'replace' && c.replaceOrder !== 'create-first')) {
    out.push(`${s.red('-')}/${s.green('+')} destroy and then create replacement`);
  }
  if (has((c) => c.action === 'replace' && c.replaceOrder === 'create-first' && !c.startsJob)) {
    out.push(`${s.green('+')}/${s.red('-')} create replacement and then destroy`);
  }
  return out;
}

function noChanges(plan: Plan, s: Style): string[] {
  if (plan.mode === 'destroy') {
    return [
      `${s.bold(s.green('No changes.'))}${s.bold(' No objects need to be destroyed.')}`,
      '',
      'Either you have not created any objects yet or the existing objects were already deleted outside bkp.',
    ];
  }
  const out = [`${s.bold(s.green('No changes.'))}${s.bold(' Your backup policy matches the configuration.')}`, ''];
  if (plan.drift.length > 0) {
    out.push(`Your configuration already matches the changes detected above. ${stateUpdateLine(plan)}`);
  } else {
    out.push('bkp has compared the account with your configuration and found no differences, so no changes are needed.');
  }
  return out;
}
