// Apply progress lines, in Terraform's words:
//   backup_vault.main: Creating...
//   backup_vault.main: Creation complete after 1s [id=main]
import type { ApplyEvent } from '../engine/apply.js';
import { style } from './style.js';

const VERB = {
  create: ['Creating...', 'Creation complete', 'Creation failed'],
  update: ['Modifying...', 'Modifications complete', 'Modification failed'],
  delete: ['Destroying...', 'Destruction complete', 'Destruction failed'],
} as const;

export function renderApplyEvent(event: ApplyEvent, color: boolean): string | undefined {
  const s = style(color);
  const { operation } = event;
  const [starting, finished, failed] = VERB[operation.kind];
  const address = s.bold(operation.change.address);
  switch (event.type) {
    case 'start':
      return `${address}: ${starting}${operation.change.id && operation.kind !== 'create' ? ` [id=${operation.change.id}]` : ''}`;
    case 'done': {
      const seconds = Math.round((event.elapsedMs ?? 0) / 1000);
      return `${address}: ${finished} after ${seconds}s${event.id ? ` [id=${event.id}]` : ''}`;
    }
    case 'failed':
      return `${address}: ${s.red(failed)}`;
    case 'skipped':
      return undefined;
  }
}

export function renderApplySummary(
  counts: { added: number; changed: number; destroyed: number },
  outcome: 'complete' | 'failed' | 'interrupted' | 'refused',
  color: boolean,
): string {
  const s = style(color);
  if (outcome === 'refused') return `\n${s.bold(s.red('Apply refused.'))} The plan has errors: nothing was changed.`;
  const line = `Resources: ${counts.added} added, ${counts.changed} changed, ${counts.destroyed} destroyed.`;
  if (outcome === 'complete') return `\n${s.bold(s.green('Apply complete!'))} ${line}`;
  if (outcome === 'interrupted') return `\n${s.bold(s.yellow('Apply interrupted.'))} ${line} The state records everything that completed.`;
  return `\n${s.bold(s.red('Apply failed.'))} ${line} The state records everything that completed; fix the error and run apply again.`;
}

/** The refresh counter shown on a terminal's stderr: rewritten in place, cleared when done. */
export function renderRefreshProgress(done: number, total: number): string {
  return `\rRefreshing state... ${done}/${total}${done === total ? '\r\u001b[K' : ''}`;
}
