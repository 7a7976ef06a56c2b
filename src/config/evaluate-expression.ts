// Evaluates expressions to values. Errors are reported where they happen and the erroneous value
// becomes UNKNOWN, so one mistake does not cascade into more diagnostics further on.
import type { SourceRange } from '../core/diagnostics.js';
import type { BinaryExpr, CallExpr, ConditionalExpr, Expr, ForExpr, ObjectExpr, TemplateExpr, UnaryExpr, VariableExpr } from './ast.js';
import type { Reporter } from './evaluate-diagnostics.js';
import { describeValue, formatPosition, hasKey, primitiveToString, SENSITIVE_VALUE, setKey, sortedKeys, valuesEqual } from './evaluate-values.js';
import { callFunction } from './evaluate-call.js';
import { evaluateAttempts } from './evaluate-try.js';
import { FUNCTIONS } from './functions.js';
import { flattenChain, type TraversalStep } from './references.js';
import { BOOL_TYPE, convertValue, NUMBER_TYPE, STRING_TYPE } from './type-constraint.js';
import { containsUnknown, isObjectValue, isUnknown, NUMBER_RANGE, typeName, UNKNOWN, type ObjectValue, type Value } from '../core/values.js';
import { didYouMean } from '../core/suggest.js';
import { checkCollectionSize, checkStringLength, checkValueSize, EvaluationLimitError, LIMIT_SUMMARY, spendSteps } from './evaluation-limits.js';

/** Resolves references that start at a global name: var, local, each, path, a resource kind. */
export interface ReferenceResolver {
  /**
   * Returns the value and how many steps the reference itself used (`var.x` uses one,
   * `backup_vault.main.name` two). References the checker already reported resolve to UNKNOWN.
   */
  resolve(root: VariableExpr, steps: readonly TraversalStep[], scope: Scope): { value: Value; consumed: number };
}

export interface Scope {
  reporter: Reporter;
  /** The enclosing block, for diagnostics: `backup_plan "daily"`. */
  context?: string;
  /** The configuration directory: file() reads relative to it, in a module too (as Terraform). */
  dir: string;
  /** In a module, the module's directory (absolute), which file() may also read from. */
  moduleDir?: string;
  resolver: ReferenceResolver;
  /** Names bound by enclosing `for` expressions. */
  bindings?: ReadonlyMap<string, Value>;
  /** Those of the bindings that come from a sensitive collection. */
  sensitiveBindings?: ReadonlySet<string>;
  /** `each.key` / `each.value` inside a for_each resource instance. */
  each?: { key: string; value: Value };
  /** `count.index` inside a resource instance with count. */
  count?: { index: number };
  /**
   * Marks on what was read so far: `sensitive` when it depends on a sensitive value, `failed` when
   * a value is UNKNOWN because of a problem already reported (not because it is known only after apply).
   */
  taint: { sensitive: boolean; failed?: boolean };
}

export function evaluateExpr(expr: Expr, scope: Scope): Value {
  switch (expr.kind) {
    case 'literal':
      return expr.value;
    case 'template':
      return evaluateTemplate(expr, scope);
    case 'tuple':
      return expr.items.map((item) => evaluateExpr(item, scope));
    case 'object':
      return evaluateObject(expr, scope);
    case 'variable':
    case 'getattr':
    case 'index':
      return evaluateTraversal(expr, scope);
    case 'call':
      return evaluateCall(expr, scope);
    case 'unary':
      return evaluateUnary(expr, scope);
    case 'binary':
      return evaluateBinary(expr, scope);
    case 'conditional':
      return evaluateConditional(expr, scope);
    case 'for':
      return evaluateFor(expr, scope);
  }
}

/**
 * Evaluates an expression where its evaluation starts (an argument, a local, for_each): a limit
 * passed anywhere inside becomes one error at the expression that passed it, and the value UNKNOWN.
 */
export function evaluateGuarded(expr: Expr, scope: Scope): Value {
  try {
    const value = evaluateExpr(expr, scope);
    checkValueSize(value, expr.range);
    return value;
  } catch (e) {
    if (!(e instanceof EvaluationLimitError)) throw e;
    if (!e.alreadyReported) scope.reporter.error(LIMIT_SUMMARY, e.detail, e.range, scope.context);
    scope.taint.failed = true;
    return UNKNOWN;
  }
}

/**
 * Evaluates `expr` and tells whether its value depends on a sensitive value, so that a message built
 * from the value can hide it. The scope's own mark keeps what it had, plus this.
 */
export function evaluateMarked(expr: Expr, scope: Scope): { value: Value; sensitive: boolean } {
  const outer = scope.taint.sensitive;
  scope.taint.sensitive = false;
  const value = evaluateExpr(expr, scope);
  const sensitive = scope.taint.sensitive;
  scope.taint.sensitive = outer || sensitive;
  return { value, sensitive };
}

/** A value quoted in a message, or the sensitive-value placeholder. */
function quoted(text: string, sensitive: boolean): string {
  return sensitive ? SENSITIVE_VALUE : `"${text}"`;
}

function report(scope: Scope, summary: string, detail: string, range: SourceRange): Value {
  scope.reporter.error(summary, detail, range, scope.context);
  scope.taint.failed = true;
  return UNKNOWN;
}

function evaluateTemplate(expr: TemplateExpr, scope: Scope): Value {
  // A template that is exactly one interpolation yields the value itself, unconverted ("${var.list}").
  if (expr.parts.length === 1 && typeof expr.parts[0] !== 'string') return evaluateExpr(expr.parts[0]!, scope);
  let text = '';
  let unknown = false;
  for (const part of expr.parts) {
    if (typeof part === 'string') {
      text += part;
      continue;
    }
    const { value, sensitive } = evaluateMarked(part, scope);
    if (isUnknown(value)) unknown = true;
    else if (value === null) {
      unknown = true;
      report(scope, 'Invalid template interpolation value', 'The expression result is null. A null value cannot be included in a string; give it a value or use a conditional.', part.range);
    } else if (typeof value === 'object') {
      unknown = true;
      report(
        scope,
        'Invalid template interpolation value',
        `Cannot include ${describeValue(value, sensitive)} in a string. Use jsonencode(…) or join(…) to turn it into a string.`,
        part.range,
      );
    } else {
      text += primitiveToString(value);
      checkStringLength(text.length, expr.range);
    }
  }
  return unknown ? UNKNOWN : text;
}

function evaluateObject(expr: ObjectExpr, scope: Scope): Value {
  const out: ObjectValue = {};
  const firstRange = new Map<string, SourceRange>();
  let sensitiveKeys: Set<string> | undefined;
  let unknown = false;
  for (const item of expr.items) {
    let keyValue: Value;
    let keySensitive = false;
    if (item.key.kind === 'literal' && typeof item.key.value === 'string') keyValue = item.key.value;
    else ({ value: keyValue, sensitive: keySensitive } = evaluateMarked(item.key, scope));
    const value = evaluateExpr(item.value, scope);
    if (isUnknown(keyValue)) {
      unknown = true;
      continue;
    }
    const key = convertValue(keyValue, STRING_TYPE);
    if (keyValue === null || !key.ok) {
      unknown = true;
      report(scope, 'Invalid object key', `A key must be a string, but this is ${describeValue(keyValue, keySensitive)}.`, item.key.range);
      continue;
    }
    const name = key.value as string;
    const previous = firstRange.get(name);
    if (previous) {
      const hidden = keySensitive || sensitiveKeys?.has(name) === true;
      report(scope, 'Duplicate object key', `The key ${quoted(name, hidden)} was already set at ${formatPosition(previous)}. Each key may be set only once.`, item.key.range);
      continue;
    }
    firstRange.set(name, item.key.range);
    if (keySensitive) (sensitiveKeys ??= new Set()).add(name);
    setKey(out, name, value);
  }
  return unknown ? UNKNOWN : out;
}

function evaluateTraversal(expr: Expr, scope: Scope): Value {
  const { base, steps } = flattenChain(expr);
  let value: Value;
  let consumed = 0;
  const outer = scope.taint.sensitive;
  scope.taint.sensitive = false;
  if (base.kind === 'variable' && scope.bindings?.has(base.name)) {
    value = scope.bindings.get(base.name)!;
    if (scope.sensitiveBindings?.has(base.name)) scope.taint.sensitive = true;
  } else if (base.kind === 'variable') {
    ({ value, consumed } = scope.resolver.resolve(base, steps, scope));
  } else {
    value = evaluateExpr(base, scope);
  }
  // What the steps read is as sensitive as what they read it from (or as the index they used).
  for (let i = consumed; i < steps.length; i++) value = applyStep(value, steps[i]!, scope, scope.taint.sensitive);
  scope.taint.sensitive ||= outer;
  return value;
}

/** One `.name` or `[key]` step on a value; a `sensitive` value's keys are never suggested. */
export function applyStep(value: Value, step: TraversalStep, scope: Scope, sensitive = false): Value {
  if (step.kind === 'attr') {
    if (isUnknown(value)) return UNKNOWN;
    if (value === null) {
      return report(scope, 'Attempt to get attribute from null value', `This value is null, so it has no attribute "${step.name}".`, step.range);
    }
    if (isObjectValue(value)) {
      if (hasKey(value, step.name)) return value[step.name]!;
      return report(
        scope,
        'Unsupported attribute',
        `This object does not have an attribute named "${step.name}".${sensitive ? '' : didYouMean(step.name, Object.keys(value))}`,
        step.range,
      );
    }
    if (Array.isArray(value)) {
      return report(
        scope,
        'Unsupported attribute',
        `Cannot read attribute "${step.name}" of a list. Select one element first, like [0].${step.name}, or use a for expression.`,
        step.range,
      );
    }
    return report(scope, 'Unsupported attribute', `Cannot read attribute "${step.name}" of a ${typeName(value)} value.`, step.range);
  }
  const key = evaluateMarked(step.key, scope);
  return indexValue(value, key.value, step.range, scope, sensitive, key.sensitive);
}

export function indexValue(collection: Value, key: Value, keyRange: SourceRange, scope: Scope, collectionSensitive = false, keySensitive = false): Value {
  if (isUnknown(collection) || isUnknown(key)) return UNKNOWN;
  if (collection === null) return report(scope, 'Attempt to index null value', 'This value is null, so it has no elements.', keyRange);
  if (key === null) return report(scope, 'Invalid index', 'A null value cannot be used as an index.', keyRange);
  if (Array.isArray(collection)) {
    const index = convertValue(key, NUMBER_TYPE);
    if (!index.ok) return report(scope, 'Invalid index', `A list is indexed by a number, but this is ${describeValue(key, keySensitive)}.`, keyRange);
    const n = index.value as number;
    const shownIndex = keySensitive ? SENSITIVE_VALUE : String(n);
    if (!Number.isInteger(n)) return report(scope, 'Invalid index', `A list index must be a whole number, not ${shownIndex}.`, keyRange);
    if (n < 0 || n >= collection.length) {
      const size = collectionSensitive ? 'the list is sensitive' : collection.length === 0 ? 'the list is empty' : `valid indexes are 0 to ${collection.length - 1}`;
      return report(scope, 'Invalid index', `The index ${shownIndex} is out of range: ${size}.`, keyRange);
    }
    return collection[n]!;
  }
  if (isObjectValue(collection)) {
    const name = convertValue(key, STRING_TYPE);
    if (!name.ok) return report(scope, 'Invalid index', `A map is indexed by a string, but this is ${describeValue(key, keySensitive)}.`, keyRange);
    const k = name.value as string;
    if (hasKey(collection, k)) return collection[k]!;
    const suggestion = keySensitive || collectionSensitive ? '' : didYouMean(k, Object.keys(collection));
    return report(scope, 'Invalid index', `The map has no element with the key ${quoted(k, keySensitive)}.${suggestion}`, keyRange);
  }
  return report(scope, 'Invalid index', `A ${typeName(collection)} value has no elements to index.`, keyRange);
}

function evaluateCall(expr: CallExpr, scope: Scope): Value {
  if (FUNCTIONS.get(expr.name)?.attempts) return evaluateAttempts(expr, scope);
  const args: Value[] = [];
  const sensitive: boolean[] = [];
  for (const arg of expr.args) {
    const marked = evaluateMarked(arg, scope);
    args.push(marked.value);
    sensitive.push(marked.sensitive);
  }
  return callFunction(expr, args, sensitive, scope);
}

function evaluateUnary(expr: UnaryExpr, scope: Scope): Value {
  const { value: operand, sensitive } = evaluateMarked(expr.operand, scope);
  if (expr.op === '-') {
    const n = operandAs(operand, sensitive, 'number', `operand of "-"`, expr.operand.range, scope);
    return typeof n === 'number' ? -n : UNKNOWN;
  }
  const b = operandAs(operand, sensitive, 'bool', `operand of "!"`, expr.operand.range, scope);
  return typeof b === 'boolean' ? !b : UNKNOWN;
}

/** Converts an operand, reporting "Invalid operand"; UNKNOWN when it is unknown or wrong. */
function operandAs(value: Value, sensitive: boolean, type: 'number' | 'bool', what: string, range: SourceRange, scope: Scope, hint = ''): Value {
  if (isUnknown(value)) return UNKNOWN;
  if (value === null) return report(scope, 'Invalid operand', `The ${what} is null; a ${type} is required.${hint}`, range);
  const converted = convertValue(value, type === 'number' ? NUMBER_TYPE : BOOL_TYPE, sensitive);
  if (!converted.ok) return report(scope, 'Invalid operand', `Unsuitable value for the ${what}: ${converted.message}.${hint}`, range);
  return converted.value;
}

function evaluateBinary(expr: BinaryExpr, scope: Scope): Value {
  const { value: left, sensitive: leftSensitive } = evaluateMarked(expr.left, scope);
  const { value: right, sensitive: rightSensitive } = evaluateMarked(expr.right, scope);
  const { op } = expr;
  if (op === '==' || op === '!=') {
    if (containsUnknown(left) || containsUnknown(right)) return UNKNOWN;
    return valuesEqual(left, right) === (op === '==');
  }
  if (op === '&&' || op === '||') {
    const l = operandAs(left, leftSensitive, 'bool', `left operand of "${op}"`, expr.left.range, scope);
    const r = operandAs(right, rightSensitive, 'bool', `right operand of "${op}"`, expr.right.range, scope);
    if (typeof l !== 'boolean' || typeof r !== 'boolean') return UNKNOWN;
    return op === '&&' ? l && r : l || r;
  }
  const joinHint =
    op === '+' && (typeof left === 'string' || typeof right === 'string') ? ' To join strings, use a template: "${a}${b}".' : '';
  const l = operandAs(left, leftSensitive, 'number', `left operand of "${op}"`, expr.left.range, scope, joinHint);
  const r = operandAs(right, rightSensitive, 'number', `right operand of "${op}"`, expr.right.range, scope, joinHint);
  if (typeof l !== 'number' || typeof r !== 'number') return UNKNOWN;
  switch (op) {
    case '+':
      return inRange(l + r, op, expr, scope);
    case '-':
      return inRange(l - r, op, expr, scope);
    case '*':
      return inRange(l * r, op, expr, scope);
    case '/':
    case '%':
      if (r === 0) {
        return report(scope, 'Invalid operand', `Division by zero: the right operand of "${op}" is ${rightSensitive ? `${SENSITIVE_VALUE}, which is ` : ''}0.`, expr.right.range);
      }
      return op === '/' ? inRange(l / r, op, expr, scope) : l % r;
    case '<':
      return l < r;
    case '>':
      return l > r;
    case '<=':
      return l <= r;
    case '>=':
      return l >= r;
  }
}

/**
 * Terraform's numbers are arbitrary-precision, bkp's are doubles: a result past them would be
 * Infinity, which no AWS field takes and the state (JSON) cannot even hold.
 */
function inRange(result: number, op: string, expr: BinaryExpr, scope: Scope): Value {
  if (Number.isFinite(result)) return result;
  return report(scope, 'Number out of range', `The result of "${op}" is beyond the numbers bkp holds (${NUMBER_RANGE}).`, expr.range);
}

function evaluateConditional(expr: ConditionalExpr, scope: Scope): Value {
  const { value: condition, sensitive } = evaluateMarked(expr.condition, scope);
  if (isUnknown(condition)) {
    // The result depends on a value known only after apply; still check both branches.
    evaluateExpr(expr.then, scope);
    evaluateExpr(expr.else, scope);
    return UNKNOWN;
  }
  if (condition === null) {
    return report(scope, 'Null condition', 'The condition value is null. A condition must be true or false.', expr.condition.range);
  }
  // As Terraform's: "true" and "false" (an untyped -var, say) are the bools, as for "!" and "&&".
  const converted = convertValue(condition, BOOL_TYPE, sensitive);
  if (!converted.ok || typeof converted.value !== 'boolean') {
    return report(
      scope,
      'Incorrect condition type',
      `The condition must be a bool (true or false), but it is ${describeValue(condition, sensitive)}. Compare it with something, for example x == "prod".`,
      expr.condition.range,
    );
  }
  return evaluateExpr(converted.value ? expr.then : expr.else, scope);
}

function evaluateFor(expr: ForExpr, scope: Scope): Value {
  const { value: collection, sensitive: collectionSensitive } = evaluateMarked(expr.collection, scope);
  if (isUnknown(collection)) return UNKNOWN;
  let entries: Array<[Value, Value]>;
  if (expr.splat && !Array.isArray(collection)) entries = collection === null ? [] : [[0, collection]];
  else if (Array.isArray(collection)) entries = collection.map((item, i) => [i, item]);
  else if (isObjectValue(collection)) entries = sortedKeys(collection).map((k) => [k, collection[k]!]);
  else {
    const what = collection === null ? 'null' : `a ${typeName(collection)}`;
    return report(scope, 'Iteration over non-iterable value', `A for expression needs a list or a map, but this is ${what}.`, expr.collection.range);
  }

  // The names bound to a sensitive collection's keys and values are sensitive inside the body.
  const sensitiveBindings = bindingMarks(scope.sensitiveBindings, [expr.keyVar, expr.valueVar], collectionSensitive);
  const tuple: Value[] = [];
  const object: ObjectValue = {};
  const grouped = new Map<string, Value[]>();
  let unknown = false;
  let produced = 0;
  for (const [key, value] of entries) {
    spendSteps(scope.reporter, 1, expr.range);
    const bindings = new Map(scope.bindings ?? []);
    if (expr.keyVar !== undefined) bindings.set(expr.keyVar, key);
    bindings.set(expr.valueVar, value);
    const inner: Scope = { ...scope, bindings, sensitiveBindings };
    if (expr.condition) {
      const { value: keep, sensitive: keepSensitive } = evaluateMarked(expr.condition, inner);
      if (isUnknown(keep)) {
        unknown = true;
        continue;
      }
      if (typeof keep !== 'boolean') {
        report(scope, 'Invalid for condition', `The "if" clause must be true or false, but it is ${describeValue(keep, keepSensitive)}.`, expr.condition.range);
        return UNKNOWN;
      }
      if (!keep) continue;
    }
    checkCollectionSize(++produced, expr.range);
    if (expr.result === 'tuple') {
      tuple.push(evaluateExpr(expr.value, inner));
      continue;
    }
    const { value: keyValue, sensitive: keySensitive } = evaluateMarked(expr.key!, inner);
    const item = evaluateExpr(expr.value, inner);
    if (isUnknown(keyValue)) {
      unknown = true;
      continue;
    }
    const name = keyValue === null ? undefined : convertValue(keyValue, STRING_TYPE);
    if (!name?.ok) {
      report(scope, 'Invalid object key', `A key must be a string, but this is ${describeValue(keyValue, keySensitive)}.`, expr.key!.range);
      return UNKNOWN;
    }
    const k = name.value as string;
    if (expr.grouping) {
      const group = grouped.get(k) ?? [];
      group.push(item);
      grouped.set(k, group);
    } else if (hasKey(object, k)) {
      report(
        scope,
        'Duplicate object key',
        `Two items produced the key ${quoted(k, keySensitive)} in this for expression. If duplicates are expected, add "..." after the value expression to group them by key.`,
        expr.key!.range,
      );
      return UNKNOWN;
    } else setKey(object, k, item);
  }
  if (unknown) return UNKNOWN;
  const result = expr.result === 'tuple' ? tuple : object;
  if (expr.grouping) for (const [k, group] of grouped) setKey(object, k, group);
  checkValueSize(result, expr.range);
  return result;
}

/** The sensitive bindings once `names` are bound, to sensitive values or not (a name may shadow an outer one). */
function bindingMarks(outer: ReadonlySet<string> | undefined, names: ReadonlyArray<string | undefined>, sensitive: boolean): ReadonlySet<string> | undefined {
  const bound = names.filter((n): n is string => n !== undefined);
  if (!sensitive && (outer === undefined || !bound.some((n) => outer.has(n)))) return outer;
  const marks = new Set(outer ?? []);
  for (const name of bound) {
    if (sensitive) marks.add(name);
    else marks.delete(name);
  }
  return marks;
}
