// tree-sitter HCL syntax tree → configuration AST (src/config/ast.ts), with a source range on
// every node. Syntax errors left in the tree are reported by hcl-tree-errors.ts; this module
// only skips what it cannot read.
import type { SyntaxNode } from './hcl-syntax-tree.js';
import type { SourceRange } from '../diagnostics.js';
import type { Attribute, BinaryOp, Block, BlockLabel, Body, ConditionalExpr, Expr, ForExpr, ObjectItem, UnaryOp } from './ast.js';
import { applyStripMarkers, removeHeredocIndent, unescapeTemplateText, type EscapeProblem, type EscapeStyle, type Segment } from './hcl-template.js';
import { rangeOf, type PositionMapper, type SyntaxErrors } from './hcl-text.js';

/** Nesting deeper than this is reported instead of followed (it would only come from generated garbage). */
export const MAX_NESTING = 200;

const BINARY_OPERATORS = new Set<string>(['+', '-', '*', '/', '%', '==', '!=', '<', '>', '<=', '>=', '&&', '||']);

export class HclConverter {
  private depth = 0;
  /** Expressions the user wrote in parentheses: they keep their grouping when `?:` is re-nested. */
  private readonly parenthesised = new WeakSet<Expr>();
  private tooDeepReported = false;

  constructor(
    private readonly mapper: PositionMapper,
    private readonly errors: SyntaxErrors,
    /** Reference offsets of placeholder repairs: attributes containing one are dropped. */
    private readonly placeholders: readonly number[],
  ) {}

  /** An empty body spanning the whole file, for `addStatement`. */
  fileBody(): Body {
    return { attributes: [], blocks: [], range: rangeOf(this.mapper, 0, this.mapper.text.length) };
  }

  /** Adds a top-level attribute or block to the file's body; anything else (an ERROR) is skipped. */
  addStatement(body: Body, node: SyntaxNode): void {
    if (node.type === 'attribute') {
      const attribute = this.attribute(node);
      if (attribute) body.attributes.push(attribute);
    } else if (node.type === 'block') {
      const block = this.block(node);
      if (block) body.blocks.push(block);
    }
  }

  private body(node: SyntaxNode): Body {
    const body: Body = { attributes: [], blocks: [], range: this.range(node) };
    for (const child of node.children) this.addStatement(body, child);
    return body;
  }

  private attribute(node: SyntaxNode): Attribute | undefined {
    const [name, , value] = node.children;
    if (!name || name.type !== 'identifier' || value?.type !== 'expression') return undefined;
    const start = this.ref(node.start);
    const end = this.ref(node.end);
    if (this.placeholders.some((p) => p > start && p <= end)) return undefined;
    return { name: this.text(name), nameRange: this.range(name), expr: this.expr(value), range: this.range(node) };
  }

  private block(node: SyntaxNode): Block | undefined {
    const children = node.children;
    const typeNode = children[0];
    if (!typeNode || typeNode.type !== 'identifier') return undefined;
    const labels: BlockLabel[] = [];
    let bodyNode: SyntaxNode | undefined;
    let openNode: SyntaxNode | undefined;
    let closeNode: SyntaxNode | undefined;
    for (const child of children.slice(1)) {
      if (child.type === 'string_lit') labels.push({ value: this.labelText(child), range: this.range(child) });
      else if (child.type === 'identifier') labels.push({ value: this.text(child), range: this.range(child) });
      else if (child.type === 'block_start') openNode = child;
      else if (child.type === 'body') bodyNode = child;
      else if (child.type === 'block_end') closeNode = child;
    }
    const bodyStart = this.ref((openNode ?? node).start);
    const bodyEnd = this.ref((closeNode ?? node).end);
    let body: Body;
    if (!bodyNode) body = { attributes: [], blocks: [], range: rangeOf(this.mapper, bodyStart, bodyEnd) };
    else if (this.enter(node)) {
      body = this.body(bodyNode);
      body.range = rangeOf(this.mapper, bodyStart, bodyEnd);
      this.depth--;
    } else body = { attributes: [], blocks: [], range: rangeOf(this.mapper, bodyStart, bodyEnd) };
    return { type: this.text(typeNode), typeRange: this.range(typeNode), labels, body, range: this.range(node) };
  }

  private labelText(node: SyntaxNode): string {
    const children = node.children;
    const start = this.ref(children[0]!.end);
    const last = children[children.length - 1]!;
    const end = last.type === 'quoted_template_end' ? this.ref(last.start) : this.ref(node.end);
    return unescapeTemplateText(this.mapper.text.slice(start, Math.max(start, end)), 'quoted');
  }

  /** Any expression node. */
  expr(node: SyntaxNode): Expr {
    const nests = node.type === 'expression' || node.type === 'binary_operation' || node.type === 'unary_operation';
    if (nests && !this.enter(node)) return this.placeholder(node);
    try {
      return this.exprNode(node);
    } finally {
      if (nests) this.depth--;
    }
  }

  /** Counts one nesting level; false (and one error) when too deep. */
  private enter(node: SyntaxNode): boolean {
    if (this.depth >= MAX_NESTING) {
      if (!this.tooDeepReported) {
        this.tooDeepReported = true;
        const start = this.ref(node.start);
        this.errors.report(start, start + 1, 'expression nested too deeply', `bkp reads at most ${MAX_NESTING} levels of nested expressions and blocks.`);
      }
      return false;
    }
    this.depth++;
    return true;
  }

  private exprNode(node: SyntaxNode): Expr {
    switch (node.type) {
      case 'expression':
        return this.term(node.children, node);
      case 'literal_value':
      case 'collection_value':
      case 'template_expr':
      case 'operation':
      case 'for_expr': {
        const inner = node.children[0];
        return inner ? this.expr(inner) : this.placeholder(node);
      }
      case 'numeric_lit':
        return this.number(node);
      case 'bool_lit':
        return { kind: 'literal', value: this.text(node) === 'true', range: this.range(node) };
      case 'null_lit':
        return { kind: 'literal', value: null, range: this.range(node) };
      case 'string_lit':
      case 'quoted_template':
      case 'heredoc_template':
        return this.template(node);
      case 'tuple':
        return { kind: 'tuple', items: node.children.filter((c) => c.type === 'expression').map((c) => this.expr(c)), range: this.range(node) };
      case 'object':
        return { kind: 'object', items: node.children.filter((c) => c.type === 'object_elem').map((c) => this.objectItem(c)), range: this.range(node) };
      case 'variable_expr':
        return { kind: 'variable', name: this.text(node), range: this.range(node) };
      case 'function_call':
        return this.call(node);
      case 'for_tuple_expr':
      case 'for_object_expr':
        return this.forExpr(node);
      case 'conditional':
        return this.conditional(node);
      case 'unary_operation': {
        const [op, ...operand] = node.children;
        return { kind: 'unary', op: op!.type as UnaryOp, operand: this.term(operand, node), range: this.range(node) };
      }
      case 'binary_operation':
        return this.binary(node);
      default:
        return this.placeholder(node); // ERROR or MISSING: reported separately
    }
  }

  /**
   * One expression term as the grammar flattens it into siblings: a primary (or `( expr )`)
   * followed by `.attr`, `[index]`, `.0` and splats.
   */
  private term(children: SyntaxNode[], whole: SyntaxNode): Expr {
    if (children.length === 0) return this.placeholder(whole);
    let rest: SyntaxNode[];
    let current: Expr;
    const startNode = children[0]!;
    if (startNode.type === '(') {
      const inner = children[1];
      current = inner && inner.type === 'expression' ? this.expr(inner) : this.placeholder(whole);
      this.parenthesised.add(current);
      rest = children.slice(children.findIndex((c) => c.type === ')') + 1 || children.length);
    } else {
      current = this.expr(startNode);
      rest = children.slice(1);
    }
    const start = this.ref(startNode.start);
    for (const postfix of rest) {
      const range = rangeOf(this.mapper, start, this.ref(postfix.end));
      if (postfix.type === 'get_attr') {
        const name = postfix.children.find((c) => c.type === 'identifier');
        if (name) current = { kind: 'getattr', object: current, name: this.text(name), range };
      } else if (postfix.type === 'index') {
        const index = postfix.children[0];
        if (index?.type === 'new_index') {
          const key = index.children.find((c) => c.type === 'expression');
          if (key) current = { kind: 'index', object: current, index: this.expr(key), range };
        } else if (index?.type === 'legacy_index') {
          const digitsStart = this.ref(index.start) + 1;
          const digits = this.mapper.text.slice(digitsStart, this.ref(index.end));
          const literal: Expr = { kind: 'literal', value: Number(digits), range: rangeOf(this.mapper, digitsStart, this.ref(index.end)) };
          current = { kind: 'index', object: current, index: literal, range };
        }
      } else if (postfix.type === 'splat') {
        this.unsupported(postfix, 'splat expressions are not supported in bkp', 'Write a for expression instead: [for item in list : item.attribute].');
      }
    }
    return current;
  }

  private binary(node: SyntaxNode): Expr {
    const children = node.children;
    let at = 0;
    while (at < children.length) {
      const child = children[at]!;
      if (child.type === '(') at += 3; // a parenthesised operand: `(`, expression, `)`
      else if (BINARY_OPERATORS.has(child.type) && at > 0) break;
      else at++;
    }
    if (at >= children.length) return this.placeholder(node);
    return {
      kind: 'binary',
      op: children[at]!.type as BinaryOp,
      left: this.term(children.slice(0, at), node),
      right: this.term(children.slice(at + 1), node),
      range: this.range(node),
    };
  }

  /**
   * The grammar makes `?:` left-associative, so `a ? b : c ? d : e` arrives as `(a ? b : c) ? d : e`.
   * HCL (like C) nests to the right: rebuild `a ? b : (c ? d : e)` unless the user wrote the parentheses.
   */
  private conditional(node: SyntaxNode): Expr {
    const parts = node.children.filter((c) => c.type === 'expression');
    if (parts.length < 3) return this.placeholder(node);
    const condition = this.expr(parts[0]!);
    const then = this.expr(parts[1]!);
    const otherwise = this.expr(parts[2]!);
    if (condition.kind === 'conditional' && !this.parenthesised.has(condition)) return this.nestRight(condition, then, otherwise, this.range(node));
    return { kind: 'conditional', condition, then, else: otherwise, range: this.range(node) };
  }

  /** `(c ? t : e) ? then : otherwise` read as `c ? t : (e ? then : otherwise)`, recursively along the else branch. */
  private nestRight(left: ConditionalExpr, then: Expr, otherwise: Expr, range: SourceRange): ConditionalExpr {
    const innerRange: SourceRange = { file: range.file, start: left.else.range.start, end: range.end };
    const inner =
      left.else.kind === 'conditional' && !this.parenthesised.has(left.else)
        ? this.nestRight(left.else, then, otherwise, innerRange)
        : ({ kind: 'conditional', condition: left.else, then, else: otherwise, range: innerRange } satisfies ConditionalExpr);
    return { kind: 'conditional', condition: left.condition, then: left.then, else: inner, range };
  }

  private number(node: SyntaxNode): Expr {
    const literal = this.text(node);
    const value = /^[0-9]/.test(literal) && !/^0x/i.test(literal) ? Number(literal) : NaN;
    if (Number.isNaN(value) || !Number.isFinite(value)) {
      const hex = /^0x/i.test(literal);
      this.errors.report(
        this.ref(node.start),
        this.ref(node.end),
        hex ? 'hexadecimal numbers are not supported' : `invalid number '${literal}'`,
        hex ? `Write the decimal value (${Number.isNaN(Number(literal)) ? 'a number' : Number(literal)}).` : 'Numbers are written like 42, 3.5 or 1e3.',
      );
    }
    return { kind: 'literal', value: Number.isFinite(value) ? value : 0, range: this.range(node) };
  }

  private objectItem(node: SyntaxNode): ObjectItem {
    const children = node.children;
    const [keyNode, , valueNode] = children;
    const key: Expr = keyNode?.type === 'expression' ? this.objectKey(keyNode) : this.placeholder(node);
    const value: Expr = valueNode?.type === 'expression' ? this.expr(valueNode) : this.placeholder(node);
    return { key, value, range: this.range(node) };
  }

  /** A bare identifier key (`team = …`, also `true`/`null`) names the key itself. */
  private objectKey(node: SyntaxNode): Expr {
    const children = node.children;
    const only = children.length === 1 ? children[0]! : undefined;
    if (only?.type === 'variable_expr') return { kind: 'literal', value: this.text(only), range: this.range(only) };
    if (only?.type === 'literal_value') {
      const keyword = only.children[0];
      if (keyword && (keyword.type === 'bool_lit' || keyword.type === 'null_lit')) {
        return { kind: 'literal', value: this.text(keyword), range: this.range(keyword) };
      }
    }
    return this.expr(node);
  }

  private call(node: SyntaxNode): Expr {
    const children = node.children;
    const name = children[0]!;
    const argsNode = children.find((c) => c.type === 'function_arguments');
    const argNodes = argsNode ? argsNode.children : [];
    return {
      kind: 'call',
      name: this.text(name),
      nameRange: this.range(name),
      args: argNodes.filter((c) => c.type === 'expression').map((c) => this.expr(c)),
      expandFinal: argNodes.some((c) => c.type === 'ellipsis'),
      range: this.range(node),
    };
  }

  private forExpr(node: SyntaxNode): Expr {
    const children = node.children;
    const intro = children.find((c) => c.type === 'for_intro');
    if (!intro) return this.placeholder(node);
    const introParts = intro.children;
    const names = introParts.filter((c) => c.type === 'identifier').map((c) => this.text(c));
    const collection = introParts.find((c) => c.type === 'expression');
    const bodyExprs = children.filter((c) => c.type === 'expression');
    const condition = children.find((c) => c.type === 'for_cond');
    const conditionExpr = condition ? condition.children.find((c) => c.type === 'expression') : undefined;
    const isObject = node.type === 'for_object_expr';
    if (!collection || names.length === 0 || bodyExprs.length < (isObject ? 2 : 1)) return this.placeholder(node);
    const result: ForExpr = {
      kind: 'for',
      result: isObject ? 'object' : 'tuple',
      valueVar: names[names.length - 1]!,
      collection: this.expr(collection),
      value: this.expr(bodyExprs[isObject ? 1 : 0]!),
      grouping: isObject && children.some((c) => c.type === 'ellipsis'),
      range: this.range(node),
    };
    if (names.length > 1) result.keyVar = names[0]!;
    if (isObject) result.key = this.expr(bodyExprs[0]!);
    if (conditionExpr) result.condition = this.expr(conditionExpr);
    return result;
  }

  /** Quoted strings and heredocs: literal text from the source, interpolations as expressions. */
  private template(node: SyntaxNode): Expr {
    const children = node.children;
    const heredoc = node.type === 'heredoc_template';
    let contentStart: number;
    let contentEnd: number;
    const text = this.mapper.text;
    if (heredoc) {
      const open = children.find((c) => c.type === 'heredoc_identifier')!;
      const close = children.length > 2 ? children[children.length - 1]! : undefined;
      const firstNewline = text.indexOf('\n', this.ref(open.end));
      contentStart = firstNewline === -1 ? text.length : firstNewline + 1;
      const closeStart = close?.type === 'heredoc_identifier' ? this.ref(close.start) : this.ref(node.end);
      contentEnd = Math.max(contentStart, text.lastIndexOf('\n', closeStart - 1) + 1);
    } else {
      contentStart = this.ref(children[0]!.end);
      const last = children[children.length - 1]!;
      contentEnd = Math.max(contentStart, last.type === 'quoted_template_end' ? this.ref(last.start) : this.ref(node.end));
    }
    const segments: Array<Segment<Expr>> = [];
    let cursor = contentStart;
    for (const child of children) {
      if (child.type !== 'template_interpolation' && child.type !== 'template_directive') continue;
      const start = this.ref(child.start);
      if (start > cursor) segments.push({ kind: 'literal', raw: text.slice(cursor, start), start: cursor });
      cursor = Math.max(cursor, this.ref(child.end));
      if (child.type === 'template_directive') {
        this.unsupported(child, 'template directives are not supported in bkp; use a conditional expression', 'Instead of "%{if cond}a%{else}b%{endif}", write cond ? "a" : "b".');
        continue;
      }
      segments.push(this.interpolation(child));
    }
    if (contentEnd > cursor) segments.push({ kind: 'literal', raw: text.slice(cursor, contentEnd), start: cursor });
    const style: EscapeStyle = heredoc ? 'heredoc' : 'quoted';
    if (heredoc && this.text(node.children[0]!) === '<<-') removeHeredocIndent(segments);
    const parts = applyStripMarkers(
      segments.map((segment) => (segment.kind === 'literal' ? this.unescape(segment.raw, segment.start, style) : segment)),
    );
    const range = this.range(node);
    if (parts.length === 0) return { kind: 'literal', value: '', range };
    if (parts.length === 1 && typeof parts[0] === 'string') return { kind: 'literal', value: parts[0], range };
    // "${x}" alone is x itself, not x converted to a string (as in HCL).
    if (parts.length === 1 && typeof parts[0] !== 'string' && segments.every((s) => s.kind !== 'literal' || s.raw === '')) return parts[0]!;
    return { kind: 'template', parts, range };
  }

  private interpolation(node: SyntaxNode): Segment<Expr> {
    const children = node.children;
    const exprNode = children.find((c) => c.type === 'expression');
    const stripBefore = children[1]?.type === 'strip_marker';
    const stripAfter = children[children.length - 2]?.type === 'strip_marker' && children.length > 3;
    if (!exprNode) {
      const missingEnd = children.some((c) => c.missing);
      if (!missingEnd) this.errors.report(this.ref(node.start), this.ref(node.end), 'empty interpolation', 'Write an expression inside "${…}", or remove it.');
      return { kind: 'interpolation', expr: this.placeholder(node), stripBefore, stripAfter };
    }
    return { kind: 'interpolation', expr: this.expr(exprNode), stripBefore, stripAfter };
  }

  private unescape(raw: string, start: number, style: EscapeStyle): string {
    const problems: EscapeProblem[] = [];
    const value = unescapeTemplateText(raw, style, problems);
    for (const problem of problems) {
      this.errors.report(start + problem.index, start + problem.index + problem.length, problem.message, 'Unicode escapes name a character from U+0000 to U+10FFFF, except the surrogates D800–DFFF.');
    }
    return value;
  }

  private unsupported(node: SyntaxNode, summary: string, detail: string): void {
    this.errors.report(this.ref(node.start), this.ref(node.end), summary, detail);
  }

  /** Stands in for an expression that could not be read; its error is reported elsewhere. */
  private placeholder(node: SyntaxNode): Expr {
    return { kind: 'literal', value: null, range: this.range(node) };
  }

  private ref(parsedOffset: number): number {
    return this.mapper.toReference(parsedOffset);
  }

  private text(node: SyntaxNode): string {
    return this.mapper.text.slice(this.ref(node.start), this.ref(node.end));
  }

  private range(node: SyntaxNode): SourceRange {
    return rangeOf(this.mapper, this.ref(node.start), this.ref(node.end));
  }
}
