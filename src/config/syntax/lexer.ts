// The HCL lexer: one token at a time, on demand, so the parser can ask for tokens in the mode it
// is in (newlines matter in a body and a map, not inside brackets) and look ahead by saving and
// restoring the lexer's state. A quoted string or heredoc is one token; the parser reads its
// template parts afterwards. Mistakes inside a token (an unclosed string, a character HCL does not
// allow) are reported here, once, and the token is repaired so the parser can go on.
import { codePointLength, describeCharacter, identifierEnd, invalidCharacterHint, matchAt, punctuationAt, WHITESPACE, type Punctuation } from './characters.js';
import { MAX_NESTING, type SyntaxErrors } from './syntax-errors.js';
import type { SourceText } from './source.js';

export type TokenKind = 'ident' | 'number' | 'string' | 'heredoc' | 'newline' | 'eof' | 'invalid' | Punctuation;

/** Flags of string and heredoc tokens. */
export const TEMPLATED = 1; // holds `${` or `%{`
export const DAMAGED = 2; // cut short by a reported mistake: the parser reports nothing more about its end
export const UNCLOSED = 4; // a quoted string that ran to the end of its line
export const INDENTED = 8; // a `<<-` heredoc

/** Everything the lexer knows about its current token: what `save` returns and `restore` takes. */
export interface LexerState {
  kind: TokenKind;
  start: number;
  end: number;
  contentStart: number;
  contentEnd: number;
  flags: number;
}

const DIRECTIVE_HOW_TO = 'A directive is written "%{if CONDITION}", "%{else}", "%{endif}", "%{for NAME in COLLECTION}" or "%{endfor}"';
const NUMBER = /[0-9]+(\.[0-9]+)?([eE][+-]?[0-9]+)?/y;
const DIGITS = /[0-9]+/y;
const HEX_NUMBER = /0x[0-9a-zA-Z]+/y;
const HEREDOC_OPEN = /<<(-?)([\p{ID_Start}_][\p{ID_Continue}-]*)/uy;
/** A line that starts like a statement (`name =`, `type "label" {`, a lone `}`): no interpolation continues onto it. */
const STATEMENT_LINE = /^[ \t]*(?:[\p{ID_Start}_][\p{ID_Continue}-]*[ \t]*(?:=(?!=)|\{|"[^"\n]*"[ \t]*\{)|\}[ \t]*\r?$)/u;

/**
 * Where the scan of an interpolation inside a quoted string stopped (`at`), and why: at its '}'
 * (`at` is after it); at a quote that ends the string (its '}' is missing, reported); at the end
 * of its line, before what looks like the next statement (reported; the string ends there too);
 * at the end of the text (the string reports itself unclosed).
 */
interface InterpolationEnd {
  why: 'closed' | 'at-quote' | 'at-line-end' | 'at-limit';
  at: number;
}

export class Lexer implements LexerState {
  kind: TokenKind = 'newline';
  start = 0;
  end = 0;
  contentStart = 0;
  contentEnd = 0;
  flags = 0;
  /** An unclosed heredoc or comment ran to the end of the text, taking any closing brackets with it. */
  swallowedToEnd = false;
  /** Where lexing stops: the end of the text, or of a template being read. */
  limit: number;
  private readonly text: string;
  private readonly invalidLines = new Set<number>();

  constructor(
    private readonly source: SourceText,
    private readonly errors: SyntaxErrors,
  ) {
    this.text = source.text;
    this.limit = this.text.length;
  }

  save(): LexerState {
    return { kind: this.kind, start: this.start, end: this.end, contentStart: this.contentStart, contentEnd: this.contentEnd, flags: this.flags };
  }

  restore(state: LexerState): void {
    this.kind = state.kind;
    this.start = state.start;
    this.end = state.end;
    this.contentStart = state.contentStart;
    this.contentEnd = state.contentEnd;
    this.flags = state.flags;
  }

  /** Lexes the token at `offset` (to read the inside of a template up to `limit`). */
  restart(offset: number, limit: number): void {
    this.limit = limit;
    this.kind = 'newline';
    this.end = offset;
    this.next();
  }

  tokenText(): string {
    return this.text.slice(this.start, this.end);
  }

  /** Moves to the next token: comments and blanks are skipped; a newline is a token. */
  next(): void {
    const text = this.text;
    const limit = this.limit;
    const afterDot = this.kind === '.';
    let i = this.end;
    for (;;) {
      if (i >= limit) return this.set('eof', limit, limit);
      const c = text.charCodeAt(i);
      if (c === 32 || c === 9 || c === 13 || c === 11 || c === 12) i++;
      else if (c === 10) return this.set('newline', i, i + 1);
      else if (c === 35 || (c === 47 && text.charCodeAt(i + 1) === 47)) i = this.lineEnd(i);
      else if (c === 47 && text.charCodeAt(i + 1) === 42) {
        const end = this.blockComment(i);
        // A comment over several lines ends the line it started on, like a newline.
        if (text.slice(i, end).includes('\n')) return this.set('newline', end, end);
        i = end;
      } else if (c === 0xfeff && i === 0) i++; // a byte order mark
      else break;
    }
    const c = text[i]!;
    if (c === '"') {
      this.contentStart = i + 1;
      return this.set('string', i, this.quoted(i, 0, true));
    }
    if (c === "'") return this.singleQuoted(i);
    if (c >= '0' && c <= '9') {
      const end = afterDot ? matchAt(DIGITS, text, i)! : (matchAt(HEX_NUMBER, text, i) ?? matchAt(NUMBER, text, i)!);
      return this.set('number', i, end);
    }
    if (c === '<' && text[i + 1] === '<' && this.heredoc(i)) return;
    const identEnd = identifierEnd(text, i);
    if (identEnd !== undefined) return this.set('ident', i, Math.min(identEnd, limit));
    const punctuation = punctuationAt(text, i);
    if (punctuation !== undefined) return this.set(punctuation, i, i + punctuation.length);
    return this.set('invalid', i, this.invalidCharacters(i));
  }

  private set(kind: TokenKind, start: number, end: number): void {
    this.kind = kind;
    this.start = start;
    this.end = end;
  }

  private lineEnd(i: number): number {
    const eol = this.text.indexOf('\n', i);
    return eol === -1 || eol > this.limit ? this.limit : eol;
  }

  private blockComment(i: number): number {
    const close = this.text.indexOf('*/', i + 2);
    if (close !== -1 && close + 2 <= this.limit) return close + 2;
    this.errors.report('lexical', i, i + 2, 'unclosed comment', "A '/*' comment must end with '*/'. Add '*/' where the comment ends.");
    this.swallowedToEnd = true;
    return this.limit;
  }

  /**
   * Finds the end of the `"…"` string at `open`, stepping over its interpolations; when `isToken`,
   * sets contentEnd and flags. A newline in the literal text means the string was never closed: it
   * ends at the end of its line.
   */
  private quoted(open: number, nesting: number, isToken: boolean): number {
    if (nesting > MAX_NESTING) this.errors.tooDeep(open);
    const text = this.text;
    const limit = this.limit;
    let flags = 0;
    let contentEnd: number;
    let end: number;
    let i = open + 1;
    for (;;) {
      if (i >= limit || text.charCodeAt(i) === 10) {
        const lineEnd = i > open + 1 && text[i - 1] === '\r' ? i - 1 : i;
        this.errors.report(
          'lexical',
          open,
          lineEnd,
          'unclosed string',
          'A quoted string must end with \'"\' on the line where it starts. Add the closing quote, or use a heredoc (<<EOT … EOT) for text over several lines.',
        );
        flags |= UNCLOSED | DAMAGED;
        contentEnd = end = lineEnd;
        break;
      }
      const c = text[i]!;
      if (c === '"') {
        contentEnd = i;
        end = i + 1;
        break;
      }
      if (c === '\\') {
        i += escapeLength(text, i);
      } else if ((c === '$' || c === '%') && text[i + 1] === c && text[i + 2] === '{') {
        i += 3; // `$${` and `%%{` stand for a literal `${` and `%{`
      } else if ((c === '$' || c === '%') && text[i + 1] === '{') {
        flags |= TEMPLATED;
        const ending = this.interpolation(i, nesting);
        if (ending.why === 'at-line-end') {
          flags |= DAMAGED;
          contentEnd = end = ending.at;
          break;
        }
        if (ending.why === 'at-quote') flags |= DAMAGED;
        i = ending.at;
      } else i++;
    }
    if (isToken) {
      this.contentEnd = contentEnd;
      this.flags = flags;
    }
    return end;
  }

  /** Steps over the expression of the interpolation at `open` (`${` or `%{`) to its closing brace. */
  private interpolation(open: number, nesting: number): InterpolationEnd {
    const text = this.text;
    const [what, howTo] = text[open] === '%' ? ['directive', DIRECTIVE_HOW_TO] : ['interpolation', 'An interpolation is written "${expression}"'];
    let depth = 0;
    let i = open + 2;
    let commentStart = -1;
    while (i < this.limit) {
      const c = text[i]!;
      if (c === '#' || (c === '/' && text[i + 1] === '/')) commentStart = i;
      if (c === '}' && depth === 0) return { why: 'closed', at: i + 1 };
      if (c === '{') depth++;
      else if (c === '}') depth--;
      if (c === '"' && depth === 0 && !this.closesOnLine(i + 1)) {
        // `"a-${x"`: a quote that opens no string ending on this line closes the outer one.
        this.errors.report('lexical', i, i, `missing '}' after the ${what}`, `${howTo}.`);
        return { why: 'at-quote', at: i };
      }
      if (c === '\n' && STATEMENT_LINE.test(text.slice(i + 1, this.lineEnd(i + 1)))) {
        // Newlines are allowed inside an interpolation, but not before what looks like the next statement.
        const lineEnd = commentStart !== -1 ? commentStart : text[i - 1] === '\r' ? i - 1 : i;
        this.errors.report('lexical', open, lineEnd, `unclosed ${what}: missing '}'`, `${howTo}, on one line.`);
        return { why: 'at-line-end', at: lineEnd };
      }
      if (c === '\n') commentStart = -1;
      if (c === '"') i = this.quoted(i, nesting + 1, false);
      else i = this.skipCode(i);
    }
    return { why: 'at-limit', at: this.limit };
  }

  /** The offset after the piece of code at `i` (a name, a number, a comment, one character), reporting nothing. */
  private skipCode(i: number): number {
    const text = this.text;
    const c = text[i]!;
    if (c === '#' || (c === '/' && text[i + 1] === '/')) return this.lineEnd(i);
    if (c === '/' && text[i + 1] === '*') {
      const close = text.indexOf('*/', i + 2);
      return close === -1 || close + 2 > this.limit ? this.limit : close + 2;
    }
    return Math.min(identifierEnd(text, i) ?? i + 1, this.limit);
  }

  /** Whether a string starting at `i` (after its quote) has an unescaped closing quote on the same line. */
  private closesOnLine(i: number): boolean {
    for (let at = i; at < this.limit; at++) {
      const c = this.text[at];
      if (c === '\n') return false;
      if (c === '\\') at++;
      else if (c === '"') return true;
    }
    return false;
  }

  /** `'text'` is a common slip: reported once and read as a double-quoted string. */
  private singleQuoted(start: number): void {
    const text = this.text;
    const close = text.indexOf("'", start + 1);
    if (close === -1 || close >= this.lineEnd(start)) return this.set('invalid', start, this.invalidCharacters(start));
    const content = text.slice(start + 1, close);
    this.errors.report('lexical', start, close + 1, 'strings use double quotes', `Write "${content}" instead of '${content}'.`);
    this.contentStart = start + 1;
    this.contentEnd = close;
    this.flags = content.includes('${') || content.includes('%{') ? TEMPLATED : 0;
    this.set('string', start, close + 1);
  }

  /** A heredoc at `i` (`<<EOT` or `<<-EOT`) up to its closing marker; false when `<<` starts none. */
  private heredoc(i: number): boolean {
    const text = this.text;
    HEREDOC_OPEN.lastIndex = i;
    const open = HEREDOC_OPEN.exec(text);
    if (!open || i + open[0].length > this.limit) return false;
    const openEnd = i + open[0].length;
    const marker = open[2]!;
    const firstLineEnd = text.indexOf('\n', openEnd);
    const contentStart = firstLineEnd === -1 || firstLineEnd >= this.limit ? this.limit : firstLineEnd + 1;
    let contentEnd = this.limit;
    let end = this.limit;
    let closed = false;
    for (let lineStart = contentStart; lineStart < this.limit; ) {
      const lineEnd = this.lineEnd(lineStart);
      const line = text.slice(lineStart, lineEnd);
      if (line.trim() === marker) {
        contentEnd = lineStart;
        end = lineStart + line.indexOf(marker) + marker.length;
        closed = true;
        break;
      }
      lineStart = lineEnd + 1;
    }
    if (!closed) {
      this.errors.report(
        'lexical',
        i,
        openEnd,
        `unclosed heredoc: no line '${marker}' ends it`,
        `A heredoc started with <<${marker} ends at a line that contains only '${marker}'. Add that line after the text.`,
      );
      this.swallowedToEnd = true;
    }
    const body = text.slice(contentStart, contentEnd);
    this.contentStart = contentStart;
    this.contentEnd = contentEnd;
    this.flags = (open[1] === '-' ? INDENTED : 0) | (closed ? 0 : DAMAGED) | (body.includes('${') || body.includes('%{') ? TEMPLATED : 0);
    this.set('heredoc', i, end);
    return true;
  }

  /** A run of characters HCL does not allow here: one error per line; returns where the run ends. */
  private invalidCharacters(start: number): number {
    const text = this.text;
    let end = start;
    while (end < this.limit && !WHITESPACE.test(text[end]!) && !this.startsToken(end)) end += codePointLength(text, end);
    if (end === start) end = Math.min(start + codePointLength(text, start), this.limit);
    const line = this.source.position(start).line;
    if (!this.invalidLines.has(line)) {
      this.invalidLines.add(line);
      const ch = String.fromCodePoint(text.codePointAt(start)!);
      this.errors.report('lexical', start, end, `invalid character ${describeCharacter(ch)}`, invalidCharacterHint(ch));
    }
    return end;
  }

  /** Whether a token, a string or a comment starts at `i`: that ends a run of bad characters. */
  private startsToken(i: number): boolean {
    const c = this.text[i]!;
    if ('"#0123456789'.includes(c) || (c === '/' && (this.text[i + 1] === '/' || this.text[i + 1] === '*'))) return true;
    return identifierEnd(this.text, i) !== undefined || punctuationAt(this.text, i) !== undefined;
  }
}

/** The length of the backslash escape at `i`; 1 for a backslash that starts no valid escape (read as itself). */
export function escapeLength(text: string, i: number): number {
  const next = text[i + 1];
  if (next === 'n' || next === 'r' || next === 't' || next === '"' || next === '\\') return 2;
  const digits = next === 'u' ? 4 : next === 'U' ? 8 : 0;
  if (digits === 0) return 1;
  for (let k = i + 2; k < i + 2 + digits; k++) {
    if (!/[0-9a-fA-F]/.test(text[k] ?? '')) return 1;
  }
  return 2 + digits;
}
