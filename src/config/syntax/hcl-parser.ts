// The HCL parser's entry points: a `*.bkp.hcl` file (or variable file) → AST with exact ranges
// and every syntax error, and a template inside a JSON string. Parsing never throws.
import type { Diagnostic, SourcePos, SourceRange } from '../../core/diagnostics.js';
import type { Body, Expr } from '../ast.js';
import { BodyParser } from './body-parser.js';
import { ExpressionParser } from './expression-parser.js';
import { SourceText } from './source.js';
import { SyntaxErrors } from './syntax-errors.js';

export interface ParseResult {
  body: Body;
  diagnostics: Diagnostic[];
}

export function parseHcl(text: string, file: string): ParseResult {
  const source = new SourceText(file, text);
  const errors = new SyntaxErrors(source);
  const body = new BodyParser(source, errors).file();
  return { body, diagnostics: errors.diagnostics() };
}

/**
 * A JSON configuration string such as "prod-${var.env}", already decoded, read as an HCL template
 * (without backslash escapes, like a heredoc). `positionOf(i)` is the file position of the text's
 * i-th character (i = text.length for the end); `range` is the whole JSON string's.
 */
export function parseTemplate(text: string, file: string, positionOf: (index: number) => SourcePos, range: SourceRange): { expr: Expr; diagnostics: Diagnostic[] } {
  const source = new SourceText(file, text, positionOf);
  const errors = new SyntaxErrors(source);
  const expr = new ExpressionParser(source, errors).template(range);
  return { expr, diagnostics: errors.diagnostics() };
}

/** Whether a decoded string needs template parsing at all (it has `${` or `%{`, maybe escaped). */
export function hasTemplateSyntax(text: string): boolean {
  return text.includes('${') || text.includes('%{');
}
