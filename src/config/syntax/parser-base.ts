// What every part of the HCL parser shares: the token cursor over the lexer, the open blocks and
// brackets, nesting depth, and the error rules. As in hashicorp/hcl's hclsyntax, a mistake breaks
// the statement (attribute or block header) it is in: the statement's first error is reported, the
// parser skips to where the statement ends (recover), and the next statement is read as usual, so
// one mistake never hides the next.
import type { SourceText, TextRange } from './source.js';
import { Lexer, type LexerState, type TokenKind } from './lexer.js';
import { MAX_NESTING, type SyntaxErrors } from './syntax-errors.js';

/** Thrown to abandon a broken statement (its error is reported); the body parser recovers. */
export class BrokenStatement extends Error {}

type ContextKind = 'block' | 'object' | 'tuple' | 'paren' | 'index';

/** A block or bracket being read. */
export interface OpenContext {
  kind: ContextKind;
  /** Offset of its opening bracket (a block: of its type name). */
  open: number;
  /** Blocks: the header as written, `backup_vault "main"`. */
  header?: string;
  /** Brackets: whether newlines were skipped outside (inside they always are, but in a map). */
  skipNewlinesOutside?: boolean;
}

/** A closer on its own line indented less than the line that opened what it closed: a hint of a missing closer before it. */
interface MisplacedCloser {
  context: OpenContext;
  closer: number;
  /** End of the last token before the closer. */
  before: number;
  used: boolean;
}

interface Mark {
  lexer: LexerState;
  previousKind: TokenKind;
  previousStart: number;
  previousEnd: number;
}

const CLOSER: Record<ContextKind, '}' | ']' | ')'> = { block: '}', object: '}', tuple: ']', paren: ')', index: ']' };

const DESCRIPTION: Record<ContextKind, string> = { block: 'block', object: 'map', tuple: 'list', paren: "'('", index: 'index' };

export abstract class ParserBase {
  protected readonly lexer: Lexer;
  protected readonly text: string;
  /** Whether newlines are skipped (inside brackets) or are tokens (in a body or a map). */
  protected skipNewlines = false;
  /** The last token consumed (newlines aside): its kind and span. */
  protected previousKind: TokenKind = 'newline';
  protected previousStart = 0;
  protected previousEnd = 0;
  protected readonly contexts: OpenContext[] = [];
  protected depth = 0;
  /** The statement being read had an error: it is left out of the AST. */
  protected statementBroken = false;
  /** The statement being read has reported (or suppressed) an error: later ones are its echoes. */
  protected statementReported = false;
  /** The previous statement had an error: a next line that does not start like a statement is its debris. */
  protected recovering = false;
  /** Where the last unclosed quoted string ended: the brackets its line opened close there silently. */
  protected unclosedStringEnd = -1;
  private readonly misplaced: MisplacedCloser[] = [];
  private readonly strings = new Map<string, string>();

  constructor(
    protected readonly source: SourceText,
    protected readonly errors: SyntaxErrors,
  ) {
    this.text = source.text;
    this.lexer = new Lexer(source, errors);
  }

  protected get kind(): TokenKind {
    return this.lexer.kind;
  }

  /** Whether the current token is a `kind` (a method: TypeScript would keep narrowing `this.kind` across `next()`). */
  protected at(kind: TokenKind): boolean {
    return this.lexer.kind === kind;
  }

  /** Consumes the current token. */
  protected next(): void {
    const lexer = this.lexer;
    if (lexer.kind !== 'newline') {
      this.previousKind = lexer.kind;
      this.previousStart = lexer.start;
      this.previousEnd = lexer.end;
    }
    lexer.next();
    if (this.skipNewlines) while (lexer.kind === 'newline') lexer.next();
  }

  /** Switches newline handling; a newline that is the current token is skipped when they no longer count. */
  protected setSkipNewlines(skip: boolean): void {
    this.skipNewlines = skip;
    if (skip) while (this.lexer.kind === 'newline') this.lexer.next();
  }

  /** Where the parser is, to come back to after looking ahead. */
  protected mark(): Mark {
    return { lexer: this.lexer.save(), previousKind: this.previousKind, previousStart: this.previousStart, previousEnd: this.previousEnd };
  }

  protected reset(mark: Mark): void {
    this.lexer.restore(mark.lexer);
    this.previousKind = mark.previousKind;
    this.previousStart = mark.previousStart;
    this.previousEnd = mark.previousEnd;
  }

  /** Whether the current token is the identifier `word`. */
  protected atWord(word: string): boolean {
    const lexer = this.lexer;
    return lexer.kind === 'ident' && lexer.end - lexer.start === word.length && this.text.startsWith(word, lexer.start);
  }

  /** Whether the kind of the token after the current one is `kind` (a look-ahead of one token, newlines included). */
  protected followedBy(kind: TokenKind): boolean {
    const state = this.mark();
    this.lexer.next();
    const found = this.lexer.kind === kind;
    this.reset(state);
    return found;
  }

  /** Counts one level of nesting; past MAX_NESTING the parse stops with an error. */
  protected enter(): void {
    if (++this.depth > MAX_NESTING) this.errors.tooDeep(this.lexer.start);
  }

  protected leave(): void {
    this.depth--;
  }

  /**
   * A grammar error: reported when it is the first of its statement (and, `atStatementStart`, when
   * the line is not the debris of a broken statement before it). Unless `repaired`, the statement
   * is broken: left out of the AST.
   */
  protected grammarError(start: number, end: number, summary: string, detail: string, options: { repaired?: boolean; atStatementStart?: boolean } = {}): void {
    if (!this.statementReported && !(options.atStatementStart && this.recovering)) this.errors.report('grammar', start, end, summary, detail);
    this.statementReported = true;
    if (!options.repaired) this.statementBroken = true;
  }

  /** A grammar error that abandons the statement. */
  protected fail(start: number, end: number, summary: string, detail: string, atStatementStart = false): never {
    this.grammarError(start, end, summary, detail, { atStatementStart });
    throw new BrokenStatement();
  }

  /** Abandons the statement at the current token, which cannot follow what was read before it. */
  protected failUnexpected(detail: string): never {
    const kind = this.kind;
    if (kind === '=>') detail = "'=>' only separates key and value in an object for expression: {for k, v in map : k => v}.";
    if (kind === '(') detail = "Only a function name can be followed by '(': write name(…). Otherwise an operator is missing before it.";
    return this.fail(this.lexer.start, this.lexer.end, `unexpected ${this.tokenName()}`, detail);
  }

  /** The text ends inside a bracket: reported as that bracket left open, and the statement abandoned. */
  protected failAtEnd(): never {
    const open = this.contexts[this.contexts.length - 1];
    if (open && open.kind !== 'block') this.endContext(open);
    return this.failQuietly();
  }

  /** Abandons the statement without a message of its own: a lexical error explains it. */
  protected failQuietly(): never {
    this.statementReported = true;
    this.statementBroken = true;
    throw new BrokenStatement();
  }

  /** An error that is no echo of another (a construct bkp does not support, a bad number); the statement stays. */
  protected reportStandalone(start: number, end: number, summary: string, detail: string): void {
    this.errors.report('standalone', start, end, summary, detail);
  }

  protected range(start: number, end: number): TextRange {
    return this.source.range(start, end);
  }

  /**
   * The one copy of a string this file has already produced. A configuration repeats a few names
   * and values thousands of times (`name`, `backup_vault`, a schedule); each as a string of its own
   * was kept alive by the AST and copied by every garbage collection of the load.
   */
  protected intern(value: string): string {
    const known = this.strings.get(value);
    if (known !== undefined) return known;
    this.strings.set(value, value);
    return value;
  }

  // ---------------------------------------------------------------------------------------------
  // Blocks and brackets

  protected openBlock(open: number, header: string): OpenContext {
    const context: OpenContext = { kind: 'block', open, header };
    this.contexts.push(context);
    return context;
  }

  /** Opens a bracket at the current token and moves past it; newlines do not count inside. */
  protected openBracket(kind: Exclude<ContextKind, 'block'>): OpenContext {
    const context: OpenContext = { kind, open: this.lexer.start, skipNewlinesOutside: this.skipNewlines };
    this.contexts.push(context);
    this.skipNewlines = true;
    this.next();
    return context;
  }

  /** Consumes the closer of the innermost context (the current token) and forgets the context. */
  protected closeContext(context: OpenContext): void {
    const closer = this.lexer.start;
    if (this.source.isFirstOnLine(closer) && this.source.indentOf(closer) < this.source.indentOf(context.open)) {
      this.misplaced.push({ context, closer, before: this.previousEnd, used: false });
    }
    this.contexts.pop();
    this.next();
  }

  /**
   * The current token cannot continue the bracket `context`: a closer of another kind, the end of
   * the text, or the start of the next statement. Closes the context (consuming the token when it
   * is a mistyped closer), or abandons the statement.
   */
  protected endContext(context: OpenContext): void {
    const kind = this.kind;
    const expected = CLOSER[context.kind];
    const where = `${DESCRIPTION[context.kind]} opened at line ${this.source.lineOf(context.open)}`;
    if (kind === 'eof') {
      this.contexts.pop();
      if (!this.lexer.swallowedToEnd) this.grammarError(this.previousEnd, this.previousEnd, `missing '${expected}' to close the ${where}`, `Every '${this.text[context.open]}' needs a matching '${expected}'.`);
      return;
    }
    if (kind === '}' || kind === ']' || kind === ')') {
      if (!this.source.isFirstOnLine(this.lexer.start) && this.source.sameLine(context.open, this.lexer.start)) {
        // `[1, 2}`: a mistyped closer on the line that opened the bracket.
        this.grammarError(this.lexer.start, this.lexer.end, `expected '${expected}' to close the ${DESCRIPTION[context.kind]}, found '${kind}'`, `Replace '${kind}' with '${expected}'.`);
        this.contexts.pop();
        this.next();
        return;
      }
      if (!this.contexts.some((open) => open !== context && CLOSER[open.kind] === kind)) {
        this.fail(this.lexer.start, this.lexer.end, `unexpected '${kind}'`, `This '${kind}' closes nothing: remove it, or look for a missing opening bracket before it.`);
      }
    }
    if (kind !== '}' && kind !== ']' && kind !== ')' && !this.lineBreakBefore()) {
      this.failUnexpected('This does not fit here: check for a missing operator, comma or bracket before it.');
    }
    // A closer of an outer bracket, or the next statement: this one was left open.
    this.contexts.pop();
    this.grammarError(this.previousEnd, this.previousEnd, `missing '${expected}' to close the ${where}`, `Add '${expected}' where the ${DESCRIPTION[context.kind]} ends.`);
  }

  /**
   * Whether the bracket `context` ends silently here: an unclosed quoted string, just read, took
   * the closers of the line that opened it (its error is reported already).
   */
  protected closedByUnclosedString(context: OpenContext): boolean {
    if (this.previousEnd !== this.unclosedStringEnd || !this.source.sameLine(context.open, this.previousEnd)) return false;
    this.contexts.pop();
    return true;
  }

  /** Whether the current token, first on its line, starts the next statement (see startsStatement). */
  protected atNextStatement(attributeToo: boolean): boolean {
    return this.lexer.kind === 'ident' && this.lineBreakBefore() && this.startsStatement(attributeToo);
  }

  /**
   * The block `context` is still open at the end of the file. When a closer after it was indented
   * like an outer level, the missing '}' probably belongs before that one: that is reported, and
   * the offset of that closer returned (what follows it belonged to the enclosing body).
   */
  protected unclosedAtEnd(context: OpenContext): number | undefined {
    this.contexts.pop();
    const hint = this.misplaced.find((m) => !m.used && m.closer > context.open);
    if (hint) hint.used = true;
    const missing = hint?.context ?? context;
    const closer = CLOSER[missing.kind];
    const opened = `opened at line ${this.source.lineOf(missing.open)}`;
    const summary = missing.kind === 'block' ? `unclosed block: missing '}' for ${missing.header} ${opened}` : `missing '${closer}' to close the ${DESCRIPTION[missing.kind]} ${opened}`;
    const why = hint ? ` The '${this.text[hint.closer]}' on line ${this.source.lineOf(hint.closer)} is indented like an outer level, so the '${closer}' is probably missing just before it.` : '';
    // An unclosed heredoc or comment that ran to the end explains the missing closers.
    if (!this.lexer.swallowedToEnd) {
      const at = hint?.before ?? this.previousEnd;
      this.errors.report('standalone', at, at, summary, `Every '${missing.kind === 'block' ? '{' : this.text[missing.open]}' needs a matching '${closer}'.${why}`);
    }
    return hint?.closer;
  }

  // ---------------------------------------------------------------------------------------------
  // Recovery

  /**
   * Skips the rest of a broken statement: to the end of its line, past the brackets the statement
   * left open (`open`, innermost last) and any it opens on the way, but not past the '}' of the
   * enclosing block, nor into a line that starts the next statement while a bracket is still open.
   */
  protected skipStatement(open: readonly OpenContext[]): void {
    const closers = open.map((context) => CLOSER[context.kind]);
    this.skipNewlines = false;
    for (;;) {
      const kind = this.kind;
      if (kind === 'eof') return;
      if (kind === 'newline') {
        if (closers.length === 0) return;
        this.next();
        if (this.startsStatement(closers[closers.length - 1] !== '}')) return;
        continue;
      }
      if (kind === '{' || kind === '[' || kind === '(') closers.push(kind === '{' ? '}' : kind === '[' ? ']' : ')');
      else if (kind === '}' || kind === ']' || kind === ')') {
        const match = closers.lastIndexOf(kind);
        if (match === -1 && kind === '}') return; // the enclosing block's
        if (match !== -1) closers.length = match; // what opened after the match was left open
      }
      this.next();
    }
  }

  /**
   * Whether the current token starts a line that reads as a statement: a block header
   * (`type "label" {`) or, where `name = value` cannot be an item (a list, a call), an attribute.
   */
  protected startsStatement(attributeToo: boolean): boolean {
    const lexer = this.lexer;
    if (lexer.kind !== 'ident') return false;
    const state = this.mark();
    lexer.next();
    let statement = attributeToo && this.at('=');
    if (!statement) {
      while (this.at('string') || this.at('ident')) lexer.next();
      statement = this.at('{');
    }
    this.reset(state);
    return statement;
  }

  // ---------------------------------------------------------------------------------------------
  // Tokens and lines

  /** Whether a line ends between the last token consumed and the current one. */
  protected lineBreakBefore(): boolean {
    const newline = this.text.indexOf('\n', this.previousEnd);
    return newline !== -1 && newline < this.lexer.start;
  }

  /** The current token as named after "unexpected": `string`, `'='`. */
  protected tokenName(): string {
    const kind = this.kind;
    return kind === 'string' || kind === 'heredoc' ? kind : kind === 'newline' ? 'end of the line' : kind === 'eof' ? 'end of the file' : `'${this.lexer.tokenText()}'`;
  }

  /** The current token as named after "found": `a string`, `the end of the line`, `'='`. */
  protected describeToken(): string {
    const name = this.tokenName();
    if (this.at('string') || this.at('heredoc')) return `a ${name}`;
    return this.at('newline') || this.at('eof') ? `the ${name}` : name;
  }
}

/**
 * The array itself when empty, else a copy of exactly its length: an array grown by `push` keeps
 * room for 17 items, and the AST holds tens of thousands of short lists for as long as it lives.
 */
export function exact<T>(items: T[]): T[] {
  return items.length === 0 ? items : items.slice();
}

/** Tokens that start an operand and cannot continue the previous one (`(` and `[` could: a call, an index). */
export function startsValue(kind: TokenKind): boolean {
  return kind === 'ident' || kind === 'number' || kind === 'string' || kind === 'heredoc' || kind === '{';
}

/** Tokens that can start an expression. */
export function startsExpression(kind: TokenKind): boolean {
  return startsValue(kind) || kind === '(' || kind === '[' || kind === '-' || kind === '!';
}
