// try() and can(), as Terraform's: each argument is an expression to attempt, not a value. try()
// gives the value of the first argument that evaluates without an error, can() whether its one
// argument does. What a failed attempt reports is taken back; only problems with values are caught
// this way, since references are checked before anything is evaluated (an undeclared variable is
// an error even inside try()), and the evaluation limits still hold across attempts.
import type { CallExpr } from './ast.js';
import { evaluateExpr, type Scope } from './evaluate-expression.js';
import { UNKNOWN, type Value } from '../core/values.js';

interface Attempt {
  value: Value;
  failed: boolean;
  sensitive: boolean;
  /** The first error of a failed attempt, for the message when every attempt fails. */
  firstError?: string;
}

function attempt(expr: CallExpr['args'][number], scope: Scope): Attempt {
  const { reporter } = scope;
  const checkpoint = reporter.checkpoint();
  const reportsBefore = reporter.errorReports;
  const inner: Scope = { ...scope, taint: { sensitive: false } };
  const value = evaluateExpr(expr, inner);
  const failed = reporter.errorReports > reportsBefore || inner.taint.failed === true;
  const removed = failed ? reporter.rollback(checkpoint) : [];
  return { value, failed, sensitive: inner.taint.sensitive, ...(removed[0] && { firstError: removed[0].summary }) };
}

export function evaluateAttempts(expr: CallExpr, scope: Scope): Value {
  const fail = (detail: string): Value => {
    scope.reporter.error('Invalid function argument', detail, expr.range, scope.context);
    scope.taint.failed = true;
    return UNKNOWN;
  };
  if (expr.expandFinal) return fail(`${expr.name}() takes expressions, which cannot be expanded with "...".`);
  if (expr.name === 'can') {
    if (expr.args.length !== 1) return fail(`can() takes exactly one expression, but got ${expr.args.length}.`);
    const result = attempt(expr.args[0]!, scope);
    if (result.failed) return false;
    return result.value === UNKNOWN ? UNKNOWN : true;
  }
  if (expr.args.length === 0) return fail('try() needs at least one expression to attempt.');
  let first: string | undefined;
  for (const arg of expr.args) {
    const result = attempt(arg, scope);
    if (!result.failed) {
      if (result.sensitive) scope.taint.sensitive = true;
      return result.value;
    }
    first ??= result.firstError;
  }
  return fail(`No expression given to try() could be evaluated without an error${first === undefined ? '' : `; the first one failed with "${first}"`}. Add a last expression that always works, such as a default value.`);
}
