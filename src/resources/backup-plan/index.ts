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
  adoption: {
    file: 'plans.bkp.hcl',
    generate: {
      // An AWS Organizations backup policy's plans cannot be changed in the member account.
      awsManaged: (id) => (id.startsWith('orgs/') ? 'made by an AWS Organizations backup policy; change the policy instead' : undefined),
      references: {
        byArn: true,
        byId: true,
        names: [{ path: ['rule', '*', 'target_vault'], kinds: ['backup_vault'] }],
        roles: [['scan_setting', '*', 'scanner_role_arn']],
      },
    },
  },
};
