// Backups into a logically air-gapped vault named by ARN (StartBackupJob's
// LogicallyAirGappedBackupVaultArn, a rule's TargetLogicallyAirGappedBackupVaultArn). AWS backs
// "supported fully managed resources" up directly into it and copies other supported ones there
// through a temporary snapshot in the backup vault. ⚠ The sandbox simplifies both to a direct
// backup into the air-gapped vault: the recovery point ends up where AWS would put it.
import { parseBackupVaultArn } from '../../domain/arn.js';
import type { VaultRecord } from '../state.js';
import type { EngineScope } from './jobs.js';

/** The air-gapped vault of this account and Region that `arn` names, if there is one. */
export function airGappedVaultAt(scope: EngineScope, arn: string): VaultRecord | undefined {
  const parsed = parseBackupVaultArn(arn);
  if (!parsed || parsed.region !== scope.regionName || parsed.account !== scope.account.accountId) return undefined;
  const vault = scope.region.vaults[parsed.name];
  return vault?.vaultType === 'LOGICALLY_AIR_GAPPED_BACKUP_VAULT' ? vault : undefined;
}
