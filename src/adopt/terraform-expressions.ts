// Terraform expressions → bkp expressions, from the AST bkp's own HCL parser makes of a .tf file.
// What bkp's language has is written back as it is (literals, templates, operators, conditionals,
// for expressions, the functions bkp knows); references are renamed (aws_backup_vault.x.name →
// backup_vault.x.name); a reference to something bkp does not manage (an IAM role, a data source)
// becomes the value the Terraform state holds, when a state was given. Anything else is refused with
// the reason and the place, and the caller writes the Terraform text as a comment.
import type { Expr, ForExpr } from '../config/ast.js';
import { SPLAT_ELEMENT } from '../config/syntax/expression-parser.js';
import type { SourceRange } from '../core/diagnostics.js';
import { FUNCTIONS } from '../config/functions.js';
import { Expression, fromValue, isIdentifier, quoted, type HclValue } from './hcl-document.js';
import type { Value } from '../core/values.js';

export class Untranslatable extends Error {
  constructor(
    readonly reason: string,
    readonly range: SourceRange,
  ) {
    super(reason);
  }
}

/** What a step of a traversal is: `.name` or `[index]`. */
export type Step = { kind: 'attr'; name: string } | { kind: 'index'; key: string | number | undefined; expr: Expr };

export interface TranslationScope {
  /**
   * The bkp reference for `TYPE.NAME[KEY].ATTR…` of a converted Terraform resource, or undefined
   * when TYPE is not converted. Throws Untranslatable for an attribute bkp has no name for.
   */
  resourceReference(type: string, name: string, steps: readonly Step[], range: SourceRange): string | undefined;
  /** The value the Terraform state holds for a reference to something bkp does not manage, if known. */
  stateValue(mode: 'managed' | 'data', type: string, name: string, steps: readonly Step[]): Value | undefined;
  /** Variables a for expression or for_each introduces, in scope where they are valid. */
  localNames: ReadonlySet<string>;
}

/** Roots that mean the same in bkp. */
const KEPT_ROOTS = new Set(['var', 'local', 'each', 'count']);

function flatten(expr: Expr): { root: string; rootRange: SourceRange; steps: Step[] } | undefined {
  const steps: Step[] = [];
  let at: Expr = expr;
  for (;;) {
    if (at.kind === 'getattr') {
      steps.unshift({ kind: 'attr', name: at.name });
      at = at.object;
    } else if (at.kind === 'index') {
      const key = at.index.kind === 'literal' && (typeof at.index.value === 'string' || typeof at.index.value === 'number') ? at.index.value : undefined;
      steps.unshift({ kind: 'index', key, expr: at.index });
      at = at.object;
    } else if (at.kind === 'variable') {
      return { root: at.name, rootRange: at.range, steps };
    } else {
      return undefined;
    }
  }
}

function stepsText(steps: readonly Step[], scope: TranslationScope): string {
  return steps.map((s) => (s.kind === 'attr' ? `.${s.name}` : `[${translateExpression(s.expr, scope)}]`)).join('');
}

/** A value as a bkp expression: a literal, list or object. */
export function literalText(value: Value): string {
  return valueText(fromValue(value));
}

/** Data as an expression (what fromValue makes holds no Expression). */
function valueText(value: HclValue): string {
  if (value === null) return 'null';
  if (typeof value === 'string') return quoted(value);
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (Array.isArray(value)) return `[${value.map(valueText).join(', ')}]`;
  if (value instanceof Expression) return value.text;
  return `{ ${Object.entries(value as Record<string, HclValue>).map(([k, v]) => `${isIdentifier(k) ? k : quoted(k)} = ${valueText(v)}`).join(', ')} }`;
}

function traversal(expr: Expr, scope: TranslationScope): string {
  const flat = flatten(expr);
  if (!flat) {
    // A traversal of something else (a call's result, a literal): the base is translated as it is.
    if (expr.kind === 'getattr') return `${operand(expr.object, scope)}.${expr.name}`;
    if (expr.kind === 'index') return `${operand(expr.object, scope)}[${translateExpression(expr.index, scope)}]`;
    throw new Untranslatable('not a reference', expr.range);
  }
  const { root, steps, rootRange } = flat;
  if (KEPT_ROOTS.has(root) || scope.localNames.has(root)) return root + stepsText(steps, scope);
  if (root === 'module') throw new Untranslatable(`module${stepsText(steps, scope)}: bkp does not convert Terraform modules (or their outputs); give the value`, expr.range);
  if (root === 'path' || root === 'terraform') throw new Untranslatable(`${root}${stepsText(steps, scope)}: bkp has no such value`, expr.range);
  const first = steps[0];
  if (root === 'data') {
    const type = first?.kind === 'attr' ? first.name : undefined;
    const name = steps[1]?.kind === 'attr' ? steps[1].name : undefined;
    if (type === undefined || name === undefined) throw new Untranslatable('an incomplete data source reference', expr.range);
    const value = scope.stateValue('data', type, name, steps.slice(2));
    if (value !== undefined) return literalText(value);
    throw new Untranslatable(`data.${type}.${name}: bkp has no such data source; give the value, or convert with -state to take it from the Terraform state`, expr.range);
  }
  if (first?.kind !== 'attr') throw new Untranslatable(`${root}: not a reference bkp knows`, rootRange);
  const converted = scope.resourceReference(root, first.name, steps.slice(1), expr.range);
  if (converted !== undefined) return converted;
  const value = scope.stateValue('managed', root, first.name, steps.slice(1));
  if (value !== undefined) return literalText(value);
  throw new Untranslatable(`${root}.${first.name}: bkp does not manage ${root}; give the value, or convert with -state to take it from the Terraform state`, expr.range);
}

/**
 * `x[*].attr` (or `x.*.attr`): written the same way, its element's traversal translated as a
 * reference to one object would be, so a converted resource's attribute gets bkp's name
 * (`aws_backup_vault.x[*].id` → `backup_vault.x[*].name`).
 */
function splatText(expr: ForExpr, scope: TranslationScope): string {
  const star = expr.splat === 'full' ? '[*]' : '.*';
  const collection = flatten(expr.collection);
  const element = flatten(expr.value);
  const first = collection?.steps[0];
  const isResource = collection !== undefined && !KEPT_ROOTS.has(collection.root) && !scope.localNames.has(collection.root) && !['data', 'module', 'path', 'terraform'].includes(collection.root);
  if (isResource && element !== undefined && collection.steps.length === 1 && first?.kind === 'attr') {
    const converted = scope.resourceReference(collection.root, first.name, element.steps, expr.range);
    if (converted !== undefined) {
      // "kind.name.attr…": the splat goes where one instance's key would.
      const afterName = converted.indexOf('.', converted.indexOf('.') + 1);
      return afterName < 0 ? `${converted}${star}` : `${converted.slice(0, afterName)}${star}${converted.slice(afterName)}`;
    }
  }
  const inner: TranslationScope = { ...scope, localNames: new Set([...scope.localNames, SPLAT_ELEMENT]) };
  return `${operand(expr.collection, scope)}${star}${translateExpression(expr.value, inner).slice(SPLAT_ELEMENT.length)}`;
}

/** An operand of an operator: parenthesised when it is itself an operation. */
function operand(expr: Expr, scope: TranslationScope): string {
  const text = translateExpression(expr, scope);
  return expr.kind === 'binary' || expr.kind === 'conditional' || expr.kind === 'unary' ? `(${text})` : text;
}

function templateText(parts: ReadonlyArray<string | Expr>, scope: TranslationScope): string {
  const body = parts.map((p) => (typeof p === 'string' ? quoted(p).slice(1, -1) : `\${${translateExpression(p, scope)}}`)).join('');
  return `"${body}"`;
}

/** The bkp text of a Terraform expression; throws Untranslatable. */
export function translateExpression(expr: Expr, scope: TranslationScope): string {
  switch (expr.kind) {
    case 'literal':
      return literalText(expr.value);
    case 'template':
      return templateText(expr.parts, scope);
    case 'tuple':
      return `[${expr.items.map((i) => translateExpression(i, scope)).join(', ')}]`;
    case 'object':
      return `{ ${expr.items
        .map((item) => {
          const key =
            item.key.kind === 'literal' && typeof item.key.value === 'string'
              ? isIdentifier(item.key.value)
                ? item.key.value
                : quoted(item.key.value)
              : item.key.kind === 'template'
                ? translateExpression(item.key, scope)
                : `(${translateExpression(item.key, scope)})`;
          return `${key} = ${translateExpression(item.value, scope)}`;
        })
        .join(', ')} }`;
    case 'variable':
    case 'getattr':
    case 'index':
      return traversal(expr, scope);
    case 'call': {
      if (!FUNCTIONS.has(expr.name)) throw new Untranslatable(`${expr.name}(): bkp has no such function`, expr.nameRange);
      const args = expr.args.map((a) => translateExpression(a, scope));
      return `${expr.name}(${args.join(', ')}${expr.expandFinal ? '...' : ''})`;
    }
    case 'unary':
      return `${expr.op}${operand(expr.operand, scope)}`;
    case 'binary':
      return `${operand(expr.left, scope)} ${expr.op} ${operand(expr.right, scope)}`;
    case 'conditional':
      return `${operand(expr.condition, scope)} ? ${operand(expr.then, scope)} : ${operand(expr.else, scope)}`;
    case 'for': {
      if (expr.splat) return splatText(expr, scope);
      const inner: TranslationScope = { ...scope, localNames: new Set([...scope.localNames, expr.valueVar, ...(expr.keyVar ? [expr.keyVar] : [])]) };
      const vars = expr.keyVar ? `${expr.keyVar}, ${expr.valueVar}` : expr.valueVar;
      const condition = expr.condition ? ` if ${translateExpression(expr.condition, inner)}` : '';
      const head = `for ${vars} in ${translateExpression(expr.collection, scope)} :`;
      if (expr.result === 'tuple') return `[${head} ${translateExpression(expr.value, inner)}${condition}]`;
      return `{${head} ${translateExpression(expr.key!, inner)} => ${translateExpression(expr.value, inner)}${expr.grouping ? '...' : ''}${condition}}`;
    }
  }
}
