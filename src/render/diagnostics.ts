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

/** Renders diagnostics one at a time; each file is split into lines once, however many of them it has. */
export function diagnosticRenderer(sources: SourceTexts, color: boolean): (d: Diagnostic) => string {
  const lines = sourceLines(sources);
  return (d) => render(d, lines, color);
}

export function renderDiagnostics(list: readonly Diagnostic[], sources: SourceTexts, color: boolean): string {
  return sortDiagnostics(list).map(diagnosticRenderer(sources, color)).join('\n');
}

type LinesOf = (file: string) => readonly string[] | undefined;

/**
 * Each file's lines, split on first use and kept for the diagnostics that follow: splitting the
 * file again for each of them made 10,000 problems in one file take seconds to print.
 */
function sourceLines(sources: SourceTexts): LinesOf {
  const split = new Map<string, string[]>();
  return (file) => {
    let lines = split.get(file);
    if (lines === undefined) {
      const text = sources.get(file);
      if (text === undefined) return undefined;
      lines = text.split('\n');
      split.set(file, lines);
    }
    return lines;
  };
}

function render(d: Diagnostic, linesOf: LinesOf, color: boolean): string {
  const s = style(color);
  const head = d.severity === 'error' ? s.bold(s.red('Error: ')) : s.bold(s.yellow('Warning: '));
  const out = [`${head}${s.bold(d.summary)}`, ''];
  if (d.range) {
    const where = `on ${d.range.file} line ${d.range.start.line}${d.context ? `, in ${d.context}` : ''}:`;
    out.push(`  ${where}`);
    const lines = linesOf(d.range.file);
    if (lines !== undefined) out.push(...excerpt(lines, d, color));
    out.push('');
  }
  if (d.detail) out.push(d.detail, '');
  return out.join('\n');
}

function excerpt(all: readonly string[], d: Diagnostic, color: boolean): string[] {
  const range = d.range!;
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
