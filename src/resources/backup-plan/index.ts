// The backup_plan kind: everything the rest of bkp knows of it.
import type { ResourceKind } from '../kind.js';
import { backupPlanHandler } from './handler.js';
import { backupPlanModel } from './model.js';
import { validateBackupPlan } from './validate.js';

export const backupPlan: ResourceKind = {
  name: 'backup_plan',
  model: backupPlanModel,
  validate: validateBackupPlan,
  handler: backupPlanHandler,
  importId: 'the backup plan id',
};
