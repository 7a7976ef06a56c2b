// One paginated ListBackupVaults of one vault type (list-first refresh of the vault kinds), with
// the vaults' tags when they can be read in bulk; and the vault names a plan's creates need free.
import type { BackupVaultListMember, VaultType } from '@aws-sdk/client-backup';
import type { ObjectValue } from '../core/values.js';
import { backupApi } from '../aws/backup-api.js';
import { awsErrorName, isNotFound } from '../aws/errors.js';
import type { HandlerContext, Listing, PriorObject } from './handler.js';
import { holdersByName, nameAttribute, type NameSpace } from './free-names.js';
import { attachBulkTags } from './tags.js';

/** The kinds whose objects are vaults, standard or air-gapped (isVault of their models; a test keeps the two equal). */
export const VAULT_KINDS: ReadonlySet<string> = new Set(['backup_vault', 'logically_air_gapped_vault']);

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

/**
 * Vault names: one set per account and Region for both vault types (AWS refuses to create a
 * vault, standard or air-gapped, under a name a vault of either type holds).
 */
export const vaultNames: NameSpace = {
  noun: 'vault',
  scope: 'region',
  refusal: 'AlreadyExistsException',
  kinds: VAULT_KINDS,
  nameOf: nameAttribute,
  async taken(ctx) {
    const types: VaultType[] = ['BACKUP_VAULT', 'LOGICALLY_AIR_GAPPED_BACKUP_VAULT'];
    const listings = await Promise.all(types.map((type) => listVaultsOfType(ctx, [], type)));
    return new Map(listings.flatMap((listing) => [...holdersByName(listing, (v) => v.facts.BackupVaultArn)]));
  },
};

/**
 * Deletes a vault (standard or air-gapped); one already gone counts as deleted. AWS answers
 * AccessDeniedException both for a vault that does not exist and for one whose access policy
 * denies the deletion (or the caller's permissions do): ListBackupVaults, which no vault policy
 * governs, tells the two apart, so a refused deletion is reported instead of passing for done.
 */
export async function deleteVault(ctx: HandlerContext, name: string): Promise<void> {
  const { DeleteBackupVaultCommand, ListBackupVaultsCommand } = await backupApi();
  try {
    await ctx.backup.send(new DeleteBackupVaultCommand({ BackupVaultName: name }));
  } catch (e) {
    if (isNotFound(e)) return;
    if (awsErrorName(e) !== 'AccessDeniedException') throw e;
    let token: string | undefined;
    do {
      const out = await ctx.limit(() => ctx.backup.send(new ListBackupVaultsCommand({ NextToken: token, MaxResults: 1000 })));
      if ((out.BackupVaultList ?? []).some((v) => v.BackupVaultName === name)) throw e;
      token = out.NextToken;
    } while (token);
  }
}
