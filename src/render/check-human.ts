// `bkp check` for a terminal: findings grouped by control in Terraform's diagnostic style (with the
// offending line), then one line per control and the summary.
//
//   Error: resources_protected_by_backup_plan: arn:aws:rds:eu-west-1:123456789012:db:orders
//
//     on main.bkp.hcl line 15, in policy "company":
//     15:   source "rds-instance" "orders" {
//
//   RDS resource … is not selected by any backup_selection. …
import type { Diagnostic } from '../core/diagnostics.js';
import { summarize, type CheckReport, type ControlResult } from '../policy/model.js';
import { organizationLines } from './check-organization.js';
import { diagnosticRenderer, type SourceTexts } from './diagnostics.js';
import { style } from './style.js';
import { plural } from './value-format.js';

export interface CheckHumanOptions {
  color: boolean;
  sources: SourceTexts;
}

export function renderCheckHuman(report: CheckReport, opts: CheckHumanOptions): string {
  const s = style(opts.color);
  const out: string[] = [];
  const renderDiagnostic = diagnosticRenderer(opts.sources, opts.color);
  for (const result of report.results) {
    for (const f of result.findings) {
      const d: Diagnostic = { severity: f.severity, summary: `${f.policy}/${f.control}: ${f.resource}`, detail: f.message };
      if (f.range) d.range = f.range;
      out.push(renderDiagnostic(d));
    }
  }
  for (const result of report.results) out.push(controlLine(result, s));
  const summary = summarize(report);
  if (report.organization !== undefined) {
    const { headline, accounts } = organizationLines(report.organization);
    out.push('', headline, ...accounts.map((a) => `  ${s.yellow('-')} ${a}`));
  }
  if (report.inventorySources.length > 0) out.push('', s.dim(`Inventory: ${report.inventorySources.join(', ')}.`));
  const line = `${plural(summary.controls, 'control')}, ${plural(summary.resources, 'resource')} evaluated: ${summary.compliant} compliant, ${summary.nonCompliant} non-compliant.`;
  const notEvaluated = summary.notEvaluated > 0 ? ` ${plural(summary.notEvaluated, 'control')} not evaluated.` : '';
  out.push('', summary.errors > 0 ? s.bold(s.red(`Non-compliant: ${line}`)) + notEvaluated : s.bold(s.green(`Compliant: ${line}`)) + notEvaluated);
  return out.join('\n');
}

function controlLine(result: ControlResult, s: ReturnType<typeof style>): string {
  const label = `${result.policy}/${result.control}`;
  switch (result.status) {
    case 'compliant':
      return `  ${s.green('✓')} ${label}: compliant (${plural(result.evaluated.length, 'resource')})`;
    case 'non_compliant':
      return `  ${s.red('✗')} ${label}: ${plural(result.findings.length, 'finding')} (${plural(result.evaluated.length, 'resource')})`;
    default:
      return `  ${s.yellow('-')} ${label}: ${result.reason ?? 'not evaluated'}`;
  }
}
