// Every data source kind bkp reads: adding one is its folder, its schema
// (schemas/config/data_<kind>.schema.json) and one line here.
import { backupPlanData } from './backup-plan/index.js';
import { backupVaultData } from './backup-vault/index.js';
import { callerIdentityData } from './caller-identity/index.js';
import { iamRoleData } from './iam-role/index.js';
import type { DataSourceKind } from './kind.js';
import { kmsKeyData } from './kms-key/index.js';
import { logicallyAirGappedVaultData } from './logically-air-gapped-vault/index.js';
import { organizationAccountData, organizationalUnitData, organizationRootData } from './organization/index.js';
import { regionData } from './region/index.js';

const kinds: ReadonlyMap<string, DataSourceKind> = new Map(
  [
    backupVaultData,
    backupPlanData,
    logicallyAirGappedVaultData,
    callerIdentityData,
    regionData,
    kmsKeyData,
    iamRoleData,
    organizationRootData,
    organizationalUnitData,
    organizationAccountData,
  ].map((k) => [k.name, k]),
);

/** The kind of `data "NAME" …`, by its label (`backup_vault`) or its configuration kind (`data.backup_vault`). */
export function dataSourceKind(name: string): DataSourceKind | undefined {
  return kinds.get(name.startsWith('data.') ? name.slice('data.'.length) : name);
}

export function dataSourceKinds(): DataSourceKind[] {
  return [...kinds.values()];
}
