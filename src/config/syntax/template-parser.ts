// Templates: quoted strings and heredocs, read into literal text, `${…}` interpolations and
// `%{…}` directives. The lexer has found where the string or heredoc ends; here its content is
// read, each interpolation's or directive's expression parsed by the expression parser with the
// lexer limited to the content. As in hashicorp/hcl's hclsyntax, directives become expressions the
// evaluator already has: `%{if c}a%{else}b%{endif}` is `c ? "a" : "b"`, and `%{for v in l}…%{endfor}`
// is `join("", [for v in l : "…"])`, so references, dependencies and evaluation need nothing new.
import type { CallExpr, ConditionalExpr, Expr } from '../ast.js';
import { DAMAGED, escapeLength, INDENTED, TEMPLATED, UNCLOSED } from './lexer.js';
import { BrokenStatement, ParserBase } from './parser-base.js';
import { StopParsing } from './syntax-errors.js';
import type { SourceRange } from '../../core/diagnostics.js';
import { applyStripMarkers, removeHeredocIndent, stripHeredocLines, templateEscapeProblem, unescapeTemplateText, type EscapeProblem, type EscapeStyle, type Segment } from './template-text.js';

const DOLLAR = 36;
const PERCENT = 37;
const OPEN_BRACE = 123;
const BACKSLASH = 92;

/** A directive as read, before the template's parts are put into their if and for structure. */
interface Directive {
  kind: 'directive';
  keyword: 'if' | 'else' | 'endif' | 'for' | 'endfor';
  condition?: Expr;
  keyVar?: string;
  valueVar?: string;
  collection?: Expr;
  /** Offsets of `%{` and after `}`. */
  start: number;
  end: number;
}

type TemplatePiece = Expr | Directive;

const isDirective = (piece: string | TemplatePiece): piece is Directive => typeof piece !== 'string' && piece.kind === 'directive';

const DIRECTIVES = 'A directive is %{if CONDITION}, %{else}, %{endif}, %{for NAME in COLLECTION} (or %{for KEY, VALUE in COLLECTION}) or %{endfor}.';

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
    const segments: Array<Segment<TemplatePiece>> = [];
    const pushLiteral = (from: number, to: number): void => {
      // As HCL reads a heredoc: one literal per line, so a `~` strip marker trims only its own line.
      for (let at = from; at < to; ) {
        const newline = style === 'heredoc' ? text.indexOf('\n', at) : -1;
        const stop = newline === -1 || newline >= to ? to : newline + 1;
        segments.push({ kind: 'literal', raw: text.slice(at, stop), start: at });
        at = stop;
      }
    };
    let literalStart = start;
    for (let i = start; i < end; ) {
      const c = text.charCodeAt(i);
      const next = text.charCodeAt(i + 1);
      if (c === BACKSLASH && style === 'quoted' && (next === DOLLAR || next === PERCENT) && text.charCodeAt(i + 2) === OPEN_BRACE) {
        // "\${": the literal part ends before the interpolation, so its unescaping would not see the "$".
        const problem = templateEscapeProblem(next === DOLLAR ? '$' : '%', i);
        this.errors.report('lexical', i, i + problem.length, problem.summary, problem.detail);
        i++;
      } else if (c === BACKSLASH && style === 'quoted') {
        i += escapeLength(text, i);
      } else if ((c === DOLLAR || c === PERCENT) && next === c && text.charCodeAt(i + 2) === OPEN_BRACE) {
        i += 3; // `$${` and `%%{`: literal text, decoded with the rest
      } else if ((c === DOLLAR || c === PERCENT) && next === OPEN_BRACE) {
        if (i > literalStart) pushLiteral(literalStart, i);
        i = c === DOLLAR ? this.interpolation(i, end, (flags & DAMAGED) !== 0, segments) : this.directive(i, end, (flags & DAMAGED) !== 0, segments);
        literalStart = i;
      } else i++;
    }
    if (end > literalStart) pushLiteral(literalStart, end);
    // As HCL: strip markers trim before the indentation of a `<<-` heredoc is measured.
    if (style === 'heredoc') stripHeredocLines(segments);
    if (flags & INDENTED) removeHeredocIndent(segments);
    const pieces = applyStripMarkers(segments.map((segment) => (segment.kind === 'literal' ? this.unescape(segment.raw, segment.start, style) : segment)));
    // A string cut short by a reported mistake has lost its closing directives with it: no echo.
    if (pieces.some(isDirective)) return this.templateOf(this.structure(pieces, 0, [], (flags & (DAMAGED | UNCLOSED)) !== 0).parts, range);
    const parts = pieces as Array<string | Expr>;
    if (parts.length === 0) return { kind: 'literal', value: '', range };
    if (parts.length === 1 && typeof parts[0] === 'string') return { kind: 'literal', value: this.intern(parts[0]), range };
    // "${x}" alone is x itself, not x converted to a string (as in HCL).
    if (parts.length === 1 && segments.every((s) => s.kind !== 'literal' || s.raw === '')) return parts[0] as Expr;
    return { kind: 'template', parts, range };
  }

  /** Parts as a string-valued expression: a literal when they are one string, a template otherwise. */
  private templateOf(parts: Array<string | Expr>, range: SourceRange): Expr {
    if (parts.length === 0) return { kind: 'literal', value: '', range };
    if (parts.length === 1 && typeof parts[0] === 'string') return { kind: 'literal', value: this.intern(parts[0]), range };
    return { kind: 'template', parts, range };
  }

  /**
   * The parts from `pieces[from]` up to a directive whose keyword is in `until` (or the end), with
   * every if and for directive in between turned into its expression. A directive out of place
   * (an %{endif} without %{if}, a missing %{endfor}) is reported, and the template read as if it
   * were right.
   */
  private structure(pieces: Array<string | TemplatePiece>, from: number, until: readonly string[], damaged: boolean): { parts: Array<string | Expr>; next: number; stop?: Directive } {
    const parts: Array<string | Expr> = [];
    for (let i = from; i < pieces.length; ) {
      const piece = pieces[i]!;
      if (!isDirective(piece)) {
        parts.push(piece);
        i++;
        continue;
      }
      if (until.includes(piece.keyword)) return { parts, next: i + 1, stop: piece };
      if (piece.keyword === 'if') {
        const then = this.structure(pieces, i + 1, ['else', 'endif'], damaged);
        const otherwise = then.stop?.keyword === 'else' ? this.structure(pieces, then.next, ['endif'], damaged) : undefined;
        const last = otherwise ?? then;
        if (last.stop === undefined && !damaged) this.reportStandalone(piece.start, piece.end, 'missing %{endif}', 'An %{if} directive ends with %{endif}: %{if CONDITION}…%{else}…%{endif}.');
        const range = this.range(piece.start, last.stop?.end ?? piece.end);
        const conditional: ConditionalExpr = {
          kind: 'conditional',
          condition: piece.condition!,
          then: this.templateOf(then.parts, range),
          else: this.templateOf(otherwise?.parts ?? [], range),
          range,
        };
        parts.push(conditional);
        i = last.next;
      } else if (piece.keyword === 'for') {
        const body = this.structure(pieces, i + 1, ['endfor'], damaged);
        if (body.stop === undefined && !damaged) this.reportStandalone(piece.start, piece.end, 'missing %{endfor}', 'A %{for} directive ends with %{endfor}: %{for NAME in COLLECTION}…%{endfor}.');
        const range = this.range(piece.start, body.stop?.end ?? piece.end);
        const join: CallExpr = {
          kind: 'call',
          name: 'join',
          nameRange: range,
          args: [
            { kind: 'literal', value: '', range },
            { kind: 'for', result: 'tuple', ...(piece.keyVar !== undefined && { keyVar: piece.keyVar }), valueVar: piece.valueVar!, collection: piece.collection!, value: this.templateOf(body.parts, range), grouping: false, range },
          ],
          expandFinal: false,
          range,
        };
        parts.push(join);
        i = body.next;
      } else {
        const opener = piece.keyword === 'endfor' ? '%{for}' : '%{if}';
        this.reportStandalone(piece.start, piece.end, `%{${piece.keyword}} without ${opener}`, `${DIRECTIVES} Each %{else} and %{endif} closes an %{if} before it, each %{endfor} a %{for}.`);
        i++;
      }
    }
    return { parts, next: pieces.length };
  }

  /** The interpolation `${…}` at `open`, up to the template's `end`; returns the offset after it. */
  private interpolation(open: number, end: number, damaged: boolean, segments: Array<Segment<TemplatePiece>>): number {
    const stripBefore = this.readInside(open, end);
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

  /** The directive `%{…}` at `open`, up to the template's `end`; returns the offset after it. */
  private directive(open: number, end: number, damaged: boolean, segments: Array<Segment<TemplatePiece>>): number {
    const stripBefore = this.readInside(open, end);
    if (!this.at('ident')) this.fail(this.lexer.start, this.lexer.end, `expected a template directive, found ${this.tokenName()}`, DIRECTIVES);
    const word = this.lexer.tokenText();
    const keywordAt = this.lexer.start;
    const directive: Directive = { kind: 'directive', keyword: 'if', start: open, end: open };
    this.next();
    this.enter();
    switch (word) {
      case 'if':
        if (this.at('}') || this.at('~}') || this.at('eof')) this.fail(this.previousEnd, this.previousEnd, 'expected a condition after %{if', DIRECTIVES);
        directive.condition = this.expression();
        break;
      case 'for': {
        const first = this.forVariable(DIRECTIVES, ' in the %{for} directive');
        let second: string | undefined;
        if (this.at(',')) {
          this.next();
          second = this.forVariable(DIRECTIVES, ' in the %{for} directive');
        }
        if (!this.atWord('in')) this.fail(this.lexer.start, this.lexer.end, `expected 'in' in the %{for} directive, found ${this.tokenName()}`, DIRECTIVES);
        this.next();
        directive.keyword = 'for';
        directive.keyVar = second === undefined ? undefined : first;
        directive.valueVar = second ?? first;
        directive.collection = this.expression();
        break;
      }
      case 'else':
      case 'endif':
      case 'endfor':
        directive.keyword = word;
        break;
      default:
        this.fail(keywordAt, keywordAt + word.length, `unknown template directive "${word}"`, DIRECTIVES);
    }
    this.leave();
    if (this.at('eof')) {
      if (!damaged) this.grammarError(this.previousEnd, this.previousEnd, "missing '}' after the directive", DIRECTIVES, { repaired: true });
      directive.end = end;
      segments.push({ kind: 'interpolation', expr: directive, stripBefore, stripAfter: false });
      return end;
    }
    if (!this.at('}') && !this.at('~}')) this.fail(this.lexer.start, this.lexer.end, `unexpected ${this.tokenName()}`, DIRECTIVES);
    directive.end = this.lexer.end;
    segments.push({ kind: 'interpolation', expr: directive, stripBefore, stripAfter: this.at('~}') });
    return this.lexer.end;
  }

  /**
   * Sets the lexer to the inside of the `${…}` or `%{…}` at `open` (after its `~` strip marker,
   * if any), up to the template's `end`; returns whether there was a strip marker.
   */
  private readInside(open: number, end: number): boolean {
    let at = open + 2;
    const stripBefore = this.text[at] === '~';
    if (stripBefore) at++;
    this.lexer.restart(at, end);
    this.previousEnd = at;
    this.previousKind = 'newline';
    this.setSkipNewlines(true);
    return stripBefore;
  }

  /** The name a for expression or a %{for} directive binds (`where` says which, in the message). */
  protected forVariable(howTo: string, where = ''): string {
    if (!this.at('ident')) this.fail(this.lexer.start, this.lexer.end, `expected a variable name${where}, found ${this.describeToken()}`, howTo);
    const name = this.intern(this.lexer.tokenText());
    this.next();
    return name;
  }
}
