// The legal_hold kind: everything the rest of bkp knows of it.
import type { ResourceKind } from '../kind.js';
import { legalHoldHandler } from './handler.js';
import { legalHoldModel } from './model.js';
import { validateLegalHold } from './validate.js';

export const legalHold: ResourceKind = {
  name: 'legal_hold',
  model: legalHoldModel,
  validate: validateLegalHold,
  handler: legalHoldHandler,
  importId: 'the legal hold id',
  adoption: {
    file: 'holds-and-tiering.bkp.hcl',
    generate: {
      awsName: (id, attributes) => (typeof attributes.title === 'string' && attributes.title !== '' ? attributes.title : id),
      ownSettings: { cancel_description: 'The legal hold is no longer needed.' },
      note: () => ["cancel_description is bkp's own setting: the reason AWS is given when this block is removed", 'and bkp cancels the hold. Say why it may end.'],
      references: { names: [{ path: ['recovery_point_selection', 'vault_names', '*'], kinds: ['backup_vault', 'logically_air_gapped_vault'] }] },
    },
  },
};
