// Bracketed expressions: tuples `[a, b]`, objects `{ k = v }`, for expressions and the argument
// lists of function calls. Inside brackets newlines do not count, except between the items of an
// object, which a comma or a newline separates.
import type { CallExpr, Expr, ForExpr, ObjectItem } from '../ast.js';
import { exact, startsExpression, startsValue, type OpenContext } from './parser-base.js';
import { TemplateParser } from './template-parser.js';

export abstract class CollectionParser extends TemplateParser {
  /** `[…]` at the current token: a tuple or a tuple for expression. */
  protected tupleOrFor(): Expr {
    const context = this.openBracket('tuple');
    if (this.atWord('for')) return this.forExpr('tuple', context);
    const items: Expr[] = [];
    this.listItems(context, items, 'list items', 'Separate list items with commas: [a, b].');
    this.close(context);
    return { kind: 'tuple', items: exact(items), range: this.range(context.open, this.previousEnd) };
  }

  /** The arguments of a call: the current token is its '('. */
  protected call(name: string, start: number, nameEnd: number): CallExpr {
    const context = this.openBracket('paren');
    const args: Expr[] = [];
    const expandFinal = this.listItems(context, args, 'function arguments', 'Separate function arguments with commas: f(a, b).');
    this.close(context);
    return { kind: 'call', name: this.intern(name), nameRange: this.range(start, nameEnd), args: exact(args), expandFinal, range: this.range(start, this.previousEnd) };
  }

  /**
   * Comma-separated expressions up to where `context` closes (the closer is left current).
   * Returns whether the last one was followed by `...` (expanded as function arguments).
   */
  private listItems(context: OpenContext, items: Expr[], what: string, howToSeparate: string): boolean {
    const closer = context.kind === 'tuple' ? ']' : ')';
    let expandFinal = false;
    while (this.kind !== closer && !this.atNextStatement(true)) {
      if (this.at(',')) this.fail(this.lexer.start, this.lexer.end, "unexpected ','", 'A value is missing before this comma.');
      items.push(this.expression());
      if (this.closedByUnclosedString(context)) break;
      if (this.at('...') && closer === ')') {
        expandFinal = true;
        this.next();
      }
      if (this.at(',')) this.next();
      else if (this.kind === closer || this.atNextStatement(true)) break;
      else if (startsValue(this.kind)) this.fail(this.previousEnd, this.previousEnd, `expected ',' between ${what}`, howToSeparate);
      else break;
    }
    return expandFinal;
  }

  /** `{…}` at the current token: an object or an object for expression. */
  protected objectOrFor(): Expr {
    const context = this.openBracket('object');
    if (this.atWord('for')) return this.forExpr('object', context);
    this.skipNewlines = false; // a newline separates the items of a map
    const items: ObjectItem[] = [];
    for (;;) {
      while (this.at('newline')) this.next();
      const kind = this.kind;
      if (kind === '}' || kind === ']' || kind === ')' || kind === 'eof' || this.atNextStatement(false)) break;
      if (kind === '{' || kind === '[') this.fail(this.lexer.start, this.lexer.end, `expected a key, found '${kind}'`, 'Each item of a map is written `key = value`.');
      items.push(this.objectItem());
      if (this.closedByUnclosedString(context)) break;
      if (this.at(',')) this.next();
      else if (!this.at('newline') && !this.at('}')) {
        if (startsValue(this.kind)) this.fail(this.previousEnd, this.previousEnd, "expected ',' or a new line between map items", 'Write each item of a map as `key = value`, separated by commas or on lines of their own.');
        break;
      }
    }
    this.close(context);
    return { kind: 'object', items: exact(items), range: this.range(context.open, this.previousEnd) };
  }

  private objectItem(): ObjectItem {
    const lexer = this.lexer;
    const keyStart = lexer.start;
    const keyEnd = lexer.end;
    const keyKind = lexer.kind;
    let key = this.expression();
    const bareName = keyKind === 'ident' && this.previousEnd === keyEnd;
    if (bareName && (key.kind === 'variable' || key.kind === 'literal')) {
      // A bare name (also `true`, `null`) names the key itself.
      key = { kind: 'literal', value: this.intern(this.text.slice(keyStart, keyEnd)), range: key.range };
    }
    if (this.at('=') || this.at(':')) {
      const separator = this.kind;
      this.next();
      const kind = this.kind;
      if (kind === '}' || kind === ',' || kind === 'newline' || kind === 'eof') {
        this.fail(this.previousEnd, this.previousEnd, `expected an expression after '${separator}'`, 'Each item of a map is written `key = value`.');
      }
    } else if ((bareName || keyKind === 'string') && this.previousEnd === keyEnd && startsValue(this.kind)) {
      this.fail(keyEnd, keyEnd, "missing '=' between key and value", `Write \`${this.text.slice(keyStart, keyEnd)} = …\` inside a map.`);
    } else {
      if (this.at('eof')) this.failAtEnd();
      this.fail(this.lexer.start, this.lexer.end, `expected '=' after the map key, found ${this.describeToken()}`, 'Each item of a map is written `key = value`.');
    }
    const value = this.expression();
    return { key, value, range: this.range(keyStart, this.previousEnd) };
  }

  /** `[for …]` or `{for …}`; the current token is `for`. */
  private forExpr(result: 'tuple' | 'object', context: OpenContext): ForExpr {
    const start = context.open;
    const howTo = result === 'tuple' ? 'A for expression is written `[for item in list : item if condition]`.' : 'An object for expression is written `{for k, v in map : k => v}`.';
    this.next();
    const names = [this.forVariable(howTo)];
    if (this.at(',')) {
      this.next();
      names.push(this.forVariable(howTo));
    }
    if (!this.atWord('in')) this.fail(this.lexer.start, this.lexer.end, `expected 'in', found ${this.describeToken()}`, howTo);
    const collection = this.operandAfter('in', howTo);
    if (!this.at(':')) this.fail(this.previousEnd, this.previousEnd, "expected ':' in the for expression", howTo);
    this.next();
    const expr: ForExpr = { kind: 'for', result, valueVar: names[names.length - 1]!, collection, value: collection, grouping: false, range: this.range(start, start) };
    if (names.length > 1) expr.keyVar = names[0]!;
    if (result === 'object') {
      expr.key = this.expression();
      if (!this.at('=>')) this.fail(this.previousEnd, this.previousEnd, "expected '=>' in the for expression", howTo);
      this.next();
    }
    expr.value = this.expression();
    if (result === 'object' && this.at('...')) {
      expr.grouping = true;
      this.next();
    }
    if (this.atWord('if')) expr.condition = this.operandAfter('if', howTo);
    this.close(context);
    expr.range = this.range(start, this.previousEnd);
    return expr;
  }

  /** The expression after the keyword `in` or `if` (the current token). */
  private operandAfter(keyword: string, howTo: string): Expr {
    this.next();
    if (!startsExpression(this.kind)) this.fail(this.previousEnd, this.previousEnd, `expected an expression after '${keyword}'`, howTo);
    return this.expression();
  }

  /** Closes the bracket `context` (its closer or a mistake in its place) and goes back to the newline handling outside it. */
  protected close(context: OpenContext): void {
    this.setSkipNewlines(context.skipNewlinesOutside === true);
    if (this.contexts[this.contexts.length - 1] !== context) return; // closed silently (closedByUnclosedString)
    if (this.at('}') && context.kind === 'object') this.closeContext(context);
    else if (this.at(']') && (context.kind === 'tuple' || context.kind === 'index')) this.closeContext(context);
    else if (this.at(')') && context.kind === 'paren') this.closeContext(context);
    else this.endContext(context);
  }
}
