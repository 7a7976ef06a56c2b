// The on_demand_backup kind: everything the rest of bkp knows of it.
import type { ResourceKind } from '../kind.js';
import { onDemandBackupHandler } from './handler.js';
import { onDemandBackupModel } from './model.js';
import { checkPlannedJobs } from './preflight.js';
import { validateOnDemandBackup } from './validate.js';

export const onDemandBackup: ResourceKind = {
  name: 'on_demand_backup',
  model: onDemandBackupModel,
  validate: validateOnDemandBackup,
  handler: onDemandBackupHandler,
  checkPlanned: checkPlannedJobs,
};
