// The logically_air_gapped_vault kind: everything the rest of bkp knows of it.
import { checkNamesFree } from '../free-names.js';
import type { ResourceKind } from '../kind.js';
import { vaultNames } from '../vault-listing.js';
import { logicallyAirGappedVaultHandler } from './handler.js';
import { logicallyAirGappedVaultModel } from './model.js';
import { validateLogicallyAirGappedVault } from './validate.js';

export const logicallyAirGappedVault: ResourceKind = {
  name: 'logically_air_gapped_vault',
  model: logicallyAirGappedVaultModel,
  validate: validateLogicallyAirGappedVault,
  handler: logicallyAirGappedVaultHandler,
  importId: 'the vault name',
  adoption: { file: 'vaults.bkp.hcl', generate: { references: { byArn: true } } },
  uniqueNames: vaultNames,
  checkPlanned: checkNamesFree(vaultNames),
};
