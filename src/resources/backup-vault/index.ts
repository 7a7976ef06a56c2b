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
  checkPlanned: checkNamesFree(vaultNames),
};
