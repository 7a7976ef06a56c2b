// Legal holds as the rest of the emulator sees them: which active holds cover a recovery point.
// AWS refuses to delete a held point, and delays its lifecycle (expiry, cold storage) until every
// hold on it is cancelled.
import type { BackupRegionState, LegalHoldRecord } from '../state.js';

/** The ACTIVE (or still CREATING) holds covering the recovery point `arn`. */
export function activeHoldsOn(region: BackupRegionState, arn: string): LegalHoldRecord[] {
  return Object.values(region.legalHolds ?? {}).filter(
    (hold) => (hold.status === 'ACTIVE' || hold.status === 'CREATING') && hold.recoveryPointArns.includes(arn),
  );
}

export function isHeld(region: BackupRegionState, arn: string): boolean {
  return activeHoldsOn(region, arn).length > 0;
}

/** "hold-title (id)" list for error messages. */
export function describeHolds(holds: readonly LegalHoldRecord[]): string {
  return holds.map((h) => `${h.title} (${h.id})`).join(', ');
}

/**
 * Every recovery point some active hold covers, computed once: the clock consults it for each
 * point when it builds its event queue, where a lookup per point through every hold would cost
 * points × holds.
 */
export function heldRecoveryPoints(region: BackupRegionState): Set<string> {
  const held = new Set<string>();
  for (const hold of Object.values(region.legalHolds ?? {})) {
    if (hold.status !== 'ACTIVE' && hold.status !== 'CREATING') continue;
    for (const arn of hold.recoveryPointArns) held.add(arn);
  }
  return held;
}
