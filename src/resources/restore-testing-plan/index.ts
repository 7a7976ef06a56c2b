// The restore_testing_plan kind: everything the rest of bkp knows of it.
import { checkNamesFree, listedNames } from '../free-names.js';
import type { ResourceKind } from '../kind.js';
import { restoreTestingPlanHandler, listPlans } from './handler.js';
import { restoreTestingPlanModel } from './model.js';
import { validateRestoreTestingPlan } from './validate.js';

export const restoreTestingPlan: ResourceKind = {
  name: 'restore_testing_plan',
  model: restoreTestingPlanModel,
  validate: validateRestoreTestingPlan,
  handler: restoreTestingPlanHandler,
  importId: 'the restore testing plan name',
  adoption: { file: 'restore-testing.bkp.hcl', generate: { references: { byArn: true } } },
  uniqueNames: listedNames('restore_testing_plan', 'restore testing plan', listPlans, (listed) => listed.RestoreTestingPlanArn),
  checkPlanned: checkNamesFree(listedNames('restore_testing_plan', 'restore testing plan', listPlans, (listed) => listed.RestoreTestingPlanArn)),
};
