// The configuration AST: what the HCL and JSON loaders produce and the evaluator consumes.
// Every node keeps its source range so that any later diagnostic can point at it.
import type { SourceRange } from '../core/diagnostics.js';

export type BinaryOp = '+' | '-' | '*' | '/' | '%' | '==' | '!=' | '<' | '>' | '<=' | '>=' | '&&' | '||';
export type UnaryOp = '-' | '!';

export type Expr =
  | LiteralExpr
  | TemplateExpr
  | TupleExpr
  | ObjectExpr
  | VariableExpr
  | GetAttrExpr
  | IndexExpr
  | CallExpr
  | UnaryExpr
  | BinaryExpr
  | ConditionalExpr
  | ForExpr;

/** Numbers, booleans, null, and strings without interpolation. */
export interface LiteralExpr {
  kind: 'literal';
  value: string | number | boolean | null;
  range: SourceRange;
}

/**
 * A string with interpolations ("a-${var.x}") or a heredoc. Literal parts are already unescaped
 * (`\n`, `\"`, and `$${` → `${`), so the evaluator only concatenates.
 */
export interface TemplateExpr {
  kind: 'template';
  parts: Array<string | Expr>;
  range: SourceRange;
}

export interface TupleExpr {
  kind: 'tuple';
  items: Expr[];
  range: SourceRange;
}

export interface ObjectItem {
  /** A bare identifier key (`team = …`) is a LiteralExpr string; `(var.k) = …` or `"a b" = …` is an expression. */
  key: Expr;
  value: Expr;
  range: SourceRange;
}

export interface ObjectExpr {
  kind: 'object';
  items: ObjectItem[];
  range: SourceRange;
}

/** The root of a traversal: `var`, `local`, `each`, `backup_vault`, … */
export interface VariableExpr {
  kind: 'variable';
  name: string;
  range: SourceRange;
}

export interface GetAttrExpr {
  kind: 'getattr';
  object: Expr;
  name: string;
  range: SourceRange;
}

/** `x[expr]`, and the legacy `x.0` form. */
export interface IndexExpr {
  kind: 'index';
  object: Expr;
  index: Expr;
  range: SourceRange;
}

export interface CallExpr {
  kind: 'call';
  name: string;
  nameRange: SourceRange;
  args: Expr[];
  /** `f(list...)`: the last argument is expanded. */
  expandFinal: boolean;
  range: SourceRange;
}

export interface UnaryExpr {
  kind: 'unary';
  op: UnaryOp;
  operand: Expr;
  range: SourceRange;
}

export interface BinaryExpr {
  kind: 'binary';
  op: BinaryOp;
  left: Expr;
  right: Expr;
  range: SourceRange;
}

export interface ConditionalExpr {
  kind: 'conditional';
  condition: Expr;
  then: Expr;
  else: Expr;
  range: SourceRange;
}

/** `[for k, v in coll : expr if cond]` and `{for k, v in coll : key => value if cond}`. */
export interface ForExpr {
  kind: 'for';
  /** 'tuple' for `[...]`, 'object' for `{...}`. */
  result: 'tuple' | 'object';
  keyVar?: string;
  valueVar: string;
  collection: Expr;
  /** For tuple results: the element; for object results: the value. */
  value: Expr;
  /** Only for object results. */
  key?: Expr;
  condition?: Expr;
  /** `...` after the value of an object for: group values by key. */
  grouping: boolean;
  /**
   * A splat, `list[*].name` ('full') or `list.*.name` ('attributes'), read as `[for * in list : *.name]`
   * (`*` is no name a configuration can write): as in HCL, a value that is not a list counts as a
   * one-element list, and null as an empty one.
   */
  splat?: 'full' | 'attributes';
  /**
   * Set only on the wrapper a dynamic block's content is checked in: valueVar is then the block's
   * iterator, an object with just `key` and `value`.
   */
  iterator?: true;
  range: SourceRange;
}

export interface Attribute {
  name: string;
  nameRange: SourceRange;
  expr: Expr;
  /** The whole `name = expr`. */
  range: SourceRange;
}

export interface BlockLabel {
  value: string;
  range: SourceRange;
}

export interface Block {
  type: string;
  typeRange: SourceRange;
  labels: BlockLabel[];
  body: Body;
  /** From the type name to the closing brace. */
  range: SourceRange;
}

export interface Body {
  /** In source order. A name appearing twice is kept twice: the decoder reports the duplicate. */
  attributes: Attribute[];
  /** In source order. */
  blocks: Block[];
  range: SourceRange;
}

export interface ConfigFile {
  /** Relative to the configuration directory, as shown in diagnostics. */
  path: string;
  text: string;
  body: Body;
  /** For a file of a local module: its directory relative to the configuration directory (`modules/vaults`). */
  module?: string;
}
