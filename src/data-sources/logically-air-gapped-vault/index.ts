// data "logically_air_gapped_vault": an existing air-gapped vault by name (DescribeBackupVault).
import { backupApi } from '../../aws/backup-api.js';
import { isVaultMissing } from '../../aws/errors.js';
import type { ObjectValue } from '../../core/values.js';
import { DataObjectMissing, type DataSourceKind } from '../kind.js';

export const logicallyAirGappedVaultData: DataSourceKind = {
  name: 'logically_air_gapped_vault',
  operations: ['backup:DescribeBackupVault'],
  async read(args, context): Promise<ObjectValue> {
    const name = args.name as string;
    const missing = () =>
      new DataObjectMissing(`There is no logically air-gapped vault named "${name}" in ${context.region}.`, '/name', 'Check the name and the provider (region and account) of this data block.');
    const { DescribeBackupVaultCommand } = await backupApi();
    const backup = await context.backup();
    const vault = await backup.send(new DescribeBackupVaultCommand({ BackupVaultName: name })).catch((error: unknown) => {
      throw isVaultMissing(error) ? missing() : error;
    });
    if (vault.VaultType !== 'LOGICALLY_AIR_GAPPED_BACKUP_VAULT') {
      throw new DataObjectMissing(`"${name}" in ${context.region} is a backup vault, not a logically air-gapped vault.`, '/name', 'Read it with data "backup_vault" instead.');
    }
    const attributes: ObjectValue = {
      name,
      arn: vault.BackupVaultArn ?? '',
      state: vault.VaultState ?? '',
      kms_key_arn: vault.EncryptionKeyArn ?? '',
    };
    attributes.min_retention_days = vault.MinRetentionDays ?? null;
    attributes.max_retention_days = vault.MaxRetentionDays ?? null;
    return attributes;
  },
};
