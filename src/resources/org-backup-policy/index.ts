// The org_backup_policy kind: everything the rest of bkp knows of it.
import type { ResourceKind } from '../kind.js';
import { orgBackupPolicyHandler } from './handler.js';
import { orgBackupPolicyModel } from './model.js';
import { validateOrgBackupPolicy } from './validate.js';

export const orgBackupPolicy: ResourceKind = {
  name: 'org_backup_policy',
  model: orgBackupPolicyModel,
  validate: validateOrgBackupPolicy,
  handler: orgBackupPolicyHandler,
  importId: 'the policy id (p-…)',
};
