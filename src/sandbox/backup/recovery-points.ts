// Recovery points of a vault: list (with filters), describe, delete (refused under the vault lock's
// minimum retention) and lifecycle updates.
import { activeHoldsOn, describeHolds } from '../engine/legal-holds.js';
import { calculatedLifecycle, deleteRecoveryPoint } from '../engine/lifecycle.js';
import type { LifecycleSpec, RecoveryPointRecord } from '../state.js';
import { invalid, invalidRequest, notFound } from './errors.js';
import { lockForbidsDeletion } from './vault-lock.js';
import { existingVault } from './vaults.js';
import { compact, epochSeconds, optionalBoolean, optionalInteger, optionalObject, paginate, queryMatching, queryString, queryTime, type BackupCall, ACCOUNT_ID_PATTERN, RESOURCE_TYPE_PATTERN, type Json } from './wire.js';
import { refuseIfVaultPolicyDenies } from './access-policy.js';

function calculatedLifecycleView(point: RecoveryPointRecord): Json | undefined {
  const calc = calculatedLifecycle(point.lifecycle, point.resourceType, point.creationDate);
  if (calc.moveToColdStorageAt === undefined && calc.deleteAt === undefined) return undefined;
  return compact({ MoveToColdStorageAt: epochSeconds(calc.moveToColdStorageAt), DeleteAt: epochSeconds(calc.deleteAt) });
}

function pointView(call: BackupCall, point: RecoveryPointRecord, withStorageClass: boolean): Json {
  return compact({
    RecoveryPointArn: point.arn,
    BackupVaultName: point.vaultName,
    BackupVaultArn: point.vaultArn,
    SourceBackupVaultArn: point.sourceBackupVaultArn,
    ResourceArn: point.resourceArn,
    ResourceType: point.resourceType,
    CreatedBy: point.createdBy,
    IamRoleArn: point.iamRoleArn,
    Status: point.status,
    CreationDate: epochSeconds(point.creationDate),
    InitiationDate: epochSeconds(point.creationDate),
    CompletionDate: epochSeconds(point.completionDate),
    BackupSizeInBytes: point.backupSizeInBytes,
    CalculatedLifecycle: calculatedLifecycleView(point),
    Lifecycle: point.lifecycle,
    EncryptionKeyArn: point.encryptionKeyArn,
    IsEncrypted: true,
    StorageClass: withStorageClass ? point.storageClass : undefined,
    ParentRecoveryPointArn: point.parentRecoveryPointArn,
    IsParent: point.isParent,
    ResourceName: point.resourceName,
    VaultType: call.scope.region.vaults[point.vaultName]?.vaultType ?? 'BACKUP_VAULT',
    IndexStatus: point.indexStatus,
  });
}

function pointOf(call: BackupCall): RecoveryPointRecord {
  const vault = existingVault(call);
  const arn = call.params['RecoveryPointArn'] ?? '';
  const point = call.scope.region.recoveryPoints[arn];
  if (point === undefined || point.vaultName !== vault.name) {
    throw notFound(`Recovery point ${arn} was not found in backup vault ${vault.name}.`);
  }
  return point;
}

export function listRecoveryPointsByBackupVault(call: BackupCall): Json {
  const vault = existingVault(call);
  const resourceArn = queryString(call, 'resourceArn');
  const resourceType = queryMatching(call, 'resourceType', 'byResourceType', RESOURCE_TYPE_PATTERN);
  const accountId = queryMatching(call, 'backupVaultAccountId', 'backupVaultAccountId', ACCOUNT_ID_PATTERN);
  const planId = queryString(call, 'backupPlanId');
  const parent = queryString(call, 'parentRecoveryPointArn');
  const before = queryTime(call, 'createdBefore');
  const after = queryTime(call, 'createdAfter');
  const points = Object.values(call.scope.region.recoveryPoints).filter(
    (p) =>
      p.vaultName === vault.name &&
      (accountId === undefined || accountId === call.ctx.accountId) &&
      (resourceArn === undefined || p.resourceArn === resourceArn) &&
      (resourceType === undefined || p.resourceType === resourceType) &&
      (planId === undefined || p.createdBy?.BackupPlanId === planId) &&
      (parent === undefined || p.parentRecoveryPointArn === parent) &&
      (before === undefined || p.creationDate < before) &&
      (after === undefined || p.creationDate > after),
  );
  points.sort((a, b) => b.creationDate - a.creationDate || a.arn.localeCompare(b.arn));
  const page = paginate(call, points, `ListRecoveryPointsByBackupVault:${vault.name}`);
  return compact({ RecoveryPoints: page.items.map((p) => pointView(call, p, false)), NextToken: page.nextToken });
}

export function describeRecoveryPoint(call: BackupCall): Json {
  return pointView(call, pointOf(call), true);
}

export function deleteRecoveryPointOp(call: BackupCall): Json {
  const point = pointOf(call);
  const vault = call.scope.region.vaults[point.vaultName]!;
  refuseIfVaultPolicyDenies(call, vault, 'backup:DeleteRecoveryPoint', point.arn);
  const forbidden = lockForbidsDeletion(vault, point.creationDate, call.now);
  if (forbidden !== undefined) throw invalidRequest(forbidden);
  const holds = activeHoldsOn(call.scope.region, point.arn);
  // ⚠ AWS documents that deleting a held recovery point fails, not with which error: the model's InvalidRequestException.
  if (holds.length > 0) throw invalidRequest(`Recovery point ${point.arn} cannot be deleted: it is under legal hold ${describeHolds(holds)}.`);
  deleteRecoveryPoint(call.scope.region, point);
  call.ctx.markChanged();
  return {};
}

export function updateRecoveryPointLifecycle(call: BackupCall): Json {
  const point = pointOf(call);
  refuseIfVaultPolicyDenies(call, call.scope.region.vaults[point.vaultName]!, 'backup:UpdateRecoveryPointLifecycle', point.arn);
  const raw = optionalObject(call.body, 'Lifecycle') ?? {};
  const cold = optionalInteger(raw, 'MoveToColdStorageAfterDays');
  const del = optionalInteger(raw, 'DeleteAfterDays');
  const archive = optionalBoolean(raw, 'OptInToArchiveForSupportedResources');
  if (keepsIndefinitely(cold, del)) return keepIndefinitely(call, point, raw);
  if (del !== undefined && (del < 1 || del > 36_500)) throw invalid('Invalid lifecycle. DeleteAfterDays must be between 1 and 36500.');
  if (cold !== undefined && (cold < 1 || cold > 36_500)) {
    throw invalid('Invalid lifecycle. MoveToColdStorageAfterDays must be between 1 and 36500 (or -1 with DeleteAfterDays -1 to keep the recovery point indefinitely).');
  }
  if (cold !== undefined && del !== undefined && del < cold + 90) {
    throw invalid('Invalid lifecycle. DeleteAfterDays cannot be less than 90 days apart from MoveToColdStorageAfterDays');
  }
  if (point.storageClass === 'COLD' && cold !== point.lifecycle?.MoveToColdStorageAfterDays) {
    throw invalid('MoveToColdStorageAfterDays cannot be changed after the recovery point has moved to cold storage.');
  }
  const vault = call.scope.region.vaults[point.vaultName]!;
  const min = vault.lock?.minRetentionDays;
  if (min !== undefined && (del === undefined ? false : del < min)) {
    throw invalidRequest(`DeleteAfterDays (${del}) is shorter than the minimum retention of the vault lock on backup vault ${vault.name} (${min} days).`);
  }
  // A lock's maximum bounds the retention: a lifecycle without DeleteAfterDays keeps the point
  // forever, which the maximum forbids as -1 does (keepIndefinitely).
  const max = vault.lock?.maxRetentionDays;
  if (max !== undefined && del === undefined) {
    throw invalidRequest(`Recovery point ${point.arn} needs a DeleteAfterDays: the vault lock on backup vault ${vault.name} allows at most ${max} days of retention.`);
  }
  if (max !== undefined && del !== undefined && del > max) {
    throw invalidRequest(`DeleteAfterDays (${del}) is longer than the maximum retention of the vault lock on backup vault ${vault.name} (${max} days).`);
  }
  const lifecycle: LifecycleSpec = {};
  if (cold !== undefined) lifecycle.MoveToColdStorageAfterDays = cold;
  if (del !== undefined) lifecycle.DeleteAfterDays = del;
  if (archive !== undefined) lifecycle.OptInToArchiveForSupportedResources = archive;
  point.lifecycle = Object.keys(lifecycle).length === 0 ? undefined : lifecycle;
  call.ctx.markChanged();
  return compact({
    BackupVaultArn: point.vaultArn,
    RecoveryPointArn: point.arn,
    Lifecycle: point.lifecycle,
    CalculatedLifecycle: calculatedLifecycleView(point),
  });
}

const INDEFINITELY = -1;

/**
 * The Lifecycle shape's documented way to remove a point's lifecycle: -1 for DeleteAfterDays (and
 * for MoveToColdStorageAfterDays when given). ⚠ AWS's answer is not documented: the sandbox echoes
 * the lifecycle it was given and the point then has none (no CalculatedLifecycle).
 */
function keepsIndefinitely(cold: number | undefined, del: number | undefined): boolean {
  return del === INDEFINITELY && (cold === undefined || cold === INDEFINITELY);
}

function keepIndefinitely(call: BackupCall, point: RecoveryPointRecord, given: Json): Json {
  if (point.storageClass === 'COLD' && point.lifecycle?.MoveToColdStorageAfterDays !== undefined) {
    throw invalid('MoveToColdStorageAfterDays cannot be changed after the recovery point has moved to cold storage.');
  }
  const max = call.scope.region.vaults[point.vaultName]?.lock?.maxRetentionDays;
  if (max !== undefined) {
    throw invalidRequest(`Recovery point ${point.arn} cannot be kept indefinitely: the vault lock on backup vault ${point.vaultName} allows at most ${max} days of retention.`);
  }
  point.lifecycle = undefined;
  call.ctx.markChanged();
  return compact({ BackupVaultArn: point.vaultArn, RecoveryPointArn: point.arn, Lifecycle: given });
}
