// Which active legal holds cover recovery points of which vault, for the vault kinds' refusal to
// destroy a vault whose recovery points AWS will not delete. Read once per refresh of a provider's
// vaults, and only when some vault holds recovery points: one ListLegalHolds, then one
// ListRecoveryPointsByLegalHold per active hold (holds are few; vaults may be thousands).
import { backupApi } from '../aws/backup-api.js';
import { awsErrorName, UnreadableReplyError } from '../aws/errors.js';
import { isObjectValue, type ObjectValue, type Value } from '../core/values.js';
import type { HandlerContext } from './handler.js';

/** A hold as the vault's computed `legal_holds` attribute records it. */
export interface VaultHold {
  id: string;
  title: string;
}

/**
 * Vault name → the active holds on its recovery points. An endpoint without legal holds (moto), or
 * credentials that may not list them, give an empty map: AWS itself still refuses the deletion.
 */
export async function activeHoldsByVault(ctx: HandlerContext): Promise<Map<string, VaultHold[]>> {
  const byVault = new Map<string, VaultHold[]>();
  try {
    const { ListLegalHoldsCommand, ListRecoveryPointsByLegalHoldCommand } = await backupApi();
    const holds: VaultHold[] = [];
    let token: string | undefined;
    do {
      const out = await ctx.limit(() => ctx.backup.send(new ListLegalHoldsCommand({ NextToken: token, MaxResults: 1000 })));
      for (const h of out.LegalHolds ?? []) {
        if (h.LegalHoldId && (h.Status === 'ACTIVE' || h.Status === 'CREATING')) holds.push({ id: h.LegalHoldId, title: h.Title ?? '' });
      }
      token = out.NextToken;
    } while (token);
    await Promise.all(
      holds.map(async (hold) => {
        let next: string | undefined;
        do {
          const out = await ctx.limit(() =>
            ctx.backup.send(new ListRecoveryPointsByLegalHoldCommand({ LegalHoldId: hold.id, NextToken: next, MaxResults: 1000 })),
          );
          for (const point of out.RecoveryPoints ?? []) {
            if (!point.BackupVaultName) continue;
            const list = byVault.get(point.BackupVaultName) ?? [];
            if (!list.some((h) => h.id === hold.id)) list.push(hold);
            byVault.set(point.BackupVaultName, list);
          }
          next = out.NextToken;
        } while (next);
      }),
    );
  } catch (e) {
    if (e instanceof UnreadableReplyError || awsErrorName(e) === 'AccessDeniedException' || awsErrorName(e) === 'UnknownOperationException') return new Map();
    throw e;
  }
  for (const list of byVault.values()) list.sort((a, b) => (a.id < b.id ? -1 : 1));
  return byVault;
}

/** The holds as a computed attribute value. */
export function holdsValue(holds: readonly VaultHold[]): Value {
  return holds.map((h) => ({ id: h.id, title: h.title }));
}

/** The refusal to delete a vault whose recovery points are under an active legal hold, if any. */
export function legalHoldRefusal(kindLabel: string, attributes: ObjectValue): string | undefined {
  const holds = Array.isArray(attributes.legal_holds) ? attributes.legal_holds.filter(isObjectValue) : [];
  if (holds.length === 0) return undefined;
  const named = holds.map((h) => `"${String(h.title)}" (${String(h.id)})`).join(', ');
  return (
    `${kindLabel} "${String(attributes.name)}" holds recovery points under active legal hold${holds.length === 1 ? '' : 's'} ${named}: ` +
    'AWS refuses to delete them, so the vault cannot be deleted (force_destroy cannot either). Cancel the hold first ' +
    '(destroy its legal_hold resource, or CancelLegalHold), or keep the vault in the configuration.'
  );
}
