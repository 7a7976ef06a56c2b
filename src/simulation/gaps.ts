// Counting recovery points by storage tier, and the worst gap between backups (or copies): the
// longest time a resource went without a new recovery point.

export interface TierCounts {
  total: number;
  warm: number;
  cold: number;
}

/** The longest time without a new backup: between two backups, or from the last one to the end (`open`). */
export interface Gap {
  from: number;
  to: number;
  ms: number;
  open: boolean;
}

/** The worst gap between consecutive backup times, the open gap to `end` included. */
export function worstGap(times: readonly number[], end: number): Gap | undefined {
  if (times.length === 0) return undefined;
  const sorted = [...times].sort((a, b) => a - b);
  let worst: Gap | undefined;
  for (let i = 1; i < sorted.length; i++) {
    const ms = sorted[i]! - sorted[i - 1]!;
    if (worst === undefined || ms > worst.ms) worst = { from: sorted[i - 1]!, to: sorted[i]!, ms, open: false };
  }
  const last = sorted[sorted.length - 1]!;
  if (end > last && (worst === undefined || end - last > worst.ms)) worst = { from: last, to: end, ms: end - last, open: true };
  return worst;
}
