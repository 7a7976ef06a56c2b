// The tokens of a file as the formatter sees them: the lexer's tokens plus the comments it skips,
// each with its exact text. Only the blanks between tokens are the formatter's to change; every
// token here is written back as it was read.
import { Lexer, type TokenKind } from '../syntax/lexer.js';
import { SourceText } from '../syntax/source.js';
import { SyntaxErrors } from '../syntax/syntax-errors.js';

export type LayoutKind = TokenKind | 'comment';

export interface LayoutToken {
  kind: LayoutKind;
  text: string;
}

/**
 * The tokens of `text`, comments included, newlines as tokens, without the end-of-file token.
 * `text` must have parsed without errors: a broken file would lex differently from what it means.
 */
export function layoutTokens(text: string): LayoutToken[] {
  const source = new SourceText('', text);
  // Errors were reported by the parse before formatting; lexing again finds none worth keeping.
  const lexer = new Lexer(source, new SyntaxErrors(source));
  const tokens: LayoutToken[] = [];
  let previousEnd = 0;
  for (lexer.next(); ; lexer.next()) {
    pushComments(text, previousEnd, lexer.start, tokens);
    if (lexer.kind === 'eof') return tokens;
    if (lexer.kind === 'newline' && lexer.start === lexer.end) {
      // A comment over several lines ends its line, like a newline; when a real newline follows
      // anyway, that one ends it.
      if (!newlineFollows(text, lexer.end)) tokens.push({ kind: 'newline', text: '\n' });
    } else {
      tokens.push({ kind: lexer.kind, text: lexer.kind === 'newline' ? '\n' : lexer.tokenText() });
    }
    previousEnd = lexer.end;
  }
}

/** Adds the comments in the blanks between two tokens. */
function pushComments(text: string, from: number, to: number, tokens: LayoutToken[]): void {
  for (let i = from; i < to; ) {
    const c = text[i];
    if (c === '#' || (c === '/' && text[i + 1] === '/')) {
      const newline = text.indexOf('\n', i);
      const end = newline === -1 || newline > to ? to : newline;
      // A line comment's trailing blanks (and the '\r' of a CRLF line) are not part of it.
      tokens.push({ kind: 'comment', text: text.slice(i, end).trimEnd() });
      i = end;
    } else if (c === '/' && text[i + 1] === '*') {
      const close = text.indexOf('*/', i + 2);
      const end = close === -1 || close + 2 > to ? to : close + 2;
      tokens.push({ kind: 'comment', text: text.slice(i, end) });
      i = end;
    } else i++;
  }
}

/** Whether only blanks stand between `at` and the next newline (or the end of the text). */
function newlineFollows(text: string, at: number): boolean {
  for (let i = at; i < text.length; i++) {
    const c = text[i];
    if (c === '\n') return true;
    if (c !== ' ' && c !== '\t' && c !== '\r') return false;
  }
  return true;
}
