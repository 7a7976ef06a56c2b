// `moved` blocks applied to the state: each object recorded at a `from` address is recorded at its
// `to` address instead, before anything is planned, so that the planner compares it with the
// configuration at its new address (no destroy, no create) and apply only rewrites the state.
// Addresses only: no AWS call, no kind named.
import type { Diagnostic, SourceRange } from '../core/diagnostics.js';
import type { Plan } from './plan-model.js';
import type { StateDocument } from '../state/model.js';
import { movedAddress, withRenamedResources } from '../state/model.js';
import { addressSteps } from '../core/addresses.js';

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

/**
 * Terraform's implicit moves for count: when count is added to a resource or a module call that
 * had none, the object recorded without an index is the instance [0] (`KIND.NAME` →
 * `KIND.NAME[0]`, `module.env.x` → `module.env[0].x`); when count is removed, [0] is the
 * object without an index. Only where the state has the old address, the configuration has the
 * new one and not the old, nothing is recorded at the new one yet, and no moved block speaks of
 * the old one. Without these, adding count = 1 to a vault planned its destruction.
 */
export function implicitCountMoves(configured: readonly string[], recorded: readonly string[], explicit: readonly MoveRequest[]): MoveRequest[] {
  const inConfig = new Set(configured);
  const inState = new Set(recorded);
  const moves: MoveRequest[] = [];
  for (const to of configured) {
    if (inState.has(to)) continue;
    const steps = addressSteps(to);
    for (const [i, step] of steps.entries()) {
      // Only a count index [0] goes, and only a step without any key gets one: a for_each key is no count.
      const toggled = step.endsWith('[0]') ? step.slice(0, -'[0]'.length) : step.endsWith(']') ? undefined : `${step}[0]`;
      if (toggled === undefined) continue;
      const from = [...steps.slice(0, i), toggled, ...steps.slice(i + 1)].join('.');
      if (!inState.has(from) || inConfig.has(from) || explicit.some((m) => movedAddress(from, m.from, m.to) !== undefined)) continue;
      moves.push({ from, to });
      break;
    }
  }
  return moves;
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

