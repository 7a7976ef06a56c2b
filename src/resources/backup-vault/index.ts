// The backup_vault kind: everything the rest of bkp knows of it.
import { checkNamesFree } from '../free-names.js';
import type { ResourceKind } from '../kind.js';
import { vaultNames } from '../vault-listing.js';
import { backupVaultHandler } from './handler.js';
import { backupVaultModel } from './model.js';
import { validateBackupVault } from './validate.js';

export const backupVault: ResourceKind = {
  name: 'backup_vault',
  model: backupVaultModel,
  validate: validateBackupVault,
  handler: backupVaultHandler,
  importId: 'the vault name',
  adoption: {
    file: 'vaults.bkp.hcl',
    generate: {
      readEverything: { access_policy: null, notifications: null },
      note: (attributes) =>
        typeof attributes.lock_date === 'string'
          ? [`Vault Lock in compliance mode: immutable from ${attributes.lock_date}.`, 'AWS does not report changeable_for_days; it is left out, which bkp reads as "unchanged".']
          : undefined,
      // AWS Backup creates it on first use in the console, and services back up into it: teams rarely mean to own it.
      awsManaged: (_id, name) =>
        name === 'Default' ? 'the vault AWS Backup creates on first use; to manage it, add a backup_vault block with name = "Default" and import it' : undefined,
      references: { byArn: true },
    },
  },
  uniqueNames: vaultNames,
  checkPlanned: checkNamesFree(vaultNames),
};
