// The backup_selection kind: everything the rest of bkp knows of it.
import type { ResourceKind } from '../kind.js';
import { backupSelectionHandler, listSelections } from './handler.js';
import { backupSelectionModel } from './model.js';
import { validateBackupSelection } from './validate.js';

export const backupSelection: ResourceKind = {
  name: 'backup_selection',
  model: backupSelectionModel,
  validate: validateBackupSelection,
  handler: backupSelectionHandler,
  importId: 'PLAN_ID/SELECTION_ID',
  adoption: {
    file: 'plans.bkp.hcl',
    generate: {
      // The handler lists the selections of the plans its prior objects belong to (ids PLAN/SELECTION).
      within: { kind: 'backup_plan', ids: async (ctx, planIds) => [...(await listSelections(ctx, planIds.map((planId) => ({ id: `${planId}/`, attributes: {} })))).keys()] },
      awsManaged: (id) => (id.startsWith('orgs/') ? 'belongs to a plan an AWS Organizations backup policy made' : undefined),
      references: { roles: [['iam_role_arn']] },
    },
  },
};
