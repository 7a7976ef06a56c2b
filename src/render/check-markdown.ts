// `bkp check -format=markdown`: a section meant to follow `bkp plan -format=markdown` in the same
// pull-request comment: a heading with the verdict, a table of controls, then the findings.
// No ANSI codes, no emoji; user text is escaped for tables.
import { summarize, type CheckReport, type ControlResult } from '../policy/model.js';
import { organizationLines } from './check-organization.js';
import { plural } from './value-format.js';

export interface CheckMarkdownOptions {
  /** Heading text before the verdict; default "bkp check". */
  title?: string;
}

export function renderCheckMarkdown(report: CheckReport, opts: CheckMarkdownOptions = {}): string {
  const summary = summarize(report);
  const verdict = summary.errors > 0 ? 'non-compliant' : 'compliant';
  const counts = `${plural(summary.controls, 'control')}, ${plural(summary.resources, 'resource')} evaluated: ${summary.compliant} compliant, ${summary.nonCompliant} non-compliant`;
  const out = [`### ${cell(opts.title ?? 'bkp check')}: ${verdict}`, '', `${counts}.`, ''];
  out.push('| Policy | Control | Status | Resources |', '| --- | --- | --- | --- |');
  for (const r of report.results) out.push(`| ${cell(r.policy)} | \`${r.control}\` | ${status(r)} | ${r.evaluated.length} |`);
  out.push('');
  const findings = report.results.flatMap((r) => r.findings);
  if (findings.length > 0) {
    out.push('#### Findings', '', '| Severity | Control | Resource | Where | Why |', '| --- | --- | --- | --- | --- |');
    for (const f of findings) {
      const where = f.range ? `\`${f.range.file}:${f.range.start.line}\`` : '';
      out.push(`| ${f.severity} | \`${f.control}\` | \`${cell(f.resource)}\` | ${where} | ${cell(f.message)} |`);
    }
    out.push('');
  }
  if (report.organization !== undefined) {
    const { headline, accounts } = organizationLines(report.organization);
    out.push(cell(headline), '', ...accounts.map((a) => `- ${cell(a)}`), ...(accounts.length > 0 ? [''] : []));
  }
  if (report.inventorySources.length > 0) out.push(`<sub>Inventory: ${cell(report.inventorySources.join(', '))}.</sub>`, '');
  return out.join('\n');
}

function status(r: ControlResult): string {
  if (r.status === 'compliant') return 'compliant';
  if (r.status === 'non_compliant') return `**non-compliant** (${plural(r.findings.length, 'finding')})`;
  // The reasons say "not evaluated" themselves.
  return cell(r.reason ?? 'not evaluated');
}

/** Table cells: no line breaks, escaped pipes and HTML-significant characters. */
export function cell(text: string): string {
  return text.replace(/\r?\n/g, ' ').replace(/\|/g, '\\|').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}
