// One resource in the human plan: the header comment and the `resource "kind" "name" { … }` body,
// for a planned change or for a change found outside bkp (drift).
import type { ObjectValue } from '../core/values.js';
import { ADOPTED_REASON, type DriftRecord, type Plan, type ResourceChange } from '../engine/plan-model.js';
import { kindModel } from '../resources/registry.js';
import { splitAddress } from './plan-address.js';
import { diffResource } from './plan-diff.js';
import { renderBlockBody } from './plan-diff-text.js';
import { sensitiveMatcher } from '../config/sensitive-paths.js';
import { resourceShape } from './plan-shape.js';
import type { Style } from './style.js';
import { quoteString } from './value-format.js';
import { unmodelledNote, unmodelledNoteText, unreadAttributes, unreadAttributesText, withoutUnmodelled } from './unmodelled.js';

type ShownAction = Exclude<ResourceChange['action'], 'no-op'>;

const PHRASES: Record<ShownAction, { text: string; emphasis?: string }> = {
  create: { text: 'will be created' },
  update: { text: 'will be updated in place' },
  replace: { text: 'must be replaced', emphasis: 'replaced' },
  delete: { text: 'will be destroyed', emphasis: 'destroyed' },
};

/** The resource action column: `  +`, `  ~`, `  -`, `-/+` (destroy first) or `+/-` (create first). */
export function resourceSymbol(action: ShownAction, order: ResourceChange['replaceOrder'], s: Style): string {
  switch (action) {
    case 'create':
      return `  ${s.green('+')}`;
    case 'update':
      return `  ${s.yellow('~')}`;
    case 'delete':
      return `  ${s.red('-')}`;
    case 'replace':
      return order === 'create-first' ? `${s.green('+')}/${s.red('-')}` : `${s.red('-')}/${s.green('+')}`;
  }
}

export function renderResourceChange(change: ResourceChange, mode: Plan['mode'], s: Style): string {
  if (change.startsJob && (change.action === 'create' || change.action === 'replace')) return renderJobStart(change, s);
  if (change.adopted && change.importId !== undefined && change.action === 'no-op') {
    return [
      `${s.bold(`  # ${change.address}`)} will be adopted: ${ADOPTED_REASON}`,
      `    resource ${quoteString(change.kind)} ${quoteString(change.name)} {`,
      `        id = ${quoteString(change.importId)}`,
      '    }',
    ].join('\n');
  }
  if (change.previousAddress !== undefined && change.action === 'no-op' && change.importId === undefined) {
    // Terraform's wording: the object is the same, only its address in the state changes.
    return [`${s.bold(`  # ${change.previousAddress}`)} has moved to ${s.bold(change.address)}`, `    resource ${quoteString(change.kind)} ${quoteString(change.name)} {`, ...(change.id !== undefined ? [`        id = ${quoteString(change.id)}`] : []), '    }'].join('\n');
  }
  if (change.importId !== undefined && change.action === 'no-op') {
    return [
      `${s.bold(`  # ${change.address}`)} will be imported`,
      `    resource ${quoteString(change.kind)} ${quoteString(change.name)} {`,
      `        id = ${quoteString(change.importId)}`,
      '    }',
    ].join('\n');
  }
  const action = change.action as ShownAction;
  const lines = [`${s.bold(`  # ${change.address}`)} ${describe(action, change.reason, s)}`];
  if (change.adopted && change.importId !== undefined) lines.push(s.bold(`  # (adopted: ${ADOPTED_REASON}, id ${quoteString(change.importId)})`));
  else if (change.importId !== undefined) lines.push(s.bold(`  # (imported from ${quoteString(change.importId)})`));
  if (change.previousAddress !== undefined) lines.push(s.bold(`  # (moved from ${change.previousAddress})`));
  if (action === 'delete' && mode === 'normal' && !change.reason) {
    lines.push(s.bold(`  # (because ${change.address} is not in configuration)`));
  }
  const note = unmodelledNote(change);
  if (note) lines.push(s.bold(`  # (${unmodelledNoteText(note)})`));
  const unread = unreadAttributes(change);
  if (unread.length > 0) lines.push(s.bold(`  # (${unreadAttributesText(unread)})`));
  const root = diffResource({
    before: withoutUnmodelled(change.kind, change.before),
    after: withoutUnmodelled(change.kind, change.after),
    shape: resourceShape(change.kind),
    sensitive: sensitiveMatcher(change.sensitivePaths),
    replaceAttributes: action === 'replace' ? new Set(change.replacePaths.map((path) => path[0]!)) : undefined,
  });
  lines.push(`${resourceSymbol(action, change.replaceOrder, s)} resource ${quoteString(change.kind)} ${quoteString(change.name)} ${renderBlockBody(root, 0, s)}`);
  return lines.join('\n');
}

/**
 * An on-demand backup that starts a job: the attributes as usual, then the `+ start backup job`
 * line. A replacement only forgets the previous job (its recovery point stays), so it is a `+` too.
 */
function renderJobStart(change: ResourceChange, s: Style): string {
  const header =
    change.action === 'replace' && change.reason ? change.reason : 'will start a backup job';
  const root = diffResource({
    before: change.before,
    after: change.after,
    shape: resourceShape(change.kind),
    sensitive: sensitiveMatcher(change.sensitivePaths),
    replaceAttributes: change.action === 'replace' ? new Set(change.replacePaths.map((path) => path[0]!)) : undefined,
  });
  const symbol = change.action === 'replace' ? `  ${s.yellow('~')}` : `  ${s.green('+')}`;
  const text = (v: unknown) => (typeof v === 'string' ? v : '(known after apply)');
  return [
    `${s.bold(`  # ${change.address}`)} ${header}`,
    `${symbol} resource ${quoteString(change.kind)} ${quoteString(change.name)} ${renderBlockBody(root, 0, s)}`,
    `  ${s.green('+')} start backup job of ${text(change.after?.resource_arn)} into vault ${quoteString(text(change.after?.vault))}`,
  ].join('\n');
}

/** "must be replaced: backup selections cannot be updated", with the key word emphasised as Terraform does. */
function describe(action: ShownAction, reason: string | undefined, s: Style): string {
  const phrase = PHRASES[action];
  let rest = '';
  if (reason) rest = reason.startsWith(phrase.text) ? reason.slice(phrase.text.length) : `: ${reason}`;
  const text = phrase.emphasis
    ? `${phrase.text.slice(0, -phrase.emphasis.length)}${s.bold(s.red(phrase.emphasis))}`
    : phrase.text;
  return `${text}${rest}`;
}

/**
 * A change made outside bkp: before is the last-applied state, after what the account holds. The
 * sensitive paths of the resource's planned change apply, so a secret never leaks through drift.
 */
export function renderDrift(drift: DriftRecord, sensitivePaths: readonly string[], s: Style): string {
  const model = kindModel(drift.kind);
  const canonical = (attributes: ObjectValue | null) =>
    withoutUnmodelled(drift.kind, attributes && model ? model.canonical(attributes) : attributes);
  const { name } = splitAddress(drift.address, drift.kind);
  const root = diffResource({
    before: canonical(drift.before),
    after: canonical(drift.after),
    shape: resourceShape(drift.kind),
    sensitive: sensitiveMatcher(sensitivePaths),
  });
  const what = drift.action === 'delete' ? 'has been deleted outside bkp' : 'has changed outside bkp';
  return [
    `${s.bold(`  # ${drift.address}`)} ${what}`,
    `${resourceSymbol(drift.action, undefined, s)} resource ${quoteString(drift.kind)} ${quoteString(name)} ${renderBlockBody(root, 0, s)}`,
  ].join('\n');
}
