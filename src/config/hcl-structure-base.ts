// Shared ground of the HCL structure checker (hcl-structure.ts): the token cursor, the stack of
// open blocks and brackets, error reporting with its "one error per mistake" rule, and blanking
// text out of what tree-sitter sees.
import { WHITESPACE, type LexResult, type Token } from './hcl-lexer.js';
import type { Insertion, SyntaxErrors } from './hcl-text.js';

export type ContextKind = 'block' | 'object' | 'tuple' | 'paren';

/** Something open: a block, or a bracket inside a value. */
export interface Context {
  kind: ContextKind;
  open: Token;
  /** Leading whitespace of the line where it opened: a closer indented less likely closes something else. */
  indent: number;
  /** Blocks: the header as written, `backup_vault "main"`. */
  header?: string;
  /** `[for …]` / `{for …}`: names follow each other there. */
  forExpression?: boolean;
  /** `name(`: a function call's argument list. */
  call?: boolean;
  /** `?` of conditionals still waiting for their `:`. */
  pendingQuestions?: number;
  /** `{for …}`: whether its `=>` was seen. */
  arrow?: boolean;
}

/** A closer on its own line, indented less than the line that opened what it closed. */
export interface MisplacedCloser {
  context: Context;
  closer: Token;
  used?: boolean;
}

export interface StructureRepairs {
  insertions: Insertion[];
  replacements: Map<number, string>;
}

export const CLOSER: Record<ContextKind, string> = { block: '}', object: '}', tuple: ']', paren: ')' };
export const OPENER_KIND: Record<string, ContextKind> = { '{': 'object', '[': 'tuple', '(': 'paren' };

export abstract class TokenChecker {
  protected i = 0;
  protected readonly stack: Context[] = [];
  protected readonly misplaced: MisplacedCloser[] = [];
  protected readonly blanked: Array<[number, number]> = [];
  /**
   * After an error, the next ones in the same statement and in the broken statements right after
   * it are usually its echo: only the first is reported (the others still get their repairs).
   */
  protected recovering = false;
  private problemsSeen = 0;
  protected readonly tokens: Token[];

  constructor(
    protected readonly lexed: LexResult,
    protected readonly text: string,
    protected readonly errors: SyntaxErrors,
    protected readonly repairs: StructureRepairs,
  ) {
    this.tokens = lexed.tokens;
  }

  protected get token(): Token {
    return this.tokens[this.i]!;
  }

  protected peek(ahead: number): Token {
    return this.tokens[Math.min(this.i + ahead, this.tokens.length - 1)]!;
  }

  /** Errors found so far, reported or not. */
  protected problemCount(): number {
    return this.problemsSeen + this.errors.diagnostics.length;
  }

  protected structureError(start: number, end: number, summary: string, detail: string): void {
    this.problemsSeen++;
    // A line the lexer already reported (an unclosed string garbles what follows on it) gets no second error.
    if (this.recovering || this.errors.isLineFlagged(start)) this.errors.flagLine(start);
    else this.errors.report(start, end, summary, detail);
    this.recovering = true;
  }

  protected hasInvalidCharacters(start: number, end: number): boolean {
    return this.lexed.invalidCharacters.some((offset) => offset >= start && offset < end);
  }

  /** Walks an attribute's value up to the end of its statement, checking the brackets inside. */

  protected blank(start: number, end: number): void {
    for (let at = start; at < end; at++) {
      if (this.text[at] !== '\n') this.repairs.replacements.set(at, ' ');
    }
    this.blanked.push([start, end]);
    // Repairs made so far inside the blanked text (a closing quote at its end) would resurrect part of it.
    this.repairs.insertions = this.repairs.insertions.filter((ins) => ins.offset <= start || ins.offset > end);
  }

  protected lastSignificantEnd(index: number): number {
    for (let k = Math.min(index, this.tokens.length - 1); k >= 0; k--) {
      const token = this.tokens[k]!;
      if (token.kind !== 'newline' && token.kind !== 'eof') return token.end;
    }
    return 0;
  }

  protected indentOf(offset: number): number {
    const lineStart = this.text.lastIndexOf('\n', offset - 1) + 1;
    let at = lineStart;
    while (at < offset && (this.text[at] === ' ' || this.text[at] === '\t')) at++;
    return at - lineStart;
  }

  /** Only blanks before the token on its line (scanned in place: this runs for every closing bracket). */
  protected isFirstOnLine(token: Token): boolean {
    for (let at = token.start - 1; at >= 0; at--) {
      const c = this.text[at]!;
      if (c === '\n') return true;
      if (!WHITESPACE.test(c)) return false;
    }
    return true;
  }

  protected sameLine(a: number, b: number): boolean {
    const newline = this.text.indexOf('\n', Math.min(a, b));
    return newline === -1 || newline >= Math.max(a, b);
  }

  protected lineOf(offset: number): number {
    return this.errors.mapper.position(offset).line;
  }
}

export function endsLine(token: Token): boolean {
  return token.kind === 'newline' || token.kind === 'eof';
}

export function isPunct(token: Token, text: string): boolean {
  return token.kind === 'punct' && token.text === text;
}

export function describeContext(context: Context): string {
  return context.kind === 'tuple' ? 'list' : context.kind === 'paren' ? "'('" : context.kind === 'object' ? 'map' : 'block';
}

export function describeToken(token: Token): string {
  switch (token.kind) {
    case 'string':
      return 'a string';
    case 'heredoc':
      return 'a heredoc';
    case 'newline':
      return 'the end of the line';
    case 'eof':
      return 'the end of the file';
    default:
      return `'${token.text}'`;
  }
}
