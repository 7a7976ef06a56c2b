// The pure kind models, by kind name.
import { backupPlanModel } from './backup-plan/model.js';
import { backupSelectionModel } from './backup-selection/model.js';
import { backupVaultModel } from './backup-vault/model.js';
import type { KindModel } from './kind-model.js';
import { onDemandBackupModel } from './on-demand-backup/model.js';

const models: Record<string, KindModel> = {
  backup_vault: backupVaultModel,
  backup_plan: backupPlanModel,
  backup_selection: backupSelectionModel,
  on_demand_backup: onDemandBackupModel,
};

export function kindModel(kind: string): KindModel | undefined {
  return models[kind];
}

export function managedKinds(): string[] {
  return Object.keys(models);
}
