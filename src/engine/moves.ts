// `moved` blocks applied to the state: each object recorded at a `from` address is recorded at its
// `to` address instead, before anything is planned, so that the planner compares it with the
// configuration at its new address (no destroy, no create) and apply only rewrites the state.
// Addresses only: no AWS call, no kind named.
import type { Diagnostic, SourceRange } from '../core/diagnostics.js';
import type { Plan } from './plan-model.js';
import type { StateDocument } from '../state/model.js';
import { movedAddress, withRenamedResources } from '../state/model.js';

export interface MoveRequest {
  from: string;
  to: string;
  range?: SourceRange;
}

/** A move that took place: the object recorded at `from` is now at `to`. */
export interface MovedAddress {
  from: string;
  to: string;
}

/** Where `address` ends up after every move that applies to it, in turn (a chain a → b → c ends at c). */
function finalAddress(address: string, moves: readonly MoveRequest[]): string {
  let current = address;
  for (let step = 0; step < moves.length; step++) {
    const next = moves.map((m) => movedAddress(current, m.from, m.to)).find((a) => a !== undefined);
    if (next === undefined) break;
    current = next;
  }
  return current;
}

/**
 * The state with the moves applied, the moves that took place, and warnings for those that could
 * not (an object is already recorded at the new address). Moves whose `from` the state does not
 * hold are nothing to do, as in Terraform: they stay in the configuration for older states.
 */
export function applyMoves(doc: StateDocument, moves: readonly MoveRequest[]): { state: StateDocument; moved: MovedAddress[]; diagnostics: Diagnostic[] } {
  if (moves.length === 0) return { state: doc, moved: [], diagnostics: [] };
  const targets = new Map<string, string>();
  for (const r of doc.resources) {
    const to = finalAddress(r.address, moves);
    if (to !== r.address) targets.set(r.address, to);
  }
  const diagnostics: Diagnostic[] = [];
  const staying = new Set(doc.resources.filter((r) => !targets.has(r.address)).map((r) => r.address));
  const taken = new Set(staying);
  const moved: MovedAddress[] = [];
  for (const [from, to] of targets) {
    if (taken.has(to)) {
      const move = moves.find((m) => movedAddress(from, m.from, m.to) !== undefined);
      diagnostics.push({
        severity: 'warning',
        summary: 'Moved object still in the state',
        detail: `${from} was not moved to ${to}: the state already records an object at ${to}. Remove the one that is no longer wanted with \`bkp state rm\`, then plan again.`,
        ...(move?.range ? { range: move.range } : {}),
      });
      targets.delete(from);
      continue;
    }
    taken.add(to);
    moved.push({ from, to });
  }
  if (moved.length === 0) return { state: doc, moved, diagnostics };
  return { state: withRenamedResources(doc, targets), moved: moved.sort((a, b) => (a.to < b.to ? -1 : a.to > b.to ? 1 : 0)), diagnostics };
}

/** The moves of a plan applied to a state again (apply of a saved plan): each `from` still recorded goes to its `to`. */
export function withMoves(doc: StateDocument, moved: readonly MovedAddress[] | undefined): StateDocument {
  if (!moved || moved.length === 0) return doc;
  const recorded = new Set(doc.resources.map((r) => r.address));
  const targets = new Map(moved.filter((m) => recorded.has(m.from) && !recorded.has(m.to)).map((m) => [m.from, m.to]));
  return targets.size === 0 ? doc : withRenamedResources(doc, targets);
}

/** Records the moves in the plan, and on each change at a new address where it came from. */
export function markMoves(plan: Plan, moved: readonly MovedAddress[]): void {
  if (moved.length === 0) return;
  plan.moved = [...moved];
  const from = new Map(moved.map((m) => [m.to, m.from]));
  for (const change of plan.changes) {
    const previous = from.get(change.address);
    if (previous !== undefined) change.previousAddress = previous;
  }
}

