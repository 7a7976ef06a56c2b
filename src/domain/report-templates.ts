// AWS Backup Audit Manager's report templates (ReportSetting.ReportTemplate) and what each takes:
// the compliance reports are about frameworks (FrameworkArns required), the job reports about jobs
// (no frameworks). Shared by the backup_report_plan kind and the sandbox.

export const REPORT_TEMPLATES = [
  'RESOURCE_COMPLIANCE_REPORT',
  'CONTROL_COMPLIANCE_REPORT',
  'BACKUP_JOB_REPORT',
  'COPY_JOB_REPORT',
  'RESTORE_JOB_REPORT',
  'SCAN_JOB_REPORT',
] as const;
export type ReportTemplate = (typeof REPORT_TEMPLATES)[number];

/** ReportDeliveryChannel.Formats; AWS writes CSV when none is given. */
export const REPORT_FORMATS = ['CSV', 'JSON'] as const;
export const DEFAULT_REPORT_FORMATS = ['CSV'];

/** The templates that report on frameworks and need their ARNs. */
export function templateTakesFrameworks(template: string): boolean {
  return template === 'RESOURCE_COMPLIANCE_REPORT' || template === 'CONTROL_COMPLIANCE_REPORT';
}
