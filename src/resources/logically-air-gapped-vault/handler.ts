// logically_air_gapped_vault through AWS Backup: created with CreateLogicallyAirGappedBackupVault,
// read and deleted with the backup vault calls (ListBackupVaults by vault type, DescribeBackupVault,
// DeleteBackupVault). Only its tags can change in place.
import type { BackupVaultListMember } from '@aws-sdk/client-backup';
import { isObjectValue, type ObjectValue } from '../../core/values.js';
import { isVaultMissing } from '../../aws/errors.js';
import { backupApi } from '../../aws/backup-api.js';
import type { HandlerContext, Listing, PriorObject, ResourceHandler } from '../handler.js';
import { adoptByName } from '../adopt-by-name.js';
import { managedPart } from '../managed.js';
import { readTags, syncTags } from '../tags.js';
import { deleteVault, listVaultsOfType, type ListedVault } from '../vault-listing.js';
import { logicallyAirGappedVaultModel } from './model.js';

const AIR_GAPPED = 'LOGICALLY_AIR_GAPPED_BACKUP_VAULT';

/** What ListBackupVaults and DescribeBackupVault both say of a vault. */
type VaultFacts = BackupVaultListMember;

/** One paginated listing of the Region's air-gapped vaults (list-first refresh). */
function listVaults(ctx: HandlerContext, prior: readonly PriorObject[]): Promise<Listing<ListedVault>> {
  return listVaultsOfType(ctx, prior, AIR_GAPPED);
}

/** The vault named `name` when it exists and is air-gapped (a standard vault of that name is not this kind's). */
async function describe(ctx: HandlerContext, name: string): Promise<VaultFacts | null> {
  const { DescribeBackupVaultCommand } = await backupApi();
  try {
    const facts = await ctx.backup.send(new DescribeBackupVaultCommand({ BackupVaultName: name }));
    return facts.VaultType === AIR_GAPPED ? facts : null;
  } catch (e) {
    if (isVaultMissing(e)) return null;
    throw e;
  }
}

function attributesFrom(facts: VaultFacts, id: string, arn: string, tags: ObjectValue): ObjectValue {
  const attributes: ObjectValue = {
    name: facts.BackupVaultName ?? id,
    tags,
    arn,
    vault_type: facts.VaultType ?? AIR_GAPPED,
    vault_state: facts.VaultState ?? 'AVAILABLE',
    recovery_points: facts.NumberOfRecoveryPoints ?? 0,
  };
  if (facts.MinRetentionDays !== undefined) attributes.min_retention_days = facts.MinRetentionDays;
  if (facts.MaxRetentionDays !== undefined) attributes.max_retention_days = facts.MaxRetentionDays;
  // AWS names the key only when it is the customer's; the AWS-owned key is the unset default.
  if (facts.EncryptionKeyArn && facts.EncryptionKeyType !== 'AWS_OWNED_KMS_KEY') attributes.kms_key_arn = facts.EncryptionKeyArn;
  return attributes;
}

export const logicallyAirGappedVaultHandler: ResourceHandler<ListedVault> = {
  list: listVaults,

  identity: (desired) => (typeof desired.name === 'string' ? desired.name : undefined),

  // Vault names are unique per Region across vault types: the vault an intent's create made has its name.
  async adopt(ctx, intents) {
    const listing = await listVaults(ctx, []);
    const factsOf = (v: ListedVault) => ({ arn: v.facts.BackupVaultArn, creatorRequestId: v.facts.CreatorRequestId });
    return adoptByName(intents, listing, factsOf, 'logically air-gapped vault', (name) => ctx.limit(() => this.read(ctx, name, {}, listing)));
  },

  async read(ctx, id, prior, listing) {
    const listed = listing?.get(id);
    const facts = listing ? (listed ? listed.facts : null) : await describe(ctx, id);
    if (facts === null) return null;
    const arn = facts.BackupVaultArn ?? String(prior.arn ?? '');
    const tags = listed?.tags ?? (await readTags(ctx, arn));
    return attributesFrom(facts, id, arn, tags);
  },

  async create(ctx, _address, desired, hooks) {
    const { CreateLogicallyAirGappedBackupVaultCommand } = await backupApi();
    const name = String(desired.name);
    const tags = isObjectValue(desired.tags) ? (desired.tags as Record<string, string>) : {};
    const out = await ctx.backup.send(
      new CreateLogicallyAirGappedBackupVaultCommand({
        BackupVaultName: name,
        MinRetentionDays: Number(desired.min_retention_days),
        MaxRetentionDays: Number(desired.max_retention_days),
        EncryptionKeyArn: typeof desired.kms_key_arn === 'string' ? desired.kms_key_arn : undefined,
        BackupVaultTags: Object.keys(tags).length > 0 ? tags : undefined,
        CreatorRequestId: hooks.token,
      }),
    );
    const base: ObjectValue = {
      ...desired,
      tags,
      arn: out.BackupVaultArn ?? '',
      vault_type: AIR_GAPPED,
      vault_state: out.VaultState ?? 'CREATING',
      recovery_points: 0,
    };
    hooks.created(name, base);
    const read = await this.read(ctx, name, desired);
    return { id: name, attributes: read ? managedPart(logicallyAirGappedVaultModel, read, [desired]).attributes : base };
  },

  async update(ctx, id, before, after) {
    await syncTags(ctx, String(before.arn), before.tags, after.tags);
    // State records the managed tag keys only: a key recorded would count as managed by the next plan.
    const read = await this.read(ctx, id, after);
    return read ? managedPart(logicallyAirGappedVaultModel, read, [after]).attributes : after;
  },

  async delete(ctx, id) {
    await deleteVault(ctx, id);
  },
};
