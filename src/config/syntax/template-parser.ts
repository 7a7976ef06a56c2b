// Templates: quoted strings and heredocs, read into literal text and `${…}` interpolations. The
// lexer has found where the string or heredoc ends; here its content is read, each interpolation's
// expression parsed by the expression parser with the lexer limited to the content.
import type { Expr } from '../ast.js';
import { DAMAGED, escapeLength, INDENTED, TEMPLATED, UNCLOSED } from './lexer.js';
import { BrokenStatement, ParserBase } from './parser-base.js';
import { StopParsing } from './syntax-errors.js';
import type { SourceRange } from '../../core/diagnostics.js';
import { applyStripMarkers, removeHeredocIndent, unescapeTemplateText, type EscapeProblem, type EscapeStyle, type Segment } from './template-text.js';

const DOLLAR = 36;
const PERCENT = 37;
const OPEN_BRACE = 123;
const BACKSLASH = 92;

export abstract class TemplateParser extends ParserBase {
  protected abstract expression(): Expr;

  /** The current token, a quoted string or heredoc, as a literal or template expression; consumed. */
  protected stringExpr(): Expr {
    const lexer = this.lexer;
    const { contentStart, contentEnd, flags } = lexer;
    const range = this.range(lexer.start, lexer.end);
    if (flags & UNCLOSED) this.unclosedStringEnd = lexer.end;
    const heredoc = lexer.kind === 'heredoc';
    if (!heredoc && !(flags & TEMPLATED)) {
      // Most strings: one piece of literal text.
      const value = this.quotedText(contentStart, contentEnd);
      this.next();
      return { kind: 'literal', value, range };
    }
    const token = this.mark();
    const { limit } = lexer;
    const skipNewlines = this.skipNewlines;
    let expr: Expr;
    try {
      expr = this.templateContent(contentStart, contentEnd, heredoc ? 'heredoc' : 'quoted', flags, range);
    } finally {
      // Back to the string token, so that reading (or skipping) goes on after it.
      lexer.limit = limit;
      this.reset(token);
      this.skipNewlines = skipNewlines;
    }
    this.next();
    return expr;
  }

  /**
   * The whole text as a template without backslash escapes (like a heredoc's content): a JSON
   * string, already decoded. `range` is given to the result unless it is a lone interpolation.
   */
  template(range: SourceRange): Expr {
    try {
      return this.templateContent(0, this.text.length, 'heredoc', 0, range);
    } catch (e) {
      if (e instanceof BrokenStatement || e instanceof StopParsing) return { kind: 'literal', value: this.text, range };
      throw e;
    }
  }

  /** The text of a quoted string without interpolations, its escapes decoded (interned). */
  protected quotedText(start: number, end: number): string {
    const raw = this.text.slice(start, end);
    const escaped = raw.includes('\\') || raw.includes('{'); // a backslash, or `$${` / `%%{`
    return this.intern(escaped ? this.unescape(raw, start, 'quoted') : raw);
  }

  /** The literal text of a string: escapes decoded, problems with them reported. */
  protected unescape(raw: string, start: number, style: EscapeStyle): string {
    const problems: EscapeProblem[] = [];
    const value = unescapeTemplateText(raw, style, problems);
    for (const problem of problems) {
      this.errors.report('lexical', start + problem.index, start + problem.index + problem.length, problem.summary, problem.detail);
    }
    return value;
  }

  /**
   * The template in text [start, end): literal parts and interpolations (directives are reported).
   * `flags` are the string token's (DAMAGED: its lexical error explains a missing '}' at its end).
   * The result is a literal when there is no interpolation, the expression itself for a lone "${x}".
   */
  protected templateContent(start: number, end: number, style: EscapeStyle, flags: number, range: SourceRange): Expr {
    const text = this.text;
    const segments: Array<Segment<Expr>> = [];
    let literalStart = start;
    for (let i = start; i < end; ) {
      const c = text.charCodeAt(i);
      const next = text.charCodeAt(i + 1);
      if (c === BACKSLASH && style === 'quoted') {
        i += escapeLength(text, i);
      } else if ((c === DOLLAR || c === PERCENT) && next === c && text.charCodeAt(i + 2) === OPEN_BRACE) {
        i += 3; // `$${` and `%%{`: literal text, decoded with the rest
      } else if ((c === DOLLAR || c === PERCENT) && next === OPEN_BRACE) {
        if (i > literalStart) segments.push({ kind: 'literal', raw: text.slice(literalStart, i), start: literalStart });
        i = c === DOLLAR ? this.interpolation(i, end, (flags & DAMAGED) !== 0, segments) : this.directive(i, end);
        literalStart = i;
      } else i++;
    }
    if (end > literalStart) segments.push({ kind: 'literal', raw: text.slice(literalStart, end), start: literalStart });
    if (flags & INDENTED) removeHeredocIndent(segments);
    const parts = applyStripMarkers(segments.map((segment) => (segment.kind === 'literal' ? this.unescape(segment.raw, segment.start, style) : segment)));
    if (parts.length === 0) return { kind: 'literal', value: '', range };
    if (parts.length === 1 && typeof parts[0] === 'string') return { kind: 'literal', value: this.intern(parts[0]), range };
    // "${x}" alone is x itself, not x converted to a string (as in HCL).
    if (parts.length === 1 && segments.every((s) => s.kind !== 'literal' || s.raw === '')) return parts[0] as Expr;
    return { kind: 'template', parts, range };
  }

  /** The interpolation `${…}` at `open`, up to the template's `end`; returns the offset after it. */
  private interpolation(open: number, end: number, damaged: boolean, segments: Array<Segment<Expr>>): number {
    let at = open + 2;
    const stripBefore = this.text[at] === '~';
    if (stripBefore) at++;
    this.lexer.restart(at, end);
    this.previousEnd = at;
    this.previousKind = 'newline';
    this.setSkipNewlines(true);
    const placeholder = (): Expr => ({ kind: 'literal', value: null, range: this.range(open, this.lexer.end) });
    if (this.at('}') || this.at('~}')) {
      this.grammarError(open, this.lexer.end, 'empty interpolation', 'Write an expression inside "${…}", or remove it.', { repaired: true });
      segments.push({ kind: 'interpolation', expr: placeholder(), stripBefore, stripAfter: this.at('~}') });
      return this.lexer.end;
    }
    this.enter(); // a level of its own: the lexer steps through nested strings recursively too
    const expr = this.at('eof') ? placeholder() : this.expression();
    this.leave();
    if (this.at('eof')) {
      // The lexer reported why the string ended here (an unclosed string or interpolation).
      if (!damaged) this.grammarError(this.previousEnd, this.previousEnd, "missing '}' after the interpolation", 'An interpolation is written "${expression}".', { repaired: true });
      segments.push({ kind: 'interpolation', expr, stripBefore, stripAfter: false });
      return end;
    }
    if (!this.at('}') && !this.at('~}')) {
      this.fail(this.lexer.start, this.lexer.end, `unexpected ${this.tokenName()}`, 'An interpolation holds one expression: "${expression}".');
    }
    segments.push({ kind: 'interpolation', expr, stripBefore, stripAfter: this.at('~}') });
    return this.lexer.end;
  }

  /**
   * A directive `%{if …}…%{endif}` or `%{for …}…%{endfor}` at `open`: reported (bkp has no AST for
   * them) and stepped over to its end; returns the offset after it.
   */
  private directive(open: number, end: number): number {
    const text = this.text;
    let depth = 0;
    let after = end;
    for (let i = open; i < end; ) {
      const at = text.indexOf('%{', i);
      if (at === -1 || at >= end) break;
      const close = text.indexOf('}', at);
      if (close === -1 || close >= end) break;
      i = close + 1;
      if (text[at - 1] === '%') continue; // `%%{`: literal text
      const keyword = /^~?\s*(\w*)/.exec(text.slice(at + 2, close))![1];
      if (keyword === 'if' || keyword === 'for') depth++;
      else if (keyword === 'endif' || keyword === 'endfor') depth--;
      if (depth <= 0) {
        after = close + 1;
        break;
      }
    }
    this.reportStandalone(open, after, 'template directives are not supported in bkp; use a conditional expression', 'Instead of "%{if cond}a%{else}b%{endif}", write cond ? "a" : "b".');
    return after;
  }
}
