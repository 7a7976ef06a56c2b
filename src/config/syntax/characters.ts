// Characters of HCL: which start names and punctuation, and how one that HCL does not allow is
// named in a message (invisible ones by code point).

export type Punctuation =
  | '{' | '}' | '[' | ']' | '(' | ')' | '=' | '==' | '=>' | '!' | '!=' | '<' | '<=' | '>' | '>='
  | '&&' | '||' | '+' | '-' | '*' | '/' | '%' | '.' | '...' | ',' | ':' | '?' | '~}';

const IDENTIFIER = /[\p{ID_Start}_](?:[\p{ID_Continue}-]|::)*/uy;
const ONE_CHARACTER_PUNCTUATION = '{}[](),:?+-*/%';
export const WHITESPACE = /\s/;

export function punctuationAt(text: string, at: number): Punctuation | undefined {
  const c = text[at]!;
  const next = text[at + 1];
  switch (c) {
    case '.':
      return next === '.' && text[at + 2] === '.' ? '...' : '.';
    case '=':
      return next === '=' ? '==' : next === '>' ? '=>' : '=';
    case '!':
      return next === '=' ? '!=' : '!';
    case '<':
      return next === '=' ? '<=' : '<';
    case '>':
      return next === '=' ? '>=' : '>';
    case '&':
      return next === '&' ? '&&' : undefined;
    case '|':
      return next === '|' ? '||' : undefined;
    case '~':
      return next === '}' ? '~}' : undefined;
    default:
      return ONE_CHARACTER_PUNCTUATION.includes(c) ? (c as Punctuation) : undefined;
  }
}

/** End of the identifier at `at`; plain ASCII names skip the (slower) Unicode pattern. */
export function identifierEnd(text: string, at: number): number | undefined {
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

export function matchAt(pattern: RegExp, text: string, at: number): number | undefined {
  pattern.lastIndex = at;
  const match = pattern.exec(text);
  return match ? at + match[0].length : undefined;
}

export function codePointLength(text: string, at: number): number {
  const code = text.codePointAt(at);
  return code !== undefined && code > 0xffff ? 2 : 1;
}

export function describeCharacter(ch: string): string {
  const code = ch.codePointAt(0)!;
  const hex = `U+${code.toString(16).toUpperCase().padStart(4, '0')}`;
  const invisible = code < 0x20 || (code >= 0x7f && code < 0xa0) || code === 0xfffd || WHITESPACE.test(ch) || code === 0x200b;
  return invisible ? hex : `'${ch}'`;
}

export function invalidCharacterHint(ch: string): string {
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
    case '\uFEFF':
    case '\u200B':
      return 'An invisible zero-width character: delete it.';
    default:
      if (WHITESPACE.test(ch)) return 'An invisible space that is not a plain space: HCL separates tokens with spaces and tabs only. Retype the blank here.';
      return 'This character cannot appear outside a string or a comment.';
  }
}
