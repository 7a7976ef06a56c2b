// The backup_report_plan kind: everything the rest of bkp knows of it.
import { checkNamesFree, listedNames } from '../free-names.js';
import type { ResourceKind } from '../kind.js';
import { backupReportPlanHandler, listPlans } from './handler.js';
import { backupReportPlanModel } from './model.js';
import { validateBackupReportPlan } from './validate.js';

export const backupReportPlan: ResourceKind = {
  name: 'backup_report_plan',
  model: backupReportPlanModel,
  validate: validateBackupReportPlan,
  handler: backupReportPlanHandler,
  importId: 'the report plan name',
  adoption: { file: 'audit.bkp.hcl', generate: {} },
  uniqueNames: listedNames('backup_report_plan', 'report plan', listPlans, (listed) => listed.ReportPlanArn),
  checkPlanned: checkNamesFree(listedNames('backup_report_plan', 'report plan', listPlans, (listed) => listed.ReportPlanArn)),
};
