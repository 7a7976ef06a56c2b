// Templates outside HCL files: a JSON configuration string such as "prod-${var.env}" is an HCL
// template. The text is parsed as the body of a heredoc (which, like a JSON string after decoding,
// has no backslash escapes) with the HCL parser, and every position is mapped back into the
// JSON file.
import type { Diagnostic, SourcePos, SourceRange } from '../core/diagnostics.js';
import type { Expr } from './ast.js';
import { parseWithPositions } from './hcl-parser.js';

export interface TemplateResult {
  expr: Expr;
  diagnostics: Diagnostic[];
}

/** Whether a decoded string needs template parsing at all (it has `${` or `%{`, maybe escaped). */
export function hasTemplateSyntax(text: string): boolean {
  return text.includes('${') || text.includes('%{');
}

/**
 * Parses `text` (already decoded: no JSON escapes) as a template. `positionOf(i)` is the file
 * position of the text's i-th character (i = text.length for the end). `range` is the whole
 * string's range, given to the result unless it is a single interpolation.
 */
export function parseTemplateText(text: string, file: string, positionOf: (index: number) => SourcePos, range: SourceRange): TemplateResult {
  let marker = 'BKP_TEMPLATE_END';
  while (text.includes(marker)) marker += '_';
  const prefix = `x = <<${marker}\n`;
  const synthetic = `${prefix}${text}\n${marker}\n`;
  const clamp = (offset: number): number => Math.max(0, Math.min(offset - prefix.length, text.length));
  const parsed = parseWithPositions(synthetic, file, (offset) => positionOf(clamp(offset)));
  const value = parsed.body.attributes[0]?.expr;
  if (!value) return { expr: { kind: 'literal', value: text, range }, diagnostics: parsed.diagnostics };
  return { expr: withoutFinalNewline(value, range), diagnostics: parsed.diagnostics };
}

/** The heredoc's content ends with the newline before its marker: that newline is not part of the string. */
function withoutFinalNewline(expr: Expr, range: SourceRange): Expr {
  if (expr.kind === 'literal' && typeof expr.value === 'string') {
    return { kind: 'literal', value: expr.value.replace(/\n$/, ''), range };
  }
  if (expr.kind !== 'template') return expr; // "${x}" alone: the expression itself
  const parts = [...expr.parts];
  const last = parts[parts.length - 1];
  if (typeof last === 'string') {
    const trimmed = last.replace(/\n$/, '');
    if (trimmed === '') parts.pop();
    else parts[parts.length - 1] = trimmed;
  }
  if (parts.length === 1 && typeof parts[0] !== 'string') return parts[0]!;
  if (parts.length === 0) return { kind: 'literal', value: '', range };
  if (parts.length === 1) return { kind: 'literal', value: parts[0] as string, range };
  return { kind: 'template', parts, range };
}
