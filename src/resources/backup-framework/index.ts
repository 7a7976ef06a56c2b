// The backup_framework kind: everything the rest of bkp knows of it.
import { checkNamesFree, listedNames } from '../free-names.js';
import type { ResourceKind } from '../kind.js';
import { backupFrameworkHandler, listFrameworks } from './handler.js';
import { backupFrameworkModel } from './model.js';
import { validateBackupFramework } from './validate.js';

export const backupFramework: ResourceKind = {
  name: 'backup_framework',
  model: backupFrameworkModel,
  validate: validateBackupFramework,
  handler: backupFrameworkHandler,
  importId: 'the framework name',
  adoption: { file: 'audit.bkp.hcl', generate: { references: { byArn: true } } },
  uniqueNames: listedNames('backup_framework', 'framework', listFrameworks, (listed) => listed.FrameworkArn),
  checkPlanned: checkNamesFree(listedNames('backup_framework', 'framework', listFrameworks, (listed) => listed.FrameworkArn)),
};
