// Terraform-style diagnostics:
//
//   Error: Unsupported argument
//
//     on main.bkp.hcl line 4, in backup_vault "main":
//      4:   nmae = "x"
//
//   An argument named "nmae" is not expected here. Did you mean "name"?
import type { Diagnostic } from '../core/diagnostics.js';
import { sortDiagnostics } from '../core/diagnostics.js';
import { style } from './style.js';

/** File texts by the path used in diagnostics, to print excerpts. */
export type SourceTexts = ReadonlyMap<string, string>;

export function renderDiagnostic(d: Diagnostic, sources: SourceTexts, color: boolean): string {
  const s = style(color);
  const head = d.severity === 'error' ? s.bold(s.red('Error: ')) : s.bold(s.yellow('Warning: '));
  const lines = [`${head}${s.bold(d.summary)}`, ''];
  if (d.range) {
    const where = `on ${d.range.file} line ${d.range.start.line}${d.context ? `, in ${d.context}` : ''}:`;
    lines.push(`  ${where}`);
    const text = sources.get(d.range.file);
    if (text !== undefined) lines.push(...excerpt(text, d, color));
    lines.push('');
  }
  if (d.detail) lines.push(d.detail, '');
  return lines.join('\n');
}

export function renderDiagnostics(list: readonly Diagnostic[], sources: SourceTexts, color: boolean): string {
  return sortDiagnostics(list)
    .map((d) => renderDiagnostic(d, sources, color))
    .join('\n');
}

/**
 * The lines of the text excerpted last. Diagnostics come sorted by file: splitting the file again
 * for each of them made 10,000 problems in one file take seconds to print.
 */
let lastSplit: { text: string; lines: string[] } | undefined;

function linesOf(text: string): string[] {
  if (lastSplit?.text !== text) lastSplit = { text, lines: text.split('\n') };
  return lastSplit.lines;
}

function excerpt(text: string, d: Diagnostic, color: boolean): string[] {
  const range = d.range!;
  const all = linesOf(text);
  const first = range.start.line;
  const last = Math.min(range.end.line, first + 2);
  const width = String(last).length;
  const s = style(color);
  const out: string[] = [];
  for (let n = first; n <= last && n <= all.length; n++) {
    const raw = (all[n - 1] ?? '').replace(/\r$/, '').replace(/\t/g, '  ');
    const line = raw.length > 200 ? `${raw.slice(0, 200)}…` : raw;
    out.push(`  ${String(n).padStart(width)}: ${line}`);
  }
  if (range.start.line === range.end.line && out.length === 1) {
    const startCol = Math.max(1, range.start.column);
    const len = Math.max(1, range.end.column - range.start.column);
    const caretLine = `${' '.repeat(width + 4 + startCol - 1)}${'^'.repeat(Math.min(len, 200))}`;
    out.push(d.severity === 'error' ? s.red(caretLine) : s.yellow(caretLine));
  }
  return out;
}

/** Machine-readable form, as `terraform validate -json` prints it. */
export function diagnosticsToJson(list: readonly Diagnostic[]) {
  return sortDiagnostics(list).map((d) => ({
    severity: d.severity,
    summary: d.summary,
    detail: d.detail ?? '',
    ...(d.code ? { code: d.code } : {}),
    ...(d.range
      ? {
          range: {
            filename: d.range.file,
            start: { line: d.range.start.line, column: d.range.start.column, byte: d.range.start.offset },
            end: { line: d.range.end.line, column: d.range.end.column, byte: d.range.end.offset },
          },
        }
      : {}),
    ...(d.context ? { context: d.context } : {}),
  }));
}
