// The tiering_configuration kind: everything the rest of bkp knows of it.
import { checkNamesFree, listedNames } from '../free-names.js';
import type { ResourceKind } from '../kind.js';
import { tieringConfigurationHandler, listConfigurations } from './handler.js';
import { tieringConfigurationModel } from './model.js';
import { validateTieringConfiguration } from './validate.js';

export const tieringConfiguration: ResourceKind = {
  name: 'tiering_configuration',
  model: tieringConfigurationModel,
  validate: validateTieringConfiguration,
  handler: tieringConfigurationHandler,
  importId: 'the tiering configuration name',
  adoption: { file: 'holds-and-tiering.bkp.hcl', generate: { references: { names: [{ path: ['backup_vault_name'], kinds: ['backup_vault'] }] } } },
  uniqueNames: listedNames('tiering_configuration', 'tiering configuration', (ctx) => listConfigurations(ctx, []), (listed) => listed.TieringConfigurationArn),
  checkPlanned: checkNamesFree(listedNames('tiering_configuration', 'tiering configuration', (ctx) => listConfigurations(ctx, []), (listed) => listed.TieringConfigurationArn)),
};
