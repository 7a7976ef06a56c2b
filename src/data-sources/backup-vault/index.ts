// data "backup_vault": an existing vault by name (DescribeBackupVault, then ListTags).
import { backupApi } from '../../aws/backup-api.js';
import { isVaultMissing } from '../../aws/errors.js';
import type { ObjectValue } from '../../core/values.js';
import { DataObjectMissing, tagMap, type DataSourceKind } from '../kind.js';

export const backupVaultData: DataSourceKind = {
  name: 'backup_vault',
  operations: ['backup:DescribeBackupVault', 'backup:ListTags'],
  async read(args, context): Promise<ObjectValue> {
    const name = args.name as string;
    const { DescribeBackupVaultCommand, ListTagsCommand } = await backupApi();
    const backup = await context.backup();
    // AWS answers AccessDenied for a vault that does not exist (AWS-BACKUP-FACTS).
    const vault = await backup.send(new DescribeBackupVaultCommand({ BackupVaultName: name })).catch((error: unknown) => {
      if (isVaultMissing(error)) {
        throw new DataObjectMissing(`There is no backup vault named "${name}" in ${context.region}.`, '/name', 'Check the name and the provider (region and account) of this data block, or create the vault first.');
      }
      throw error;
    });
    if (vault.VaultType === 'LOGICALLY_AIR_GAPPED_BACKUP_VAULT') {
      throw new DataObjectMissing(`"${name}" in ${context.region} is a logically air-gapped vault, not a backup vault.`, '/name', `Read it with data "logically_air_gapped_vault" instead.`);
    }
    const tags = await backup.send(new ListTagsCommand({ ResourceArn: vault.BackupVaultArn! }));
    return {
      name,
      arn: vault.BackupVaultArn ?? '',
      kms_key_arn: vault.EncryptionKeyArn ?? '',
      recovery_points: vault.NumberOfRecoveryPoints ?? 0,
      locked: vault.Locked ?? false,
      tags: tagMap(tags.Tags),
    };
  },
};
