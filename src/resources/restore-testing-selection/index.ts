// The restore_testing_selection kind: everything the rest of bkp knows of it.
import type { ResourceKind } from '../kind.js';
import { restoreTestingSelectionHandler } from './handler.js';
import { restoreTestingSelectionModel } from './model.js';
import { validateRestoreTestingSelection } from './validate.js';

export const restoreTestingSelection: ResourceKind = {
  name: 'restore_testing_selection',
  model: restoreTestingSelectionModel,
  validate: validateRestoreTestingSelection,
  handler: restoreTestingSelectionHandler,
  importId: 'PLAN_NAME/SELECTION_NAME',
};
