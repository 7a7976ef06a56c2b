// The SDK handlers, by kind name.
import { backupPlanHandler } from './backup-plan/handler.js';
import { backupSelectionHandler } from './backup-selection/handler.js';
import { backupVaultHandler } from './backup-vault/handler.js';
import type { ResourceHandler } from './handler.js';
import { onDemandBackupHandler } from './on-demand-backup/handler.js';

const handlers: Record<string, ResourceHandler> = {
  backup_vault: backupVaultHandler,
  backup_plan: backupPlanHandler,
  backup_selection: backupSelectionHandler,
  on_demand_backup: onDemandBackupHandler,
};

export function resourceHandler(kind: string): ResourceHandler | undefined {
  return handlers[kind];
}
