// tree-sitter HCL syntax tree → configuration AST (src/config/ast.ts), with a source range on
// every node. Syntax errors left in the tree are reported by hcl-tree-errors.ts; this module
// only skips what it cannot read.
import { NO_NODE, type NodeId, type SyntaxTree } from './hcl-syntax-tree.js';
import type { SourceRange } from '../core/diagnostics.js';
import type { Attribute, BinaryOp, Block, BlockLabel, Body, ConditionalExpr, Expr, ForExpr, ObjectItem, UnaryOp } from './ast.js';
import { applyStripMarkers, removeHeredocIndent, unescapeTemplateText, type EscapeProblem, type EscapeStyle, type Segment } from './hcl-template.js';
import { rangeOf, type PositionMapper, type SyntaxErrors } from './hcl-text.js';

/** Nesting deeper than this is reported instead of followed (it would only come from generated garbage). */
export const MAX_NESTING = 200;

const QUOTE = 0x22;

const BINARY_OPERATORS = new Set<string>(['+', '-', '*', '/', '%', '==', '!=', '<', '>', '<=', '>=', '&&', '||']);

/**
 * The array itself when empty, else a copy of exactly its length: an array grown by `push` keeps
 * room for 17 items, and the AST holds tens of thousands of short lists for as long as it lives.
 */
function exact<T>(items: T[]): T[] {
  return items.length === 0 ? items : items.slice();
}

export class HclConverter {
  private depth = 0;
  /** Expressions the user wrote in parentheses: they keep their grouping when `?:` is re-nested. */
  private readonly parenthesised = new WeakSet<Expr>();
  private tooDeepReported = false;
  /** The statement being converted: node ids below are indices into it. */
  private tree!: SyntaxTree;
  private readonly strings = new Map<string, string>();

  constructor(
    /** From tree-sitter's parsed text; `errors.mapper` is the user's text's own. */
    private readonly mapper: PositionMapper,
    private readonly errors: SyntaxErrors,
    /** Reference offsets of placeholder repairs: attributes containing one are dropped. */
    private readonly placeholders: readonly number[],
  ) {}

  /** An empty body spanning the whole file, for `addStatement`. */
  fileBody(): Body {
    return { attributes: [], blocks: [], range: rangeOf(this.errors.mapper, 0, this.mapper.text.length) };
  }

  /** Adds a top-level attribute or block (the root of `tree`) to the file's body; anything else (an ERROR) is skipped. */
  addStatement(body: Body, tree: SyntaxTree, node: NodeId): void {
    this.tree = tree;
    this.statement(body, node);
  }

  private statement(body: Body, node: NodeId): void {
    const type = this.tree.type(node);
    if (type === 'attribute') {
      const attribute = this.attribute(node);
      if (attribute) body.attributes.push(attribute);
    } else if (type === 'block') {
      const block = this.block(node);
      if (block) body.blocks.push(block);
    }
  }

  private attribute(node: NodeId): Attribute | undefined {
    const t = this.tree;
    const name = t.firstChild(node);
    const value = t.nextSibling(t.nextSibling(name));
    if (t.type(name) !== 'identifier' || t.type(value) !== 'expression') return undefined;
    const start = this.ref(t.start(node));
    const end = this.refEnd(t.end(node));
    if (this.placeholders.some((p) => p > start && p <= end)) return undefined;
    return { name: this.name(name), nameRange: this.range(name), expr: this.expr(value), range: this.range(node) };
  }

  private block(node: NodeId): Block | undefined {
    const t = this.tree;
    const typeNode = t.firstChild(node);
    if (t.type(typeNode) !== 'identifier') return undefined;
    const labels: BlockLabel[] = [];
    let bodyNode = NO_NODE;
    let openNode = node;
    let closeNode = node;
    for (let child = t.nextSibling(typeNode); child !== NO_NODE; child = t.nextSibling(child)) {
      const type = t.type(child);
      if (type === 'string_lit') labels.push({ value: this.intern(this.labelText(child)), range: this.range(child) });
      else if (type === 'identifier') labels.push({ value: this.name(child), range: this.range(child) });
      else if (type === 'block_start') openNode = child;
      else if (type === 'body') bodyNode = child;
      else if (type === 'block_end') closeNode = child;
    }
    const body: Body = { attributes: [], blocks: [], range: rangeOf(this.mapper, t.start(openNode), t.end(closeNode)) };
    if (bodyNode !== NO_NODE && this.enter(node)) {
      for (let child = t.firstChild(bodyNode); child !== NO_NODE; child = t.nextSibling(child)) this.statement(body, child);
      this.depth--;
    }
    body.attributes = exact(body.attributes);
    body.blocks = exact(body.blocks);
    return { type: this.name(typeNode), typeRange: this.range(typeNode), labels: exact(labels), body, range: this.range(node) };
  }

  private labelText(node: NodeId): string {
    const t = this.tree;
    const start = this.ref(t.end(t.firstChild(node)));
    const last = t.lastChild(node);
    const end = t.type(last) === 'quoted_template_end' ? this.ref(t.start(last)) : this.ref(t.end(node));
    return unescapeTemplateText(this.mapper.text.slice(start, Math.max(start, end)), 'quoted');
  }

  /** Any expression node. */
  expr(node: NodeId): Expr {
    const type = this.tree.type(node);
    const nests = type === 'expression' || type === 'binary_operation' || type === 'unary_operation';
    if (nests && !this.enter(node)) return this.placeholder(node);
    try {
      return this.exprNode(node, type);
    } finally {
      if (nests) this.depth--;
    }
  }

  /** Counts one nesting level; false (and one error) when too deep. */
  private enter(node: NodeId): boolean {
    if (this.depth >= MAX_NESTING) {
      if (!this.tooDeepReported) {
        this.tooDeepReported = true;
        const start = this.ref(this.tree.start(node));
        this.errors.report(start, start + 1, 'expression nested too deeply', `bkp reads at most ${MAX_NESTING} levels of nested expressions and blocks.`);
      }
      return false;
    }
    this.depth++;
    return true;
  }

  private exprNode(node: NodeId, type: string): Expr {
    const t = this.tree;
    switch (type) {
      case 'expression':
        return this.term(t.firstChild(node), NO_NODE, node);
      case 'literal_value':
      case 'collection_value':
      case 'template_expr':
      case 'operation':
      case 'for_expr': {
        const inner = t.firstChild(node);
        return inner !== NO_NODE ? this.expr(inner) : this.placeholder(node);
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
        return this.template(node, type);
      case 'tuple': {
        const items: Expr[] = [];
        for (let child = t.firstChild(node); child !== NO_NODE; child = t.nextSibling(child)) {
          if (t.type(child) === 'expression') items.push(this.expr(child));
        }
        return { kind: 'tuple', items: exact(items), range: this.range(node) };
      }
      case 'object': {
        const items: ObjectItem[] = [];
        for (let child = t.firstChild(node); child !== NO_NODE; child = t.nextSibling(child)) {
          if (t.type(child) === 'object_elem') items.push(this.objectItem(child));
        }
        return { kind: 'object', items: exact(items), range: this.range(node) };
      }
      case 'variable_expr':
        return { kind: 'variable', name: this.name(node), range: this.range(node) };
      case 'function_call':
        return this.call(node);
      case 'for_tuple_expr':
      case 'for_object_expr':
        return this.forExpr(node, type);
      case 'conditional':
        return this.conditional(node);
      case 'unary_operation': {
        const op = t.firstChild(node);
        return { kind: 'unary', op: t.type(op) as UnaryOp, operand: this.term(t.nextSibling(op), NO_NODE, node), range: this.range(node) };
      }
      case 'binary_operation':
        return this.binary(node);
      default:
        return this.placeholder(node); // ERROR or MISSING: reported separately
    }
  }

  /** The sibling after `node` within a run of siblings that ends before `stop` (NO_NODE: the last child). */
  private nextBefore(node: NodeId, stop: NodeId): NodeId {
    const next = this.tree.nextSibling(node);
    return next === stop ? NO_NODE : next;
  }

  /**
   * One expression term as the grammar flattens it into siblings: a primary (or `( expr )`)
   * followed by `.attr`, `[index]`, `.0` and splats. The term is the siblings from `first` up to,
   * not including, `stop` (NO_NODE: to the last child).
   */
  private term(first: NodeId, stop: NodeId, whole: NodeId): Expr {
    const t = this.tree;
    if (first === NO_NODE || first === stop) return this.placeholder(whole);
    let rest: NodeId;
    let current: Expr;
    if (t.type(first) === '(') {
      const inner = this.nextBefore(first, stop);
      current = t.type(inner) === 'expression' ? this.expr(inner) : this.placeholder(whole);
      this.parenthesised.add(current);
      let close = first;
      while (close !== NO_NODE && t.type(close) !== ')') close = this.nextBefore(close, stop);
      rest = close === NO_NODE ? NO_NODE : this.nextBefore(close, stop);
    } else {
      current = this.expr(first);
      rest = this.nextBefore(first, stop);
    }
    const start = t.start(first);
    for (let postfix = rest; postfix !== NO_NODE; postfix = this.nextBefore(postfix, stop)) {
      const type = t.type(postfix);
      const range = rangeOf(this.mapper, start, t.end(postfix));
      if (type === 'get_attr') {
        const name = t.childOfType(postfix, 'identifier');
        if (name !== NO_NODE) current = { kind: 'getattr', object: current, name: this.name(name), range };
      } else if (type === 'index') {
        const index = t.firstChild(postfix);
        const indexType = t.type(index);
        if (indexType === 'new_index') {
          const key = t.childOfType(index, 'expression');
          if (key !== NO_NODE) current = { kind: 'index', object: current, index: this.expr(key), range };
        } else if (indexType === 'legacy_index') {
          const digitsStart = this.ref(t.start(index)) + 1;
          const digitsEnd = this.ref(t.end(index));
          const digits = this.mapper.text.slice(digitsStart, digitsEnd);
          const literal: Expr = { kind: 'literal', value: Number(digits), range: rangeOf(this.errors.mapper, digitsStart, digitsEnd) };
          current = { kind: 'index', object: current, index: literal, range };
        }
      } else if (type === 'splat') {
        this.unsupported(postfix, 'splat expressions are not supported in bkp', 'Write a for expression instead: [for item in list : item.attribute].');
      }
    }
    return current;
  }

  private binary(node: NodeId): Expr {
    const t = this.tree;
    let op = t.firstChild(node);
    for (let at = 0; op !== NO_NODE; ) {
      const type = t.type(op);
      if (type === '(') {
        // a parenthesised operand: `(`, expression, `)`
        op = t.nextSibling(t.nextSibling(t.nextSibling(op)));
        at += 3;
      } else if (BINARY_OPERATORS.has(type) && at > 0) break;
      else {
        op = t.nextSibling(op);
        at++;
      }
    }
    if (op === NO_NODE) return this.placeholder(node);
    return {
      kind: 'binary',
      op: t.type(op) as BinaryOp,
      left: this.term(t.firstChild(node), op, node),
      right: this.term(t.nextSibling(op), NO_NODE, node),
      range: this.range(node),
    };
  }

  /**
   * The grammar makes `?:` left-associative, so `a ? b : c ? d : e` arrives as `(a ? b : c) ? d : e`.
   * HCL (like C) nests to the right: rebuild `a ? b : (c ? d : e)` unless the user wrote the parentheses.
   */
  private conditional(node: NodeId): Expr {
    const parts = this.tree.children(node).filter((c) => this.tree.type(c) === 'expression');
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

  private number(node: NodeId): Expr {
    const literal = this.text(node);
    if (literal.charCodeAt(0) === QUOTE) {
      // A plain string the lexer handed to tree-sitter as `0` (see hcl-lexer.ts).
      const contentStart = this.ref(this.tree.start(node)) + 1;
      return { kind: 'literal', value: this.intern(this.unescape(literal.slice(1, -1), contentStart, 'quoted')), range: this.range(node) };
    }
    const value = /^[0-9]/.test(literal) && !/^0x/i.test(literal) ? Number(literal) : NaN;
    if (Number.isNaN(value) || !Number.isFinite(value)) {
      const hex = /^0x/i.test(literal);
      this.errors.report(
        this.ref(this.tree.start(node)),
        this.refEnd(this.tree.end(node)),
        hex ? 'hexadecimal numbers are not supported' : `invalid number '${literal}'`,
        hex ? `Write the decimal value (${Number.isNaN(Number(literal)) ? 'a number' : Number(literal)}).` : 'Numbers are written like 42, 3.5 or 1e3.',
      );
    }
    return { kind: 'literal', value: Number.isFinite(value) ? value : 0, range: this.range(node) };
  }

  private objectItem(node: NodeId): ObjectItem {
    const t = this.tree;
    const keyNode = t.firstChild(node);
    const valueNode = t.nextSibling(t.nextSibling(keyNode));
    const key: Expr = t.type(keyNode) === 'expression' ? this.objectKey(keyNode) : this.placeholder(node);
    const value: Expr = t.type(valueNode) === 'expression' ? this.expr(valueNode) : this.placeholder(node);
    return { key, value, range: this.range(node) };
  }

  /** A bare identifier key (`team = …`, also `true`/`null`) names the key itself. */
  private objectKey(node: NodeId): Expr {
    const t = this.tree;
    const first = t.firstChild(node);
    const only = first !== NO_NODE && t.nextSibling(first) === NO_NODE ? first : NO_NODE;
    const onlyType = t.type(only);
    if (onlyType === 'variable_expr') return { kind: 'literal', value: this.name(only), range: this.range(only) };
    if (onlyType === 'literal_value') {
      const keyword = t.firstChild(only);
      const keywordType = t.type(keyword);
      if (keywordType === 'bool_lit' || keywordType === 'null_lit') {
        return { kind: 'literal', value: this.text(keyword), range: this.range(keyword) };
      }
    }
    return this.expr(node);
  }

  private call(node: NodeId): Expr {
    const t = this.tree;
    const name = t.firstChild(node);
    const argsNode = t.childOfType(node, 'function_arguments');
    const args: Expr[] = [];
    let expandFinal = false;
    for (let child = t.firstChild(argsNode); child !== NO_NODE; child = t.nextSibling(child)) {
      const type = t.type(child);
      if (type === 'expression') args.push(this.expr(child));
      else if (type === 'ellipsis') expandFinal = true;
    }
    return { kind: 'call', name: this.name(name), nameRange: this.range(name), args: exact(args), expandFinal, range: this.range(node) };
  }

  private forExpr(node: NodeId, type: string): Expr {
    const t = this.tree;
    const children = t.children(node);
    const ofType = (nodes: NodeId[], wanted: string) => nodes.filter((c) => t.type(c) === wanted);
    const intro = t.childOfType(node, 'for_intro');
    if (intro === NO_NODE) return this.placeholder(node);
    const names = ofType(t.children(intro), 'identifier').map((c) => this.text(c));
    const collection = t.childOfType(intro, 'expression');
    const bodyExprs = ofType(children, 'expression');
    const condition = t.childOfType(node, 'for_cond');
    const conditionExpr = condition === NO_NODE ? NO_NODE : t.childOfType(condition, 'expression');
    const isObject = type === 'for_object_expr';
    if (collection === NO_NODE || names.length === 0 || bodyExprs.length < (isObject ? 2 : 1)) return this.placeholder(node);
    const result: ForExpr = {
      kind: 'for',
      result: isObject ? 'object' : 'tuple',
      valueVar: names[names.length - 1]!,
      collection: this.expr(collection),
      value: this.expr(bodyExprs[isObject ? 1 : 0]!),
      grouping: isObject && t.childOfType(node, 'ellipsis') !== NO_NODE,
      range: this.range(node),
    };
    if (names.length > 1) result.keyVar = names[0]!;
    if (isObject) result.key = this.expr(bodyExprs[0]!);
    if (conditionExpr !== NO_NODE) result.condition = this.expr(conditionExpr);
    return result;
  }

  /** Quoted strings and heredocs: literal text from the source, interpolations as expressions. */
  private template(node: NodeId, type: string): Expr {
    const t = this.tree;
    const heredoc = type === 'heredoc_template';
    let contentStart: number;
    let contentEnd: number;
    const text = this.mapper.text;
    const first = t.firstChild(node);
    const last = t.lastChild(node);
    if (heredoc) {
      const open = t.childOfType(node, 'heredoc_identifier');
      const close = t.child(node, 2) !== NO_NODE ? last : NO_NODE;
      const firstNewline = text.indexOf('\n', this.ref(t.end(open)));
      contentStart = firstNewline === -1 ? text.length : firstNewline + 1;
      const closeStart = t.type(close) === 'heredoc_identifier' ? this.ref(t.start(close)) : this.ref(t.end(node));
      contentEnd = Math.max(contentStart, text.lastIndexOf('\n', closeStart - 1) + 1);
    } else {
      contentStart = this.ref(t.end(first));
      contentEnd = Math.max(contentStart, t.type(last) === 'quoted_template_end' ? this.ref(t.start(last)) : this.ref(t.end(node)));
    }
    if (!heredoc && !this.hasTemplateParts(node)) {
      // Most strings: one piece of literal text.
      return { kind: 'literal', value: this.intern(this.unescape(text.slice(contentStart, contentEnd), contentStart, 'quoted')), range: this.range(node) };
    }
    const segments: Array<Segment<Expr>> = [];
    let cursor = contentStart;
    for (let child = first; child !== NO_NODE; child = t.nextSibling(child)) {
      const childType = t.type(child);
      if (childType !== 'template_interpolation' && childType !== 'template_directive') continue;
      const start = this.ref(t.start(child));
      if (start > cursor) segments.push({ kind: 'literal', raw: text.slice(cursor, start), start: cursor });
      cursor = Math.max(cursor, this.ref(t.end(child)));
      if (childType === 'template_directive') {
        this.unsupported(child, 'template directives are not supported in bkp; use a conditional expression', 'Instead of "%{if cond}a%{else}b%{endif}", write cond ? "a" : "b".');
        continue;
      }
      segments.push(this.interpolation(child));
    }
    if (contentEnd > cursor) segments.push({ kind: 'literal', raw: text.slice(cursor, contentEnd), start: cursor });
    const style: EscapeStyle = heredoc ? 'heredoc' : 'quoted';
    if (heredoc && this.text(first) === '<<-') removeHeredocIndent(segments);
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

  private hasTemplateParts(node: NodeId): boolean {
    const t = this.tree;
    for (let child = t.firstChild(node); child !== NO_NODE; child = t.nextSibling(child)) {
      const type = t.type(child);
      if (type === 'template_interpolation' || type === 'template_directive') return true;
    }
    return false;
  }

  private interpolation(node: NodeId): Segment<Expr> {
    const t = this.tree;
    const children = t.children(node);
    const exprNode = t.childOfType(node, 'expression');
    const stripBefore = t.type(children[1] ?? NO_NODE) === 'strip_marker';
    const stripAfter = t.type(children[children.length - 2] ?? NO_NODE) === 'strip_marker' && children.length > 3;
    if (exprNode === NO_NODE) {
      const missingEnd = children.some((c) => t.isMissing(c));
      if (!missingEnd) this.errors.report(this.ref(t.start(node)), this.refEnd(t.end(node)), 'empty interpolation', 'Write an expression inside "${…}", or remove it.');
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

  private unsupported(node: NodeId, summary: string, detail: string): void {
    this.errors.report(this.ref(this.tree.start(node)), this.refEnd(this.tree.end(node)), summary, detail);
  }

  /** Stands in for an expression that could not be read; its error is reported elsewhere. */
  private placeholder(node: NodeId): Expr {
    return { kind: 'literal', value: null, range: this.range(node) };
  }

  private ref(parsedOffset: number): number {
    return this.mapper.toReference(parsedOffset);
  }

  /** `ref` for where a node ends: a name ends before the blanks its shortening also deleted. */
  private refEnd(parsedOffset: number): number {
    return this.mapper.toReferenceEnd(parsedOffset);
  }

  /** A name (identifier) of the source, one string per distinct name: see `intern`. */
  private name(node: NodeId): string {
    return this.intern(this.text(node));
  }

  /**
   * The one copy of a string this file has already produced. A configuration repeats a few names
   * and values thousands of times (`name`, `local`, `backup_vault`, a schedule); each was a string
   * of its own that the AST kept alive and every garbage collection of the load copied.
   */
  private intern(value: string): string {
    const known = this.strings.get(value);
    if (known !== undefined) return known;
    this.strings.set(value, value);
    return value;
  }

  private text(node: NodeId): string {
    return this.mapper.text.slice(this.ref(this.tree.start(node)), this.refEnd(this.tree.end(node)));
  }

  private range(node: NodeId): SourceRange {
    return rangeOf(this.mapper, this.tree.start(node), this.tree.end(node));
  }
}
