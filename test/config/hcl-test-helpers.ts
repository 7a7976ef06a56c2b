// Shared helpers of the HCL parser tests.
import { expect } from 'chai';
import type { Body } from '../../src/config/ast.js';
import { parseHcl, type ParseResult } from '../../src/config/syntax/hcl-parser.js';

export function parse(text: string): ParseResult {
  return parseHcl(text, 'main.bkp.hcl');
}

/** A copy without source ranges, to compare structure. */
export function withoutRanges<T>(value: T): T {
  if (Array.isArray(value)) return value.map(withoutRanges) as T;
  if (value && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [key, inner] of Object.entries(value)) {
      if (key !== 'range' && key !== 'nameRange' && key !== 'typeRange') out[key] = withoutRanges(inner);
    }
    return out as T;
  }
  return value;
}

/** An AST node without its ranges, as the tests write them. */
export type Shape = { kind: string; [property: string]: unknown };

/** The expression of `x = <source>` without ranges; it must parse without any diagnostic. */
export function expression(source: string): Shape {
  const result = parse(`x = ${source}\n`);
  expect(result.diagnostics, `diagnostics for ${source}`).to.deep.equal([]);
  expect(result.body.attributes).to.have.length(1);
  return withoutRanges(result.body.attributes[0]!.expr) as unknown as Shape;
}

export function body(text: string): Body {
  const result = parse(text);
  expect(result.diagnostics, 'diagnostics').to.deep.equal([]);
  return result.body;
}

export const lit = (value: string | number | boolean | null): Shape => ({ kind: 'literal', value });
export const ref = (name: string): Shape => ({ kind: 'variable', name });
export const attr = (object: Shape, name: string): Shape => ({ kind: 'getattr', object, name });
export const bin = (op: string, left: Shape, right: Shape): Shape => ({ kind: 'binary', op, left, right });

/** `line:column` of each diagnostic with its summary, in order. */
export function problems(text: string): string[] {
  return parse(text).diagnostics.map((d) => `${d.range?.start.line}:${d.range?.start.column} ${d.summary}`);
}
