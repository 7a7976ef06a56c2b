// Every resource kind bkp manages: adding a kind is its folder, its schema
// (schemas/config/<kind>.schema.json) and one line here.
import { backupPlan } from './backup-plan/index.js';
import { backupSelection } from './backup-selection/index.js';
import { backupVault } from './backup-vault/index.js';
import type { ResourceKind } from './kind.js';
import type { KindModel } from './kind-model.js';
import { logicallyAirGappedVault } from './logically-air-gapped-vault/index.js';
import { onDemandBackup } from './on-demand-backup/index.js';
import { globalSettings } from './global-settings/index.js';
import { regionSettings } from './region-settings/index.js';
import { legalHold } from './legal-hold/index.js';
import { tieringConfiguration } from './tiering-configuration/index.js';
import { backupFramework } from './backup-framework/index.js';
import { backupReportPlan } from './backup-report-plan/index.js';
import { restoreTestingPlan } from './restore-testing-plan/index.js';
import { restoreTestingSelection } from './restore-testing-selection/index.js';
import { orgBackupPolicy } from './org-backup-policy/index.js';
import { orgPolicyAttachment } from './org-policy-attachment/index.js';

const kinds = new Map<string, ResourceKind>();

/**
 * Adds a kind (the kinds below are added when this module loads); returns what removes it again,
 * for a kind that lives only as long as a test.
 */
export function registerKind(kind: ResourceKind): () => void {
  if (kind.model.kind !== kind.name) throw new Error(`resource kind ${kind.name}: its model is for ${kind.model.kind}`);
  if (kinds.has(kind.name)) throw new Error(`resource kind ${kind.name} is registered twice`);
  kinds.set(kind.name, kind);
  return () => void kinds.delete(kind.name);
}

// In the order `bkp generate` reads and writes them: related kinds together, a kind whose objects
// are found within another's after it (src/resources/adoption.ts).
registerKind(backupVault);
registerKind(logicallyAirGappedVault);
registerKind(backupPlan);
registerKind(backupSelection);
registerKind(onDemandBackup);
registerKind(regionSettings);
registerKind(globalSettings);
registerKind(tieringConfiguration);
registerKind(legalHold);
registerKind(restoreTestingPlan);
registerKind(restoreTestingSelection);
registerKind(backupFramework);
registerKind(backupReportPlan);
registerKind(orgBackupPolicy);
registerKind(orgPolicyAttachment);

export function resourceKind(name: string): ResourceKind | undefined {
  return kinds.get(name);
}

export function resourceKinds(): ResourceKind[] {
  return [...kinds.values()];
}

/** The kinds `bkp import` and `import` blocks can adopt. */
export function importableKinds(): string[] {
  return resourceKinds().filter((k) => k.importId !== undefined).map((k) => k.name);
}

/** The pure model of a kind, for the planner and the views. */
export function kindModel(name: string): KindModel | undefined {
  return kinds.get(name)?.model;
}
