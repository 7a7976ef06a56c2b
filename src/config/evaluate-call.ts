// Calls a built-in function: arity, argument conversion, unknown arguments, and error positions.
// A function's message may quote its arguments: a problem with a sensitive argument is reported
// without the function's message, and the text of sensitive arguments is removed from any other.
import type { SourceRange } from '../core/diagnostics.js';
import type { CallExpr } from './ast.js';
import type { Scope } from './evaluate-expression.js';
import { describeValue, redactSecrets, SENSITIVE_VALUE } from './evaluate-values.js';
import { FunctionError, FunctionLimitError, FUNCTIONS, type FunctionDef } from './functions.js';
import { checkStringLength, checkValueSize, EvaluationLimitError, LIMIT_SUMMARY, spendSteps } from './evaluation-limits.js';
import { didYouMean } from '../core/suggest.js';
import { convertValue } from './type-constraint.js';
import { containsUnknown, isUnknown, NUMBER_RANGE, UNKNOWN, type Value } from '../core/values.js';

export function callFunction(expr: CallExpr, evaluatedArgs: Value[], evaluatedSensitive: boolean[], scope: Scope): Value {
  const fail = (summary: string, detail: string, range: SourceRange): Value => {
    scope.reporter.error(summary, detail, range, scope.context);
    scope.taint.failed = true;
    return UNKNOWN;
  };
  const def = FUNCTIONS.get(expr.name);
  if (!def) {
    return fail(
      'Call to unknown function',
      `There is no function named "${expr.name}".${didYouMean(expr.name, [...FUNCTIONS.keys()])}`,
      expr.nameRange,
    );
  }

  let args = evaluatedArgs;
  let sensitive = evaluatedSensitive;
  let ranges = expr.args.map((a) => a.range);
  if (expr.expandFinal && args.length > 0) {
    const last = args[args.length - 1]!;
    const lastSensitive = sensitive[sensitive.length - 1]!;
    const lastRange = ranges[ranges.length - 1]!;
    if (isUnknown(last)) return UNKNOWN;
    if (!Array.isArray(last)) {
      return fail('Invalid expanding argument value', `The argument before "..." must be a list, but it is ${describeValue(last, lastSensitive)}.`, lastRange);
    }
    args = [...args.slice(0, -1), ...last];
    sensitive = [...sensitive.slice(0, -1), ...last.map(() => lastSensitive)];
    ranges = [...ranges.slice(0, -1), ...last.map(() => lastRange)];
  }

  const required = def.params.filter((p) => !p.optional).length;
  const maxArgs = def.variadic ? Infinity : def.params.length;
  if (args.length < required) {
    const missing = def.params[args.length]!;
    return fail(
      'Invalid function argument',
      `${signature(expr.name, def)} needs ${plural(required, 'argument')}, but got ${args.length}: the "${missing.name}" argument is missing.`,
      expr.range,
    );
  }
  if (args.length > maxArgs) {
    return fail(
      'Invalid function argument',
      `${signature(expr.name, def)} takes at most ${plural(maxArgs, 'argument')}, but got ${args.length}.`,
      ranges[maxArgs] ?? expr.range,
    );
  }

  const converted: Value[] = [];
  let valid = true;
  args.forEach((arg, i) => {
    const param = def.params[i] ?? def.variadic!;
    if (arg === null && !param.allowNull) {
      valid = false;
      fail('Invalid function argument', `The "${param.name}" argument of ${expr.name}() must not be null.`, ranges[i]!);
      return;
    }
    const result = convertValue(arg, param.type, sensitive[i]);
    if (!result.ok) {
      valid = false;
      fail('Invalid function argument', `Invalid value for the "${param.name}" argument of ${expr.name}(): ${result.message}.`, ranges[i]!);
      return;
    }
    converted.push(result.value);
  });
  if (!valid) return UNKNOWN;

  // Walking an argument (for unknowns, or in the function) must stay cheap: no argument may be huge.
  converted.forEach((arg, i) => checkValueSize(arg, ranges[i] ?? expr.range, `The "${(def.params[i] ?? def.variadic!).name}" argument of ${expr.name}()`));
  const unknowns = def.unknowns ?? 'deep';
  if (unknowns === 'deep' && converted.some(containsUnknown)) return UNKNOWN;
  if (unknowns === 'shallow' && converted.some(isUnknown)) return UNKNOWN;

  let result: Value;
  try {
    result = def.impl(converted, scope.moduleDir === undefined ? { dir: scope.dir } : { dir: scope.dir, moduleDir: scope.moduleDir });
  } catch (e) {
    // V8's own limit on string length: the function built something far past bkp's limits.
    if (e instanceof RangeError) throw new EvaluationLimitError(`${expr.name}() would build a value larger than bkp allows (${e.message}).`, expr.range);
    if (!(e instanceof FunctionError)) throw e;
    if (e instanceof FunctionLimitError) return fail(LIMIT_SUMMARY, `${expr.name}(): ${e.message}`, expr.range);
    const range = e.argIndex === undefined ? expr.range : (ranges[e.argIndex] ?? expr.range);
    if (e.argIndex !== undefined && sensitive[e.argIndex]) {
      const param = def.params[e.argIndex] ?? def.variadic!;
      return fail(
        'Invalid function argument',
        `${expr.name}(): the "${param.name}" argument is ${SENSITIVE_VALUE} and cannot be used here. The reason is not shown, as it would reveal the value.`,
        range,
      );
    }
    return fail('Invalid function argument', `${expr.name}(): ${redactSecrets(e.message, converted.filter((_, i) => sensitive[i]))}`, range);
  }
  if (typeof result === 'number' && !Number.isFinite(result)) {
    return fail('Number out of range', `${expr.name}() gives a number beyond the numbers bkp holds (${NUMBER_RANGE}).`, expr.range);
  }
  const size = Array.isArray(result) ? result.length : result !== null && typeof result === 'object' && !isUnknown(result) ? Object.keys(result).length : 0;
  spendSteps(scope.reporter, 1 + size, expr.range);
  if (size > 0) checkValueSize(result, expr.range, `The result of ${expr.name}()`);
  else if (typeof result === 'string') checkStringLength(result.length, expr.range);
  return result;
}

function signature(name: string, def: FunctionDef): string {
  const params = def.params.map((p) => (p.optional ? `[${p.name}]` : p.name));
  if (def.variadic) params.push(`${def.variadic.name}...`);
  return `${name}(${params.join(', ')})`;
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}
