// Expressions, by recursive descent with HCL's precedence (hclsyntax's binaryOps), loosest first:
//   ?:  ||  &&  == !=  < > <= >=  + -  * / %  unary ! -  then traversals (.name [index] .0) of a
//   primary: literal, template, name, call, (expression), tuple, object, for expression.
// Binary operators associate to the left, the conditional to the right.
import type { BinaryOp, Expr } from '../ast.js';
import type { TokenKind } from './lexer.js';
import { CollectionParser } from './collection-parser.js';

const PRECEDENCE: Partial<Record<TokenKind, number>> = {
  '||': 1,
  '&&': 2,
  '==': 3,
  '!=': 3,
  '<': 4,
  '>': 4,
  '<=': 4,
  '>=': 4,
  '+': 5,
  '-': 5,
  '*': 6,
  '/': 6,
  '%': 6,
};

/** Operators that stand only between two operands: one where an operand should start means the operand is missing. */
const BINARY_ONLY: ReadonlySet<TokenKind> = new Set<TokenKind>(['*', '/', '%', '==', '!=', '<', '>', '<=', '>=', '&&', '||', '?', '=>']);

/** Tokens after which an expression must follow. */
const EXPECTS_OPERAND: ReadonlySet<TokenKind> = new Set<TokenKind>([...BINARY_ONLY, '+', '-', '!', ':', '.', ',']);

/** The name a splat's elements are bound to: `*`, which no configuration can write. */
export const SPLAT_ELEMENT = '*';

export class ExpressionParser extends CollectionParser {
  expression(): Expr {
    this.enter();
    const start = this.lexer.start;
    const condition = this.binary(1);
    if (!this.at('?')) {
      this.leave();
      return condition;
    }
    this.next();
    const then = this.expression();
    if (!this.at(':')) this.fail(this.previousEnd, this.previousEnd, "expected ':' in the conditional", 'A conditional is written `condition ? value : other`.');
    this.next();
    const otherwise = this.expression();
    this.leave();
    return { kind: 'conditional', condition, then, else: otherwise, range: this.range(start, this.previousEnd) };
  }

  /**
   * Operators of at least `minPrecedence`, by precedence climbing. A chain `a + b + c …` is read in
   * a loop, but it nests to the left in the AST, which the evaluator walks recursively: each link
   * counts as a level of nesting.
   */
  private binary(minPrecedence: number): Expr {
    const start = this.lexer.start;
    const depth = this.depth;
    let left = this.unary();
    for (;;) {
      const op = this.kind;
      const precedence = PRECEDENCE[op];
      if (precedence === undefined || precedence < minPrecedence) {
        this.depth = depth;
        return left;
      }
      this.enter();
      this.next();
      const right = this.binary(precedence + 1);
      left = { kind: 'binary', op: op as BinaryOp, left, right, range: this.range(start, this.previousEnd) };
    }
  }

  private unary(): Expr {
    const op = this.kind;
    if (op !== '-' && op !== '!') return this.traversal();
    const start = this.lexer.start;
    this.next();
    this.enter();
    const operand = this.unary();
    this.leave();
    return { kind: 'unary', op, operand, range: this.range(start, this.previousEnd) };
  }

  /** A primary followed by `.name`, `.0` and `[index]`. */
  private traversal(): Expr {
    const start = this.lexer.start;
    let expr = this.primary();
    for (;;) {
      if (this.at('.')) expr = this.attributeOrLegacyIndex(expr, start);
      else if (this.at('[')) expr = this.index(expr, start);
      else return expr;
    }
  }

  private attributeOrLegacyIndex(object: Expr, start: number): Expr {
    const lexer = this.lexer;
    const dot = lexer.start;
    this.next();
    const kind = this.kind;
    if (kind === 'ident') {
      const name = this.intern(lexer.tokenText());
      this.next();
      return { kind: 'getattr', object, name, range: this.range(start, this.previousEnd) };
    }
    if (kind === 'number') {
      // `list.0`: the lexer reads only digits after a '.'.
      const index: Expr = { kind: 'literal', value: Number(lexer.tokenText()), range: this.range(lexer.start, lexer.end) };
      this.next();
      return { kind: 'index', object, index, range: this.range(start, this.previousEnd) };
    }
    if (kind === '*') {
      this.next();
      return this.splat(object, start, dot, false);
    }
    if (kind === 'newline' || kind === 'eof') {
      this.fail(dot, dot + 1, "expected an expression after '.'", 'An expression ends at the end of its line; continue it on the same line or inside brackets.');
    }
    return this.fail(lexer.start, lexer.end, `expected an attribute name after '.', found ${this.describeToken()}`, 'Write `object.name`, or `object["key"]` for a key that is not a name.');
  }

  private index(object: Expr, start: number): Expr {
    const context = this.openBracket('index');
    if (this.at('*') && this.followedBy(']')) {
      this.next();
      this.close(context);
      return this.splat(object, start, context.open, true);
    }
    const index = this.expression();
    this.close(context);
    return { kind: 'index', object, index, range: this.range(start, this.previousEnd) };
  }

  /**
   * `a[*].b[0]` and `a.*.b` (their `*` read, `star` where the splat starts): the traversal after
   * the splat applies to each element. As in HCL, the full splat `[*]` takes attributes and indexes,
   * the attribute-only `.*` takes attributes only (an index after it applies to the result).
   */
  private splat(collection: Expr, start: number, star: number, full: boolean): Expr {
    let element: Expr = { kind: 'variable', name: SPLAT_ELEMENT, range: this.range(star, this.previousEnd) };
    for (;;) {
      if (this.at('.') && this.followedBy('ident')) element = this.attributeOrLegacyIndex(element, star);
      else if (full && this.at('[')) element = this.index(element, star);
      else break;
    }
    return { kind: 'for', result: 'tuple', valueVar: SPLAT_ELEMENT, collection, value: element, grouping: false, splat: full ? 'full' : 'attributes', range: this.range(start, this.previousEnd) };
  }

  private primary(): Expr {
    switch (this.kind) {
      case 'number':
        return this.number();
      case 'string':
      case 'heredoc':
        return this.stringExpr();
      case 'ident':
        return this.name();
      case '(':
        return this.parenthesised();
      case '[':
        return this.tupleOrFor();
      case '{':
        return this.objectOrFor();
      default:
        return this.missingOperand();
    }
  }

  private number(): Expr {
    const lexer = this.lexer;
    const literal = lexer.tokenText();
    const range = this.range(lexer.start, lexer.end);
    let value = Number(literal);
    if (literal.startsWith('0x') || literal.startsWith('0X')) {
      this.reportStandalone(lexer.start, lexer.end, 'hexadecimal numbers are not supported', `Write the decimal value (${Number.isNaN(value) ? 'a number' : value}).`);
      value = 0;
    } else if (Number.isNaN(value)) {
      this.reportStandalone(lexer.start, lexer.end, `invalid number '${literal}'`, 'Numbers are written like 42, 3.5 or 1e3.');
      value = 0;
    } else if (!Number.isFinite(value)) {
      // Terraform's numbers are arbitrary-precision; bkp's are doubles, and no AWS Backup field needs more.
      this.reportStandalone(lexer.start, lexer.end, `number '${literal}' is too large`, 'bkp holds numbers up to about 1.8e308: write a smaller one.');
      value = 0;
    }
    this.next();
    return { kind: 'literal', value, range };
  }

  /** A name: a variable, a function call, or the keywords true, false and null. */
  private name(): Expr {
    const lexer = this.lexer;
    const start = lexer.start;
    const end = lexer.end;
    const name = lexer.tokenText();
    this.next();
    if (this.at('(')) return this.call(name, start, end);
    const range = this.range(start, end);
    if (name === 'true' || name === 'false') return { kind: 'literal', value: name === 'true', range };
    if (name === 'null') return { kind: 'literal', value: null, range };
    return { kind: 'variable', name: this.intern(name), range };
  }

  private parenthesised(): Expr {
    const context = this.openBracket('paren');
    const inner = this.expression();
    this.close(context);
    return inner;
  }

  /** The current token cannot start an operand: the statement is broken. */
  private missingOperand(): never {
    const lexer = this.lexer;
    const kind = this.kind;
    if (kind === 'invalid') this.failQuietly(); // reported by the lexer
    if (kind === 'eof' && this.contexts.length > 0 && this.lexer.limit === this.text.length) this.failAtEnd();
    const previous = this.previousKind;
    const previousText = this.text.slice(this.previousStart, this.previousEnd);
    if (EXPECTS_OPERAND.has(previous) && (kind === 'newline' || kind === 'eof')) {
      this.fail(this.previousStart, this.previousEnd, `expected an expression after '${previousText}'`, 'An expression ends at the end of its line; continue it on the same line or inside brackets.');
    }
    if (EXPECTS_OPERAND.has(previous) && (kind === '}' || kind === ']' || kind === ')')) {
      this.fail(this.previousStart, this.previousEnd, `expected an expression after '${previousText}'`, `An operand is missing between '${previousText}' and '${kind}'.`);
    }
    if (BINARY_ONLY.has(kind)) {
      this.fail(lexer.start, lexer.end, `unexpected '${kind}'`, EXPECTS_OPERAND.has(previous) ? `An operand is missing between '${previousText}' and '${kind}'.` : 'An operand is missing before it.');
    }
    if (kind === ',') this.fail(lexer.start, lexer.end, "unexpected ','", 'A value is missing before this comma.');
    if (kind === '=') this.fail(lexer.start, lexer.end, "unexpected '='", "'=' sets an attribute or a map key; compare with '=='.");
    return this.fail(lexer.start, lexer.end, `unexpected ${this.tokenName()}`, 'An expression was expected here: a literal, a reference, a function call, a list or a map.');
  }
}
