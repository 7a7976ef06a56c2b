// Values of attributes, checked token by token: brackets that do not match, commas and '='
// that are missing, operators without operands. Part of the structure checker (hcl-structure.ts).
import type { Token } from './hcl-lexer.js';
import { CLOSER, describeContext, isPunct, OPENER_KIND, TokenChecker, type Context } from './hcl-structure-base.js';

const OPERAND_START = new Set(['[', '(', '{', '-', '!']);
const TRAILING_OPERATORS = new Set(['+', '-', '*', '/', '%', '==', '!=', '<', '>', '<=', '>=', '&&', '||', '!', '?', ':', '.', '=>', ',']);
const BINARY_ONLY = new Set(['*', '/', '%', '==', '!=', '<', '>', '<=', '>=', '&&', '||', '?', '=>']);
const EXPECTS_OPERAND = new Set([...BINARY_ONLY, '+', '-', '!', ':', ',', '(']); // not '[': `[*]` is a splat

export abstract class ValueChecker extends TokenChecker {
  /** `?` at the top level of the value being scanned, still waiting for their `:`. */
  private baseQuestions = 0;

  /** Counts `?` against `:`, and notes the `=>` of object for expressions. */
  private trackConditionals(top: Context | undefined, token: Token): void {
    if (token.kind !== 'punct') return;
    const pending = top ? (top.pendingQuestions ?? 0) : this.baseQuestions;
    const update = (count: number): void => {
      if (top) top.pendingQuestions = count;
      else this.baseQuestions = count;
    };
    if (token.text === '?') update(pending + 1);
    else if (token.text === ':' && pending > 0) update(pending - 1);
    else if (token.text === '=>' && top?.forExpression) top.arrow = true;
  }

  /** What a bracket still lacks when it closes: the `:` of a conditional, the `=>` of `{for …}`. */
  private checkComplete(context: Context, last: Token | undefined): void {
    const at = last?.end ?? context.open.end;
    if ((context.pendingQuestions ?? 0) > 0) {
      this.structureError(at, at, "expected ':' in the conditional", 'A conditional is written `condition ? value : other`.');
    } else if (context.kind === 'object' && context.forExpression && !context.arrow) {
      this.structureError(at, at, "expected '=>' in the for expression", 'An object for expression is written `{for k, v in map : k => v}`.');
    }
  }

  /**
   * Scans a value starting at the current token. A value left without any valid token, or holding
   * invalid characters, is replaced by a placeholder: its error is reported, and what remains of
   * it would only confuse tree-sitter about the following lines.
   */
  protected checkedValue(after: number): void {
    const base = this.stack.length;
    const start = this.token.start;
    const problemsBefore = this.problemCount();
    const { end, validTokens } = this.scanExpression();
    if (validTokens === 0) {
      this.repairs.insertions.push({ offset: after, text: ' null', placeholder: true });
    } else if (this.stack.length === base && (this.problemCount() > problemsBefore || this.hasInvalidCharacters(start, this.token.start))) {
      // One error per value: tree-sitter's recovery from the rest could reach well past this line.
      this.blank(start, end);
      this.repairs.insertions.push({ offset: start, text: 'null', placeholder: true });
    }
  }

  /** Walks an attribute's value up to the end of its statement, checking the brackets inside. */
  protected scanExpression(): { end: number; validTokens: number } {
    const base = this.stack.length;
    let last: Token | undefined;
    /** The token right before `last` (a newline included). */
    let beforeLast: Token | undefined;
    let lineStart = false;
    let validTokens = 0;
    this.baseQuestions = 0;
    for (;;) {
      const token = this.token;
      if (token.kind === 'eof') break;
      const top = this.stack.length > base ? this.stack[this.stack.length - 1] : undefined;
      if (token.kind === 'newline') {
        if (top && this.lexed.unclosedStringEnds.has(token.start)) this.closeLineAfterUnclosedString(token, base);
        if (this.stack.length === base) break;
        lineStart = true;
        this.i++;
        continue;
      }
      if (lineStart && top && (top.kind === 'object' ? this.startsBlock() : this.startsStatement())) {
        // `name =` at the start of a line inside a list or call: the list was left open above.
        this.reportUnclosed(top, last!.end);
        this.stack.pop();
        if (this.stack.length === base) return { end: last!.end, validTokens };
        continue;
      }
      lineStart = false;
      // `tag { key = "a" value = "b" }`: the next attribute of a one-line block starts here.
      if (!top && last && endsValue(last) && token.kind === 'ident' && isPunct(this.peek(1), '=')) break;
      this.trackConditionals(top, token);
      if (last && isMissingOperand(last, token)) {
        this.structureError(token.start, token.end, `unexpected '${token.text}'`, `An operand is missing between '${last.text}' and '${token.text}'.`);
      } else if (top && last) this.checkSeparators(top, last, token, beforeLast);
      else if (last) this.checkOperands(last, token);
      if (token.kind === 'punct' && '}])'.includes(token.text)) {
        const blanksBefore = this.blanked.length;
        const index = this.i;
        if (this.closeInExpression(token, base, last) === 'ends-statement') break;
        if (this.blanked.length === blanksBefore) {
          validTokens++;
          beforeLast = this.tokens[index - 1];
          last = token;
        }
        continue;
      }
      if (token.kind === 'punct' && OPENER_KIND[token.text]) {
        let ahead = 1;
        while (this.peek(ahead).kind === 'newline') ahead++;
        const next = this.peek(ahead);
        this.stack.push({
          kind: OPENER_KIND[token.text]!,
          open: token,
          indent: this.indentOf(token.start),
          forExpression: next.kind === 'ident' && next.text === 'for',
          call: token.text === '(' && last?.kind === 'ident',
        });
      }
      validTokens++;
      beforeLast = this.tokens[this.i - 1];
      last = token;
      this.i++;
    }
    if (last && this.stack.length === base && this.baseQuestions > 0) {
      this.structureError(last.end, last.end, "expected ':' in the conditional", 'A conditional is written `condition ? value : other`.');
    } else if (last && this.stack.length === base && last.kind === 'punct' && TRAILING_OPERATORS.has(last.text)) {
      this.structureError(last.start, last.end, `expected an expression after '${last.text}'`, 'An expression ends at the end of its line; continue it on the same line or inside brackets.');
      this.repairs.insertions.push({ offset: last.end, text: last.text === '.' ? '_' : ' null', placeholder: true });
    }
    return { end: last?.end ?? this.token.start, validTokens };
  }

  /**
   * An unclosed string took the closing brackets of its line with it: close what this line
   * opened right after the repaired quote (its error is reported already).
   */
  protected closeLineAfterUnclosedString(newline: Token, base: number): void {
    while (this.stack.length > base) {
      const top = this.stack[this.stack.length - 1]!;
      if (!this.sameLine(top.open.start, newline.start)) break;
      const at = newline.start > 0 && this.text[newline.start - 1] === '\r' ? newline.start - 1 : newline.start;
      this.repairs.insertions.push({ offset: at, text: CLOSER[top.kind] });
      this.stack.pop();
    }
  }

  /** Whether `token`, preceded by `before`, is the first of an item of a map: after its '{', a ',' or a line break. */
  protected startsItem(token: Token, before: Token | undefined, context: Context): boolean {
    if (token.kind !== 'ident' && token.kind !== 'string') return false;
    return before === context.open || (before !== undefined && (before.kind === 'newline' || isPunct(before, ',')));
  }

  /** At the top of a value: a stray '=', or two operands without an operator between them. */
  protected checkOperands(last: Token, token: Token): void {
    if (isPunct(token, '=')) {
      this.structureError(token.start, token.end, "unexpected '='", "'=' sets an attribute or a map key; compare with '=='.");
    } else if (endsValue(last) && startsValue(token)) {
      this.structureError(token.start, token.end, `unexpected ${token.kind === 'string' || token.kind === 'heredoc' ? token.kind : `'${token.text}'`}`, 'Two values follow each other here: an operator, a comma or a line break is missing between them.');
    }
  }

  /** Missing commas in lists and calls, missing values in maps: the grammar recovers badly from both. */
  protected checkSeparators(context: Context, last: Token, token: Token, beforeLast: Token | undefined): void {
    if (context.forExpression && last.kind === 'ident' && (last.text === 'in' || last.text === 'if') && token.kind === 'punct' && !OPERAND_START.has(token.text)) {
      this.structureError(last.end, last.end, `expected an expression after '${last.text}'`, 'A for expression is written `[for item in list : item if condition]`.');
      return;
    }
    if (isPunct(token, ',') && (isPunct(last, ',') || last === context.open)) {
      this.structureError(token.start, token.end, "unexpected ','", 'A value is missing before this comma.');
      return;
    }
    if (isPunct(token, '=') && context.kind !== 'object') {
      this.structureError(token.start, token.end, "unexpected '='", "'=' sets an attribute or a map key; compare with '=='.");
      return;
    }
    if (context.kind === 'object' && (isPunct(last, '=') || isPunct(last, ':')) && (isPunct(token, '}') || isPunct(token, ','))) {
      this.structureError(last.end, last.end, `expected an expression after '${last.text}'`, 'Each item of a map is written `key = value`.');
      this.repairs.insertions.push({ offset: last.end, text: ' null', placeholder: true });
      return;
    }
    if (context.kind === 'object' && !context.forExpression && (last === context.open || isPunct(last, ',')) && (isPunct(token, '{') || isPunct(token, '['))) {
      this.structureError(token.start, token.end, `expected a key, found '${token.text}'`, 'Each item of a map is written `key = value`.');
      return;
    }
    if (context.kind === 'object' && !context.forExpression && endsValue(last) && startsValue(token) && this.startsItem(last, beforeLast, context)) {
      this.structureError(last.end, last.end, "missing '=' between key and value", `Write \`${last.text} = …\` inside a map.`);
      this.repairs.insertions.push({ offset: last.end, text: ' =' });
      return;
    }
    const listLike = (context.kind === 'tuple' && !context.forExpression) || (context.kind === 'paren' && context.call);
    if (listLike && last !== context.open && endsValue(last) && startsValue(token)) {
      const what = context.kind === 'tuple' ? 'list items' : 'function arguments';
      this.structureError(last.end, last.end, `expected ',' between ${what}`, `Separate ${what} with commas: [a, b].`);
      this.repairs.insertions.push({ offset: last.end, text: ',' });
    }
  }

  /** `type "label" {` at the current token: a block header, which cannot appear inside a map. */
  protected startsBlock(): boolean {
    if (this.token.kind !== 'ident') return false;
    let k = this.i + 1;
    while (this.tokens[k]!.kind === 'string' || this.tokens[k]!.kind === 'ident') k++;
    return isPunct(this.tokens[k]!, '{');
  }

  protected startsStatement(): boolean {
    const next = this.peek(1);
    return this.token.kind === 'ident' && (isPunct(next, '=') || (next.kind === 'string' && isPunct(this.peek(2), '{')));
  }

  protected closeInExpression(closer: Token, base: number, last: Token | undefined): 'consumed' | 'ends-statement' {
    const top = this.stack[this.stack.length - 1];
    if (this.stack.length > base && top && CLOSER[top.kind] === closer.text) {
      this.checkComplete(top, last);
      this.noteIndentation(this.stack.pop()!, closer);
      this.i++;
      return 'consumed';
    }
    if (this.stack.length > base && top && !this.isFirstOnLine(closer) && this.sameLine(top.open.start, closer.start)) {
      // `[1, 2}`: a mistyped closer on the line that opened the list.
      const expected = CLOSER[top.kind];
      this.structureError(closer.start, closer.end, `expected '${expected}' to close the ${describeContext(top)}, found '${closer.text}'`, `Replace '${closer.text}' with '${expected}'.`);
      this.repairs.replacements.set(closer.start, expected);
      this.stack.pop();
      this.i++;
      return 'consumed';
    }
    let match = this.stack.length - 1;
    while (match >= 0 && CLOSER[this.stack[match]!.kind] !== closer.text) match--;
    if (match === -1) {
      this.unexpectedCloser(closer);
      this.i++;
      return 'consumed';
    }
    // Everything opened inside the matching context was left unclosed.
    while (this.stack.length - 1 > match && this.stack.length > base) {
      this.reportUnclosed(this.stack.pop()!, (last ?? closer).end);
    }
    if (match >= base) {
      this.stack.pop();
      this.i++;
      return 'consumed';
    }
    return 'ends-statement'; // the enclosing block's '}'
  }

  protected reportUnclosed(context: Context, at: number): void {
    const closer = CLOSER[context.kind];
    this.structureError(at, at, `missing '${closer}' to close the ${describeContext(context)} opened at line ${this.lineOf(context.open.start)}`, `Add '${closer}' where the ${describeContext(context)} ends.`);
    this.repairs.insertions.push({ offset: at, text: closer });
  }

  protected unexpectedCloser(closer: Token): void {
    this.structureError(closer.start, closer.end, `unexpected '${closer.text}'`, `This '${closer.text}' closes nothing: remove it, or look for a missing opening bracket before it.`);
    this.blank(closer.start, closer.end);
  }

  /** A closer on its own line indented less than its opener's line is a hint of a missing closer inside. */
  protected noteIndentation(context: Context, closer: Token): void {
    if (this.isFirstOnLine(closer) && this.indentOf(closer.start) < context.indent) this.misplaced.push({ context, closer });
  }
}

/** `1 + * 2`: an operator where an operand should be. */
function isMissingOperand(last: Token, token: Token): boolean {
  return last.kind === 'punct' && EXPECTS_OPERAND.has(last.text) && token.kind === 'punct' && BINARY_ONLY.has(token.text);
}

/** A token that can end an operand. */
function endsValue(token: Token): boolean {
  return ['number', 'string', 'heredoc', 'ident'].includes(token.kind) || (token.kind === 'punct' && ']})'.includes(token.text));
}

/** A token that starts an operand and cannot continue the previous one (`(` and `[` could: a call, an index). */
function startsValue(token: Token): boolean {
  return ['number', 'string', 'heredoc', 'ident'].includes(token.kind) || isPunct(token, '{');
}
