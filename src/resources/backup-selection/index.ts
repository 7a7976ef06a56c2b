// The backup_selection kind: everything the rest of bkp knows of it.
import type { ResourceKind } from '../kind.js';
import { backupSelectionHandler } from './handler.js';
import { backupSelectionModel } from './model.js';
import { validateBackupSelection } from './validate.js';

export const backupSelection: ResourceKind = {
  name: 'backup_selection',
  model: backupSelectionModel,
  validate: validateBackupSelection,
  handler: backupSelectionHandler,
  importId: 'PLAN_ID/SELECTION_ID',
};
