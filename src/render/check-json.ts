// `bkp check -json`: one JSON document with a stable shape (docs/check.md describes it).
// format_version changes only when a field changes meaning or disappears.
import type { SourceRange } from '../core/diagnostics.js';
import { CONTROLS } from '../policy/catalogue.js';
import { isCompliant, summarize, type CheckReport } from '../policy/model.js';

export const CHECK_JSON_FORMAT_VERSION = '1.0';

function rangeJson(range: SourceRange | undefined) {
  if (!range) return undefined;
  return {
    filename: range.file,
    start: { line: range.start.line, column: range.start.column, byte: range.start.offset },
    end: { line: range.end.line, column: range.end.column, byte: range.end.offset },
  };
}

export function checkToJson(report: CheckReport) {
  const summary = summarize(report);
  return {
    format_version: CHECK_JSON_FORMAT_VERSION,
    compliant: isCompliant(report),
    refreshed: report.refreshed,
    inventory_sources: report.inventorySources,
    summary: {
      controls: summary.controls,
      resources_evaluated: summary.resources,
      compliant_resources: summary.compliant,
      non_compliant_resources: summary.nonCompliant,
      controls_not_evaluated: summary.notEvaluated,
      errors: summary.errors,
      warnings: summary.warnings,
    },
    controls: report.results.map((r) => ({
      policy: r.policy,
      control: r.control,
      audit_manager_control: CONTROLS[r.control].auditManagerName,
      status: r.status,
      ...(r.reason !== undefined ? { reason: r.reason } : {}),
      resources_evaluated: r.evaluated,
      finding_count: r.findings.length,
      range: rangeJson(r.range),
    })),
    ...(report.protectedResources !== undefined
      ? {
          protected_resources: report.protectedResources.map((r) => ({
            arn: r.arn,
            ...(r.type !== undefined ? { resource_type: r.type } : {}),
            ...(r.lastBackupTime !== undefined ? { last_backup_time: r.lastBackupTime.toISOString() } : {}),
            ...(r.lastBackupVaultArn !== undefined ? { last_backup_vault_arn: r.lastBackupVaultArn } : {}),
            ...(r.lastRecoveryPointArn !== undefined ? { last_recovery_point_arn: r.lastRecoveryPointArn } : {}),
          })),
        }
      : {}),
    ...(report.organization !== undefined
      ? {
          organization: {
            source: report.organization.source,
            ...(report.organization.notEvaluated !== undefined ? { reason: report.organization.notEvaluated } : {}),
            ...(report.organization.scope !== undefined ? { scope: report.organization.scope } : {}),
            accounts: report.organization.accounts.map((a) => ({
              id: a.id,
              name: a.name,
              status: a.plans === undefined ? 'not_evaluated' : 'evaluated',
              ...(a.notEvaluated !== undefined ? { reason: a.notEvaluated } : {}),
              ...(a.plans !== undefined ? { plans: a.plans.map((p) => ({ name: p.BackupPlanName, region: p.region })) } : {}),
            })),
          },
        }
      : {}),
    findings: report.results.flatMap((r) =>
      r.findings.map((f) => ({
        policy: f.policy,
        control: f.control,
        resource: f.resource,
        resource_type: f.resourceType,
        severity: f.severity,
        message: f.message,
        ...(f.account ? { account: { id: f.account.id, name: f.account.name } } : {}),
        ...(f.range ? { range: rangeJson(f.range) } : {}),
      })),
    ),
  };
}
