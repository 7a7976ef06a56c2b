// One paginated ListBackupVaults of one vault type (list-first refresh of the vault kinds), with
// the vaults' tags when they can be read in bulk.
import type { BackupVaultListMember, VaultType } from '@aws-sdk/client-backup';
import type { ObjectValue } from '../core/values.js';
import { backupApi } from '../aws/backup-api.js';
import type { HandlerContext, Listing, PriorObject } from './handler.js';
import { attachBulkTags } from './tags.js';

/** A vault as ListBackupVaults returned it, with its tags when they were read in bulk. */
export interface ListedVault {
  facts: BackupVaultListMember;
  tags?: ObjectValue;
}

export async function listVaultsOfType(ctx: HandlerContext, prior: readonly PriorObject[], type: VaultType): Promise<Listing<ListedVault>> {
  const { ListBackupVaultsCommand } = await backupApi();
  const listing: Listing<ListedVault> = new Map();
  let token: string | undefined;
  do {
    const out = await ctx.limit(() => ctx.backup.send(new ListBackupVaultsCommand({ ByVaultType: type, NextToken: token, MaxResults: 1000 })));
    for (const v of out.BackupVaultList ?? []) {
      // An endpoint that ignores ByVaultType (moto) lists every vault, and a vault without a type is a standard one.
      if (v.BackupVaultName && (v.VaultType ?? 'BACKUP_VAULT') === type) listing.set(v.BackupVaultName, { facts: v });
    }
    token = out.NextToken;
  } while (token);
  await attachBulkTags(ctx, 'backup:backup-vault', listing, (v) => v.facts.BackupVaultArn, prior);
  return listing;
}
