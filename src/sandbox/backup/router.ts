// AWS Backup's rest-json front door: route by method and path (as the SDK's serializers send
// them), decode path labels and the JSON body, run the operation, and encode the reply or the
// AWS-shaped error.
import type { SandboxRequest, SandboxResponse } from '../protocol.js';
import type { SandboxServiceContext } from '../service-context.js';
import { createLogicallyAirGappedBackupVault } from './air-gapped-vaults.js';
import { describeCopyJob, listCopyJobs, startCopyJob } from './copy-jobs.js';
import { BackupApiError, backupErrorResponse, requestId } from './errors.js';
import { describeBackupJob, listBackupJobs, startBackupJob, stopBackupJob } from './jobs.js';
import { cancelLegalHold, createLegalHold, getLegalHold, listLegalHolds, listRecoveryPointsByLegalHold } from './legal-holds.js';
import { listProtectedResources } from './protected-resources.js';
import {
  describeRestoreJob,
  getRecoveryPointRestoreMetadata,
  listRestoreJobs,
  listRestoreJobsByProtectedResource,
  putRestoreValidationResult,
  startRestoreJob,
} from './restore-jobs.js';
import { createBackupPlan, deleteBackupPlan, getBackupPlan, listBackupPlans, listBackupPlanVersions, updateBackupPlan } from './plans.js';
import { deleteRecoveryPointOp, describeRecoveryPoint, listRecoveryPointsByBackupVault, updateRecoveryPointLifecycle } from './recovery-points.js';
import { describeGlobalSettings, describeRegionSettings, updateGlobalSettings, updateRegionSettings } from './settings.js';
import { createBackupSelection, deleteBackupSelection, getBackupSelection, listBackupSelections } from './selections.js';
import { listTags, tagResource, untagResource } from './tags.js';
import { createFramework, deleteFramework, describeFramework, listFrameworks, updateFramework } from './frameworks.js';
import { createReportPlan, deleteReportPlan, describeReportPlan, listReportPlans, updateReportPlan } from './report-plans.js';
import { describeReportJob, listReportJobs, startReportJob } from './report-jobs.js';
import { createRestoreTestingPlan, deleteRestoreTestingPlan, getRestoreTestingPlan, listRestoreTestingPlans, updateRestoreTestingPlan } from './restore-testing.js';
import {
  createRestoreTestingSelection,
  deleteRestoreTestingSelection,
  getRestoreTestingSelection,
  listRestoreTestingSelections,
  updateRestoreTestingSelection,
} from './restore-testing-selections.js';
import { createTieringConfiguration, deleteTieringConfiguration, getTieringConfiguration, listTieringConfigurations, updateTieringConfiguration } from './tiering.js';
import { deleteBackupVaultLockConfiguration, putBackupVaultLockConfiguration } from './vault-lock.js';
import {
  createBackupVault,
  deleteBackupVault,
  deleteBackupVaultAccessPolicy,
  deleteBackupVaultNotifications,
  describeBackupVault,
  getBackupVaultAccessPolicy,
  getBackupVaultNotifications,
  listBackupVaults,
  putBackupVaultAccessPolicy,
  putBackupVaultNotifications,
} from './vaults.js';
import { scopeFor, type BackupCall, type Json } from './wire.js';

type Operation = (call: BackupCall) => Json;

interface Route {
  method: string;
  pattern: RegExp;
  labels: string[];
  operation: Operation;
  /** The success status when the model gives one (CancelLegalHold answers 201, restore testing deletes 204). */
  status: number;
}

function route(method: string, template: string, operation: Operation, status = 200): Route {
  const labels: string[] = [];
  const source = template
    .split('/')
    .map((segment) => {
      const label = /^\{(\w+)\}$/.exec(segment);
      if (label === null) return segment.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
      labels.push(label[1]!);
      return '([^/]+)';
    })
    .join('/');
  return { method, pattern: new RegExp(`^${source}/?$`), labels, operation, status };
}

const ROUTES: readonly Route[] = [
  route('GET', '/backup-vaults', listBackupVaults),
  route('PUT', '/backup-vaults/{BackupVaultName}', createBackupVault),
  route('GET', '/backup-vaults/{BackupVaultName}', describeBackupVault),
  route('DELETE', '/backup-vaults/{BackupVaultName}', deleteBackupVault),
  route('PUT', '/logically-air-gapped-backup-vaults/{BackupVaultName}', createLogicallyAirGappedBackupVault),
  route('PUT', '/backup-vaults/{BackupVaultName}/vault-lock', putBackupVaultLockConfiguration),
  route('DELETE', '/backup-vaults/{BackupVaultName}/vault-lock', deleteBackupVaultLockConfiguration),
  route('PUT', '/backup-vaults/{BackupVaultName}/access-policy', putBackupVaultAccessPolicy),
  route('GET', '/backup-vaults/{BackupVaultName}/access-policy', getBackupVaultAccessPolicy),
  route('DELETE', '/backup-vaults/{BackupVaultName}/access-policy', deleteBackupVaultAccessPolicy),
  route('PUT', '/backup-vaults/{BackupVaultName}/notification-configuration', putBackupVaultNotifications),
  route('GET', '/backup-vaults/{BackupVaultName}/notification-configuration', getBackupVaultNotifications),
  route('DELETE', '/backup-vaults/{BackupVaultName}/notification-configuration', deleteBackupVaultNotifications),
  route('GET', '/backup-vaults/{BackupVaultName}/recovery-points', listRecoveryPointsByBackupVault),
  route('GET', '/backup-vaults/{BackupVaultName}/recovery-points/{RecoveryPointArn}', describeRecoveryPoint),
  route('DELETE', '/backup-vaults/{BackupVaultName}/recovery-points/{RecoveryPointArn}', deleteRecoveryPointOp),
  route('POST', '/backup-vaults/{BackupVaultName}/recovery-points/{RecoveryPointArn}', updateRecoveryPointLifecycle),
  route('GET', '/backup-vaults/{BackupVaultName}/recovery-points/{RecoveryPointArn}/restore-metadata', getRecoveryPointRestoreMetadata),
  route('PUT', '/backup/plans', createBackupPlan),
  route('GET', '/backup/plans', listBackupPlans),
  route('GET', '/backup/plans/{BackupPlanId}', getBackupPlan),
  route('POST', '/backup/plans/{BackupPlanId}', updateBackupPlan),
  route('DELETE', '/backup/plans/{BackupPlanId}', deleteBackupPlan),
  route('GET', '/backup/plans/{BackupPlanId}/versions', listBackupPlanVersions),
  route('PUT', '/backup/plans/{BackupPlanId}/selections', createBackupSelection),
  route('GET', '/backup/plans/{BackupPlanId}/selections', listBackupSelections),
  route('GET', '/backup/plans/{BackupPlanId}/selections/{SelectionId}', getBackupSelection),
  route('DELETE', '/backup/plans/{BackupPlanId}/selections/{SelectionId}', deleteBackupSelection),
  route('PUT', '/backup-jobs', startBackupJob),
  route('GET', '/backup-jobs', listBackupJobs),
  route('GET', '/backup-jobs/{BackupJobId}', describeBackupJob),
  route('POST', '/backup-jobs/{BackupJobId}', stopBackupJob),
  route('PUT', '/restore-jobs', startRestoreJob),
  route('GET', '/restore-jobs', listRestoreJobs),
  route('GET', '/restore-jobs/{RestoreJobId}', describeRestoreJob),
  route('PUT', '/restore-jobs/{RestoreJobId}/validations', putRestoreValidationResult, 204),
  route('PUT', '/copy-jobs', startCopyJob),
  route('GET', '/copy-jobs', listCopyJobs),
  route('GET', '/copy-jobs/{CopyJobId}', describeCopyJob),
  route('PUT', '/tiering-configurations', createTieringConfiguration),
  route('GET', '/tiering-configurations', listTieringConfigurations),
  route('GET', '/tiering-configurations/{TieringConfigurationName}', getTieringConfiguration),
  route('PUT', '/tiering-configurations/{TieringConfigurationName}', updateTieringConfiguration),
  route('DELETE', '/tiering-configurations/{TieringConfigurationName}', deleteTieringConfiguration),
  route('POST', '/legal-holds', createLegalHold),
  route('GET', '/legal-holds', listLegalHolds),
  route('GET', '/legal-holds/{LegalHoldId}', getLegalHold),
  route('DELETE', '/legal-holds/{LegalHoldId}', cancelLegalHold, 201),
  route('GET', '/legal-holds/{LegalHoldId}/recovery-points', listRecoveryPointsByLegalHold),
  route('POST', '/audit/frameworks', createFramework),
  route('GET', '/audit/frameworks', listFrameworks),
  route('GET', '/audit/frameworks/{frameworkName}', describeFramework),
  route('PUT', '/audit/frameworks/{frameworkName}', updateFramework),
  route('DELETE', '/audit/frameworks/{frameworkName}', deleteFramework),
  route('POST', '/audit/report-plans', createReportPlan),
  route('GET', '/audit/report-plans', listReportPlans),
  route('GET', '/audit/report-plans/{reportPlanName}', describeReportPlan),
  route('PUT', '/audit/report-plans/{reportPlanName}', updateReportPlan),
  route('DELETE', '/audit/report-plans/{reportPlanName}', deleteReportPlan),
  route('POST', '/audit/report-jobs/{reportPlanName}', startReportJob),
  route('GET', '/audit/report-jobs', listReportJobs),
  route('GET', '/audit/report-jobs/{reportJobId}', describeReportJob),
  route('PUT', '/restore-testing/plans', createRestoreTestingPlan, 201),
  route('GET', '/restore-testing/plans', listRestoreTestingPlans),
  route('GET', '/restore-testing/plans/{RestoreTestingPlanName}', getRestoreTestingPlan),
  route('PUT', '/restore-testing/plans/{RestoreTestingPlanName}', updateRestoreTestingPlan),
  route('DELETE', '/restore-testing/plans/{RestoreTestingPlanName}', deleteRestoreTestingPlan, 204),
  route('PUT', '/restore-testing/plans/{RestoreTestingPlanName}/selections', createRestoreTestingSelection, 201),
  route('GET', '/restore-testing/plans/{RestoreTestingPlanName}/selections', listRestoreTestingSelections),
  route('GET', '/restore-testing/plans/{RestoreTestingPlanName}/selections/{RestoreTestingSelectionName}', getRestoreTestingSelection),
  route('PUT', '/restore-testing/plans/{RestoreTestingPlanName}/selections/{RestoreTestingSelectionName}', updateRestoreTestingSelection),
  route('DELETE', '/restore-testing/plans/{RestoreTestingPlanName}/selections/{RestoreTestingSelectionName}', deleteRestoreTestingSelection, 204),
  route('GET', '/resources', listProtectedResources),
  route('GET', '/resources/{ResourceArn}/restore-jobs', listRestoreJobsByProtectedResource),
  route('POST', '/tags/{ResourceArn}', tagResource),
  route('GET', '/tags/{ResourceArn}', listTags),
  route('POST', '/untag/{ResourceArn}', untagResource),
  route('GET', '/account-settings', describeRegionSettings),
  route('PUT', '/account-settings', updateRegionSettings),
  route('GET', '/global-settings', describeGlobalSettings),
  route('PUT', '/global-settings', updateGlobalSettings),
];

const encoder = new TextEncoder();
const decoder = new TextDecoder();

function parseBody(body: Uint8Array): Json {
  if (body.length === 0) return {};
  let parsed: unknown;
  try {
    parsed = JSON.parse(decoder.decode(body));
  } catch {
    throw new BackupApiError('SerializationException', 'The request body is not valid JSON.');
  }
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) {
    throw new BackupApiError('SerializationException', 'The request body must be a JSON object.');
  }
  return parsed as Json;
}

function decodeLabel(raw: string): string {
  try {
    return decodeURIComponent(raw);
  } catch {
    throw new BackupApiError('InvalidParameterValueException', `Invalid percent-encoding in the request path: ${raw}`);
  }
}

function match(req: SandboxRequest): { route: Route; params: Record<string, string> } | undefined {
  const path = req.path.split('?')[0]!;
  for (const candidate of ROUTES) {
    if (candidate.method !== req.method) continue;
    const found = candidate.pattern.exec(path);
    if (found === null) continue;
    const params: Record<string, string> = {};
    candidate.labels.forEach((label, i) => {
      params[label] = decodeLabel(found[i + 1]!);
    });
    return { route: candidate, params };
  }
  return undefined;
}

export function handleBackupRequest(req: SandboxRequest, ctx: SandboxServiceContext): SandboxResponse {
  try {
    // Inside the try: decoding a path label refuses a bad percent-encoding with a BackupApiError.
    const found = match(req);
    if (found === undefined) {
      return backupErrorResponse('UnknownOperationException', `The sandbox does not implement ${req.method} ${req.path} of AWS Backup.`);
    }
    const call: BackupCall = {
      ctx,
      scope: scopeFor(ctx),
      now: ctx.now.getTime(),
      params: found.params,
      query: req.query,
      body: parseBody(req.body),
    };
    const result = found.route.operation(call);
    return {
      status: found.route.status,
      headers: { 'content-type': 'application/json', 'x-amzn-requestid': requestId() },
      // 204 No Content (the restore testing deletes) has no body.
      body: found.route.status === 204 ? new Uint8Array() : encoder.encode(JSON.stringify(result)),
    };
  } catch (e) {
    if (e instanceof BackupApiError) return backupErrorResponse(e.errorName, e.message, e.extra);
    throw e;
  }
}
