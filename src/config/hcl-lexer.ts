// A small HCL lexer used before tree-sitter. The tree-sitter grammar ignores newlines and recovers
// poorly from lexical mistakes (an unclosed string swallows the rest of the file), so this pass
// finds those mistakes itself, reports them with a precise position, and repairs the text so that
// tree-sitter sees one mistake, not a cascade. Repairs are same-length replacements (a bad
// character becomes a space) or insertions mapped back by hcl-text.ts.
import type { Insertion, SyntaxErrors } from './hcl-text.js';

export type TokenKind = 'ident' | 'number' | 'string' | 'heredoc' | 'punct' | 'newline' | 'eof';

export interface Token {
  kind: TokenKind;
  start: number;
  end: number;
  /** Identifier name or punctuation; the raw text for other kinds. */
  text: string;
  /** Strings and heredocs: contains `${` or `%{` (always present: one object shape for all tokens). */
  interpolated: boolean;
}

export interface LexResult {
  tokens: Token[];
  /** Same-length replacements by offset (bad characters blanked, single quotes made double). */
  replacements: Map<number, string>;
  insertions: Insertion[];
  /** False when lexing stopped early (absurd nesting): the token list is then only a prefix. */
  complete: boolean;
  /** Offsets of reported invalid characters, ascending. */
  invalidCharacters: number[];
  /** An unclosed heredoc or comment ran to the end of the file, taking any closing brackets with it. */
  swallowedToEnd: boolean;
  /** Offsets of the newlines (or end of text) where an unclosed string was closed. */
  unclosedStringEnds: Set<number>;
  /**
   * Text tree-sitter is handed shortened, each as a deletion of all but its first character: runs
   * of three or more spaces and tabs between tokens, and names of three or more characters (not
   * the grammar's keywords). Its lexer reads them one character at a time, which was about a third
   * of its parse time; names and positions are read from the user's text, so nothing is lost. Plain
   * strings where an operand stands become the number `0` (see isOperandPosition). Not repairs:
   * the parser drops one that a repair falls inside or blanks.
   */
  shortenings: Insertion[];
}

const IDENTIFIER = /[\p{ID_Start}_](?:[\p{ID_Continue}-]|::)*/uy;
const NUMBER = /[0-9]+(\.[0-9]+)?([eE][+-]?[0-9]+)?/y;
const DIGITS = /[0-9]+/y;
const HEX_NUMBER = /0x[0-9a-zA-Z]+/y;
const HEREDOC_OPEN = /<<(-?)([\p{L}\p{N}_-]+)/uy;
/** One character of whitespace, as String.prototype.trim() counts it. */
export const WHITESPACE = /\s/;
/** Names the grammar treats as keywords: handed to tree-sitter as they are. */
export const GRAMMAR_KEYWORDS: ReadonlySet<string> = new Set(['true', 'false', 'null', 'for', 'in', 'if', 'else', 'endif', 'endfor']);
const SHORT_PUNCTUATION = '{}[]()=,.:?!<>+-*/%';
/** A line that starts like a statement (`name =`, `type "label" {`, a lone `}`): no interpolation continues onto it. */
const STATEMENT_LINE = /^[ \t]*(?:[\p{ID_Start}_][\p{ID_Continue}-]*[ \t]*(?:=(?!=)|\{|"[^"\n]*"[ \t]*\{)|\}[ \t]*\r?$)/u;
/**
 * Punctuation that can follow a name without blanks and still be read as its own token: never
 * `-` or `:` (names may contain them) nor an operator that could join the next one.
 */
const GLUES_TO_NAME: ReadonlySet<string> = new Set(['=', '{', '}', '(', ')', '[', ']', ',', '.', '"']);
/** Deeper nesting of strings inside interpolations is certainly garbage; stop checking there. */
const MAX_TEMPLATE_NESTING = 64;

class NestingTooDeep extends Error {}

export function lexHcl(text: string, errors: SyntaxErrors): LexResult {
  return new Lexer(text, errors).run();
}

class Lexer {
  private readonly tokens: Token[] = [];
  private readonly replacements = new Map<number, string>();
  private readonly insertions: Insertion[] = [];
  private readonly invalidCharLines = new Set<number>();
  private readonly invalidOffsets: number[] = [];
  private swallowedToEnd = false;
  private readonly unclosedStringEnds = new Set<number>();
  private readonly shortenings: Insertion[] = [];
  /** Set by `interpolation` when it had to end its string too (at this offset). */
  private stringEndedAt = -1;
  /** Text of the previous code token, to tell a legacy index `.0` from a number. */
  private previous = '';

  constructor(
    private readonly text: string,
    private readonly errors: SyntaxErrors,
  ) {}

  run(): LexResult {
    let complete = true;
    try {
      let i = 0;
      while (i < this.text.length) i = this.codeToken(i, true);
    } catch (e) {
      if (!(e instanceof NestingTooDeep)) throw e;
      complete = false;
    }
    const end = this.text.length;
    this.tokens.push({ kind: 'eof', start: end, end, text: '', interpolated: false });
    return { tokens: this.tokens, replacements: this.replacements, insertions: this.insertions, complete, invalidCharacters: this.invalidOffsets, swallowedToEnd: this.swallowedToEnd, unclosedStringEnds: this.unclosedStringEnds, shortenings: this.shortenings };
  }

  /** Lexes one token (or skips whitespace/a comment) at `i`; returns the next offset. */
  private codeToken(i: number, emit: boolean, nesting = 0): number {
    const text = this.text;
    const c = text[i]!;
    if (c === ' ' || c === '\t') return this.blankRun(i, emit);
    if (c === '\r') return i + 1;
    if (c === '\n') {
      if (emit) this.push('newline', i, i + 1);
      return i + 1;
    }
    if (WHITESPACE.test(c)) return i + 1;
    if (c === '#' || (c === '/' && text[i + 1] === '/')) {
      const eol = text.indexOf('\n', i);
      return eol === -1 ? text.length : eol;
    }
    if (c === '/' && text[i + 1] === '*') return this.blockComment(i, emit);
    if (c === '"') return this.quoted(i, emit, nesting);
    if (c === "'") return this.singleQuoted(i, emit);
    if (c >= '0' && c <= '9') return this.number(i, emit);
    if (c === '<' && text[i + 1] === '<') {
      const end = this.heredoc(i, emit);
      if (end !== undefined) return end;
    }
    const identEnd = identifierEnd(text, i);
    if (identEnd !== undefined) {
      this.previous = 'ident';
      if (!emit) return identEnd;
      this.push('ident', i, identEnd);
      if (identEnd - i < 3 || GRAMMAR_KEYWORDS.has(text.slice(i, identEnd))) return identEnd;
      // The blanks up to a bracket or `=` go with the name's deletion: `name   =` reaches tree-sitter as `n=`.
      let next = identEnd;
      for (let b = text.charCodeAt(next); b === 32 || b === 9; b = text.charCodeAt(++next));
      if (next > identEnd && !GLUES_TO_NAME.has(text[next]!)) next = identEnd;
      this.shortenings.push({ offset: i + 1, text: '', deleteLength: next - i - 1, endAt: identEnd });
      return next;
    }
    const punct = punctuationAt(text, i);
    if (punct) {
      if (emit) this.push('punct', i, i + punct.length);
      this.previous = punct;
      return i + punct.length;
    }
    return this.invalidCharacters(i);
  }

  /** Skips spaces and tabs from `i`; returns the offset after them. */
  private blankRun(i: number, emit: boolean): number {
    const text = this.text;
    let end = i + 1;
    for (let c = text.charCodeAt(end); c === 32 || c === 9; c = text.charCodeAt(++end));
    // Only at the top level: inside interpolations the string's own compression owns the edits.
    // Indentation goes entirely (a newline separates the tokens already); other runs keep one blank.
    if (emit && end - i >= 2 && text[i - 1] === '\n') this.shortenings.push({ offset: i, text: '', deleteLength: end - i });
    else if (emit && end - i >= 3) this.shortenings.push({ offset: i + 1, text: '', deleteLength: end - i - 1 });
    return end;
  }

  private push(kind: TokenKind, start: number, end: number, interpolated?: boolean): void {
    this.tokens.push({ kind, start, end, text: this.text.slice(start, end), interpolated: interpolated === true });
  }

  private blockComment(i: number, emit: boolean): number {
    const close = this.text.indexOf('*/', i + 2);
    const end = close === -1 ? this.text.length : close + 2;
    if (close === -1) {
      this.errors.report(i, i + 2, 'unclosed comment', "A '/*' comment must end with '*/'. Add '*/' where the comment ends.");
      this.insertions.push({ offset: end, text: '*/' });
      this.swallowedToEnd = true;
    }
    // A multi-line comment ends the line it started on, like a newline.
    if (emit && this.text.slice(i, end).includes('\n')) this.push('newline', end, end);
    return end;
  }

  private number(i: number, emit: boolean): number {
    const text = this.text;
    let end: number;
    if (this.previous === '.') {
      end = matchAt(DIGITS, text, i)!; // a legacy index: `list.0`
    } else {
      end = matchAt(HEX_NUMBER, text, i) ?? matchAt(NUMBER, text, i)!;
      const integerWithExponent = /^[0-9]+(?=[eE])/.exec(text.slice(i, end));
      // The grammar only accepts an exponent after a fraction (`1.0e3`); HCL also allows `1e3`.
      if (integerWithExponent) this.insertions.push({ offset: i + integerWithExponent[0].length, text: '.0' });
    }
    if (emit) this.push('number', i, end);
    this.previous = 'number';
    return end;
  }

  private heredoc(i: number, emit: boolean): number | undefined {
    const text = this.text;
    const openEnd = matchAt(HEREDOC_OPEN, text, i);
    if (openEnd === undefined) return undefined;
    const marker = /^<<-?(.*)$/su.exec(text.slice(i, openEnd))![1]!;
    const firstLineEnd = text.indexOf('\n', openEnd);
    let end = text.length;
    let closed = false;
    for (let lineStart = firstLineEnd === -1 ? -1 : firstLineEnd + 1; lineStart !== -1 && lineStart <= text.length; ) {
      const lineEnd = text.indexOf('\n', lineStart);
      const line = text.slice(lineStart, lineEnd === -1 ? text.length : lineEnd);
      if (line.trim() === marker) {
        end = lineStart + line.indexOf(marker) + marker.length;
        closed = true;
        break;
      }
      lineStart = lineEnd === -1 ? -1 : lineEnd + 1;
    }
    if (!closed) {
      this.errors.report(
        i,
        openEnd,
        `unclosed heredoc: no line '${marker}' ends it`,
        `A heredoc started with <<${marker} ends at a line that contains only '${marker}'. Add that line after the text.`,
      );
      this.insertions.push({ offset: text.length, text: `\n${marker}\n` });
      this.swallowedToEnd = true;
    }
    const body = text.slice(openEnd, end);
    if (emit) this.push('heredoc', i, end, body.includes('${') || body.includes('%{'));
    this.previous = 'heredoc';
    return end;
  }

  /** A `"…"` string with its interpolations; `\n` inside the literal text means it was never closed. */
  private quoted(start: number, emit: boolean, nesting: number): number {
    if (nesting > MAX_TEMPLATE_NESTING) {
      this.errors.report(start, start + 1, 'expression nested too deeply', 'Strings and interpolations are nested more than 64 levels deep.');
      throw new NestingTooDeep();
    }
    const text = this.text;
    let interpolated = false;
    let i = start + 1;
    let runStart = i;
    let repairsBefore = this.insertions.length;
    for (;;) {
      if (i >= text.length || text[i] === '\n') {
        this.unclosedString(start, i);
        break;
      }
      const c = text[i]!;
      if (c === '"') {
        if (emit && !interpolated && this.insertions.length === repairsBefore && isOperandPosition(text, start) && endsOperand(text, i + 1)) {
          this.shortenings.push({ offset: start, text: '0', deleteLength: i + 1 - start });
        } else {
          this.compressRun(runStart, i, repairsBefore);
        }
        i++;
        break;
      }
      if (c === '\\') {
        i = this.escape(i);
        continue;
      }
      if ((c === '$' || c === '%') && text[i + 1] === c && text[i + 2] === '{') {
        i += 3; // `$${` and `%%{` are escapes for a literal `${` / `%{`
        continue;
      }
      if ((c === '$' || c === '%') && text[i + 1] === '{') {
        interpolated = true;
        this.compressRun(runStart, i, repairsBefore);
        i = this.interpolation(i, nesting);
        if (this.stringEndedAt === i) {
          this.stringEndedAt = -1;
          break;
        }
        runStart = i;
        repairsBefore = this.insertions.length;
        continue;
      }
      i++;
    }
    if (emit) this.push('string', start, i, interpolated);
    this.previous = 'string';
    return i;
  }

  /**
   * Hands a run of literal string text to tree-sitter as a single character: its scanner reads
   * strings one character per token, which dominated parse time. Literal text is always read from
   * the user's text, so nothing is lost. Runs holding a repair are kept as they are.
   */
  private compressRun(start: number, end: number, repairsBefore: number): void {
    if (end - start >= 2 && this.insertions.length === repairsBefore) {
      this.insertions.push({ offset: start, text: 'x', deleteLength: end - start });
    }
  }

  private unclosedString(start: number, at: number): void {
    const text = this.text;
    const lineEnd = at > start && text[at - 1] === '\r' ? at - 1 : at;
    this.errors.report(
      start,
      lineEnd,
      'unclosed string',
      'A quoted string must end with \'"\' on the line where it starts. Add the closing quote, or use a heredoc (<<EOT … EOT) for text over several lines.',
    );
    this.insertions.push({ offset: lineEnd, text: '"' });
    this.unclosedStringEnds.add(at);
  }

  /** Checks the escape at `i` (a backslash); returns the offset after it. */
  private escape(i: number): number {
    const text = this.text;
    const next = text[i + 1];
    if (next === undefined || next === '\n' || next === '\r') {
      // A backslash right before the end of the line would escape the quote the repair adds.
      this.insertions.push({ offset: i, text: '\\' });
      return i + 1;
    }
    if ('nrt"\\'.includes(next)) return i + 2;
    const hexDigits = next === 'u' ? 4 : next === 'U' ? 8 : 0;
    if (hexDigits > 0 && new RegExp(`^[0-9a-fA-F]{${hexDigits}}`).test(text.slice(i + 2, i + 2 + hexDigits))) {
      return i + 2 + hexDigits;
    }
    const shown = hexDigits > 0 ? text.slice(i, i + 2 + hexDigits).split('\n')[0]! : text.slice(i, i + 2);
    this.errors.report(
      i,
      i + shown.length,
      `invalid escape sequence '${shown}'`,
      hexDigits > 0
        ? `'\\${next}' must be followed by exactly ${hexDigits} hexadecimal digits.`
        : "In a quoted string a backslash starts an escape: \\n, \\r, \\t, \\\", \\\\, \\uNNNN or \\UNNNNNNNN. Write '\\\\' for a backslash.",
    );
    this.insertions.push({ offset: i, text: '\\' }); // read on as a literal backslash
    return i + 1;
  }

  /** Skips the expression inside `${ … }` up to its closing brace; returns the offset after it. */
  private interpolation(open: number, nesting: number): number {
    const text = this.text;
    let depth = 0;
    let i = open + 2;
    let commentStart = -1;
    while (i < text.length) {
      const c = text[i];
      if (c === '#' || (c === '/' && text[i + 1] === '/')) commentStart = i;
      if (c === '}' && depth === 0) return i + 1;
      if (c === '{') depth++;
      else if (c === '}') depth--;
      if (c === '"' && depth === 0 && !this.closesOnLine(i + 1)) {
        // `"a-${x"`: a quote that opens no string that ends on this line closes the outer one.
        this.errors.report(i, i, "missing '}' after the interpolation", 'An interpolation is written "${expression}".');
        this.insertions.push({ offset: i, text: '}' });
        return i;
      }
      if (c === '\n' && STATEMENT_LINE.test(text.slice(i + 1, text.indexOf('\n', i + 1) >>> 0))) {
        // Newlines are allowed inside an interpolation, but not before what looks like the next statement.
        const lineEnd = commentStart !== -1 ? commentStart : text[i - 1] === '\r' ? i - 1 : i;
        this.errors.report(open, lineEnd, "unclosed interpolation: missing '}'", 'An interpolation is written "${expression}", on one line.');
        this.insertions.push({ offset: lineEnd, text: '}"' }); // before a comment, which would swallow it
        this.unclosedStringEnds.add(i);
        this.stringEndedAt = i;
        return i;
      }
      if (c === '\n') commentStart = -1;
      if (c === '"') i = this.quoted(i, false, nesting + 1);
      else if (c === '~' || c === '\n') i++; // strip markers; newlines are allowed inside interpolations
      else i = this.codeToken(i, false, nesting + 1);
    }
    // Unclosed up to the end: the enclosing string reports it; close the interpolation for tree-sitter.
    this.insertions.push({ offset: text.length, text: '}' });
    return i;
  }

  /** Whether a string starting at `i` (after its quote) has an unescaped closing quote on the same line. */
  private closesOnLine(i: number): boolean {
    for (let at = i; at < this.text.length; at++) {
      const c = this.text[at];
      if (c === '\n') return false;
      if (c === '\\') at++;
      else if (c === '"') return true;
    }
    return false;
  }

  /** `'text'` is a common slip: report it once and read it as a double-quoted string. */
  private singleQuoted(start: number, emit: boolean): number {
    const text = this.text;
    const lineEnd = text.indexOf('\n', start) === -1 ? text.length : text.indexOf('\n', start);
    const close = text.indexOf("'", start + 1);
    if (close === -1 || close > lineEnd) return this.invalidCharacters(start);
    this.errors.report(start, close + 1, 'strings use double quotes', `Write "${text.slice(start + 1, close)}" instead of '${text.slice(start + 1, close)}'.`);
    this.replacements.set(start, '"');
    this.replacements.set(close, '"');
    // Lex the content as a string whose quotes sit at start and close.
    const end = close + 1;
    if (emit) this.push('string', start, end, text.slice(start, end).includes('${'));
    this.previous = 'string';
    return end;
  }

  /** A run of characters HCL does not allow here: one error, each blanked for tree-sitter. */
  private invalidCharacters(start: number): number {
    const text = this.text;
    let end = start;
    while (end < text.length && !WHITESPACE.test(text[end]!) && !this.startsToken(end)) {
      end += codePointLength(text, end);
    }
    if (end === start) end = start + codePointLength(text, start);
    for (let i = start; i < end; i++) this.replacements.set(i, ' ');
    this.invalidOffsets.push(start);
    const line = this.errors.mapper.position(start).line;
    if (!this.invalidCharLines.has(line)) {
      this.invalidCharLines.add(line);
      const ch = String.fromCodePoint(text.codePointAt(start)!);
      this.errors.report(start, end, `invalid character ${describeCharacter(ch)}`, invalidCharacterHint(ch));
    } else {
      this.errors.flagLine(start);
    }
    return end;
  }

  /** Whether a valid token (or comment/string) starts at `i`, which ends a run of bad characters. */
  private startsToken(i: number): boolean {
    const c = this.text[i]!;
    if ('"#0123456789'.includes(c) || (c === '/' && (this.text[i + 1] === '/' || this.text[i + 1] === '*'))) return true;
    return identifierEnd(this.text, i) !== undefined || punctuationAt(this.text, i) !== undefined;
  }
}

/**
 * A plain string (no interpolation, nothing repaired) where an expression operand stands is handed
 * to tree-sitter as the number `0`: two nodes instead of five, and no call into the grammar's
 * template scanner. The converter reads a number whose text starts with '"' as that string. Only
 * after a token that must be followed by an expression (`=`, `==`, `(`, `[`, `,`, `:`, `?`, `=>`),
 * on the same line, and before one that may follow an operand: a block label, a function name or an
 * attribute after '.' never becomes a number, so nothing invalid turns valid.
 */
function isOperandPosition(text: string, stringStart: number): boolean {
  let at = stringStart - 1;
  while (at >= 0 && (text[at] === ' ' || text[at] === '\t')) at--;
  const c = text[at];
  return c === '=' || c === '(' || c === '[' || c === ',' || c === ':' || c === '?' || (c === '>' && text[at - 1] === '=');
}

/** What may follow a string replaced by `0` without joining onto it or changing how it parses. */
function endsOperand(text: string, after: number): boolean {
  const c = text[after];
  return c === undefined || c === ' ' || c === '\t' || c === '\r' || c === '\n' || c === ',' || c === ')' || c === ']' || c === '}' || c === ':' || c === '?' || c === '#';
}

function punctuationAt(text: string, at: number): string | undefined {
  // By first character (every token that is not a name, number or string comes here).
  const c = text[at]!;
  const next = text[at + 1];
  switch (c) {
    case '.':
      return next === '.' && text[at + 2] === '.' ? '...' : '.';
    case '=':
      return next === '=' ? '==' : next === '>' ? '=>' : '=';
    case '!':
    case '<':
    case '>':
      return next === '=' ? `${c}=` : c;
    case '&':
    case '|':
      return next === c ? `${c}${c}` : undefined;
    default:
      return SHORT_PUNCTUATION.includes(c) ? c : undefined;
  }
}

/** End of the identifier at `at`; plain ASCII names skip the (slower) Unicode pattern. */
function identifierEnd(text: string, at: number): number | undefined {
  const first = text.charCodeAt(at);
  const asciiStart = (first >= 97 && first <= 122) || (first >= 65 && first <= 90) || first === 95;
  if (!asciiStart && first < 128) return undefined;
  if (asciiStart) {
    let end = at + 1;
    for (;;) {
      const code = text.charCodeAt(end);
      if ((code >= 97 && code <= 122) || (code >= 65 && code <= 90) || (code >= 48 && code <= 57) || code === 95 || code === 45) end++;
      else if (code >= 128 || code === 58) break; // non-ASCII or `::`: let the full pattern decide
      else return end;
    }
  }
  return matchAt(IDENTIFIER, text, at);
}

function matchAt(pattern: RegExp, text: string, at: number): number | undefined {
  pattern.lastIndex = at;
  const match = pattern.exec(text);
  return match ? at + match[0].length : undefined;
}

function codePointLength(text: string, at: number): number {
  const code = text.codePointAt(at);
  return code !== undefined && code > 0xffff ? 2 : 1;
}

export function describeCharacter(ch: string): string {
  const code = ch.codePointAt(0)!;
  const hex = `U+${code.toString(16).toUpperCase().padStart(4, '0')}`;
  return code < 0x20 || (code >= 0x7f && code < 0xa0) || code === 0xfffd ? hex : `'${ch}'`;
}

function invalidCharacterHint(ch: string): string {
  switch (ch) {
    case '\uFFFD':
      return 'The file contains bytes that are not valid UTF-8. Configuration files must be UTF-8 text.';
    case ';':
      return 'HCL does not use semicolons: put each attribute on its own line.';
    case '&':
    case '|':
      return `The logical operators are written '${ch}${ch}'.`;
    case '$':
      return 'Interpolation only works inside a quoted string ("${var.name}"); outside one, write the reference directly.';
    case "'":
      return 'Strings use double quotes.';
    default:
      return 'This character cannot appear outside a string or a comment.';
  }
}
