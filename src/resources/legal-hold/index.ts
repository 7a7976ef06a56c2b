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
};
