// The summary of `bkp generate` / `bkp convert`: the files written, blocks per kind, what was left
// out and why, and what the user must still look at.
import type { AdoptionReport } from '../adopt/model.js';

export function renderAdoptionReport(report: AdoptionReport): string {
  const lines: string[] = [`Wrote ${report.files.length} file${report.files.length === 1 ? '' : 's'} to ${report.dir}:`];
  for (const file of report.files) lines.push(`  ${file}`);
  const kinds = Object.entries(report.counts).sort(([a], [b]) => a.localeCompare(b));
  if (kinds.length > 0) {
    lines.push('', 'Blocks:');
    const width = Math.max(...kinds.map(([kind]) => kind.length));
    for (const [kind, n] of kinds) lines.push(`  ${kind.padEnd(width)}  ${n}`);
  }
  lines.push('', `${report.imports} import block${report.imports === 1 ? '' : 's'}.`);
  if (report.skipped.length > 0) {
    lines.push('', `Left out (${report.skipped.length}):`);
    for (const s of report.skipped) lines.push(`  ${s.kind} "${s.id}": ${s.reason}`);
  }
  if (report.warnings.length > 0) {
    lines.push('', `Warning: ${report.warnings.length} thing${report.warnings.length === 1 ? '' : 's'} could not be translated (left as comments):`);
    for (const w of report.warnings) lines.push(`  ${w}`);
  }
  lines.push('', `Next: bkp -chdir=${report.dir} plan${report.imports > 0 ? ' (it should show only imports)' : ''}.`);
  return lines.join('\n');
}
