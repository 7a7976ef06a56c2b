// Meta-arguments that name things instead of computing values: `provider = aws.dr`,
// `depends_on = [backup_vault.main]`, `import { to = backup_vault.main }`. In HCL they are bare
// references; JSON configurations can only write them as strings ("aws.dr"), as Terraform's
// .tf.json does, so those strings are read as references too.
import type { SourceRange } from '../core/diagnostics.js';
import type { Expr } from './ast.js';
import type { Reporter } from './evaluate-diagnostics.js';
import { flattenChain } from './references.js';

const SEGMENT = /^(?:\.([A-Za-z_][A-Za-z0-9_-]*)|\[("(?:[^"\\]|\\.)*"|\d+)\])/;

export function isJsonFile(range: SourceRange): boolean {
  return range.file.toLowerCase().endsWith('.json');
}

/** The text of a string written without interpolation, or undefined. */
export function staticString(expr: Expr): string | undefined {
  if (expr.kind === 'literal') return typeof expr.value === 'string' ? expr.value : undefined;
  if (expr.kind === 'template' && expr.parts.every((p) => typeof p === 'string')) return expr.parts.join('');
  return undefined;
}

/**
 * Reads `backup_vault.main`, `aws.dr` or `backup_vault.x["k"]` written as a string into the same
 * expression the HCL parser would produce, positioned on the string.
 */
export function traversalFromString(text: string, range: SourceRange): Expr | undefined {
  const root = /^[A-Za-z_][A-Za-z0-9_-]*/.exec(text);
  if (!root) return undefined;
  let expr: Expr = { kind: 'variable', name: root[0], range };
  let rest = text.slice(root[0].length);
  while (rest.length > 0) {
    const m = SEGMENT.exec(rest);
    if (!m) return undefined;
    if (m[1] !== undefined) expr = { kind: 'getattr', object: expr, name: m[1], range };
    else {
      let key: string | number;
      try {
        key = m[2]!.startsWith('"') ? (JSON.parse(m[2]!) as string) : Number(m[2]);
      } catch {
        return undefined; // an invalid escape sequence in the key
      }
      expr = { kind: 'index', object: expr, index: { kind: 'literal', value: key, range }, range };
    }
    rest = rest.slice(m[0].length);
  }
  return expr;
}

/**
 * The expression of a reference-valued meta-argument: the expression itself in HCL, the string
 * read as a reference in JSON. A quoted reference in HCL is reported (Terraform refuses it too)
 * and then read like JSON, so one mistake gives one message.
 */
export function referenceExpr(expr: Expr, what: string, example: string, reporter: Reporter, context: string): Expr | undefined {
  const text = staticString(expr);
  if (text === undefined) return expr;
  const parsed = traversalFromString(text, expr.range);
  if (!isJsonFile(expr.range)) {
    reporter.error(`Invalid ${what}`, `${what} takes a reference, like ${example}, without quotes.`, expr.range, context);
  } else if (!parsed) {
    reporter.error(`Invalid ${what}`, `"${text}" is not a reference; write it like "${example}".`, expr.range, context);
  }
  return parsed;
}

/** A provider reference: `aws`, `aws.dr`, or one instance of a provider with for_each, `aws.account["prod"]`. */
export interface ProviderReference {
  /** The provider block's key: "aws", "aws.dr", "aws.account". */
  key: string;
  /** The instance expression of `aws.account[…]`, evaluated per instance of what refers to it. */
  index?: Expr;
}

/** `aws`, `aws.dr` or `aws.account[KEY]` from a provider reference, or undefined when it is not one. */
export function providerReferenceFrom(expr: Expr): ProviderReference | undefined {
  const { base, steps } = flattenChain(expr);
  if (base.kind !== 'variable') return undefined;
  if (steps.length === 0) return { key: base.name };
  const [alias, index] = steps;
  if (alias?.kind !== 'attr' || steps.length > 2) return undefined;
  const key = `${base.name}.${alias.name}`;
  if (index === undefined) return { key };
  return index.kind === 'index' ? { key, index: index.key } : undefined;
}

/** A resource address from a reference: `backup_vault.main`, and the instance key when one is written literally. */
export function addressFrom(expr: Expr): { kind: string; name: string; key?: Expr } | undefined {
  const { base, steps } = flattenChain(expr);
  const nameStep = steps[0];
  if (base.kind !== 'variable' || nameStep?.kind !== 'attr') return undefined;
  const keyStep = steps[1];
  if (steps.length === 1) return { kind: base.name, name: nameStep.name };
  if (steps.length === 2 && keyStep?.kind === 'index') return { kind: base.name, name: nameStep.name, key: keyStep.key };
  return undefined;
}

export { instanceAddress } from '../core/addresses.js';
