// The restore_testing_plan kind: everything the rest of bkp knows of it.
import type { ResourceKind } from '../kind.js';
import { restoreTestingPlanHandler } from './handler.js';
import { restoreTestingPlanModel } from './model.js';
import { validateRestoreTestingPlan } from './validate.js';

export const restoreTestingPlan: ResourceKind = {
  name: 'restore_testing_plan',
  model: restoreTestingPlanModel,
  validate: validateRestoreTestingPlan,
  handler: restoreTestingPlanHandler,
  importId: 'the restore testing plan name',
};
